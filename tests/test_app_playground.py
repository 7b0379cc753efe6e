"""The playground page through Streamlit's AppTest: widgets drive the state, the URL contract holds.

AppTest runs the script in this process, so ``monkeypatch`` reaches the page's
modules. ``st.cache_resource`` is process-wide: a test that changes what a
cached function would return clears the caches before and after itself.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, parse_qsl

import numpy as np
import pytest
import torch
from streamlit.testing.v1 import AppTest

from conv_viz import reference
from conv_viz.core import limits
from conv_viz.errors import ConvVizError
from conv_viz.server.url_state import DEFAULT, parse
from conv_viz.text import formatting
from conv_viz.views import scene
from tests.app_pages import figures, numbers_of, open_page, open_tab
from tests.markdown_tables import tables
from tests.test_figures import decode

REPO_ROOT = Path(__file__).resolve().parents[1]
RAMP_QUERY = "x=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15&w=0.1,0.2,0.3&bias=false"  # DESIGN.md's ramp link
SEED_QUERY = "seed=666&batch=2&in_channels=2&out_channels=2&kernel_size=3&length=5&bias=false"
NUMBER = re.compile(r"-?\d+\.\d*(?:e[+-]?\d+)?")


def run(query: str = "", tab: str | None = None, **params: str) -> AppTest:
    """The app run once on ``/?query`` (plus ``params``), as a fresh browser session would, ``tab`` open."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    if tab is not None:
        open_tab(at, tab, params.get("lang", "en"))
    for key, value in [*parse_qsl(query, keep_blank_values=True), *params.items()]:
        at.query_params[key] = value
    return at.run()


def plain(markdown: str) -> str:
    """Text the user reads from an ``escape``d Markdown string (backslash escapes removed)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def code(at: AppTest, name: str) -> str:
    """The code block printing tensor ``name`` (``y_numpy``, ``y_torch``, ``x``, …)."""
    blocks = [c for c in numbers_of(at) if c.startswith(f"{name}(")]
    assert len(blocks) == 1, [c[:40] for c in numbers_of(at)]
    return blocks[0]


def numbers(text: str) -> np.ndarray:
    return np.array([float(v) for v in NUMBER.findall(text)])


def shown_y(at: AppTest) -> np.ndarray:
    """The output the page prints, reshaped to the shape line's y."""
    shape = tuple(int(s) for s in re.search(r"`y \(([\d, ]+)\)`", shape_line(at))[1].split(","))  # type: ignore[index]
    return numbers(code(at, "y_numpy")).reshape(shape)


def shape_line(at: AppTest) -> str:
    lines = [m.value for m in at.markdown if m.value.startswith("`x (")]
    assert len(lines) == 1
    return lines[0]


def metric(at: AppTest, label: str) -> str:
    values = [m.value for m in at.metric if m.label == label]
    assert len(values) == 1, [(m.label, m.value) for m in at.metric]
    return values[0]


def chart(at: AppTest) -> dict[str, Any]:
    charts = figures(at)
    assert charts, "no chart on the page"
    return charts[0]


def snippet_output(at: AppTest) -> np.ndarray:
    """What the page's PyTorch snippet prints when a student runs it (the numbers of ``print(y)``)."""
    blocks = [c.value for c in at.code if c.value.startswith("import torch")]
    assert len(blocks) == 1
    out = io.StringIO()
    with contextlib.redirect_stdout(out), torch.random.fork_rng(devices=[]):
        exec(compile(blocks[0], "<snippet>", "exec"), {})  # the app's own generated code
    return numbers(out.getvalue().split("grad_fn")[0])


def page_errors(at: AppTest) -> list[str]:
    """Every st.error but the layout tab's, which shows on purpose the error (N, L, C) data raises."""
    layout_tab = next((tab for tab in at.tabs if tab.label.startswith("(N, L, C)")), None)  # en and zh
    demo = [e.value for e in layout_tab.error] if layout_tab is not None else []
    errors = [e.value for e in at.error]
    for value in demo:
        errors.remove(value)
    return errors


def assert_ok(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not page_errors(at), page_errors(at)


# ---------------------------------------------------------------- the default page


def test_default_page_runs_and_draws_the_animation() -> None:
    at = run()
    assert_ok(at)
    assert [t.value for t in at.title] == ["Conv1d Lab · Playground"]
    assert not at.warning
    spec = chart(at)
    assert len(spec["frames"]) == 10  # L_out = 12 - 3 + 1 with torch's default padding=0
    assert "`y (1, 2, 10)`" in shape_line(at)
    assert "How the pinned cell y[0, 0, 0] is computed" in [s.value for s in at.header]
    assert dict(at.query_params) == {}  # the default view is the bare URL
    assert metric(at, "NumPy (this app)") == metric(at, "torch")


# ---------------------------------------------------------------- the URL contract


def test_ramp_url_shows_the_tutorial_numbers() -> None:
    at = run(RAMP_QUERY)
    assert_ok(at)
    y = shown_y(at)
    assert "0.8000" in code(at, "y_numpy")
    assert "8.6000" in code(at, "y_numpy")
    assert code(at, "y_torch").replace("y_torch", "y_numpy") == code(at, "y_numpy")
    np.testing.assert_allclose(snippet_output(run(RAMP_QUERY, "code")), y.ravel(), atol=1e-4)  # the code tab too
    # the step-by-step metric of the cells holding 0.8 and 8.6
    for value in (0.8, 8.6):
        t = int(np.flatnonzero(np.isclose(y[0, 0], value))[0])
        pinned = run(RAMP_QUERY, cell=f"0,0,{t}")
        assert metric(pinned, "NumPy (this app)") == metric(pinned, "torch") == f"{value:.4f}"
        assert f"How the pinned cell y[0, 0, {t}] is computed" in [s.value for s in pinned.header]


def test_ramp_url_is_exactly_the_tutorial() -> None:
    """DESIGN.md: the ramp link shows outputs 0.8, 1.4, …, 8.6 — nn.Conv1d(1, 1, 3, bias=False) on arange(16)."""
    at = run(RAMP_QUERY)
    np.testing.assert_allclose(shown_y(at)[0, 0], np.arange(14) * 0.6 + 0.8, atol=1e-4)
    assert metric(at, "NumPy (this app)") == "0.8000"


def test_the_sum_table_lists_every_term() -> None:
    """The ramp's y[0, 0, 5] = 5·0.1 + 6·0.2 + 7·0.3: a row per term, 4 decimals, the running sum ends at y."""
    at = run(RAMP_QUERY, cell="0,0,5")
    assert_ok(at)
    (table,) = tables(at)
    assert table == {
        "c": ["0", "0", "0"],
        "k": ["0", "1", "2"],
        "padded slot": ["5", "6", "7"],
        "reads": ["x[0,0,5]", "x[0,0,6]", "x[0,0,7]"],
        "x": ["5.0000", "6.0000", "7.0000"],
        "w[0,c,k]": ["0.1000", "0.2000", "0.3000"],
        "x·w": ["0.5000", "1.2000", "2.1000"],
        "running sum": ["0.5000", "1.7000", "3.8000"],
    }
    assert metric(at, "NumPy (this app)") == "3.8000"


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "… 8,128 more terms are not listed … The last row is term 8,192"),
        ("zh", "… 另有 8,128 项未列出 … 最后一行是第 8,192 项"),
    ],
)
def test_a_long_sum_lists_its_first_terms_and_its_last(lang: str, note: str) -> None:
    """64 channels × kernel 128 = 8,192 terms: the first 63, a ⋮ row, the last (its running sum is y), a note."""
    at = run(in_channels="64", out_channels="1", kernel_size="128", length="128", bias="false", lang=lang)
    assert_ok(at)
    (markdown,) = [m.value for m in at.markdown if m.value.startswith("| ")]
    (table,) = tables(at)
    c, k, running = table["c"], table["k"], list(table.values())[-1]
    assert len(c) == 65
    assert c[:2] == ["0", "0"]
    assert k[:2] == ["0", "1"]
    assert c[62:] == ["0", "⋮", "63"]
    assert k[62:] == ["62", "⋮", "127"]
    assert running[-1] == formatting.fmt(float(numbers(code(at, "y_numpy"))[0]))  # y (1, 1, 1): its only value
    assert note in plain(markdown)


def _notebook(padding: int) -> np.ndarray:
    """The three lines DESIGN.md promises a student (padding given explicitly here)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(666)
        x = torch.randn(2, 2, 5)
        conv = torch.nn.Conv1d(2, 2, 3, padding=padding, bias=False)
        with torch.no_grad():
            return conv(x).double().numpy()


def test_seeded_url_shows_torchs_numbers() -> None:
    at = run(SEED_QUERY)
    assert_ok(at)
    y = shown_y(at)
    padding = DEFAULT.conv.padding  # what the link means while it omits padding
    assert isinstance(padding, int)
    np.testing.assert_allclose(y, _notebook(padding), atol=1e-4)
    np.testing.assert_allclose(numbers(code(at, "y_torch")), y.ravel(), atol=0)
    code_tab = run(SEED_QUERY, "code")
    np.testing.assert_allclose(snippet_output(code_tab), y.ravel(), atol=1e-4)
    assert "torch.manual_seed(666)" in next(c for c in code_tab.code if c.value.startswith("import torch")).value
    assert any("cuDNN" in c.value for c in code_tab.caption)  # EXAMPLES.md: on a GPU the last digits may differ


def test_seeded_url_is_the_notebooks_three_lines() -> None:
    """torch.manual_seed(666); x = torch.randn(2, 2, 5); conv = nn.Conv1d(2, 2, 3, bias=False); conv(x)."""
    np.testing.assert_allclose(shown_y(run(SEED_QUERY)), _notebook(0), atol=1e-4)


def test_pinned_cell_from_the_url() -> None:
    at = run("cell=0,1,3")
    assert_ok(at)
    assert "How the pinned cell y[0, 1, 3] is computed" in [s.value for s in at.header]
    assert at.number_input(key="cell_o").value == 1
    assert at.number_input(key="cell_t").value == 3
    assert chart(at)["layout"]["sliders"][0]["active"] == 3
    y = shown_y(at)
    assert metric(at, "NumPy (this app)") == f"{y[0, 1, 3]:.4f}"


def test_pinned_cell_outside_the_output_is_clamped() -> None:
    at = run("cell=0,1,99")
    assert_ok(at)
    assert "How the pinned cell y[0, 1, 9] is computed" in [s.value for s in at.header]  # L_out = 12 − 3 + 1


# ---------------------------------------------------------------- widgets drive the state


def test_kernel_size_widget_drives_shape_chart_and_url() -> None:
    at = run()
    assert "`y (1, 2, 10)`" in shape_line(at)
    at.number_input(key="kernel_size").set_value(5).run()
    assert_ok(at)
    line = shape_line(at)
    assert "kernel_size=(5,)" in line
    assert "`y (1, 2, 8)`" in line
    assert "`weight (2, 2, 5)`" in line
    assert at.query_params["kernel_size"] == ["5"] or at.query_params["kernel_size"] == "5"
    assert len(chart(at)["frames"]) == 8


def test_more_widgets_reach_the_url() -> None:
    at = run()
    at.selectbox(key="padding_mode").set_value("reflect").run()
    at.toggle(key="bias").set_value(False).run()
    at.number_input(key="stride").set_value(2).run()
    assert_ok(at)
    query = {k: at.query_params[k] for k in at.query_params}
    flat = {k: v[-1] if isinstance(v, list) else v for k, v in query.items()}
    assert flat == {"padding_mode": "reflect", "bias": "false", "stride": "2"}
    assert "`bias None`" in shape_line(at)
    state, warnings = parse(flat)
    assert warnings == []
    assert formatting.tensor_text(scene.build_scene(scene.ConvSpec.of(state)).y, "y_numpy") == code(at, "y_numpy")


def test_invalid_combination_names_the_fix_and_keeps_the_last_valid_view() -> None:
    at = run()
    at.number_input(key="in_channels").set_value(6).run()
    assert_ok(at)
    at.number_input(key="groups").set_value(4).run()
    assert not at.exception
    errors = [plain(e) for e in page_errors(at)]
    assert errors
    assert all("Valid groups here: 1, 2" in e for e in errors), errors
    chart(at)  # the last configuration that worked is still drawn
    assert "`x (1, 6, 12)`" in shape_line(at)
    assert "Showing the last configuration that worked" in " ".join(c.value for c in at.caption)
    assert at.query_params["groups"] in (["4"], "4")  # the link reproduces the broken setting


def test_invalid_first_visit_shows_the_rule_and_no_chart() -> None:
    at = run("in_channels=6&groups=4")
    assert not at.exception
    assert any("Valid groups here: 1, 2" in plain(e.value) for e in at.error)
    assert not figures(at)


# ---------------------------------------------------------------- hostile and malformed URLs


def test_malformed_url_warns_and_falls_back_to_defaults() -> None:
    hostile = "<script>alert(1)</script>"
    at = run(kernel_size="abc", padding=hostile, stride="-3", length="99999999")
    assert_ok(at)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 4, warnings
    text = [plain(w) for w in warnings]
    for name in ("kernel_size", "padding", "stride", "length"):
        assert any(f"Ignored {name}=" in w for w in text), (name, text)
    assert "`y (1, 2, 10)`" in shape_line(at)  # every field back at its default
    assert "Conv1d(2, 2, kernel_size=(3,), stride=(1,))" in shape_line(at)
    padding_warning = next(w for w in warnings if "script" in w)
    assert hostile in plain(padding_warning)  # shown as the literal text the link held …
    assert re.search(r"(?<!\\)[<>]", padding_warning) is None, padding_warning  # … never as an HTML tag
    for element in at.warning:
        assert not getattr(element.proto, "allow_html", False)
    assert dict(at.query_params) == {}  # the page rewrote the link to what it shows


def test_hostile_typed_data_is_an_error_not_html() -> None:
    at = run(x='<img src=x onerror="window.__xss=1">')
    assert not at.exception
    errors = page_errors(at)
    assert errors
    assert all(re.search(r"(?<!\\)[<>]", e) is None for e in errors), errors


def test_chinese_title() -> None:
    at = run(lang="zh")
    assert_ok(at)
    assert [t.value for t in at.title] == ["Conv1d 实验室 · 演练场"]
    assert "已固定的单元 y[0, 0, 0] 是怎样算出来的" in [s.value for s in at.header]
    assert dict(at.query_params) == {"lang": "zh"} or at.query_params["lang"] in (["zh"], "zh")


# ---------------------------------------------------------------- presentation mode


def test_presentation_mode_is_one_big_animation_and_its_sum() -> None:
    normal, present = run(RAMP_QUERY, cell="0,0,13"), run(RAMP_QUERY, cell="0,0,13", present="true")
    assert_ok(present)
    assert not present.title  # the room reads the animation, not the page's heading
    assert [b.label for b in present.button] == ["Leave presentation mode"]
    assert not present.tabs
    assert not present.main.header  # (the sidebar is drawn, and hidden by CSS)
    assert metric(present, "NumPy (this app)") == metric(present, "torch") == "8.6000"  # the ramp's last output
    equation = next(c for c in numbers_of(present) if c.startswith("y[0,0,13]"))
    assert "(13.0000)·(0.1000)" in equation
    assert equation.rstrip().endswith("= 8.6000")
    big, small = chart(present)["layout"], chart(normal)["layout"]
    assert big["font"]["size"] > small["font"]["size"]  # the values' size: Plotly fits cell text up to it
    assert big["height"] <= 520  # room under the chart for the sum on a 720 px projector (tests/e2e/test_screens.py)
    assert present.query_params["present"] in (["true"], "true")  # kept in the link


def test_leaving_presentation_mode_restores_the_page_and_the_link() -> None:
    at = run(RAMP_QUERY, present="true")
    at.button[0].click().run()
    assert_ok(at)
    assert [t.value for t in at.title] == ["Conv1d Lab · Playground"]
    assert "present" not in at.query_params
    assert "0.8000" in code(at, "y_numpy")  # the same numbers: only the view changed


def test_presentation_mode_in_chinese() -> None:
    at = run(RAMP_QUERY, present="true", lang="zh")
    assert_ok(at)
    assert [b.label for b in at.button] == ["退出演示模式"]
    assert [m.label for m in at.metric] == ["NumPy（本应用）", "torch"]
    with_bias = run(present="true", lang="zh")  # the default layer has a bias
    (equation,) = [c for c in numbers_of(with_bias) if c.startswith("y[0,0,0]")]
    assert "（偏置 bias）" in equation  # the sum's own words follow the language too


@pytest.mark.usefixtures("fresh_caches")
def test_page_runs_without_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "torch_available", lambda: False)
    at = run()
    assert_ok(at)
    infos = [i.value for i in at.info]
    assert any("torch is not installed" in i for i in infos), infos
    assert metric(at, "torch") == "—"
    assert not [c for c in numbers_of(at) if c.startswith("y_torch(")]
    chart(at)
    typed = run(RAMP_QUERY)  # explicit numbers need no torch at all
    assert_ok(typed)
    assert "8.6000" in code(typed, "y_numpy")


# ---------------------------------------------------------------- a sweep of configurations


SWEEP = {
    "default": "",
    "reflect": "padding=2&padding_mode=reflect",
    "replicate_stride": "padding=3&padding_mode=replicate&stride=2",
    "circular_pad_is_length": "padding=6&padding_mode=circular&length=6",
    "same_even": "padding=same&kernel_size=4",
    "same_reflect_dilated": "padding=same&kernel_size=3&dilation=3&padding_mode=reflect",
    "valid_dilated": "padding=valid&kernel_size=5&dilation=2",
    "causal": "causal=true&padding=0&dilation=2",
    "causal_replicate": "causal=true&padding=0&padding_mode=replicate&kernel_size=4",
    "depthwise": "in_channels=4&out_channels=8&groups=4",
    "float32": "dtype=float32&batch=2&cell=1,1,4",
    "float32_same_circular": "dtype=float32&padding=same&padding_mode=circular&kernel_size=5",
    "typed_weights": "x=1,2,3,4,5,6;0,1,0,1,0,1&w=1,0;0,1|0.5,0.5;-1,1&b=0.25,-0.5&padding=0",
    "typed_nlc": "x=1,2;3,4;5,6;7,8&layout=nlc&weights=identity&kernel_size=3",
    "presets_long": "input=noisy_sine&weights=gaussian&kernel_size=5&length=300&stride=2",
}


@pytest.mark.parametrize("name", list(SWEEP))
def test_sweep_shows_the_engine_output(name: str) -> None:
    at = run(SWEEP[name])
    assert_ok(at)
    assert not at.warning, [w.value for w in at.warning]
    state, _ = parse(dict(parse_qsl(SWEEP[name])))
    expected = scene.build_scene(scene.ConvSpec.of(state))
    assert code(at, "y_numpy") == formatting.tensor_text(expected.y, "y_numpy")
    torch_numbers = numbers(code(at, "y_torch"))
    tol = 1e-4 if state.dtype == "float64" else 2e-4
    np.testing.assert_allclose(torch_numbers, numbers(code(at, "y_numpy")), atol=tol)
    spec = chart(at)
    t = min(state.cell[2], expected.y.shape[2] - 1)  # the pin widget clamps a cell the output lost
    assert decode(spec["data"][7]["customdata"]).count(t) == 1  # the pinned cell is in the animation
    assert f"`{expected.data.x.dtype}`" in shape_line(at)


def test_export_link_reopens_the_view_exactly() -> None:
    """The copied link is URL-encoded: a typed '+' survives (written by hand it came back as a space)."""
    at = run(tab="export", x="1e+3,+2,3,4,5;5,6,7,8,9", cell="0,1,0", lang="zh", dilation="2")
    assert_ok(at)
    (link,) = [c.value for c in at.code if "?" in c.value and "x=" in c.value]
    view, warnings = parse(parse_qs(link.split("?", 1)[1], keep_blank_values=True))
    assert warnings == []
    assert (view.x, view.cell, view.lang, view.conv.dilation) == ("1e+3,+2,3,4,5;5,6,7,8,9", (0, 1, 0), "zh", 2)


@pytest.mark.parametrize("page", ["playground", "groups", "receptive-field"])
def test_a_seed_in_the_link_is_kept_or_refused_never_changed(page: str) -> None:
    """The seed widget holds every seed a link may carry; one past it is a warning and the default."""
    big = open_page(page, seed=str(limits.MAX_SEED))
    assert not big.exception
    assert big.number_input(key="seed").value == limits.MAX_SEED
    assert big.query_params["seed"] in ([str(limits.MAX_SEED)], str(limits.MAX_SEED))
    over = open_page(page, seed=str(limits.MAX_SEED + 1))
    assert any("seed" in w.value for w in over.warning), [w.value for w in over.warning]
    assert over.number_input(key="seed").value == DEFAULT.seed


@pytest.mark.usefixtures("fresh_caches")
def test_a_failing_torch_is_a_message_and_the_page_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: Any, **kwargs: Any) -> Any:
        raise ConvVizError("torch_failed", error="RuntimeError: out of memory")

    monkeypatch.setattr(reference, "run_torch", fails)
    at = run(RAMP_QUERY)
    assert not at.exception, [e.value for e in at.exception]
    assert any("out of memory" in e.value for e in at.error), [e.value for e in at.error]
    assert metric(at, "torch") == "—"
    assert metric(at, "NumPy (this app)") == "0.8000"  # the engine's numbers stay


# ---------------------------------------------------------------- the layer as torch prints it

ISSUE_QUERY = (
    "in_channels=4&out_channels=8&kernel_size=3&stride=2&padding=1&dilation=2&groups=2&bias=false&padding_mode=reflect"
)


def _issue_module() -> str:
    return repr(torch.nn.Conv1d(4, 8, 3, stride=2, padding=1, dilation=2, groups=2, bias=False, padding_mode="reflect"))


@pytest.mark.parametrize("present", [False, True], ids=["page", "presentation"])
def test_shape_line_shows_the_layer_as_torch_prints_it(present: bool) -> None:
    """Every argument that differs from torch's default, in torch's own words; presentation mode shows it too."""
    at = run(ISSUE_QUERY, **({"present": "true"} if present else {}))
    assert_ok(at)
    line = shape_line(at)
    assert f"`{_issue_module()}`" in line
    assert "Conv1d(4, 8, kernel_size=(3,), stride=(2,), padding=(1,), dilation=(2,), groups=2, bias=False, " in line
    assert not [m for m in at.sidebar.markdown if "Conv1d(" in m.value]  # on the page, not in the sidebar
    assert "causal" not in " ".join(c.value for c in at.caption)


@pytest.mark.parametrize(("lang", "words"), [("en", "causal is not an argument"), ("zh", "causal 不是这一层的参数")])
def test_causal_layer_says_how_the_padding_runs(lang: str, words: str) -> None:
    at = run("causal=true&kernel_size=3&dilation=2&padding_mode=replicate", lang=lang)
    assert_ok(at)
    assert "`Conv1d(2, 2, kernel_size=(3,), stride=(1,), dilation=(2,), padding_mode=replicate)`" in shape_line(at)
    notes = [c.value for c in at.caption if words in c.value]
    assert len(notes) == 1, [c.value for c in at.caption]
    assert "`F.pad(x, (4, 0), mode='replicate')`" in notes[0]


# ---------------------------------------------------------------- the side lessons' tabs


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_correlation_tab_shows_the_four_computations(lang: str) -> None:
    at = run("weights=edge&input=ramp&bias=false", tab="correlation", lang=lang)
    assert_ok(at)
    shown = next(c.value for c in at.code if "np.correlate" in c.value)
    s = scene.build_scene(scene.ConvSpec.of(parse({"weights": "edge", "input": "ramp", "bias": "false"})[0]))
    x, w = s.data.x[0, 0], s.data.weight[0, 0]
    assert formatting.tensor_text(np.correlate(x, w, "valid"), "np.correlate(x, w, 'valid')") in shown
    assert formatting.tensor_text(np.convolve(x, w, "valid"), "np.convolve(x, w, 'valid')") in shown
    verdict = next(m.value for m in at.markdown if "✅" in m.value)
    assert "❌" in verdict  # the edge kernel is not symmetric: np.convolve flips it and disagrees
    yes, no = ("yes", "no") if lang == "en" else ("是", "否")
    assert f"np.correlate: ✅ {yes}" in verdict or f"np.correlate：✅ {yes}" in verdict
    assert verdict.count(f"❌ {no}") == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_layout_tab_shows_both_libraries_refusing_swapped_axes(lang: str) -> None:
    at = run(tab="layout", lang=lang)
    assert_ok(at)
    layout_tab = next(tab for tab in at.tabs if tab.label.startswith("(N, L, C)"))
    assert layout_tab.error, "the engine's channel message"
    assert any("channels" in c.value for c in layout_tab.code), "torch's own message"
