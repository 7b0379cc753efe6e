"""The playground as its helpers draw it: one view's scene, the pinned output cell, the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from conv_viz.views.scene import Scene


@dataclass(frozen=True)
class Pin:
    """Passed whole to every helper that draws the pinned cell, instead of (scene, n, o, t, lang) one by one."""

    scene: Scene
    n: int  # batch item
    o: int  # output channel
    t: int  # output position
    lang: str
