"""The public engine: ``torch.nn.functional``'s conv1d and conv_transpose1d in NumPy, and one output explained.

The import path DESIGN.md promises (``conv_viz.engine.conv1d``) and the one the layers above ``core``
use. The arithmetic lives in ``conv_viz/core/conv.py``, beside the geometry and strategies it is built
on, so ``core`` has no cycle.

>>> import numpy as np
>>> conv1d(np.arange(16.0).reshape(1, 1, 16), np.array([[[0.1, 0.2, 0.3]]]))[0, 0, :3].round(4).tolist()
[0.8, 1.4, 2.0]
"""

from conv_viz.core.conv import (
    DTYPES,
    Explanation,
    Term,
    apply,
    conv1d,
    conv_params,
    conv_transpose1d,
    explain,
    pad,
)

__all__ = ["DTYPES", "Explanation", "Term", "apply", "conv1d", "conv_params", "conv_transpose1d", "explain", "pad"]
