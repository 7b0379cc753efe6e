"""Every ConvVizError the core raises: triggered once, checked against torch, and its fix checked.

Each rule row names the key, inputs that break it, whether torch enforces the same
rule (``torch_rule=False`` marks the app's own rules) and text the message must
contain: the concrete fix (valid groups, the minimum length...). A test scans
core/params.py and core/conv.py so a new key without a row here fails.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
import torch.nn.functional as F  # noqa: N812 — torch's own idiom
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import engine
from conv_viz.core.params import PADDING_MODES, Conv1dParams, ConvTranspose1dParams
from conv_viz.errors import ConvVizError
from tests.helpers import torch_conv1d

CORE = Path(__file__).parents[1] / "conv_viz"


@dataclass(frozen=True)
class Rule:
    """Params that break one rule on an input of ``length``; the message must contain ``fix``."""

    key: str
    params: Conv1dParams | ConvTranspose1dParams
    length: int
    fix: str
    torch_rule: bool = True


P, T = Conv1dParams, ConvTranspose1dParams
PARAM_RULES = [
    Rule("positive", P(2, 2, kernel_size=0), 5, "Use kernel_size ≥ 1"),
    Rule("positive", P(2, 2, stride=0), 5, "Use stride ≥ 1"),
    Rule("positive", P(2, 2, dilation=0), 5, "Use dilation ≥ 1"),
    # torch convolves zero channels into an empty output; the app has nothing to show then
    Rule("positive", P(0, 2), 5, "Use in_channels ≥ 1", torch_rule=False),
    Rule("groups_positive", P(4, 8, groups=0), 5, "Valid groups here: 1, 2, 4"),
    Rule("groups_divide", P(4, 6, groups=4), 5, "Valid groups here: 1, 2"),
    Rule("groups_divide", P(6, 4, groups=3), 5, "Valid groups here: 1, 2"),
    Rule("padding_string", P(padding="full"), 5, "'same', 'valid'"),
    Rule("same_strided", P(stride=2, padding="same"), 5, "Set stride=1"),
    # zeros only: nn.Conv1d hands a negative padding with another mode to F.pad, which crops (tests/test_engine_contract)
    Rule("padding_negative", P(padding=-1), 5, "Use padding ≥ 0"),
    Rule("padding_mode", P(padding_mode="mirror"), 5, "zeros, reflect, replicate, circular"),
    Rule("causal_padding", P(padding=1, causal=True), 5, "Set padding=0", torch_rule=False),
    Rule("length_positive", P(), 0, "at least 1"),
    Rule("reflect_pad", P(padding=3, padding_mode="reflect"), 3, "Use padding ≤ 2, or an input of length ≥ 4"),
    Rule("reflect_pad", P(kernel_size=4, padding="same", padding_mode="reflect"), 2, "length ≥ 3"),
    Rule("reflect_pad", P(kernel_size=3, dilation=2, causal=True, padding_mode="reflect"), 4, "length ≥ 5"),
    Rule("circular_pad", P(padding=4, padding_mode="circular"), 3, "length ≥ 4"),
    Rule("kernel_too_big", P(kernel_size=5), 3, "length ≥ 5"),
    Rule("kernel_too_big", P(kernel_size=5, padding=1, dilation=2), 6, "= 2·(5−1)+1 = 9. Use an input of length ≥ 7"),
    Rule("transposed_mode", T(padding_mode="reflect"), 5, 'Only "zeros"'),
    Rule("positive", T(2, 2, stride=0), 5, "Use stride ≥ 1"),
    Rule("arg_int32", T(2, 2, stride=2**31), 5, "Use stride ≤ 2147483647"),
    Rule("padding_negative", T(padding=-1), 5, "Use padding ≥ 0"),
    Rule("output_padding_negative", T(output_padding=-1), 5, "≥ 0"),
    Rule("output_padding", T(stride=2, output_padding=2), 5, "Use output_padding ≤ 1"),
    Rule("output_padding", T(stride=2, dilation=3, output_padding=3), 5, "Use output_padding ≤ 2"),
    Rule("transposed_too_small", T(kernel_size=2, padding=1), 1, "length ≥ 2"),
    Rule("transposed_too_small", T(kernel_size=1, stride=2, padding=3), 2, "length ≥ 4"),
]


def _torch_run(params: Conv1dParams | ConvTranspose1dParams, length: int) -> None:
    """Build the torch module for ``params`` and run it on a random input of ``length``."""
    x = torch.randn(1, params.in_channels, length, dtype=torch.float64)
    if isinstance(params, ConvTranspose1dParams):
        module: torch.nn.Module = torch.nn.ConvTranspose1d(
            params.in_channels,
            params.out_channels,
            params.kernel_size,
            params.stride,
            params.padding,
            params.output_padding,
            params.groups,
            params.bias,
            params.dilation,
            params.padding_mode,
        )
        module.double()(x)
        return
    w = np.ones(params.weight_shape)
    torch_conv1d(
        x.numpy(),
        w,
        None,
        params.stride,
        params.padding,
        params.dilation,
        params.groups,
        params.padding_mode,
        params.causal,
    )


@pytest.mark.parametrize("rule", PARAM_RULES, ids=lambda r: f"{type(r.params).__name__}-{r.key}")
def test_param_rule(rule: Rule) -> None:
    with pytest.raises(ConvVizError) as info:
        rule.params.validate(rule.length)
    assert info.value.key == rule.key
    assert rule.fix in str(info.value)
    assert info.value.message("zh") != str(info.value)  # told in Chinese as well
    if rule.torch_rule:
        with pytest.raises(Exception):  # noqa: B017, PT011 — torch's type varies (ValueError, RuntimeError...)
            _torch_run(rule.params, rule.length)
    else:
        _torch_run(rule.params, rule.length)  # the app's own rule: torch accepts


@dataclass(frozen=True)
class ArrayRule:
    """Arrays the engine must refuse with ``key``."""

    key: str
    x: np.ndarray
    w: np.ndarray
    fix: str
    bias: np.ndarray | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)
    torch_rule: bool = True
    torch_error: type[Exception] = RuntimeError


X5, W3 = np.ones((1, 2, 5)), np.ones((2, 2, 3))
ARRAY_RULES = [
    ArrayRule("input_dims", np.ones(5), np.ones((1, 1, 3)), "got input of shape [5]"),
    ArrayRule("input_dims", np.ones((1, 1, 1, 5)), np.ones((1, 1, 3)), "2D (unbatched) or 3D (batched)"),
    ArrayRule("weight_dims", np.ones((1, 2, 5)), np.ones((2, 3)), "got shape [2, 3]"),
    ArrayRule("channels_mismatch", np.ones((1, 3, 5)), np.ones((4, 2, 3)), "Make in_channels=3"),
    ArrayRule("channels_mismatch", np.ones((1, 4, 5)), np.ones((4, 1, 3)), "to have 2 channels", kwargs={"groups": 2}),
    ArrayRule(
        "weight_groups", np.ones((1, 2, 5)), np.ones((3, 1, 3)), "groups=2 does not divide", kwargs={"groups": 2}
    ),
    ArrayRule("bias_shape", np.ones((1, 2, 5)), np.ones((2, 2, 3)), "with 2 elements", bias=np.ones(3)),
    ArrayRule("bias_shape", np.ones((1, 2, 5)), np.ones((2, 2, 3)), "got bias of shape [1, 2]", bias=np.ones((1, 2))),
    ArrayRule("dtype_mismatch", np.ones((1, 2, 5)), np.ones((2, 2, 3), np.float32), "float64, float32"),
    # torch also convolves integers and float16; the app shows float32 and float64 only
    ArrayRule("dtype", np.ones((1, 2, 5), np.int64), np.ones((2, 2, 3), np.int64), "got int64", torch_rule=False),
    # the argument types torch's parser refuses (tests/test_engine_contract sweeps them all)
    ArrayRule("arg_type", X5, W3, "got stride=True (bool)", kwargs={"stride": True}, torch_error=TypeError),
    ArrayRule("arg_type", X5, W3, "got dilation=2.0 (float)", kwargs={"dilation": 2.0}, torch_error=TypeError),
    ArrayRule("arg_length", X5, W3, "got 2: padding=(1, 1)", kwargs={"padding": (1, 1)}),
    ArrayRule(
        "arg_int64",
        X5,
        W3,
        "stride=10000000000000000000 does not fit",
        kwargs={"stride": 10**19},
        torch_error=ValueError,
    ),
    # torch's allocator refuses the 35 TB output
    ArrayRule("too_big", X5, W3, "more than this machine's", kwargs={"padding": 2**40}),
]


@pytest.mark.parametrize("rule", ARRAY_RULES, ids=lambda r: r.key)
def test_array_rule(rule: ArrayRule) -> None:
    with pytest.raises(ConvVizError) as info:
        engine.conv1d(rule.x, rule.w, rule.bias, **rule.kwargs)
    assert info.value.key == rule.key
    assert rule.fix in str(info.value)
    b = None if rule.bias is None else torch.from_numpy(rule.bias)
    if rule.torch_rule:
        with pytest.raises(rule.torch_error):
            F.conv1d(torch.from_numpy(rule.x), torch.from_numpy(rule.w), b, **rule.kwargs)
    else:
        F.conv1d(torch.from_numpy(rule.x), torch.from_numpy(rule.w), b, **rule.kwargs)


def test_every_core_error_key_has_a_rule() -> None:
    raised = set()
    for name in ("core/params.py", "core/conv.py", "core/geometry.py", "core/strategies.py"):
        raised |= set(re.findall(r'ConvVizError\(\s*"(\w+)"', (CORE / name).read_text()))
    covered = {r.key for r in PARAM_RULES} | {r.key for r in ARRAY_RULES}
    assert raised - covered == set()


# ---------------------------------------------------------------- min_length is the real minimum


@st.composite
def conv_params(draw: st.DrawFn) -> Conv1dParams:
    causal = draw(st.booleans())
    same = not causal and draw(st.booleans())
    return Conv1dParams(
        kernel_size=draw(st.integers(1, 6)),
        stride=1 if same else draw(st.integers(1, 3)),
        padding="same" if same else 0 if causal else draw(st.one_of(st.integers(0, 5), st.just("valid"))),
        padding_mode=draw(st.sampled_from(PADDING_MODES)),
        dilation=draw(st.integers(1, 3)),
        causal=causal,
    )


def _torch_accepts(params: Conv1dParams | ConvTranspose1dParams, length: int) -> bool:
    try:
        _torch_run(params, length)
    except Exception:
        return False
    return True


@settings(max_examples=200)
@given(conv_params())
def test_min_length_is_minimal(params: Conv1dParams) -> None:
    m = params.min_length()
    params.validate(m)
    assert _torch_accepts(params, m)
    assert params.output_length(m) >= 1
    with pytest.raises(ConvVizError):
        params.validate(m - 1)
    assert not _torch_accepts(params, m - 1)


@settings(max_examples=200)
@given(st.integers(1, 5), st.integers(1, 3), st.integers(0, 6), st.integers(0, 2), st.integers(1, 3))
def test_transposed_min_length_is_minimal(
    k: int, stride: int, padding: int, output_padding: int, dilation: int
) -> None:
    params = ConvTranspose1dParams(
        kernel_size=k, stride=stride, padding=padding, output_padding=output_padding, dilation=dilation
    )
    if output_padding >= max(stride, dilation):
        return
    m = params.min_length()
    params.validate(m)
    assert _torch_accepts(params, m)
    with pytest.raises(ConvVizError):
        params.validate(m - 1)
    assert not _torch_accepts(params, m - 1)


def test_core_imports_numpy_and_stdlib_only() -> None:
    code = "import sys, conv_viz.engine; print(sorted({m.split('.')[0] for m in sys.modules}))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=CORE.parent
    ).stdout
    for heavy in ("torch", "streamlit", "plotly", "pandas", "scipy"):
        assert f"'{heavy}'" not in loaded
