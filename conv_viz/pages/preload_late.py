"""What only some pages need, loaded once, by one thread, after ``preload``: the first page is not kept waiting.

The matrix page checks its Toeplitz matrix against torch's forward-mode Jacobian, ``torch.func.jacfwd``, whose
first call imports ``torch._decomp.decompositions_for_jvp`` and registers its rules: a fifth of a second or
more, on a cold server time every student would wait for the playground, which never uses it. So the server's
warm-up thread imports this module after ``preload``, once the first page is drawn, between two page runs
(``app.py``), and every page that needs ``jacfwd`` imports this module first in its ``render``. Whichever
thread comes first runs the body; the others wait on this module's import lock until it is done, the same
serialisation point as ``preload`` (whose docstring says why two threads must never import such a package at
once). ``tests/test_preload.py`` checks both halves.
"""

from __future__ import annotations

import numpy as np

from conv_viz import reference
from conv_viz.core.params import Conv1dParams


def _jacobian() -> None:
    if reference.torch_available():
        params = Conv1dParams(1, 1, 2)
        reference.torch_jacobian(np.zeros((1, 3)), np.zeros(params.weight_shape), params)


_jacobian()
