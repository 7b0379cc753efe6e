"""The playground's "Shapes & formulas" tab, read from the page and checked against torch's own modules.

Every row the tab prints (shapes, parameter count, receptive field, init bound, flatten size, pads) is
recomputed here from ``nn.Conv1d`` itself: its parameters, its init's fan-in, a real forward pass and autograd.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.app_pages import open_page
from tests.markdown_tables import tables

torch = pytest.importorskip("torch")
F = torch.nn.functional

CASES = {  # query: each is a different rule for the pads, the span or the weight shape
    "default": {},
    "groups-dilation": {"in_channels": "4", "out_channels": "6", "groups": "2", "dilation": "3", "length": "30"},
    "same-even": {"padding": "same", "kernel_size": "4", "dilation": "1", "length": "9"},  # odd total: 1 + 2
    "causal": {"causal": "true", "kernel_size": "5", "dilation": "2", "length": "20"},
    "stride-reflect": {"stride": "3", "padding": "2", "padding_mode": "reflect", "bias": "false", "length": "17"},
}


def _rows(at: AppTest) -> dict[str, str]:
    sum_table, table = tables(at)  # the pinned cell's sum above the tabs, then this tab's table
    assert "running sum" in sum_table
    what, value = list(table.values())[:2]
    return dict(zip(what, value, strict=True))


@pytest.mark.parametrize("name", list(CASES))
def test_shapes_tab_is_what_torch_builds(name: str) -> None:
    at = open_page("playground", tab="shapes", **CASES[name])
    assert not at.exception, [e.value for e in at.exception]
    rows = _rows(at)
    q = {
        "in_channels": "2",
        "out_channels": "2",
        "kernel_size": "3",
        "stride": "1",
        "padding": "0",
        "dilation": "1",
        "groups": "1",
        "length": "12",
        "padding_mode": "zeros",
        "bias": "true",
        **CASES[name],
    }
    causal, same = q.get("causal") == "true", q["padding"] == "same"
    c_in, c_out, k, d, length = (
        int(q[key]) for key in ("in_channels", "out_channels", "kernel_size", "dilation", "length")
    )
    conv = torch.nn.Conv1d(
        c_in,
        c_out,
        k,
        stride=int(q["stride"]),
        padding=0 if causal else ("same" if same else int(q["padding"])),
        dilation=d,
        groups=int(q["groups"]),
        bias=q["bias"] == "true",
        padding_mode=q["padding_mode"],
    )
    x = torch.randn(1, c_in, length, requires_grad=True)
    left, right = (d * (k - 1), 0) if causal else (None, None)
    if same:  # torch's own split of an odd total: the extra cell on the right
        total = d * (k - 1)
        left, right = total // 2, total - total // 2
        explicit = torch.nn.Conv1d(c_in, c_out, k, dilation=d, groups=int(q["groups"]))
        explicit.load_state_dict(conv.state_dict())
        torch.testing.assert_close(explicit(F.pad(x, (left, right))), conv(x))
    if left is None:
        left = right = int(q["padding"])
    y = conv(F.pad(x, (left, 0))) if causal else conv(x)

    assert rows["x"] == str(tuple(x.shape))
    assert rows["weight"] == str(tuple(conv.weight.shape))
    assert rows["bias"] == (str(tuple(conv.bias.shape)) if conv.bias is not None else "None")
    assert rows["y"] == str(tuple(y.shape))
    assert rows["parameters"] == f"{sum(p.numel() for p in conv.parameters()):,}"
    fan_in, _ = torch.nn.init._calculate_fan_in_and_fan_out(conv.weight)
    assert rows["default init bound"] == f"±{1 / math.sqrt(fan_in):.4f}"
    assert rows["flatten size"] == f"{torch.nn.Flatten()(y).shape[1]:,}"
    assert rows["padding (left + right)"] == f"{left} + {right}"
    # receptive field: the input cells one output reads, found by autograd with every weight non-zero
    with torch.no_grad():
        conv.weight.fill_(1.0)
    x.grad = None
    t = y.shape[-1] // 2
    out = conv(F.pad(x, (left, 0))) if causal else conv(x)
    out[0, 0, t].backward()
    grad = x.grad[0, 0].numpy()  # type: ignore[union-attr]
    reads = np.flatnonzero(grad)  # the middle output's window lies inside the input in every case
    assert 0 < reads[0] <= reads[-1] < length - 1
    assert rows["receptive field (cells)"] == str(int(reads[-1] - reads[0] + 1))
