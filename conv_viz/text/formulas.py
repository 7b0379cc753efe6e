"""Every LaTeX formula the pages show, with the view's numbers plugged in.

Numbers only, never user text (``st.latex`` renders what it gets). Each formula
is the rule on one line and the same rule with the numbers on the next: on one
line they are wider than a page's column on a laptop.
"""

from __future__ import annotations

from conv_viz.core.params import Conv1dParams, ConvTranspose1dParams, output_length


def length_formula(params: Conv1dParams, length: int) -> str:
    """Conv1d's L_out: ⌊(L_in + pad − dilation·(kernel_size − 1) − 1) / stride⌋ + 1, then with the numbers.

    >>> print(length_formula(Conv1dParams(1, 1, 3), 16).split(r"\\\\")[1])
     &= \\left\\lfloor \\frac{16 + 2\\cdot0 - 1\\cdot(3-1) - 1}{1} \\right\\rfloor + 1 = 14 \\end{aligned}
    """
    left, right = params.pads()
    pads = f"2\\cdot{left}" if left == right else f"{left} + {right}"
    out = params.output_length(length)
    return (
        r"\begin{aligned} L_\text{out} &= \left\lfloor \frac{L_\text{in} + \text{pad} - "
        r"\text{dilation}\cdot(\text{kernel\_size}-1) - 1}{\text{stride}} \right\rfloor + 1 \\"
        rf" &= \left\lfloor \frac{{{length} + {pads} - {params.dilation}\cdot({params.kernel_size}-1) - 1}}"
        rf"{{{params.stride}}} \right\rfloor + 1 = {out} \end{{aligned}}"
    )


def transposed_length_formula(params: ConvTranspose1dParams, length: int) -> str:
    """ConvTranspose1d's L_out: (L_in − 1)·stride − 2·padding + dilation·(kernel_size − 1) + output_padding + 1.

    Three lines: even the rule alone is wider than a laptop's column.
    """
    p = params
    return (
        r"\begin{aligned} L_\text{out} &= (L_\text{in} - 1)\cdot\text{stride} - 2\cdot\text{padding} \\"
        r" &\quad + \text{dilation}\cdot(\text{kernel\_size} - 1) + \text{output\_padding} + 1 \\"
        rf" &= ({length} - 1)\cdot{p.stride} - 2\cdot{p.padding} + {p.dilation}\cdot({p.kernel_size} - 1)"
        rf" + {p.output_padding} + 1 = {p.output_length(length)} \end{{aligned}}"
    )


def axis_formula(axis: str, length: int, kernel: int, stride: int) -> str:
    """The 1-D length formula for one axis of a Conv2d (no padding, no dilation), numbers plugged in.

    >>> axis_formula("H", 10, 3, 2).endswith(r"\\right\\rfloor + 1 = 4")
    True
    """
    out = output_length(length, kernel, stride)
    return (
        rf"{axis}_\text{{out}} = \left\lfloor \frac{{{axis}_\text{{in}} - \text{{kernel}} }}{{\text{{stride}}}}"
        rf"\right\rfloor + 1 = \left\lfloor \frac{{{length} - {kernel}}}{{{stride}}} \right\rfloor + 1 = {out}"
    )


def receptive_field_formula(layers: tuple[Conv1dParams, ...]) -> str:
    """r = 1 + Σ (k_l − 1)·d_l·jump_l over a stack of Conv1d layers, each term and the total written out.

    >>> receptive_field_formula((Conv1dParams(kernel_size=3, stride=2), Conv1dParams(kernel_size=3)))
    'r = 1 + \\\\sum_l (k_l - 1)\\\\, d_l\\\\, \\\\text{jump}_l = 1 + 2 + 4 = 7'
    """
    adds, jump = [], 1
    for p in layers:
        adds.append((p.kernel_size - 1) * p.dilation * jump)
        jump *= p.stride
    terms = " + ".join(str(a) for a in adds)
    return rf"r = 1 + \sum_l (k_l - 1)\, d_l\, \text{{jump}}_l = 1 + {terms} = {1 + sum(adds)}"
