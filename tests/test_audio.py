"""Sound: audio presets, clips for the browser, the store of long uploads, and their URL keys.

The presets are checked for what a class should hear at ``AUDIO_RATE``: the
tone's pitch, the clicks' beat, the hiss a moving average removes, the clicks
an edge kernel keeps, all computed with the app's engine.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import replace
from urllib.parse import parse_qs

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conv_viz import data, engine
from conv_viz.core.limits import MAX_INPUT_VALUES, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE
from conv_viz.data import audio
from conv_viz.errors import ConvVizError
from conv_viz.server import uploads
from conv_viz.server.url_state import DEFAULT, ViewState, parse, share_query, to_query
from conv_viz.views import scene
from tests.test_url_state import STATES

RATE = data.AUDIO_RATE


def dominant_hz(signal: np.ndarray, rate: int = RATE) -> float:
    """The frequency with the most energy (DC excluded)."""
    spectrum = np.abs(np.fft.rfft(signal - signal.mean()))
    return float(np.fft.rfftfreq(signal.size, 1 / rate)[np.argmax(spectrum)])


# ---------------------------------------------------------------- presets at the audio rate

AUDIO_PRESETS = ["sine", "noisy_sine", "chirp", "rhythm"]


@pytest.mark.parametrize("name", AUDIO_PRESETS)
@pytest.mark.parametrize("shape", [(1, 1, RATE), (2, 3, RATE // 2), (1, 2, 12), (1, 1, 1)], ids=str)
def test_audio_presets_shape_dtype_and_determinism(name: str, shape: tuple[int, int, int]) -> None:
    x = data.input_preset(name, *shape, seed=5)
    assert (x.shape, x.dtype) == (shape, np.dtype(np.float64))
    assert np.isfinite(x).all()
    np.testing.assert_array_equal(x, data.input_preset(name, *shape, seed=5))


def test_rhythm_changes_with_the_seed_and_differs_across_channels_and_items() -> None:
    x = data.input_preset("rhythm", 2, 3, RATE, seed=1)
    assert not np.array_equal(x, data.input_preset("rhythm", 2, 3, RATE, seed=2))
    assert not np.array_equal(x[0, 0], x[0, 1])
    assert not np.array_equal(x[0], x[1])


def test_rhythm_clicks_four_times_a_second_with_an_accent_every_fourth() -> None:
    x = data.rhythm(1, 1, 2 * RATE, seed=0)[0, 0]
    onsets = np.flatnonzero(np.diff(x) > 0.3) + 1
    beat = RATE // data.BEATS_PER_SECOND
    np.testing.assert_array_equal(onsets, np.arange(1, 8) * beat)  # t = 0 is a click too, with nothing before it
    heights = x[np.arange(8) * beat]
    assert (heights[[0, 4]] > 1.0).all()  # the accented ones, plus a little hum and noise
    assert (heights[[1, 2, 3, 5, 6, 7]] < 0.9).all()
    assert abs(x[beat + int(data.CLICK_DECAY_S * RATE) * 3]) < 0.3  # 3 decay times later the click is gone


def test_rhythm_on_a_short_input_still_has_four_clicks() -> None:
    x = data.rhythm(1, 1, 16, seed=0)[0, 0]
    assert (np.flatnonzero(np.diff(x) > 0.3) + 1).tolist() == [4, 8, 12]


@pytest.mark.parametrize(("channel", "hz"), [(0, 220.0), (1, 440.0), (2, 660.0), (3, 880.0)])
def test_sine_is_an_audible_tone_at_the_audio_rate(channel: int, hz: float) -> None:
    x = data.sine(1, 4, RATE)
    assert dominant_hz(x[0, channel]) == hz


@pytest.mark.parametrize("length", [1, 2, 12, 36])
def test_short_sines_keep_one_to_four_cycles_over_the_input(length: int) -> None:
    n, c, t = np.ogrid[:2, :3, :length]
    before = np.sin(2 * np.pi * (1 + c % 4) * t / length + 0.7 * c + 1.3 * n)  # the preset before audio existed
    np.testing.assert_allclose(data.sine(2, 3, length), before, rtol=0, atol=1e-12)


def test_chirp_sweeps_below_the_nyquist_limit() -> None:
    x = data.chirp(1, 1, RATE)[0, 0]
    first, last = x[: RATE // 16], x[-RATE // 16 :]
    assert dominant_hz(first) < 300
    assert 3000 < dominant_hz(last) < RATE / 2


def _filtered(x: np.ndarray, kernel: str, k: int) -> np.ndarray:
    """One channel through the engine with a weight preset and padding 'same' (what the Listen demos set)."""
    y: np.ndarray = engine.conv1d(x[None, None], data.kernel_weight(kernel, 1, 1, k), padding="same")
    return np.asarray(y[0, 0])


def test_moving_average_takes_the_hiss_out_of_the_noisy_tone() -> None:
    clean, noisy = data.sine(1, 1, RATE)[0, 0], data.noisy_sine(1, 1, RATE, seed=0)[0, 0]
    smooth = _filtered(noisy, "moving_average", 15)
    tone = _filtered(clean, "moving_average", 15)
    assert np.std(smooth - tone) < 0.3 * np.std(noisy - clean)  # the hiss is mostly gone …
    assert np.std(tone) > 0.5 * np.std(clean)  # … and the tone is still there


def test_edge_kernel_picks_out_the_clicks_of_the_rhythm() -> None:
    x = data.rhythm(1, 1, RATE, seed=0)[0, 0]
    y = _filtered(x, "edge", 3)
    beat = RATE // data.BEATS_PER_SECOND
    onsets = np.arange(1, 4) * beat
    loud = set(np.flatnonzero(np.abs(y) > 0.3).tolist())
    # x[t+1] − x[t−1] is large just before and at each jump (and at t = 0, next to the zero padding), nowhere else
    assert {int(t) for t in onsets - 1} <= loud <= {0, *(int(t) for t in onsets - 1), *(int(t) for t in onsets)}
    hum = _filtered(data.HUM_LEVEL * data.sine(1, 1, RATE)[0, 0], "edge", 3)  # a smooth tone like the hum
    assert np.abs(hum[1:-1]).max() < 0.1 * np.abs(y).max()


# ---------------------------------------------------------------- clips


def test_clip_is_normalised_and_plays_at_the_rate() -> None:
    signal = 3 * np.sin(np.linspace(0, 20, 1000))
    c = audio.clip(signal, 16000)
    x, rate = data.load_wav(c.wav)
    assert (rate, x.shape) == (16000, (1, 1, 1000))
    assert c.peak == pytest.approx(np.abs(signal).max())
    assert c.gain == pytest.approx(audio.PEAK / c.peak)
    np.testing.assert_allclose(x[0, 0], signal * c.gain, atol=1 / 32768)
    assert np.abs(x).max() == pytest.approx(audio.PEAK, abs=1 / 32768)
    assert c.seconds == pytest.approx(1000 / 16000)


def test_quiet_signal_is_made_louder_and_silence_stays_silent() -> None:
    quiet = audio.clip(np.array([0.0, 0.01, -0.02]), RATE)
    assert quiet.gain == pytest.approx(45.0)
    silent = audio.clip(np.zeros(5), RATE)
    assert (silent.peak, silent.gain) == (0.0, 1.0)
    assert not data.load_wav(silent.wav)[0].any()


def test_hold_repeats_each_output_for_the_stride() -> None:
    c = audio.clip(np.array([0.9, -0.45, 0.0]), RATE, hold=3)
    x, _ = data.load_wav(c.wav)
    np.testing.assert_allclose(x[0, 0], np.repeat([0.9, -0.45, 0.0], 3), atol=1 / 32768)
    assert c.seconds == pytest.approx(9 / RATE)


# ---------------------------------------------------------------- the store of long uploads


def test_content_key_is_16_lowercase_hex_digits_of_the_bytes() -> None:
    key = uploads.content_key(b"RIFF....WAVE")
    assert len(key) == 16
    assert set(key) <= set("0123456789abcdef")
    assert key == uploads.content_key(b"RIFF....WAVE") != uploads.content_key(b"RIFF....WAVf")


def test_store_keeps_a_private_read_only_copy() -> None:
    store = uploads.UploadStore()
    x = np.arange(6.0).reshape(1, 2, 3)
    store.put("a" * 16, x)
    x[0, 0, 0] = 99
    kept = store.get("a" * 16)
    assert kept is not None
    assert kept[0, 0, 0] == 0
    assert not kept.flags.writeable
    assert store.get("b" * 16) is None
    assert "a" * 16 in store


def test_store_drops_the_least_recently_used_past_its_count() -> None:
    store = uploads.UploadStore(max_entries=2)
    store.put("a", np.zeros((1, 1, 4)))
    store.put("b", np.zeros((1, 1, 4)))
    store.get("a")  # now "b" is the least recently used
    store.put("c", np.zeros((1, 1, 4)))
    assert ("a" in store, "b" in store, "c" in store) == (True, False, True)
    assert len(store) == 2


def test_store_is_bounded_by_bytes_but_keeps_the_newest() -> None:
    store = uploads.UploadStore(max_bytes=100 * 8)
    store.put("a", np.zeros((1, 1, 60)))
    store.put("b", np.zeros((1, 1, 60)))  # 120 values > 100: "a" goes
    assert ("a" in store, "b" in store, store.nbytes) == (False, True, 480)
    store.put("big", np.zeros((1, 1, 500)))  # larger than the budget alone: still kept, everything else goes
    assert (len(store), store.nbytes) == (1, 4000)
    store.put("big", np.zeros((1, 1, 500)))  # the same key again replaces, not duplicates
    assert (len(store), store.nbytes) == (1, 4000)


def test_store_refuses_what_the_scene_would_refuse() -> None:
    with pytest.raises(ConvVizError) as info:
        uploads.UploadStore().put("a", np.zeros((1, 2, MAX_INPUT_VALUES // 2 + 1)))
    assert info.value.key == "limit"
    assert "1,000,000" in str(info.value)


def test_store_is_safe_across_sessions() -> None:
    """Streamlit runs sessions in threads: concurrent puts and gets keep the bounds and the byte count."""
    store = uploads.UploadStore(max_entries=5)

    def work(i: int) -> None:
        for j in range(200):
            store.put(f"{i}-{j % 7}", np.full((1, 1, 10), i))
            store.get(f"{(i + 1) % 4}-{j % 7}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store) == 5
    assert store.nbytes == 5 * 80


# ---------------------------------------------------------------- the scene reads an upload


def test_scene_takes_shapes_from_the_upload() -> None:
    x = data.rhythm(1, 2, 5000, seed=0)
    state = scene.ConvSpec(upload="0" * 16, weights="edge", batch=3, length=12)
    s = scene.build_scene(state, x)
    assert (s.batch, s.length, s.params.in_channels, s.data.x.shape) == (1, 5000, 2, (1, 2, 5000))
    np.testing.assert_array_equal(s.data.x, x)
    expected = engine.conv1d(x, data.kernel_weight("edge", 2, 2, 3), np.zeros(2))
    np.testing.assert_allclose(s.y, expected, rtol=0, atol=0)


def test_typed_x_wins_over_an_upload() -> None:
    s = scene.build_scene(scene.ConvSpec(x="1,2,3,4", upload="0" * 16), np.zeros((1, 1, 9000)))
    assert s.data.x.shape == (1, 1, 4)


# ---------------------------------------------------------------- URL keys


@given(STATES, st.none() | st.text("0123456789abcdef", min_size=16, max_size=16), st.integers(3000, 384_000))
def test_round_trip_with_upload_and_sample_rate(state: ViewState, upload: str | None, rate: int) -> None:
    full = replace(state, upload=upload, sample_rate=rate)
    assert parse(to_query(full)) == (full, [])
    assert parse(parse_qs(share_query(full), keep_blank_values=True)) == (full, [])


def test_upload_key_spellings() -> None:
    state, warnings = parse({"upload": " 0123456789ABCDEF ", "sample_rate": "44100"})
    assert (state.upload, state.sample_rate, warnings) == ("0123456789abcdef", 44100, [])
    assert to_query(state) == {"upload": "0123456789abcdef", "sample_rate": "44100"}
    assert to_query(DEFAULT) == {}  # no upload and the default rate: nothing in the link


@pytest.mark.parametrize(
    ("key", "text", "warning"),
    [
        ("upload", "0123456789abcde", "url_bad_upload"),  # 15 digits
        ("upload", "0123456789abcdef0", "url_bad_upload"),
        ("upload", "0123456789abcdeg", "url_bad_upload"),
        ("upload", "../../etc/passwd", "url_bad_upload"),
        ("upload", "<script>alert(1)</script>", "url_bad_upload"),
        ("upload", "", "url_bad_upload"),
        ("sample_rate", str(MIN_SAMPLE_RATE - 1), "url_bad_int"),
        ("sample_rate", str(MAX_SAMPLE_RATE + 1), "url_over_limit"),
        ("sample_rate", "8k", "url_bad_int"),
    ],
)
def test_bad_upload_or_rate_falls_back_with_a_warning(key: str, text: str, warning: str) -> None:
    state, warnings = parse({key: text})
    assert [w.key for w in warnings] == [warning]
    assert getattr(state, key) == getattr(DEFAULT, key)
    for lang in ("en", "zh"):
        assert "{" not in warnings[0].message(lang)


@pytest.mark.parametrize("module", ["conv_viz.data.audio", "conv_viz.server.uploads"])
def test_sound_modules_are_pure(module: str) -> None:
    code = f"import sys, {module}; print(sorted({{'streamlit', 'torch', 'plotly'}} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
