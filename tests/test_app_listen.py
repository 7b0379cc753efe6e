"""The playground's sound through AppTest: the Listen tab, audio presets, and uploads too long for a link.

The upload store is ``st.cache_resource`` (one per server process), so a second
AppTest in this process is a second browser on the same server: it finds an
upload the first one sent, as a class opening a teacher's link does.
"""

from __future__ import annotations

import io
import re
import wave

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Tab

from conv_viz import data
from conv_viz.data import audio
from conv_viz.errors import ConvVizError
from conv_viz.pages import upload_store
from conv_viz.server import uploads
from conv_viz.server.url_state import parse
from conv_viz.text import formatting
from conv_viz.views import scene
from tests.app_pages import figures, open_page, open_sidebar_box, text_of
from tests.test_app_playground import assert_ok, shape_line

DEMO = {"input": "chirp", "length": "8000", "weights": "moving_average", "kernel_size": "15"}
CJK = re.compile(r"[\u4e00-\u9fff]")


pytestmark = pytest.mark.usefixtures("fresh_caches")  # each test starts with an empty server


def make_wav(frames: int, rate: int, channels: int = 1) -> bytes:
    """A 16-bit PCM WAV of a 440 Hz tone, a different phase per channel."""
    t = np.arange(frames)[:, None] / rate
    samples = np.round(20000 * np.sin(2 * np.pi * 440 * t + np.arange(channels))).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as f:
        f.setnchannels(channels)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(samples.tobytes())
    return out.getvalue()


def listen_tab(at: AppTest) -> Tab:
    tabs = [tab for tab in at.tabs if tab.label in ("Listen", "试听")]
    assert len(tabs) == 1, [tab.label for tab in at.tabs]
    return tabs[0]


def players(at: AppTest) -> list[str]:
    """The media URLs of the page's audio players (each a WAV the server serves)."""
    return [a.proto.url for a in at.get("audio")]


def clip_captions(at: AppTest) -> dict[str, str]:
    """'x[0, 1]' → its caption ('x[0, 1] · peak 1.0000 · gain ×0.90'), for every player."""
    captions = [c.value for c in at.caption if re.match(r"[xy]\[\d+, \d+\] · ", c.value)]
    return {c.split(" · ")[0]: c for c in captions}


def query(at: AppTest) -> dict[str, str]:
    return {
        k: at.query_params[k][-1] if isinstance(at.query_params[k], list) else at.query_params[k]
        for k in at.query_params
    }


def upload(at: AppTest, name: str, raw: bytes) -> AppTest:
    at = open_sidebar_box(at, "upload")
    at.file_uploader(key="upload_file").set_value((name, raw, "audio/wav"))
    return at.run()


# ---------------------------------------------------------------- the Listen tab


def test_listen_tab_plays_every_input_and_output_channel() -> None:
    at = open_page("playground", tab="listen", **DEMO)
    assert_ok(at)
    urls = players(at)
    assert len(urls) == 4  # x[0, 0], x[0, 1], y[0, 0], y[0, 1]
    assert all(url.endswith(".wav") for url in urls)
    assert len(set(urls)) == 4
    assert len(listen_tab(at).get("audio")) == 4  # all of them in the Listen tab
    view, _ = parse(DEMO)
    s = scene.build_scene(scene.ConvSpec.of(view))
    captions = clip_captions(at)
    for name, signal in [("x[0, 0]", s.data.x[0, 0]), ("x[0, 1]", s.data.x[0, 1]), ("y[0, 1]", s.y[0, 1])]:
        clip = audio.clip(signal, data.AUDIO_RATE)
        assert captions[name] == f"{name} · peak {formatting.fmt(clip.peak)} · gain ×{clip.gain:.2f}"
    text = text_of(at)
    assert "Each clip is normalised on its own" in text
    assert "Listen for the hiss going away" in text
    assert "1.00 s at 8,000 Hz" in text


@pytest.mark.parametrize(
    ("weights", "needle"),
    [
        ("moving_average", "hiss going away"),
        ("edge", "Listen for the clicks"),
        ("gaussian", "gentler smoother"),
        ("identity", "should sound the same"),
        ("random", "random filter"),
    ],
)
def test_hint_follows_the_weight_preset(weights: str, needle: str) -> None:
    at = open_page("playground", tab="listen", input="rhythm", length="4000", weights=weights)
    assert_ok(at)
    assert needle in text_of(at)


def test_typed_weights_get_their_own_hint_and_a_short_input_says_so() -> None:
    at = open_page("playground", tab="listen", w="1,-1")
    assert_ok(at)
    text = text_of(at)
    assert "the filter you typed" in text
    assert any("too short to hear" in i.value for i in at.info)


def test_players_are_capped_with_a_note() -> None:
    at = open_page("playground", tab="listen", in_channels="10", out_channels="12", length="1000", input="sine")
    assert_ok(at)
    assert len(players(at)) == 16
    text = text_of(at)
    assert "Showing the first 8 of 10 in_channels." in text
    assert "Showing the first 8 of 12 out_channels." in text


def test_strided_output_is_held_to_last_as_long_as_the_input() -> None:
    at = open_page("playground", tab="listen", input="chirp", length="8000", stride="4", kernel_size="8")
    assert_ok(at)
    assert "each output value is held for 4 samples" in text_of(at)
    assert len(players(at)) == 4


def test_sample_rate_widget_reaches_the_link_and_the_players() -> None:
    at = open_page("playground", tab="listen", **DEMO)
    at.number_input(key="sample_rate").set_value(16000).run()
    assert_ok(at)
    assert query(at)["sample_rate"] == "16000"
    assert "0.50 s at 16,000 Hz" in text_of(at)


def test_demo_button_sets_up_the_lesson() -> None:
    at = open_page("playground", tab="listen", x="1,2,3")
    next(b for b in at.button if b.label == "Rhythm + edge").click().run()
    assert_ok(at)
    q = query(at)
    assert {k: q.get(k) for k in ("input", "weights", "length", "padding", "in_channels", "out_channels")} == {
        "input": "rhythm",
        "weights": "edge",
        "length": "8000",
        "padding": "same",
        "in_channels": "1",
        "out_channels": "1",
    }
    assert "x" not in q
    assert "`x (1, 1, 8000)`" in shape_line(at)
    assert len(players(at)) == 2


def test_chinese_listen_tab() -> None:
    at = open_page("playground", tab="listen", lang="zh", **DEMO)
    assert_ok(at)
    listen_tab(at)
    assert CJK.search(next(c.value for c in at.caption if "归一化" in c.value))
    assert "嘶嘶的噪声消失" in text_of(at)


def test_one_second_of_audio_keeps_the_window_and_plays_the_whole_signal() -> None:
    """A second at 8 kHz with kernel_size 31: the animation shows a window, the players the whole signal.

    Its server time is in the benchmark (``tests.perf.pages``), not asserted here.
    """
    at = open_page("playground", tab="listen", input="chirp", length="8000", kernel_size="31", weights="moving_average")
    assert_ok(at)
    assert len(figures(at)) == 2  # the window and the overview
    assert len(players(at)) == 4


# ---------------------------------------------------------------- uploads


def test_long_wav_upload_is_kept_on_the_server_and_named_in_the_link() -> None:
    raw = make_wav(16000, 16000)  # one second: 16,000 values, more than a link carries
    at = upload(open_page("playground", tab="listen"), "tone.wav", raw)
    assert_ok(at)
    key = uploads.content_key(raw)
    assert query(at) == {"upload": key, "sample_rate": "16000"}
    assert "`x (1, 1, 16000)`" in shape_line(at)
    assert any(f"upload={key}" in i.value.replace("\\", "") for i in at.sidebar.info)
    assert "1.00 s at 16,000 Hz" in text_of(at)
    assert len(players(at)) == 3  # one input channel, two outputs
    x, _ = data.load_wav(raw)
    clip = audio.clip(x[0, 0], 16000)
    assert clip_captions(at)["x[0, 0]"] == f"x[0, 0] · peak {formatting.fmt(clip.peak)} · gain ×{clip.gain:.2f}"

    # the link, opened in another browser on this server, shows the same input
    other = open_page("playground", tab="listen", upload=key, sample_rate="16000")
    assert_ok(other)
    assert not other.warning
    assert shape_line(other) == shape_line(at)

    # and the way back to the preset
    next(b for b in at.button if b.label == "Use the preset instead").click().run()
    assert_ok(at)
    assert "upload" not in query(at)
    assert "sample_rate" not in query(at)
    assert "`x (1, 2, 12)`" in shape_line(at)


def test_stereo_upload_keeps_both_channels() -> None:
    at = upload(open_page("playground", tab="listen"), "stereo.wav", make_wav(4000, 22050, channels=2))
    assert_ok(at)
    assert "`x (1, 2, 4000)`" in shape_line(at)
    assert query(at)["sample_rate"] == "22050"
    assert len(players(at)) == 4


def test_short_upload_still_travels_as_typed_x() -> None:
    raw = make_wav(100, 11025)
    at = upload(open_page("playground", tab="listen"), "short.wav", raw)
    assert_ok(at)
    q = query(at)
    assert "upload" not in q
    assert q["sample_rate"] == "11025"
    x, _ = data.load_wav(raw)
    assert q["x"] == data.format_values(x[0, 0])


def test_missing_upload_warns_and_falls_back_to_the_preset() -> None:
    at = open_page("playground", tab="listen", upload="0123456789abcdef", sample_rate="44100")
    assert_ok(at)
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert len(warnings) == 1
    assert "upload=0123456789abcdef) is not on this server" in warnings[0]
    assert "Showing the input preset instead" in warnings[0]
    assert "`x (1, 2, 12)`" in shape_line(at)  # the default preset
    assert query(at) == {}  # the link now says what the page shows
    at.run()
    assert not at.warning  # said once, like any repaired link


def test_missing_upload_in_chinese() -> None:
    at = open_page("playground", tab="listen", upload="0123456789abcdef", lang="zh")
    assert_ok(at)
    assert len(at.warning) == 1
    assert "不在本服务器上" in at.warning[0].value


def test_malformed_upload_name_is_ignored_with_a_warning() -> None:
    at = open_page("playground", tab="listen", upload="<script>alert(1)</script>")
    assert_ok(at)
    assert len(at.warning) == 1
    assert "16 hexadecimal digits" in at.warning[0].value


def test_typed_x_replaces_an_upload() -> None:
    raw = make_wav(5000, 8000)
    at = upload(open_page("playground", tab="listen"), "tone.wav", raw)
    at = open_sidebar_box(at, "typed")  # a kept upload leaves typed x empty: its box stays closed
    at.text_area(key="x").set_value("1,2,3,4").run()
    assert_ok(at)
    assert "upload" not in query(at)
    assert "`x (1, 1, 4)`" in shape_line(at)


def test_other_pages_still_refuse_a_long_upload() -> None:
    at = upload(open_page("groups"), "tone.wav", make_wav(5000, 8000))
    assert not at.exception
    assert any("travel in a shareable link" in e.value for e in at.error)
    assert "upload" not in query(at)


def test_an_upload_dropped_between_check_and_use_is_the_apps_error() -> None:
    """The store is bounded: the page checks first, and a lookup that still misses raises a message, not a KeyError."""
    with pytest.raises(ConvVizError) as info:
        upload_store.lookup("f" * 16)
    assert info.value.key == "upload_missing"
    assert upload_store.lookup(None) is None


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"x": "1e39,1,2,3", "dtype": "float32"}, "x overflows float32"),
        ({"x": "1e308,1e308,0", "w": "1,1"}, "y overflows float64"),
    ],
)
def test_numbers_that_overflow_are_refused_with_the_fix(query: dict[str, str], says: str) -> None:
    """Typed numbers parse as finite but overflow once cast or summed: a message, not inf in a WAV encoder."""
    at = open_page("playground", tab="listen", **query)
    assert not at.exception, [e.value for e in at.exception]
    assert any(says in e.value for e in at.error), [e.value for e in at.error]
    assert not at.get("audio")


@pytest.mark.parametrize(
    ("length", "rate", "says"),
    [
        ("100", "8000", "Set length to 8,000 (1 s at this rate)"),
        ("8000", "44100", "Set length to 44,100 (1 s at this rate)"),  # 8,000 samples are 0.18 s here
        ("8000", "384000", "Lower the sample rate"),  # 48,000 samples, the most allowed, are 0.125 s
    ],
)
def test_too_short_to_hear_names_a_length_that_is_long_enough(length: str, rate: str, says: str) -> None:
    at = open_page("playground", tab="listen", input="sine", length=length, sample_rate=rate)
    assert not at.exception
    (hint,) = [i.value for i in at.info if "too short to hear" in i.value]
    assert says in hint, hint


@pytest.mark.parametrize("page", ["transposed", "groups", "matrix"])
def test_pages_without_uploads_say_so_and_leave_it_out_of_their_link(page: str) -> None:
    """The session keeps a long upload for the playground; these pages draw x from the preset and say so."""
    at = open_page(page, upload="0123456789abcdef")
    assert not at.exception, [e.value for e in at.exception]
    assert any("used on the Playground only" in i.value for i in at.info), [i.value for i in at.info]
    assert "upload" not in query(at)
