"""Full-width digits and punctuation, as a Chinese keyboard types them, read as the ASCII they stand for.

One character for one character (unlike NFKC, which may change a text's length), so the
position an error points at in the typed text stays right. Standard library only.
"""

from __future__ import annotations

# U+FF01…U+FF5E are ASCII 0x21…0x7E shifted; the ideographic space and comma, and the minus sign, by hand.
_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: " ", 0x3001: ",", 0x2212: "-"}


def halfwidth(text: str) -> str:
    """``text`` with full-width forms replaced one for one by ASCII.

    >>> halfwidth("conv：１，８，７；relu")
    'conv:1,8,7;relu'
    >>> halfwidth("0.1、0.2　−0.3")
    '0.1,0.2 -0.3'
    """
    return text.translate(_TABLE)
