"""What a teacher takes home, read back: the zip's CSV and NPY hold the exact arrays, the HTML needs no network.

The page builds these only when a download button is clicked; here they are built and opened
the way a spreadsheet, ``np.load`` and a browser would.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace

import numpy as np
import pytest

from conv_viz.figures import export
from conv_viz.figures.sliding import sliding_window_figure
from conv_viz.server.url_state import DEFAULT
from conv_viz.views import scene

SPECS = [  # float64 typed numbers with long reprs, a seeded float32 batch without bias, groups and reflect
    scene.ConvSpec(x="0.1,0.2,0.3,1e-8,3,-7;1,2,3,4,5,6", w="0.3333333333333333,1e-300,-2;1,1,1|0,1,0;5,5,5"),
    scene.ConvSpec(batch=2, dtype="float32", conv=replace(DEFAULT.conv, bias=False)),
    scene.ConvSpec(
        conv=replace(DEFAULT.conv, in_channels=4, out_channels=2, groups=2, padding=1, padding_mode="reflect")
    ),
]


def _read_csv(text: str, leading: int) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """(index columns, values) of one exported CSV; the header names the index axes, then 0 … L−1."""
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    assert header[leading:] == [str(i) for i in range(len(header) - leading)]
    index = [tuple(int(v) for v in row[:leading]) for row in body]
    return index, np.array([[float(v) for v in row[leading:]] for row in body])


@pytest.mark.parametrize("spec", SPECS, ids=["typed", "seeded-f32", "groups-reflect"])
def test_tensors_zip_reads_back_exactly(spec: scene.ConvSpec) -> None:
    s = scene.build_scene(spec)
    torch_y = s.y + 1e-9  # any second output: it is stored as given, beside the engine's
    archive = zipfile.ZipFile(io.BytesIO(export.tensors_zip(s, torch_y)))
    arrays = {"x": s.data.x, "weight": s.data.weight, "y_numpy": s.y, "y_torch": torch_y}
    has_bias = s.data.bias is not None
    expected_files = {f"{n}.csv" for n in arrays} | {"tensors.npz"} | ({"bias.csv"} if has_bias else set())
    assert set(archive.namelist()) == expected_files
    for name, a in arrays.items():
        index, values = _read_csv(archive.read(f"{name}.csv").decode(), 2)
        assert index == list(np.ndindex(*a.shape[:-1]))
        np.testing.assert_array_equal(values.reshape(a.shape), a.astype(np.float64))  # every digit written
    with np.load(io.BytesIO(archive.read("tensors.npz")), allow_pickle=False) as npz:
        assert set(npz.files) == set(arrays) | ({"bias"} if has_bias else set())
        for name, a in arrays.items():
            assert npz[name].dtype == a.dtype
            np.testing.assert_array_equal(npz[name], a)
    if has_bias:
        assert s.data.bias is not None
        rows = list(csv.reader(io.StringIO(archive.read("bias.csv").decode())))
        assert rows[0] == ["o", "value"]
        np.testing.assert_array_equal([float(v) for _, v in rows[1:]], s.data.bias.astype(np.float64))


def test_tensors_zip_without_torch_has_no_torch_output() -> None:
    s = scene.build_scene(scene.ConvSpec())
    names = zipfile.ZipFile(io.BytesIO(export.tensors_zip(s))).namelist()
    assert "y_torch.csv" not in names
    assert "y_numpy.csv" in names


def test_animation_html_is_standalone() -> None:
    s = scene.build_scene(scene.ConvSpec())
    d = s.data
    fig = sliding_window_figure(d.x[0], d.weight, d.bias, s.y[0], s.params, s.geometry, 0, 0, 0, "en")
    html = export.animation_html(fig)
    assert len(html) > 3_000_000  # Plotly's bundle is inside (≈ 4.7 MB), not fetched
    sources = re.findall(r"<script[^>]*\bsrc=", html)
    assert sources == [], sources  # nothing loaded from a CDN: it plays offline
    assert "Plotly.newPlot" in html
    assert "Plotly.addFrames" in html  # the animation, not a still: its frames come with it
