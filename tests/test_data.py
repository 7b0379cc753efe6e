"""conv_viz.data and limits.py: presets, the NumPy fallback of seeded data, typed text, CSV and WAV.

Everything here runs without torch; the bit-for-bit torch checks live in
test_reference.py.
"""

from __future__ import annotations

import io
import re
import struct
import wave
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from conv_viz import data, engine, reference
from conv_viz.core import limits
from conv_viz.core.params import Conv1dParams
from conv_viz.data import typed
from conv_viz.errors import ConvVizError

CJK = re.compile(r"[\u4e00-\u9fff]")


def assert_error(err: ConvVizError, key: str, *needles: str) -> None:
    """The right key, every needle in the English message, and both languages fully rendered."""
    assert err.key == key
    en, zh = err.message("en"), err.message("zh")
    for needle in needles:
        assert needle in en, (needle, en)
    for text in (en, zh):
        assert not text.startswith("err."), text  # a missing key renders as the key itself
        assert "{" not in text, text  # every placeholder filled
    assert CJK.search(zh), zh


# ---------------------------------------------------------------- input presets

SHAPES = [(1, 1, 1), (1, 1, 16), (2, 3, 7), (4, 8, 50)]


@pytest.mark.parametrize("name", list(data.INPUT_PRESETS))
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_input_preset_shape_dtype_finite(name: str, shape: tuple[int, int, int]) -> None:
    x = data.input_preset(name, *shape, seed=3)
    assert x.shape == shape
    assert x.dtype == np.float64
    assert np.isfinite(x).all()


@pytest.mark.parametrize("name", list(data.INPUT_PRESETS))
def test_input_preset_is_deterministic(name: str) -> None:
    np.testing.assert_array_equal(data.input_preset(name, 2, 3, 20, 7), data.input_preset(name, 2, 3, 20, 7))


# Presets whose channels and batch items are meant to differ (ramp and ones are the same everywhere on purpose).
VARYING = ["random", "sine", "noisy_sine", "step", "chirp", "multivariate", "embedding"]


@pytest.mark.parametrize("name", VARYING)
def test_multichannel_presets_differ_across_channels_and_items(name: str) -> None:
    x = data.input_preset(name, 3, 4, 32, seed=1)
    for c in range(1, 4):
        assert not np.array_equal(x[0, 0], x[0, c]), f"channel {c} repeats channel 0"
    for n in range(1, 3):
        assert not np.array_equal(x[0], x[n]), f"item {n} repeats item 0"


@pytest.mark.parametrize("name", ["random", "noisy_sine", "multivariate", "embedding"])
def test_seeded_presets_change_with_the_seed(name: str) -> None:
    assert not np.array_equal(data.input_preset(name, 1, 2, 16, 0), data.input_preset(name, 1, 2, 16, 1))


def test_ramp_is_the_tutorial_arange() -> None:
    np.testing.assert_array_equal(data.ramp(2, 3, 16)[1, 2], np.arange(16.0))


def test_embedding_repeats_a_word_as_the_same_column() -> None:
    """Same vocabulary entry ⇒ same column up to the small noise."""
    x = data.embedding(1, 16, 200, seed=0)
    columns = x[0].T
    distances = np.linalg.norm(columns[:, None] - columns[None], axis=-1)
    close = distances < 0.5
    assert close.sum() > 200  # some words repeat (8-word vocabulary, 200 tokens)
    assert (distances[~close] > 1.0).all()  # and different words are far apart


def test_unknown_preset() -> None:
    with pytest.raises(ConvVizError) as info:
        data.input_preset("nope", 1, 1, 4)
    assert_error(info.value, "unknown_preset", "nope", "ramp")
    with pytest.raises(ConvVizError) as info:
        data.kernel_weight("nope", 1, 1, 3)
    assert_error(info.value, "unknown_preset", "weights", "moving_average")


# ---------------------------------------------------------------- weight presets


@pytest.mark.parametrize("name", list(data.KERNELS))
@pytest.mark.parametrize("k", range(1, 9))
def test_kernel_shape_and_values(name: str, k: int) -> None:
    kernel = data.KERNELS[name](k)
    assert kernel.shape == (k,)
    assert np.isfinite(kernel).all()


@pytest.mark.parametrize(
    ("name", "k", "expected"),
    [
        ("moving_average", 4, [0.25, 0.25, 0.25, 0.25]),
        ("edge", 1, [1.0]),
        ("edge", 2, [-1.0, 1.0]),
        ("edge", 3, [-1.0, 0.0, 1.0]),
        ("edge", 4, [-1.0, 0.0, 1.0, 0.0]),
        ("edge", 5, [0.0, -1.0, 0.0, 1.0, 0.0]),
        ("identity", 1, [1.0]),
        ("identity", 3, [0.0, 1.0, 0.0]),
        ("identity", 4, [0.0, 1.0, 0.0, 0.0]),
    ],
)
def test_kernel_table(name: str, k: int, expected: list[float]) -> None:
    np.testing.assert_allclose(data.KERNELS[name](k), expected)


@pytest.mark.parametrize("k", range(1, 10))
def test_gaussian_is_normalised_and_symmetric(k: int) -> None:
    g = data.gaussian(k)
    assert g.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(g, g[::-1])
    assert g.argmax() == (k - 1) // 2


# A dilated even kernel has no tap on its centre (the docstring says so): those pairs are left out.
IDENTITY_CASES = [(k, d) for k in (1, 2, 3, 4, 5, 8) for d in (1, 2, 3) if k % 2 or d == 1]


@pytest.mark.parametrize(("k", "dilation"), IDENTITY_CASES)
def test_identity_with_same_padding_is_the_identity(k: int, dilation: int) -> None:
    """The docstring's promise for even K: (K−1)//2 is the tap padding='same' centres on."""
    x = data.sine(2, 3, 20)
    w = data.kernel_weight("identity", 3, 1, k)
    y = engine.conv1d(x, w, padding="same", dilation=dilation, groups=3)
    np.testing.assert_array_equal(y, x)


@pytest.mark.parametrize(("out_channels", "per_group"), [(1, 1), (4, 2), (2, 4), (6, 3)])
@pytest.mark.parametrize("name", list(data.KERNELS))
def test_kernel_weight_filters_one_channel_per_output(name: str, out_channels: int, per_group: int) -> None:
    w = data.kernel_weight(name, out_channels, per_group, 5)
    assert w.shape == (out_channels, per_group, 5)
    for o in range(out_channels):
        for i in range(per_group):
            expected = data.KERNELS[name](5) if i == o % per_group else np.zeros(5)
            np.testing.assert_array_equal(w[o, i], expected)


def test_moving_average_of_ones_is_one() -> None:
    y = engine.conv1d(data.ones(1, 2, 10), data.kernel_weight("moving_average", 2, 2, 4))
    np.testing.assert_allclose(y, 1.0)


@pytest.mark.parametrize("weights", list(data.KERNELS))
@pytest.mark.parametrize("bias", [True, False])
def test_make_data_with_kernel_presets(weights: str, bias: bool) -> None:
    params = Conv1dParams(4, 6, 3, groups=2, bias=bias)
    d = data.make_data(params, 2, 10, 0, "sine", weights)
    assert (d.x.shape, d.weight.shape) == ((2, 4, 10), (6, 2, 3))
    assert d.x.dtype == d.weight.dtype == np.float64
    assert (d.source, d.x_seeded, d.weight_seeded) == ("explicit", False, False)
    if bias:
        assert d.bias is not None
        np.testing.assert_array_equal(d.bias, np.zeros(6))  # deterministic presets: bias zeros
    else:
        assert d.bias is None


def test_make_data_explicit_arrays() -> None:
    params = Conv1dParams(1, 2, 2)
    d = data.make_data(params, 1, 3, 0, np.ones((1, 1, 3)), np.ones((2, 1, 2)), np.array([1.0, 2.0]))
    assert d.bias is not None
    assert d.bias.tolist() == [1.0, 2.0]
    assert data.make_data(params, 1, 3, 0, np.ones((1, 1, 3)), np.ones((2, 1, 2))).bias is not None


# ---------------------------------------------------------------- seeded data without torch


@pytest.fixture
def no_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend torch is not installed: conv_viz.data asks reference.torch_available() every time."""
    monkeypatch.setattr(reference, "torch_available", lambda: False)


SEEDED_PARAMS = [
    Conv1dParams(2, 2, 3, bias=False),
    Conv1dParams(2, 3, 5),
    Conv1dParams(4, 8, 3, groups=4, padding="same", padding_mode="reflect"),
    Conv1dParams(3, 6, 4, dilation=2, causal=True),
]


@pytest.mark.usefixtures("no_torch")
@pytest.mark.parametrize("params", SEEDED_PARAMS, ids=str)
def test_numpy_fallback_shapes_and_bounds(params: Conv1dParams) -> None:
    d = data.seeded(params, 3, 12, seed=666)
    assert d.source == "numpy"
    assert (d.x_seeded, d.weight_seeded, d.seed) == (True, True, 666)
    assert d.x.shape == (3, params.in_channels, 12)
    assert d.weight.shape == params.weight_shape
    assert {d.x.dtype, d.weight.dtype} == {np.dtype(np.float32)}
    bound = np.float32(params.init_bound)
    assert np.abs(d.weight).max() <= bound
    if params.bias:
        assert d.bias is not None
        assert d.bias.shape == (params.out_channels,)
        assert np.abs(d.bias).max() <= bound
    else:
        assert d.bias is None
    again = data.seeded(params, 3, 12, seed=666)
    np.testing.assert_array_equal(again.weight, d.weight)


@pytest.mark.usefixtures("no_torch")
def test_numpy_fallback_random_input_matches_seeded_x() -> None:
    params = Conv1dParams(2, 2, 3)
    np.testing.assert_array_equal(data.random_input(2, 2, 9, 5), data.seeded(params, 2, 9, 5).x)
    mixed = data.make_data(params, 2, 9, 5, "random", "edge")
    np.testing.assert_array_equal(mixed.x, data.seeded(params, 2, 9, 5).x)
    assert (mixed.source, mixed.x_seeded, mixed.weight_seeded) == ("numpy", True, False)
    assert mixed.x.dtype == np.float32


def test_seeded_numpy_warning_exists_in_both_languages() -> None:
    from conv_viz.i18n import translate

    assert "torch.manual_seed" in translate("en", "warn.seeded_numpy")
    assert "torch.manual_seed" in translate("zh", "warn.seeded_numpy")
    assert CJK.search(translate("zh", "warn.seeded_numpy"))


@pytest.mark.parametrize("seed", [-1, 2**63])
def test_seed_out_of_range(seed: int) -> None:
    with pytest.raises(ConvVizError) as info:
        data.seeded(Conv1dParams(), 1, 4, seed)
    assert_error(info.value, "seed", str(seed))


# ---------------------------------------------------------------- typed text

PARSE_INPUT = [
    ("0,1,2,3", [[[0, 1, 2, 3]]]),
    ("  0 , 1,2 ,3,  ", [[[0, 1, 2, 3]]]),  # whitespace and a trailing separator
    ("1 2 3", [[[1, 2, 3]]]),  # spaces alone separate, as numpy prints
    ("1,2;3,4", [[[1, 2], [3, 4]]]),
    ("1,2\n3,4\n", [[[1, 2], [3, 4]]]),  # a newline is a channel break, like ';'
    ("1,2;\r\n3,4;", [[[1, 2], [3, 4]]]),
    ("1,2;3,4|5,6;7,8|", [[[1, 2], [3, 4]], [[5, 6], [7, 8]]]),
    ("-1.5e-3, +2E2, .5, 1_000", [[[-0.0015, 200, 0.5, 1000]]]),  # signs, exponents, Python's underscores
    ("1,,2", [[[1, 2]]]),  # doubled separators are ignored
]


@pytest.mark.parametrize(("text", "expected"), PARSE_INPUT)
def test_parse_input(text: str, expected: list[list[list[float]]]) -> None:
    x = data.parse_input(text)
    assert x.dtype == np.float64
    np.testing.assert_array_equal(x, np.array(expected, dtype=np.float64))


def test_parse_weight_and_bias() -> None:
    assert data.parse_weight("0.1, 0.2, 0.3").shape == (1, 1, 3)
    assert data.parse_weight("1,2;3,4|5,6;7,8|9,10;11,12").shape == (3, 2, 2)
    np.testing.assert_array_equal(data.parse_bias("1, 2;3|4\n5"), [1, 2, 3, 4, 5])


PARSE_ERRORS = [
    (data.parse_input, "", "typed_empty", ["x"]),
    (data.parse_input, " ;|, \n", "typed_empty", ["x"]),
    (data.parse_weight, "", "typed_empty", ["weight"]),
    (data.parse_bias, ",", "typed_empty", ["bias"]),
    (data.parse_input, "1,2,abc", "typed_not_number", ["x[0, 0, 2]", "'abc'"]),
    (data.parse_input, "1,2;3,4|5,6;7,x8", "typed_not_number", ["x[1, 1, 1]", "'x8'"]),
    (data.parse_input, "[0.1, 0.2]", "typed_not_number", ["x[0, 0, 0]", "'[0.1'"]),
    (data.parse_weight, "1,2|3,four", "typed_not_number", ["weight[1, 0, 1]", "'four'"]),
    (data.parse_bias, "1,zwei", "typed_not_number", ["bias[1]", "'zwei'"]),
    (data.parse_input, "1,nan,2", "typed_not_finite", ["x[0, 0, 1]", "nan"]),
    (data.parse_input, "1,2;-inf,3", "typed_not_finite", ["x[0, 1, 0]", "-inf"]),
    (data.parse_input, "1e999", "typed_not_finite", ["x[0, 0, 0]"]),
    (data.parse_bias, "Infinity", "typed_not_finite", ["bias[0]"]),
    (data.parse_input, "1,2,3;4,5", "typed_ragged", ["x[0, 1] has 2", "x[0, 0] has 3"]),
    (data.parse_input, "1,2;3,4|5,6,7;8,9,10", "typed_ragged", ["x[1, 0] has 3", "has 2"]),
    (data.parse_input, "1,2;3,4|5,6", "typed_ragged_channels", ["x[1] has 1 channels", "x[0] has 2"]),
    (data.parse_weight, "1;2|3", "typed_ragged_channels", ["weight[1] has 1", "weight[0] has 2"]),
]


@pytest.mark.parametrize("parse", [data.parse_input, data.parse_weight, data.parse_bias])
@pytest.mark.parametrize("separator", [",", " ", ",\n"])
def test_too_many_typed_values(parse: object, separator: str) -> None:
    assert callable(parse)
    parse(separator.join(["1"] * limits.MAX_TYPED_VALUES))  # exactly the limit is fine
    with pytest.raises(ConvVizError) as info:
        parse(separator.join(["1"] * (limits.MAX_TYPED_VALUES + 1)))
    assert_error(info.value, "typed_too_many", "20,001", "20,000")


def test_too_many_typed_values_in_a_huge_text_is_refused_before_parsing() -> None:
    text = ", ".join(["0.12345678901234567890123456"] * (limits.MAX_TYPED_VALUES + 5))
    assert len(text) > typed._TYPED_CHARS
    with pytest.raises(ConvVizError) as info:
        data.parse_input(text)
    assert_error(info.value, "typed_too_many", "20,005")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "-0"),
        (1.0, "1"),
        (-3.0, "-3"),
        (0.1, "0.1"),
        (1e-5, "1e-5"),
        (1e16, "1e16"),
        (123456789.0, "123456789"),
        (2.5e-300, "2.5e-300"),
        (1 / 3, "0.3333333333333333"),
    ],
)
def test_format_number_is_short(value: float, text: str) -> None:
    assert data.format_number(value) == text


FINITE64 = st.floats(allow_nan=False, allow_infinity=False)
FINITE32 = st.floats(allow_nan=False, allow_infinity=False, width=32)
SHAPE3 = hnp.array_shapes(min_dims=3, max_dims=3, max_side=5)


@given(hnp.arrays(np.float64, SHAPE3, elements=FINITE64))
def test_typed_round_trip_float64_is_bit_exact(x: np.ndarray) -> None:
    back = data.parse_input(data.format_values(x))
    assert back.dtype == np.float64
    np.testing.assert_array_equal(back.view(np.uint64), x.view(np.uint64))  # bits: -0.0 and subnormals too


@given(hnp.arrays(np.float32, SHAPE3, elements=FINITE32))
def test_typed_round_trip_float32_is_bit_exact(w: np.ndarray) -> None:
    back = data.parse_weight(data.format_values(w)).astype(np.float32)
    np.testing.assert_array_equal(back.view(np.uint32), w.view(np.uint32))


@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=1, max_side=8), elements=FINITE64))
def test_bias_round_trip(b: np.ndarray) -> None:
    np.testing.assert_array_equal(data.parse_bias(data.format_values(b)).view(np.uint64), b.view(np.uint64))


def test_format_values_is_url_friendly() -> None:
    text = data.format_values(np.array([[[1e300, -2e-300, 0.5]]]))
    assert "+" not in text  # '+' would read back as a space from a query string
    assert text == "1e300,-2e-300,0.5"


# ---------------------------------------------------------------- CSV

CSV_GOOD = [
    (b"1\n2\n3\n", [[1, 2, 3]]),
    (b"a,b\n1,2\n3,4\n5,6\n", [[1, 3, 5], [2, 4, 6]]),  # header skipped, columns are channels
    (b"1;2\n3;4\n", [[1, 3], [2, 4]]),
    (b"1\t2\n3\t4\n", [[1, 3], [2, 4]]),
    (b"1 2\n3 4\n", [[1, 3], [2, 4]]),
    (b"\xef\xbb\xbftime_a,time_b\r\n1,2\r\n\r\n3,4\r\n", [[1, 3], [2, 4]]),  # Excel: BOM, CRLF, blank line
    (b"# exported\nx\n-1.5e2\n0.25\n", [[-150, 0.25]]),
    (b'"a","b"\n"1","2"\n', [[1], [2]]),
    (b"1,2,3\n", [[1], [2], [3]]),  # one row: three channels of length 1 (columns are channels)
]


@pytest.mark.parametrize(("raw", "expected"), CSV_GOOD)
def test_load_csv(raw: bytes, expected: list[list[float]]) -> None:
    x = data.load_csv(raw)
    assert x.dtype == np.float64
    np.testing.assert_array_equal(x, np.array([expected], dtype=np.float64))


CSV_ERRORS = [
    (b"", "csv_empty", []),
    (b"\n\n  \n", "csv_empty", []),
    (b"left,right\n", "csv_empty", []),
    (b"1,2\n3\n5,6\n", "csv_ragged", ["row 2", "1 columns", "has 2"]),
    (b"a,b\n1,2\n3,4,5\n", "csv_ragged", ["row 3", "3 columns"]),
    (b"a,b\n1,2\n3,oops\n", "csv_not_number", ["row 3, column 2", "'oops'"]),
    (b"1,2\n3,\n", "csv_not_number", ["row 2, column 2", "''"]),
    (b"1,2\n3,nan\n", "csv_not_finite", ["row 2, column 2", "nan"]),
    (b"1\ninf\n", "csv_not_finite", ["row 2, column 1"]),
    (b"\xff\xfe1\x002\x00", "csv_encoding", []),
]


def test_load_csv_size_limits() -> None:
    with pytest.raises(ConvVizError) as info:
        data.load_csv(b"1\n" * (limits.MAX_UPLOAD_BYTES // 2 + 1))
    assert_error(info.value, "upload_too_big", "5 MB")
    with pytest.raises(ConvVizError) as info:
        data.load_csv(b"0\n" * (limits.MAX_LENGTH + 1))
    assert_error(info.value, "limit", "length=48,001")
    with pytest.raises(ConvVizError) as info:
        data.load_csv((",".join(["1"] * (limits.MAX_CHANNELS + 1)) + "\n").encode())
    assert_error(info.value, "limit", "in_channels=65")


# ---------------------------------------------------------------- WAV


def make_wav(samples: np.ndarray, width: int, rate: int = 8000) -> bytes:
    """A PCM WAV of integer ``samples`` (L, C), written by the standard library like a user's file."""
    if width == 1:
        raw = (samples + 128).astype(np.uint8).tobytes()
    elif width == 3:
        raw = b"".join(int(v).to_bytes(3, "little", signed=True) for v in samples.ravel())
    else:
        raw = samples.astype({2: "<i2", 4: "<i4"}[width]).tobytes()
    out = io.BytesIO()
    with wave.open(out, "wb") as f:
        f.setnchannels(samples.shape[1])
        f.setsampwidth(width)
        f.setframerate(rate)
        f.writeframes(raw)
    return out.getvalue()


@pytest.mark.parametrize("width", [1, 2, 3, 4])
@pytest.mark.parametrize("channels", [1, 2])
def test_load_wav(width: int, channels: int) -> None:
    full = 2 ** (8 * width - 1)
    rng = np.random.default_rng(width * 10 + channels)
    ints = rng.integers(-full, full, (50, channels))
    ints[0] = -full  # the extremes: −1 exactly, and one step short of +1
    ints[1] = full - 1
    x, rate = data.load_wav(make_wav(ints, width, rate=22050))
    assert rate == 22050
    assert x.shape == (1, channels, 50)
    assert x.dtype == np.float64
    np.testing.assert_array_equal(x[0], ints.T / full)
    assert x.min() == -1.0
    assert x.max() < 1.0


def _riff(fmt_chunk: bytes, payload: bytes = b"\x00\x00" * 4) -> bytes:
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt_chunk)) + fmt_chunk
    body += b"data" + struct.pack("<I", len(payload)) + payload
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _fmt(tag: int, channels: int = 1, rate: int = 8000, bits: int = 16, extensible_sub: int | None = None) -> bytes:
    block = channels * bits // 8
    chunk = struct.pack("<HHIIHH", tag, channels, rate, rate * block, block, bits)
    if extensible_sub is not None:  # cbSize, valid bits, channel mask, sub-format GUID
        guid = struct.pack("<H", extensible_sub) + b"\x00\x00\x00\x00\x10\x00\x80\x00\x00\xaa\x00\x38\x9b\x71"
        chunk += struct.pack("<HHI", 22, bits, 0) + guid
    return chunk


def test_load_wav_extensible_pcm() -> None:
    """ffmpeg and Windows write 24-bit and multichannel PCM as WAVE_FORMAT_EXTENSIBLE; Python 3.11 refuses it."""
    samples = struct.pack("<4h", 0, 16384, -16384, -32768)
    x, rate = data.load_wav(_riff(_fmt(0xFFFE, extensible_sub=1), samples))
    assert rate == 8000
    np.testing.assert_array_equal(x[0, 0], [0, 0.5, -0.5, -1])


WAV_ERRORS = [
    (b"", "wav_empty", []),
    (b"hello, this is not audio at all, not even close to a RIFF file...", "wav_invalid", []),
    (_riff(_fmt(3, bits=32)), "wav_format", ["format code 3", "IEEE float"]),
    (_riff(_fmt(0xFFFE, bits=32, extensible_sub=3)), "wav_format", ["65534"]),
    (_riff(_fmt(85)), "wav_format", ["MP3"]),
    (_riff(_fmt(1), payload=b""), "wav_empty", []),
    (_riff(_fmt(1, bits=64), payload=b"\x00" * 16), "wav_width", ["64-bit"]),
]


@pytest.mark.parametrize(
    ("read", "raw", "key", "needles"),
    PARSE_ERRORS + [(data.load_csv, *case) for case in CSV_ERRORS] + [(data.load_wav, *case) for case in WAV_ERRORS],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_bad_input_is_refused_in_words(
    read: Callable[..., object], raw: str | bytes, key: str, needles: list[str]
) -> None:
    """Typed numbers, CSV and WAV uploads: each reader names what is wrong, where, in both languages."""
    with pytest.raises(ConvVizError) as info:
        read(raw)
    assert_error(info.value, key, *needles)


def test_load_wav_too_long_says_the_duration_limit() -> None:
    raw = make_wav(np.zeros((limits.MAX_LENGTH + 1, 1), dtype=np.int64), width=1, rate=16000)
    with pytest.raises(ConvVizError) as info:
        data.load_wav(raw)
    assert_error(info.value, "wav_too_long", "48,001 samples", "3.00 s", "16,000 Hz", "Trim")


def test_load_wav_too_big_upload() -> None:
    with pytest.raises(ConvVizError) as info:
        data.load_wav(b"RIFF" + b"\x00" * limits.MAX_UPLOAD_BYTES)
    assert_error(info.value, "upload_too_big")


@pytest.mark.parametrize("shape", [(40,), (1, 40), (2, 40)])
def test_to_wav_bytes_round_trip(shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(0)
    signal = rng.integers(-32768, 32768, shape) / 32768  # exactly representable in 16-bit PCM
    x, rate = data.load_wav(data.to_wav_bytes(signal, 44100))
    assert rate == 44100
    np.testing.assert_array_equal(x[0], np.atleast_2d(signal))


def test_to_wav_bytes_scales_a_loud_signal_instead_of_clipping() -> None:
    x, _ = data.load_wav(data.to_wav_bytes(np.array([0.0, 4.0, -2.0]), 8000))
    np.testing.assert_allclose(x[0, 0], [0.0, 32767 / 32768, -0.5])


@pytest.mark.parametrize(
    ("signal", "rate", "key"),
    [
        (np.array([0.0, np.nan]), 8000, "signal_not_finite"),
        (np.zeros((1, 1, 4)), 8000, "signal_shape"),
        (np.zeros(0), 8000, "signal_shape"),
        (np.zeros(4), 0, "wav_rate"),
    ],
)
def test_to_wav_bytes_errors(signal: np.ndarray, rate: int, key: str) -> None:
    with pytest.raises(ConvVizError) as info:
        data.to_wav_bytes(signal, rate)
    assert_error(info.value, key)


# ---------------------------------------------------------------- limits

LIMIT_ERRORS = [
    (Conv1dParams(), 17, 10, "batch=17"),
    (Conv1dParams(), 1, 48_001, "length=48,001"),
    (Conv1dParams(65, 1, 3), 1, 10, "in_channels=65"),
    (Conv1dParams(1, 65, 3), 1, 10, "out_channels=65"),
    (Conv1dParams(kernel_size=129), 1, 1000, "kernel_size=129"),
    (Conv1dParams(stride=65), 1, 1000, "stride=65"),
    (Conv1dParams(dilation=65), 1, 1000, "dilation=65"),
    (Conv1dParams(padding=1025), 1, 10, "padding=1,025"),
    (Conv1dParams(64, 1, 3), 16, 1000, "batch·in_channels·length=1,024,000"),
]


@pytest.mark.parametrize(("params", "batch", "length", "needle"), LIMIT_ERRORS)
def test_limits(params: Conv1dParams, batch: int, length: int, needle: str) -> None:
    with pytest.raises(ConvVizError) as info:
        limits.check_limits(params, batch, length)
    assert_error(info.value, "limit", needle)


def test_limit_work_names_the_knob_to_lower() -> None:
    params = Conv1dParams(16, 64, 128)
    limits.check_limits(params, 1, 100)  # 64·(100−127+1 ≤ 0) windows: nothing to compute
    with pytest.raises(ConvVizError) as info:
        limits.check_limits(params, 2, 1000)
    # 2·64·873·16·128 = 228,851,712 multiply-adds; out_channels is the knob closest to its maximum
    assert_error(info.value, "limit_work", "228,851,712", "2·64·873·16·128", "50,000,000", "out_channels (now 64)")


def test_limits_at_the_maximum_pass() -> None:
    limits.check_limits(Conv1dParams(1, 1, 3), 16, 48_000)
    limits.check_limits(Conv1dParams(64, 64, 1, groups=64), 1, 10_000)


def test_limits_run_torch_rules_first() -> None:
    with pytest.raises(ConvVizError) as info:
        limits.check_limits(Conv1dParams(stride=0), 1, 10)
    assert_error(info.value, "positive", "stride")


def test_typed_numbers_from_a_chinese_keyboard() -> None:
    """'，' '；' '、' '｜' and full-width digits and minus read as the ASCII separators and numbers."""
    np.testing.assert_array_equal(
        data.parse_input("１，２、3；4，5，6｜7,8,9;1,2,３"), data.parse_input("1,2,3;4,5,6|7,8,9;1,2,3")
    )
    assert data.parse_weight("０.５，−１").tolist() == [[[0.5, -1.0]]]
    assert data.parse_bias("０.２５、１").tolist() == [0.25, 1.0]
