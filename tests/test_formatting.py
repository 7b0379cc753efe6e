"""Text the page shows: tensors printed like torch, one cell's sum, the output-length formula with numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from conv_viz import engine
from conv_viz.core.params import PADDING_MODES, Conv1dParams, ConvTranspose1dParams
from conv_viz.text import formatting, formulas
from conv_viz.text.formatting import fmt
from tests.helpers import torch_layer

NUMBER = re.compile(r"-?\d+\.\d*(?:e[+-]?\d+)?")


@pytest.fixture(autouse=True)
def _torch_print_defaults() -> Iterator[None]:
    torch.set_printoptions(profile="default")
    yield
    torch.set_printoptions(profile="default")


def numbers(text: str) -> list[float]:
    return [float(v) for v in NUMBER.findall(text)]


def skeleton(text: str) -> str:
    """Brackets, commas and ellipses only: the nesting torch and the app must share."""
    text = re.sub(r",\s*dtype=torch\.\w+", "", text)
    text = NUMBER.sub("", text.split("(", 1)[1])
    return re.sub(r"\s+", "", text)


RNG = np.random.default_rng(7)
ARRAYS = {
    "vector": RNG.standard_normal(5),
    "matrix": RNG.standard_normal((2, 3)),
    "batch": RNG.standard_normal((2, 3, 5)),
    "ramp_output": np.round(np.arange(14) * 0.6 + 0.8, 10).reshape(1, 1, 14),
    "float32": RNG.standard_normal((2, 2, 4)).astype(np.float32),
    "wide_row": RNG.standard_normal((1, 2, 40)),
    "large_values": RNG.standard_normal((2, 6)) * 50,
    "mixed_scale": np.array([[1.0, -1e-6, 2.5, 100.0, -3.25]]),  # torch switches to scientific notation
    "summarised": RNG.standard_normal((1, 2, 3000)),
}


@pytest.mark.parametrize("name", list(ARRAYS))
def test_tensor_text_prints_torchs_numbers_and_nesting(name: str) -> None:
    a = ARRAYS[name]
    torch.set_printoptions(threshold=4000, edgeitems=3)  # the app's summarising threshold, torch's edgeitems
    expected = str(torch.from_numpy(a))
    got = formatting.tensor_text(a, "tensor")
    assert got.startswith("tensor(")
    assert got.endswith(")")
    assert numbers(got) == numbers(expected)
    assert skeleton(got) == skeleton(expected)
    assert ("..." in got) == (a.size > 4000)


@pytest.mark.parametrize("name", ["batch", "ramp_output", "wide_row", "float32"])
def test_tensor_text_shows_four_decimals(name: str) -> None:
    got = formatting.tensor_text(ARRAYS[name], "y_numpy")
    shown = NUMBER.findall(got)
    assert shown
    assert all(re.fullmatch(r"-?\d+\.\d{4}", v) for v in shown)
    assert max(len(line) for line in got.splitlines()) <= 100


def test_tensor_text_keeps_the_name_and_aligns_rows_under_it() -> None:
    got = formatting.tensor_text(ARRAYS["batch"], "y_numpy")
    lines = got.splitlines()
    assert lines[0].startswith("y_numpy([[[")
    rows = [line for line in lines if line.strip()]
    assert len(rows) == 6
    assert all(line.startswith(" " * len("y_numpy(")) for line in rows[1:])


def test_tensor_text_never_shows_negative_zero() -> None:
    got = formatting.tensor_text(np.array([-0.0, 0.5, -1.25]), "y")  # a product with a zero pad can be -0.0
    assert "-0.0000" not in got
    assert numbers(got) == [0.0, 0.5, -1.25]


def test_tensor_text_summarises_past_max_values() -> None:
    got = formatting.tensor_text(np.arange(50.0), "x", max_values=20)
    assert "..." in got
    assert numbers(got) == [0, 1, 2, 47, 48, 49]


# ---------------------------------------------------------------- one cell's sum


def _explain(
    params: Conv1dParams, length: int, at: tuple[int, int, int], seed: int = 0
) -> tuple[engine.Explanation, float]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, params.in_channels, length))
    w = rng.standard_normal(params.weight_shape)
    b = rng.standard_normal(params.out_channels) if params.bias else None
    args = (x, w, b, params.stride, params.padding, params.dilation, params.groups, params.padding_mode)
    y = engine.conv1d(*args, causal=params.causal)
    e = engine.explain(*args, causal=params.causal, at=at)
    return e, float(y[at])


SHORT = {
    "k3_bias": (Conv1dParams(1, 2, 3, padding=1), 8, (0, 1, 0)),
    "k3_no_bias": (Conv1dParams(1, 1, 3, bias=False), 8, (1, 0, 4)),
    "two_channels_reflect": (Conv1dParams(2, 2, 3, padding=2, padding_mode="reflect"), 6, (0, 1, 1)),
    "twelve_terms": (Conv1dParams(4, 2, 3, stride=2), 11, (1, 0, 3)),
    "grouped": (Conv1dParams(4, 4, 2, groups=2, dilation=3), 9, (0, 3, 2)),
}
LONG = {
    "thirteen_terms": (Conv1dParams(1, 1, 13, padding=6), 20, (0, 0, 0)),
    "many_channels": (Conv1dParams(8, 2, 5, padding="same", padding_mode="circular"), 12, (1, 1, 7)),
    "long_kernel": (Conv1dParams(1, 1, 64, causal=True, bias=False), 100, (0, 0, 99)),
}


@pytest.mark.parametrize("name", list(SHORT))
def test_short_equation_lists_every_term_and_the_engine_total(name: str) -> None:
    params, length, at = SHORT[name]
    e, y = _explain(params, length, at)
    assert len(e.terms) <= formatting.MAX_EQUATION_TERMS
    text = formatting.equation(e)
    assert text.startswith(f"y[{at[0]},{at[1]},{at[2]}] = ")
    for term in e.terms:
        assert f"({fmt(term.x)})·({fmt(term.w)})" in text
    assert text.count("·") == len(e.terms)
    assert "more" not in text
    assert ("(bias)" in text) == params.bias
    if e.bias is not None:
        assert f"+ {fmt(e.bias)}   (bias)" in text
    assert text.splitlines()[-1].strip() == f"= {fmt(y)}"
    assert e.total == pytest.approx(y, rel=1e-12, abs=1e-12)
    products = sum(tm.product for tm in e.terms) + (e.bias or 0.0)
    assert products == pytest.approx(y, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("name", list(LONG))
def test_long_equation_shows_head_and_tail(name: str) -> None:
    params, length, at = LONG[name]
    e, y = _explain(params, length, at)
    count = len(e.terms)
    assert count > formatting.MAX_EQUATION_TERMS
    text = formatting.equation(e)
    shown = formatting.MAX_EQUATION_TERMS - 3
    for term in e.terms[:shown]:
        assert f"({fmt(term.x)})·({fmt(term.w)})" in text
    assert text.count("·") == shown + 1
    last = e.terms[-1]
    assert f"({fmt(last.x)})·({fmt(last.w)})" in text.split("more")[1]
    more = re.search(r"… (\d+) more …", text)
    assert more is not None
    hidden = int(more[1])
    assert hidden + shown + 1 == count, "the hidden count and the shown terms add up to every term"
    assert text.splitlines()[-1].strip() == f"= {fmt(y)}"
    assert e.total == pytest.approx(y, rel=1e-12, abs=1e-12)
    zh = formatting.equation(e, "zh")  # the same numbers; only the note on the hidden terms is Chinese
    assert f"… 另有 {hidden} 项 …" in zh
    assert re.sub(r"… .* …", "", zh) == re.sub(r"… .* …", "", text).replace("(bias)", "（偏置 bias）")


def test_equation_total_is_torchs_value() -> None:
    params, length, at = SHORT["two_channels_reflect"]
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 2, length))
    w = rng.standard_normal(params.weight_shape)
    b = rng.standard_normal(2)
    conv = torch.nn.Conv1d(2, 2, 3, padding=2, padding_mode="reflect").double()
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(w))
        conv.bias.copy_(torch.from_numpy(b))
        expected = float(conv(torch.from_numpy(x))[at])
    e = engine.explain(x, w, b, 1, 2, 1, 1, "reflect", at=at)
    assert formatting.equation(e).splitlines()[-1].strip() == f"= {fmt(expected)}"
    assert e.total == pytest.approx(expected, abs=1e-12)


# ---------------------------------------------------------------- the output-length formula


def evaluate(latex: str) -> tuple[int, int]:
    """(value of the plugged-in ⌊…/…⌋ + 1, the number after its last '='), read back from the LaTeX."""
    plugged = latex.split(r"\\ &= ", 1)[1].removesuffix(r" \end{aligned}")  # the second line: the numbers
    m = re.fullmatch(
        r"\\left\\lfloor \\frac\{(?P<num>[^{}]*)\}\{(?P<den>\d+)\} \\right\\rfloor \+ 1 = (?P<out>-?\d+)", plugged
    )
    assert m, plugged
    num = m["num"].replace(r"\cdot", "*")
    assert re.fullmatch(r"[\d\s+*()\-]+", num), num  # numbers and arithmetic only: safe to evaluate
    value = eval(num) // int(m["den"]) + 1
    return value, int(m["out"])


@pytest.mark.parametrize(
    ("params", "length"),
    [
        (Conv1dParams(1, 1, 3), 16),
        (Conv1dParams(16, 33, 3, stride=2), 50),
        (Conv1dParams(2, 2, 3, padding=1), 12),
        (Conv1dParams(1, 1, 4, padding="same"), 9),  # 1 + 2: torch's extra cell on the right
        (Conv1dParams(1, 1, 5, padding="same", dilation=3), 20),
        (Conv1dParams(1, 1, 3, padding="valid", stride=3, dilation=2), 17),
        (Conv1dParams(1, 1, 4, causal=True, dilation=2), 10),  # 6 + 0
        (Conv1dParams(1, 1, 7, stride=5, padding=1024), 3),
        (Conv1dParams(1, 1, 128, dilation=64, stride=64), 48_000),
    ],
)
def test_length_formula_plugs_numbers_that_evaluate_to_l_out(params: Conv1dParams, length: int) -> None:
    latex = formulas.length_formula(params, length)
    value, shown = evaluate(latex)
    assert value == shown == params.output_length(length)
    left, right = params.pads()
    assert (f"2\\cdot{left}" if left == right else f"{left} + {right}") in latex
    assert f"{{{length} + " in latex
    assert f"{params.dilation}\\cdot({params.kernel_size}-1)" in latex


def test_length_formula_matches_torch() -> None:
    conv = torch.nn.Conv1d(1, 1, 5, stride=3, padding=2, dilation=2)
    x = torch.zeros(1, 1, 31)
    params = Conv1dParams(1, 1, 5, stride=3, padding=2, dilation=2)
    value, _ = evaluate(formulas.length_formula(params, 31))
    assert value == conv(x).shape[-1]


@pytest.mark.parametrize(("shape", "text"), [((2,), "(2,)"), ((1, 2, 12), "(1, 2, 12)"), (None, "None"), ((), "()")])
def test_shape_prints_like_python(shape: tuple[int, ...] | None, text: str) -> None:
    assert formatting.shape(shape) == text
    assert formatting.shape(None if shape is None else tuple(np.int64(s) for s in shape)) == text


def torch_repr(p: Conv1dParams | ConvTranspose1dParams) -> str | None:
    """``repr`` of the module torch builds for ``p`` (as the app builds it), or None where torch refuses it."""
    try:
        return repr(torch_layer(p))
    except (ValueError, RuntimeError):
        return None


REPR_CASES = [
    Conv1dParams(),
    Conv1dParams(2, 2, 3),
    Conv1dParams(4, 8, 3, stride=2, padding=1, dilation=2, groups=2, bias=False, padding_mode="reflect"),
    Conv1dParams(3, 6, 5, padding="same", groups=3),
    Conv1dParams(3, 6, 4, padding="same", dilation=3, padding_mode="circular"),
    Conv1dParams(1, 1, 1, padding="valid", bias=False),
    Conv1dParams(2, 4, 7, stride=3, padding=3, padding_mode="replicate"),
    Conv1dParams(2, 2, 3, dilation=4, causal=True),  # F.pad first: the layer has padding=0
    Conv1dParams(8, 8, 3, groups=8, padding_mode="circular", causal=True),
    Conv1dParams(64, 64, 128, stride=64, padding=64, dilation=2, groups=64),
    ConvTranspose1dParams(),
    ConvTranspose1dParams(2, 4, 3, stride=2, padding=1, output_padding=1, groups=2, bias=False, dilation=2),
    ConvTranspose1dParams(4, 2, 5, dilation=3, output_padding=2),
    ConvTranspose1dParams(6, 3, 2, stride=4, groups=3),
]


@pytest.mark.parametrize("params", REPR_CASES, ids=repr)
def test_module_repr_is_what_torch_prints(params: Conv1dParams | ConvTranspose1dParams) -> None:
    expected = torch_repr(params)
    assert expected is not None, "a case torch accepts"
    assert formatting.module_repr(params) == expected


def test_module_repr_of_the_issue_link() -> None:
    p = Conv1dParams(4, 8, 3, stride=2, padding=1, dilation=2, groups=2, bias=False, padding_mode="reflect")
    assert formatting.module_repr(p) == (
        "Conv1d(4, 8, kernel_size=(3,), stride=(2,), padding=(1,), dilation=(2,), groups=2, bias=False, "
        "padding_mode=reflect)"
    )


channels = st.integers(1, 8)
small = st.integers(1, 4)
BOTH = {  # the arguments Conv1d and ConvTranspose1d share, drawn alike
    "in_channels": channels,
    "out_channels": channels,
    "kernel_size": st.integers(1, 6),
    "stride": small,
    "dilation": small,
    "groups": small,
    "bias": st.booleans(),
}
LAYERS = {
    "conv1d": st.builds(
        Conv1dParams,
        padding=st.one_of(st.integers(0, 4), st.sampled_from(["same", "valid"])),
        padding_mode=st.sampled_from(PADDING_MODES),
        causal=st.booleans(),
        **BOTH,
    ),
    "conv_transpose1d": st.builds(
        ConvTranspose1dParams, padding=st.integers(0, 4), output_padding=st.integers(0, 3), **BOTH
    ),
}


@pytest.mark.parametrize("layer", LAYERS)
@given(data=st.data())
def test_module_repr_matches_torch_everywhere(layer: str, data: st.DataObject) -> None:
    p = data.draw(LAYERS[layer], label="params")
    expected = torch_repr(p)
    if expected is not None:  # torch refuses it (groups not dividing, 'same' with stride > 1): nothing to print
        assert formatting.module_repr(p) == expected


@pytest.mark.parametrize(
    ("params", "text"),
    [
        (Conv1dParams(kernel_size=3), None),
        (Conv1dParams(kernel_size=3, dilation=2, causal=True), "F.pad(x, (4, 0))"),
        (Conv1dParams(kernel_size=5, padding_mode="reflect", causal=True), "F.pad(x, (4, 0), mode='reflect')"),
    ],
)
def test_causal_pad_is_the_call_the_app_makes(params: Conv1dParams, text: str | None) -> None:
    assert formatting.causal_pad(params) == text
