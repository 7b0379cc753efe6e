"""The playground in headless Chromium: load, play the animation, pin a cell, break a rule, hostile links.

Screenshots go to artifacts/screenshots/playground-*.png for a human to look at.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import Locator, Page, expect

from conv_viz.server.url_state import DEFAULT
from tests.e2e.helpers import (
    PLOT,
    TITLE,
    assert_inert,
    frame_at_rest,
    frames_advance,
    no_exception,
    scroll_main,
    scrolled,
    settled,
    shot,
    wait_idle,
)

CURRENT_VALUE = f"{PLOT} .slider-group > .slider-label"  # the slider's "output position t = …"


def load(page: Page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def pin_markers(page: Page) -> Locator:
    """The invisible square markers over the output cells: points of the animation's last scatter trace."""
    return page.locator(PLOT).first.locator(".scatterlayer .trace").last.locator("path.point")


def test_default_page_draws_the_animation(page: Page, app_url: str) -> None:
    load(page, app_url + "/")
    no_exception(page)
    expect(page.locator("h1", has_text="Conv1d Lab · Playground")).to_be_visible()
    expect(page.locator(TITLE).first).to_contain_text("y[0,0,0] = Σ x·w")
    plot = page.locator(PLOT).first
    box = plot.bounding_box()
    assert box is not None
    assert box["width"] > 600
    assert box["height"] > 300
    assert page.locator(f"{PLOT} .heatmaplayer image, {PLOT} .hm image").count() >= 2  # input and output rows
    # one invisible marker per output cell of a bare link: torch's defaults give L_out = 12 - 3 + 1 = 10
    assert pin_markers(page).count() == DEFAULT.conv.output_length(DEFAULT.length) == 10
    settled(page, TITLE)
    shot(page, "playground-default")
    scroll_main(page, 0.45)
    shot(page, "playground-default-lower")


def test_long_signal_shows_a_window_and_the_overview(page: Page, app_url: str) -> None:
    load(page, app_url + "/?length=300&input=noisy_sine&weights=gaussian&kernel_size=7&stride=2&cell=0,1,70")
    no_exception(page)
    settled(page, TITLE)
    expect(page.locator(PLOT)).to_have_count(2)  # the animation's window and the whole signal
    assert pin_markers(page).count() == 40
    expect(page.locator(TITLE).first).to_contain_text("y[0,1,70] = ")
    shot(page, "playground-long")
    page.locator(PLOT).nth(1).evaluate("e => e.scrollIntoView({block: 'center'})")
    scrolled(page, page.locator(PLOT).nth(1))
    shot(page, "playground-long-overview")


def test_play_advances_the_frames(page: Page, app_url: str) -> None:
    load(page, app_url + "/")
    settled(page, TITLE)
    title, current = page.locator(TITLE).first, page.locator(CURRENT_VALUE).first
    before_title, before_value = title.text_content(), current.text_content()
    assert before_value == "output position t = 0"
    page.locator("g.updatemenu-button", has_text="Play").click()
    expect(current).not_to_have_text(before_value)  # the slider moves on its own
    frames_advance(page.locator(PLOT).first, 2)  # a couple more frames
    shot(page, "playground-playing")
    page.locator("g.updatemenu-button", has_text="Pause").click()
    frame_at_rest(page.locator(PLOT).first)  # read slider and title from one settled frame
    after_title, after_value = title.text_content(), current.text_content()
    assert after_title != before_title
    t = int((after_value or "").rsplit("=", 1)[1])
    assert 1 <= t <= 11
    assert (after_title or "").startswith(f"animation: y[0,0,{t}] = "), (after_title, after_value)  # t=0 is pinned
    no_exception(page)


def test_clicking_an_output_cell_pins_it(page: Page, app_url: str) -> None:
    load(page, app_url + "/")
    marker = pin_markers(page).nth(6)
    box = marker.bounding_box()
    assert box is not None
    assert box["width"] > 20
    # Plotly's drag layer takes the pointer events; a click at the marker's centre is what a user does
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    heading = page.get_by_role("heading", name="How the pinned cell y[0, 0, 6] is computed")
    expect(heading).to_be_visible()
    wait_idle(page)
    assert "cell=0%2C0%2C6" in page.url or "cell=0,0,6" in page.url, page.url
    expect(page.locator(TITLE).first).to_contain_text("y[0,0,6] = ")
    no_exception(page)
    settled(page, TITLE)
    shot(page, "playground-pinned")


def test_a_bundle_that_cannot_load_is_said_where_the_chart_goes(page: Page, app_url: str) -> None:
    """The animation draws with the app's own plotly.js (conv_viz/server/assets.py): if the browser cannot get
    it, the learner reads why in the page's language, not an empty space; the rest of the page still works."""
    page.route("**/_conv_viz/**", lambda route: route.abort())
    load(page, app_url + "/?lang=zh")
    alert = page.locator(".cv-chart [role=alert]")
    expect(alert).to_contain_text("plotly.js")
    expect(alert).to_contain_text("请刷新页面")
    expect(page.get_by_role("heading", name=re.compile("y\\[0, 0, 0\\]"))).to_be_visible()  # the sum is there
    no_exception(page)


def test_the_chart_follows_its_column_when_the_sidebar_closes(page: Page, app_url: str) -> None:
    """The window keeps its size, the page's column widens: the animation is redrawn to the new width, as
    Streamlit's own chart is (conv_viz/pages/chart.js observes its column)."""
    load(page, app_url + "/")
    page.wait_for_selector(f"{PLOT} .updatemenu-button")
    width = (
        "() => [document.querySelector('.cv-chart')._fullLayout.width, document.querySelector('.cv-chart').clientWidth]"
    )
    before, column = page.evaluate(width)
    assert before == column
    page.evaluate("() => document.querySelector('button[aria-label=\"Collapse sidebar\"]').click()")
    page.wait_for_function(f"() => {{ const [w, c] = ({width})(); return c > {column} && w === c; }}", timeout=10_000)
    no_exception(page)


def test_invalid_configuration_names_the_fix(page: Page, app_url: str) -> None:
    load(page, app_url + "/?in_channels=6&groups=4")
    alert = page.locator("[data-testid=stAlertContentError]", has_text="Valid groups here").first
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Valid groups here: 1, 2")
    no_exception(page)
    expect(page.locator("[data-testid=stSkeleton]")).to_have_count(0)
    shot(page, "playground-invalid")


def test_chinese_page(page: Page, app_url: str) -> None:
    load(page, app_url + "/?lang=zh")
    expect(page.locator("h1", has_text="Conv1d 实验室 · 演练场")).to_be_visible()
    no_exception(page)
    settled(page, TITLE)
    shot(page, "playground-zh")


def test_hostile_links_do_not_run_script(page: Page, app_url: str, dialogs: list[str]) -> None:
    script = "<script>alert(1)</script>"
    load(page, app_url + "/?padding=" + quote(script) + "&kernel_size=" + quote("<img src=x onerror=alert(2)>"))
    warning = page.locator("[data-testid=stAlertContentWarning]", has_text="Ignored padding=").first
    expect(warning).to_contain_text(script)  # the text itself, shown as text
    no_exception(page)
    settled(page, TITLE)
    shot(page, "playground-hostile-url")
    load(page, app_url + "/?x=" + quote('<img src=x onerror="window.__xss=1">'))
    no_exception(page)
    expect(page.locator("[data-testid=stAlertContentError]").first).to_be_visible()
    assert_inert(page, dialogs)


def test_presentation_mode_for_the_back_of_the_room(page: Page, app_url: str) -> None:
    """No sidebar, a larger root font, one big animation; the way back restores the page and the link."""
    load(page, app_url + "/?present=true&cell=0,0,3&dilation=2")
    no_exception(page)
    settled(page, TITLE)
    expect(page.locator("[data-testid=stSidebar]")).to_be_hidden()
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "22px"
    expect(page.locator(TITLE).first).to_contain_text("over padded slots 3, 5, 7")
    box = page.locator(PLOT).first.bounding_box()
    assert box is not None
    assert box["width"] > 1000
    shot(page, "playground-present")
    load(page, app_url + "/?present=true&lang=zh&input=step&weights=edge")
    no_exception(page)
    settled(page, TITLE)
    shot(page, "playground-present-zh")
    page.get_by_role("button", name="退出演示模式").click()
    wait_idle(page)
    expect(page.locator("[data-testid=stSidebar]")).to_be_visible()
    expect(page.locator("h1", has_text="演练场")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"present="))
    no_exception(page)


def test_keyboard_alone_steps_the_pinned_cell(page: Page, app_url: str) -> None:
    """The animation's Play is a Plotly control (pointer only); from the keyboard, t steps the same frames."""
    load(page, app_url + "/")
    for t in (1, 2):  # one step at a time: each Enter reruns the page, which redraws the input
        page.get_by_label("position t").focus()
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Enter")
        wait_idle(page)
        expect(page.get_by_role("heading", name=f"How the pinned cell y[0, 0, {t}] is computed")).to_be_visible()
    expect(page.locator(TITLE).first).to_contain_text("y[0,0,2] = ")  # the animation follows the pinned cell
    expect(page).to_have_url(re.compile(r"cell=0(%2C|,)0(%2C|,)2"))
    no_exception(page)


def sum_table(page: Page) -> Locator:
    """The pinned cell's step-by-step table: the first Markdown <table> on the page."""
    return page.locator("[data-testid=stMarkdownContainer] table").first


def test_the_sum_is_a_real_table(page: Page, app_url: str) -> None:
    """A short sum: one row per term on the page itself, numbers right-aligned, a screen reader's <th> header."""
    load(page, app_url + "/?" + "x=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15&w=0.1,0.2,0.3&bias=false&cell=0,0,5")
    no_exception(page)
    table = sum_table(page)
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("thead th")).to_have_text(
        ["c", "k", "padded slot", "reads", "x", "w[0,c,k]", "x·w", "running sum"]
    )
    expect(table.locator("tbody tr").last.locator("td")).to_have_text(
        ["0", "2", "7", "x[0,0,7]", "7.0000", "0.3000", "2.1000", "3.8000"]
    )
    aligns = table.locator("thead th").evaluate_all("ths => ths.map(th => getComputedStyle(th).textAlign)")
    assert aligns[3] in ("left", "start")  # "reads" is text
    assert aligns[4:] == ["right"] * 4
    settled(page, TITLE)
    page.get_by_role("heading", name="How the pinned cell y[0, 0, 5] is computed").evaluate(
        "e => e.scrollIntoView({block: 'start'})"
    )
    scrolled(page)
    shot(page, "playground-sum-table")


def test_a_long_sum_scrolls_in_a_box_and_says_what_it_leaves_out(page: Page, app_url: str) -> None:
    """64 channels × kernel 128 = 8,192 terms: 63, a ⋮ row and the last, in a scrolling box; a note on the rest."""
    load(page, app_url + "/?in_channels=64&out_channels=1&kernel_size=128&length=128&bias=false")
    no_exception(page)
    table = sum_table(page)
    expect(table.locator("tbody tr")).to_have_count(65)
    expect(table.locator("tbody tr").nth(63).locator("td").first).to_have_text("⋮")
    expect(table.locator("tbody tr").last.locator("td").nth(1)).to_have_text("127")
    box = page.locator("[data-testid=stVerticalBlock]", has=table).last  # the innermost block holding the table
    sizes = box.evaluate("e => [e.scrollHeight, e.clientHeight]")
    assert sizes[0] > sizes[1] + 1000, sizes  # the rows scroll inside the box, not down the page
    note = page.get_by_text("… 8,128 more terms are not listed")
    expect(note).to_be_attached()
    settled(page, TITLE)
    page.get_by_role("heading", name="How the pinned cell y[0, 0, 0] is computed").evaluate(
        "e => e.scrollIntoView({block: 'start'})"
    )
    scrolled(page)
    shot(page, "playground-long-sum")
    note.scroll_into_view_if_needed()
    expect(note).to_be_visible()
    shot(page, "playground-long-sum-end")


def _blocks_sent(payload: bytes | str, into: list[str]) -> None:
    """The kinds of block (``tab_container``, ``tab``, …) one websocket frame from the server adds."""
    if isinstance(payload, bytes):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg.FromString(payload)
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "add_block":
            into.append(str(msg.delta.add_block.WhichOneof("type")))


def test_a_pin_sends_the_tabs_again_only_when_the_open_panel_follows_it(page: Page, app_url: str) -> None:
    """Tensors open: a pin's rerun leaves the tabs alone. Correlation open (it draws the pinned channel): they follow,
    in a rerun of the page. One tab bar all along (drawn in and out of the pin's fragment, a loaded server left two)."""
    blocks: list[str] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: _blocks_sent(p, blocks)))
    load(page, app_url + "/")
    steps = page.locator("[data-testid=stMain] [data-testid=stNumberInput] [data-testid=stNumberInputStepUp]")
    tensors, correlation = page.get_by_role("tab", name="Tensors"), page.get_by_role("tab", name="Correlation")
    blocks.clear()
    steps.nth(2).click()  # t 0 → 1
    expect(page.get_by_role("heading", name="How the pinned cell y[0, 0, 1] is computed")).to_be_visible()
    wait_idle(page)
    assert "tab_container" not in blocks, blocks
    expect(tensors).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel")).to_contain_text("NumPy = torch")

    correlation.click()
    expect(page.get_by_role("tabpanel")).to_contain_text("weight[0, 0]")
    wait_idle(page)
    expect(page.get_by_role("tablist")).to_have_count(1)  # one tab bar: the page draws it, never the pin's fragment
    blocks.clear()
    steps.nth(1).click()  # o 0 → 1: the panel's kernel is output channel 1's
    expect(page.get_by_role("tabpanel")).to_contain_text("weight[1, 0]")
    wait_idle(page)
    assert "tab_container" in blocks, blocks

    tensors.click()  # back to a panel the pin does not change: drawn after the pin's part again
    expect(tensors).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel")).to_contain_text("NumPy = torch")
    wait_idle(page)
    expect(page.get_by_role("tablist")).to_have_count(1)
    expect(page.get_by_role("heading", name="How the pinned cell y[0, 1, 1] is computed")).to_be_visible()
    no_exception(page)
