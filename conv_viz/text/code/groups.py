"""The groups page's code: the separable pair and the full Conv1d, built in the order the page draws them."""

from __future__ import annotations

from conv_viz.core.params import Conv1dParams
from conv_viz.text.code import write


def layer_lines(named: tuple[tuple[str, Conv1dParams], ...]) -> str:
    """``depthwise = nn.Conv1d(...)`` one per line, the names aligned."""
    return "\n".join(f"{name:<9} = {write.conv_call(p)}" for name, p in named)


SeparableLayers = tuple[Conv1dParams, Conv1dParams, Conv1dParams]  # depthwise, pointwise, full


def seeded_snippet(seed: int, batch: int, length: int, separable: SeparableLayers, grouped: Conv1dParams | None) -> str:
    """The notebook lines that draw the page's seeded numbers: manual_seed, randn, then the layers in order.

    ``separable`` is (depthwise, pointwise, full); ``grouped`` the view's own Conv1d when its groups is valid.

    >>> layers = Conv1dParams(2, 2, 3, groups=2), Conv1dParams(2, 4, 1), Conv1dParams(2, 4, 3)
    >>> print(seeded_snippet(0, 1, 8, layers, None).splitlines()[8])
    full = nn.Conv1d(2, 4, 3)
    """
    depthwise, pointwise, full = separable
    lines = [
        *write.imports(functional=True),
        f"torch.manual_seed({seed})",
        f"x = torch.randn({batch}, {full.in_channels}, {length})",
        f"depthwise = {write.conv_call(depthwise)}",
        f"pointwise = {write.conv_call(pointwise)}",
        f"full = {write.conv_call(full)}",
    ]
    if grouped is not None:
        lines.append(f"grouped = {write.conv_call(grouped)}")
    causal = full.causal
    if causal:
        lines.append(f"x_in = {write.pad_call(full)}  # causal: left side only")
    x_in = "x_in" if causal else "x"
    lines += [
        "",
        f"y_separable = pointwise(depthwise({x_in}))",
        f"y_full = full({x_in})",
        "print(y_separable.shape, y_full.shape)",
    ]
    return "\n".join(lines) + "\n"
