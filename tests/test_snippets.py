"""The code the app hands out, executed as a learner would paste it: it must print the numbers on screen.

PyTorch snippets reproduce torch's output bit for bit (seeded draws, or the numbers
written out); NumPy snippets recompute the engine's output from the written numbers.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import replace

import numpy as np
import pytest

from conv_viz import data, reference
from conv_viz.core.params import Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import DEFAULT
from conv_viz.text.code import conv as snippets
from conv_viz.views import scene
from tests.test_reference import EXAMPLE_2, engine_output

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.filterwarnings(
    "ignore:Using padding=.same. with even kernel lengths:UserWarning"
)  # torch perf note

# ---------------------------------------------------------------- PyTorch, executed


def run_snippet(code: str) -> np.ndarray:
    """Execute the snippet as a learner would paste it (fresh namespace) and return its ``y``."""
    namespace: dict[str, object] = {}
    exec(compile(code, "<snippet>", "exec"), namespace)  # the code is ours: that is what is being tested
    y = namespace["y"]
    assert isinstance(y, torch.Tensor)
    out: np.ndarray = y.detach().numpy()
    return out


def check_snippet(params: Conv1dParams, batch: int, length: int, d: data.ConvData) -> str:
    """The snippet reproduces torch's numbers exactly and the engine's within tolerance."""
    code = snippets.pytorch_snippet(params, batch, length, d)
    y = run_snippet(code)
    expected = reference.run_torch(d.x, d.weight, d.bias, params, expected=engine_output(params, d))
    assert expected.allclose
    assert y.dtype == d.x.dtype
    np.testing.assert_array_equal(y, expected.output)
    assert code.rstrip().endswith("print(y)")
    return code


def test_snippet_example_2_is_the_three_lines() -> None:
    params, batch, length, seed = EXAMPLE_2
    code = check_snippet(params, batch, length, data.seeded(params, batch, length, seed))
    assert "torch.manual_seed(666)\nx = torch.randn(2, 2, 5)\nconv = nn.Conv1d(2, 2, 3, bias=False)\n" in code
    assert "torch.tensor" not in code


def test_snippet_example_1_typed_ramp() -> None:
    """EXAMPLES.md #1 from the URL's typed data: outputs 0.8, 1.4, …, 8.6."""
    params = Conv1dParams(1, 1, 3, bias=False)
    x = data.parse_input(",".join(str(i) for i in range(16)))
    d = data.make_data(params, 1, 16, 0, x, data.parse_weight("0.1,0.2,0.3"))
    code = check_snippet(params, 1, 16, d)
    np.testing.assert_allclose(run_snippet(code)[0, 0, [0, 1, -1]], [0.8, 1.4, 8.6])
    assert "dtype=torch.float64" in code
    assert "[[[0.1, 0.2, 0.3]]]" in code


SNIPPET_CASES = [
    (Conv1dParams(2, 3, 5), 4, 6, "random", "random"),
    (Conv1dParams(2, 4, 3, groups=2, padding="same", padding_mode="reflect"), 2, 9, "random", "edge"),
    (Conv1dParams(3, 2, 4, padding=2, padding_mode="circular"), 2, 9, "chirp", "random"),
    (Conv1dParams(2, 2, 3, dilation=2, causal=True, padding_mode="replicate"), 1, 12, "random", "random"),
    (Conv1dParams(2, 2, 3, causal=True), 1, 12, "step", "identity"),
    (Conv1dParams(1, 2, 4, stride=3, bias=True), 2, 20, "multivariate", "gaussian"),
]


@pytest.mark.parametrize(("params", "batch", "length", "x", "weights"), SNIPPET_CASES, ids=str)
def test_snippet_reproduces_the_screen(params: Conv1dParams, batch: int, length: int, x: str, weights: str) -> None:
    d = data.make_data(params, batch, length, 31, x, weights)
    check_snippet(params, batch, length, d)


@pytest.mark.parametrize(("params", "batch", "length", "x", "weights"), SNIPPET_CASES[:4], ids=str)
def test_snippet_of_seeded_data_shown_in_float64(
    params: Conv1dParams, batch: int, length: int, x: str, weights: str
) -> None:
    """The page may show seeded float32 draws in float64: the snippet draws in float32, then .double()."""
    d = data.make_data(params, batch, length, 31, x, weights)
    d64 = data.ConvData(
        d.x.astype(np.float64),
        d.weight.astype(np.float64),
        None if d.bias is None else d.bias.astype(np.float64),
        d.source,
        d.seed,
        d.x_seeded,
        d.weight_seeded,
    )
    code = check_snippet(params, batch, length, d64)
    assert ".double()" in code


def test_snippet_of_typed_data_with_bias() -> None:
    params = Conv1dParams(2, 2, 2)
    x = data.parse_input("1, -2.5, 3e-3; 0.1, 0.2, 1e10 | 0, 0, 0; 1, 1, 1")
    d = data.make_data(params, 2, 3, 0, x, data.parse_weight("1,2;3,4|5,6;7,8"), data.parse_bias("0.5,-0.25"))
    code = check_snippet(params, 2, 3, d)
    assert "conv.bias.copy_(torch.tensor([0.5, -0.25], dtype=torch.float64))" in code


def test_snippet_of_typed_data_shown_in_float32() -> None:
    """The page may cast typed data to float32: the snippet writes float32 tensors that read back exactly."""
    params = Conv1dParams(1, 1, 3)
    d = data.make_data(params, 1, 5, 0, data.parse_input("0.1, 0.2, 0.3, 1e-8, 3"), "gaussian")
    assert d.bias is not None
    d32 = data.ConvData(d.x.astype(np.float32), d.weight.astype(np.float32), d.bias.astype(np.float32))
    code = check_snippet(params, 1, 5, d32)
    assert "dtype=torch.float32" in code
    assert "0.1, 0.2, 0.3, 1e-8, 3" in code


def test_snippet_of_numpy_fallback_data_writes_the_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """No seed reproduces NumPy's draw in torch: the snippet spells the numbers out instead."""
    params = Conv1dParams(2, 2, 3)
    with monkeypatch.context() as m:
        m.setattr(reference, "torch_available", lambda: False)
        d = data.seeded(params, 1, 6, 0)
    code = check_snippet(params, 1, 6, d)
    assert "manual_seed" not in code


def test_snippet_of_seeded_weights_with_a_typed_bias() -> None:
    """The three lines, then only the bias copied in: torch's drawn weights stay."""
    params = Conv1dParams(2, 2, 3)
    d = data.make_data(params, 1, 8, 666, "random", "random", data.parse_bias("0.5, -2"))
    code = check_snippet(params, 1, 8, d)
    assert "conv.bias.copy_(torch.tensor([0.5, -2], dtype=torch.float32))" in code
    assert "conv.weight.copy_" not in code


def test_snippet_too_big() -> None:
    params = Conv1dParams(1, 1, 3)
    d = data.make_data(params, 1, 30_000, 0, "ramp", "edge")
    with pytest.raises(ConvVizError) as info:
        snippets.pytorch_snippet(params, 1, 30_000, d)
    assert info.value.key == "snippet_too_big"
    assert "30,004" in info.value.message("en")


# ---------------------------------------------------------------- NumPy, executed

NUMPY_CASES = [  # (conv arguments, view fields): every padding mode, same/valid/causal, groups, stride, dilation
    ({}, {}),
    ({"padding": 2, "padding_mode": "reflect", "in_channels": 2, "out_channels": 4, "groups": 2}, {"input": "chirp"}),
    ({"padding": 3, "padding_mode": "circular", "kernel_size": 4, "stride": 2}, {"batch": 2}),
    ({"padding": "same", "kernel_size": 4, "dilation": 2, "padding_mode": "replicate"}, {"length": 15}),
    ({"padding": "valid", "in_channels": 3, "out_channels": 3, "groups": 3, "bias": False}, {"weights": "edge"}),
    ({"causal": True, "dilation": 3, "kernel_size": 3}, {"input": "step", "weights": "identity"}),
    ({"kernel_size": 1, "in_channels": 4, "out_channels": 2}, {"dtype": "float32"}),
    ({"padding": 1, "padding_mode": "reflect", "stride": 3}, {"dtype": "float32", "x": "0.1,0.2,0.3,1e-8,3,-7,2.5"}),
]


def run_numpy_snippet(code: str) -> tuple[np.ndarray, str]:
    """Execute the NumPy snippet in a fresh namespace: its ``y`` and what it printed."""
    namespace: dict[str, object] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<numpy snippet>", "exec"), namespace)  # the code is ours: that is what is being tested
    y = namespace["y"]
    assert isinstance(y, np.ndarray)
    return y, out.getvalue()


@pytest.mark.parametrize(("conv", "view"), NUMPY_CASES, ids=str)
def test_numpy_snippet_recomputes_the_engine(conv: dict[str, object], view: dict[str, object]) -> None:
    state = scene.ConvSpec(conv=replace(DEFAULT.conv, **conv), **view)  # type: ignore[arg-type]
    s = scene.build_scene(state)
    code = snippets.numpy_snippet(s.params, s.data)
    y, printed = run_numpy_snippet(code)
    assert y.dtype == s.y.dtype
    assert y.shape == s.y.shape
    tol = {"float64": 1e-12, "float32": 1e-5}[s.y.dtype.name]
    np.testing.assert_allclose(y, s.y, rtol=tol, atol=tol)
    assert printed.strip().startswith("[")  # it prints y, as the code says
    assert "torch" not in code  # plain NumPy: runs where torch is not installed


def test_numpy_snippet_writes_every_number_exactly() -> None:
    """The written x, weight and bias read back to the very arrays on screen (no rounding to 4 decimals)."""
    state = scene.ConvSpec(x="0.1,0.2,0.3,1e-8,3,-7", w="0.3333333333333333,1e-300,-2", b="0.5")
    s = scene.build_scene(state)
    namespace: dict[str, object] = {}
    code = snippets.numpy_snippet(s.params, s.data).split("stride, dilation")[0]  # only the data lines
    exec(compile(code, "<numpy snippet>", "exec"), namespace)
    for name, expected in (("x", s.data.x), ("weight", s.data.weight), ("bias", s.data.bias)):
        np.testing.assert_array_equal(namespace[name], expected)


def test_numpy_snippet_too_big() -> None:
    s = scene.build_scene(scene.ConvSpec(length=30_000, input="ramp", weights="edge"))
    with pytest.raises(ConvVizError) as info:
        snippets.numpy_snippet(s.params, s.data)
    assert info.value.key == "snippet_too_big"
