"""URL query parameters: the documented links, a round trip for every valid state, and hostile input.

Whatever a URL says, ``parse`` returns a usable state and one warning per thing it ignored,
and every warning renders in both languages as short plain text.
"""

from __future__ import annotations

import string
import subprocess
import sys
import time
from dataclasses import replace
from urllib.parse import parse_qs, parse_qsl

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conv_viz.core.limits import (
    MAX_BATCH,
    MAX_CHANNELS,
    MAX_DILATION,
    MAX_KERNEL,
    MAX_LENGTH,
    MAX_PADDING,
    MAX_SEED,
    MAX_STRIDE,
    MAX_TYPED_VALUES,
)
from conv_viz.core.params import PADDING_MODES, PADDING_STRINGS, Conv1dParams
from conv_viz.errors import ConvVizError
from conv_viz.i18n.en import STRINGS as EN
from conv_viz.i18n.zh import STRINGS as ZH
from conv_viz.server.url_state import (
    DEFAULT,
    DTYPES,
    INPUT_PRESETS,
    KEYS,
    LAYOUTS,
    MAX_OUTPUT_PADDING,
    MAX_POSITION,
    READERS,
    SHOWN_CHARS,
    TYPED_CHARS,
    TYPED_KEYS,
    UNKNOWN_KEYS_SHOWN,
    WEIGHT_PRESETS,
    ViewState,
    parse,
    share_query,
    to_query,
)

SCRIPT = "<script>alert(1)</script>"
RAMP = ",".join(str(i) for i in range(16))


def _keys(warnings: list[ConvVizError]) -> list[str]:
    return [w.key for w in warnings]


def _assert_renders(warnings: list[ConvVizError]) -> None:
    """Every warning fills its template in en and zh: no missing key, no raw control characters, short."""
    for warning in warnings:
        for lang in ("en", "zh"):
            text = warning.message(lang)  # a missing field would raise KeyError here
            assert text != f"err.{warning.key}", f"no {lang} text for {warning.key}"
            assert text.isprintable(), repr(text)
            assert len(text) < 400, text


# ---------------------------------------------------------------- the documented links


def test_ramp_url_from_design() -> None:
    query = dict(parse_qsl(f"x={RAMP}&w=0.1,0.2,0.3&bias=false"))
    state, warnings = parse(query)
    assert warnings == []
    assert (state.x, state.w, state.b) == (RAMP, "0.1,0.2,0.3", None)
    assert state.conv.bias is False
    assert share_query(state) == f"bias=false&x={RAMP}&w=0.1,0.2,0.3"


def test_seeded_url() -> None:
    query = dict(parse_qsl("seed=666&batch=2&in_channels=2&out_channels=2&kernel_size=3&length=5&bias=false"))
    state, warnings = parse(query)
    assert warnings == []
    assert state.conv == Conv1dParams(in_channels=2, out_channels=2, kernel_size=3, bias=False)
    assert (state.seed, state.batch, state.length) == (666, 2, 5)
    # in/out channels and kernel_size equal the defaults, so the canonical link drops them
    assert to_query(state) == {"bias": "false", "batch": "2", "length": "5", "seed": "666"}


def test_default_state_is_an_empty_query() -> None:
    assert to_query(DEFAULT) == {}
    assert share_query(DEFAULT) == ""
    assert parse({}) == (DEFAULT, [])
    assert DEFAULT.conv == Conv1dParams(in_channels=2, out_channels=2, kernel_size=3)


def test_every_key_has_a_reader() -> None:
    assert set(READERS) == set(KEYS)
    assert len(KEYS) == len(set(KEYS))


def test_key_order_is_torch_order_first() -> None:
    conv = Conv1dParams(4, 6, 5, stride=2, padding=3, padding_mode="reflect", dilation=2, groups=2, bias=False)
    state = ViewState(conv=conv, output_padding=1, batch=3, length=40, seed=1, x="1", layout="nlc", present=True)
    assert list(to_query(state)) == [
        *("in_channels", "out_channels", "kernel_size", "stride", "padding", "padding_mode", "dilation", "groups"),
        *("bias", "output_padding", "batch", "length", "seed", "x", "layout", "present"),
    ]


# ---------------------------------------------------------------- round trip


def _typed() -> st.SearchStrategy[str | None]:
    return st.none() | st.text(alphabet="0123456789.,;|-+e \t", min_size=1, max_size=80)


_CONV = st.builds(
    Conv1dParams,
    in_channels=st.integers(1, MAX_CHANNELS),
    out_channels=st.integers(1, MAX_CHANNELS),
    kernel_size=st.integers(1, MAX_KERNEL),
    stride=st.integers(1, MAX_STRIDE),
    padding=st.integers(0, MAX_PADDING) | st.sampled_from(PADDING_STRINGS),
    padding_mode=st.sampled_from(PADDING_MODES),
    dilation=st.integers(1, MAX_DILATION),
    groups=st.integers(1, MAX_CHANNELS),  # any in range: a groups torch rejects is still a state to explain
    bias=st.booleans(),
    causal=st.booleans(),
)

STATES = st.builds(
    ViewState,
    conv=_CONV,
    output_padding=st.integers(0, MAX_OUTPUT_PADDING),
    batch=st.integers(1, MAX_BATCH),
    length=st.integers(1, MAX_LENGTH),
    seed=st.integers(0, MAX_SEED),
    dtype=st.sampled_from(DTYPES),
    lang=st.sampled_from([None, "en", "zh"]),
    input=st.sampled_from(INPUT_PRESETS),
    weights=st.sampled_from(WEIGHT_PRESETS),
    x=_typed(),
    w=_typed(),
    b=_typed(),
    cell=st.tuples(st.integers(0, MAX_BATCH - 1), st.integers(0, MAX_CHANNELS - 1), st.integers(0, MAX_POSITION)),
    layout=st.sampled_from(LAYOUTS),
    present=st.booleans(),
)


@given(STATES)
def test_round_trip(state: ViewState) -> None:
    assert parse(to_query(state)) == (state, [])


@given(STATES)
def test_round_trip_through_the_query_string(state: ViewState) -> None:
    """What a browser does with a shared link: percent-decode, one value per key."""
    query = parse_qs(share_query(state), keep_blank_values=True)
    assert parse(query) == (state, [])


# ---------------------------------------------------------------- spellings accepted without a warning

ACCEPTED = [
    ("stride", " 2 ", 2),
    ("stride", "+2", 2),
    ("stride", "002", 2),
    ("stride", "2.0", 2),  # integral decimals, as spreadsheets write them
    ("stride", "2.", 2),
    ("output_padding", "-0", 0),
    ("seed", str(MAX_SEED), MAX_SEED),
    ("length", str(MAX_LENGTH), MAX_LENGTH),
    ("padding", "SAME", "same"),
    ("padding", " valid ", "valid"),
    ("padding", "0", 0),
    ("padding_mode", "Reflect", "reflect"),
    ("bias", "No", False),
    ("bias", "0", False),
    ("bias", "off", False),
    ("causal", "ON", True),
    ("present", "yes", True),
    ("present", "1", True),
    ("dtype", "FLOAT32", "float32"),
    ("lang", "zh-CN", "zh"),
    ("lang", "en_US", "en"),
    ("lang", "auto", None),
    ("input", "Noisy_Sine", "noisy_sine"),
    ("weights", "moving_average", "moving_average"),
    ("cell", " 1, 2 ,3 ", (1, 2, 3)),
    ("cell", f"{MAX_BATCH - 1},{MAX_CHANNELS - 1},{MAX_POSITION}", (MAX_BATCH - 1, MAX_CHANNELS - 1, MAX_POSITION)),
    ("layout", "NLC", "nlc"),
    ("x", "", None),  # an empty text box: no typed data
    ("x", " 1, 2;3 |4 ", " 1, 2;3 |4 "),  # raw: conv_viz.data parses it
    ("w", SCRIPT, SCRIPT),  # still raw text here; conv_viz.data rejects it with its own message
]


def _value(state: ViewState, key: str) -> object:
    return getattr(state.conv, key) if hasattr(state.conv, key) else getattr(state, key)


@pytest.mark.parametrize(("key", "text", "expected"), ACCEPTED)
def test_accepted_spellings(key: str, text: str, expected: object) -> None:
    state, warnings = parse({key: text})
    assert warnings == []
    assert _value(state, key) == expected


def test_torch_rule_breaks_are_kept_for_the_page_to_explain() -> None:
    """Per-field garbage is repaired here; combinations torch rejects are not."""
    query = {"groups": "3", "padding": "same", "stride": "2", "causal": "true", "output_padding": "5", "cell": "9,9,9"}
    state, warnings = parse(query)
    assert warnings == []
    assert (state.conv.groups, state.conv.padding, state.conv.stride, state.conv.causal) == (3, "same", 2, True)
    assert (state.output_padding, state.cell) == (5, (9, 9, 9))
    with pytest.raises(ConvVizError):
        state.conv.check()


# ---------------------------------------------------------------- hostile values: default + one warning

_INT_KEYS = ("in_channels", "out_channels", "kernel_size", "stride", "dilation", "groups", "batch", "length")
_NOT_INTS = ["abc", "0", "-1", "1e3", "1e309", "nan", "inf", "-inf", "１２", "٣", "1_000", "0x10", "3.5", "", " "]
_NOT_INTS += [SCRIPT, "3\x00", "\u202e3", "2,3", "--2", "+-2", "½", "三"]

HOSTILE = (
    [(key, text, "url_bad_int") for key in _INT_KEYS for text in _NOT_INTS]
    + [(key, "9" * 200_000, "url_over_limit") for key in (*_INT_KEYS, "seed", "output_padding")]
    + [
        ("in_channels", str(MAX_CHANNELS + 1), "url_over_limit"),
        ("kernel_size", str(MAX_KERNEL + 1), "url_over_limit"),
        ("length", "99999999999999999999999999999999999999", "url_over_limit"),
        ("seed", str(MAX_SEED + 1), "url_over_limit"),
        ("seed", "-1", "url_bad_int"),
        ("output_padding", str(MAX_OUTPUT_PADDING + 1), "url_over_limit"),
        ("output_padding", "-1", "url_bad_int"),
        ("padding", str(MAX_PADDING + 1), "url_over_limit"),
        ("padding", "-1", "url_bad_choice"),
        ("padding", "full", "url_bad_choice"),
        ("padding", "nan", "url_bad_choice"),
        ("padding", "", "url_bad_choice"),
        ("padding_mode", "mirror", "url_bad_choice"),
        ("padding_mode", "zeros\x00", "url_bad_choice"),
        ("bias", "maybe", "url_bad_choice"),
        ("bias", "2", "url_bad_choice"),
        ("bias", "", "url_bad_choice"),
        ("causal", "ｔｒｕｅ", "url_bad_choice"),
        ("dtype", "float16", "url_bad_choice"),
        ("lang", "fr", "url_bad_choice"),
        ("lang", "", "url_bad_choice"),
        ("input", "noise", "url_bad_choice"),
        ("weights", "sobel", "url_bad_choice"),
        ("layout", "lnc", "url_bad_choice"),
        ("present", "inf", "url_bad_choice"),
        ("cell", "1,2", "url_bad_cell"),
        ("cell", "1,2,3,4", "url_bad_cell"),
        ("cell", "-1,0,0", "url_bad_cell"),
        ("cell", f"{MAX_BATCH},0,0", "url_bad_cell"),
        ("cell", f"0,{MAX_CHANNELS},0", "url_bad_cell"),
        ("cell", f"0,0,{MAX_POSITION + 1}", "url_bad_cell"),
        ("cell", "a,b,c", "url_bad_cell"),
        ("cell", "nan,inf,1e309", "url_bad_cell"),
        ("cell", "", "url_bad_cell"),
        ("cell", "0," * 100_000, "url_bad_cell"),
        ("x", "1," * (TYPED_CHARS // 2 + 1), "url_too_long"),
        ("b", "x" * (TYPED_CHARS + 1), "url_too_long"),
    ]
)


@pytest.mark.parametrize(("key", "text", "warning"), HOSTILE, ids=lambda v: repr(v)[:30] if isinstance(v, str) else v)
def test_hostile_value_falls_back_with_one_warning(key: str, text: str, warning: str) -> None:
    state, warnings = parse({key: text})
    assert _keys(warnings) == [warning]
    assert _value(state, key) == _value(DEFAULT, key)
    _assert_renders(warnings)
    assert warnings[0].fields["name"] == key


@pytest.mark.parametrize("key", KEYS)
def test_script_in_every_key(key: str) -> None:
    state, warnings = parse({key: SCRIPT})
    _assert_renders(warnings)
    if key in TYPED_KEYS:  # kept raw for conv_viz.data, which reports it in its own terms
        assert (_value(state, key), warnings) == (SCRIPT, [])
    else:
        assert _value(state, key) == _value(DEFAULT, key)
        assert len(warnings) == 1
        assert warnings[0].fields["value"] == SCRIPT  # shown as text, whole (it is short)


def test_script_as_a_key() -> None:
    state, warnings = parse({SCRIPT: "1"})
    assert state == DEFAULT
    assert _keys(warnings) == ["url_unknown_key"]
    _assert_renders(warnings)


def test_hostile_values_in_every_key_at_once() -> None:
    """200,000-character values, null bytes and bidi overrides in all keys: quick, no exception, short warnings."""
    for filler in ("9" * 200_000, "\x00" * 200_000, "\u202e" + "a" * 199_999, "１" * 200_000):
        start = time.perf_counter()
        state, warnings = parse(dict.fromkeys(KEYS, filler))
        assert time.perf_counter() - start < 1.0
        _assert_renders(warnings)
        assert all(len(str(w.fields.get("value", ""))) <= 4 * SHOWN_CHARS + 1 for w in warnings)
        # typed data under the cap is kept raw; every other key falls back with exactly one warning
        assert len(warnings) == len(KEYS) - len(TYPED_KEYS)
        assert (state.x, state.w, state.b) == (filler, filler, filler)


def test_twenty_thousand_numbers_are_kept_raw() -> None:
    x = ",".join(f"{-i / 7:.17g}" for i in range(MAX_TYPED_VALUES))
    assert len(x) <= TYPED_CHARS
    state, warnings = parse({"x": x})
    assert (state.x, warnings) == (x, [])


def test_shown_value_is_short_and_escaped() -> None:
    _, warnings = parse({"stride": "\x00\n\u202e`" + "9" * 100})
    value = str(warnings[0].fields["value"])
    assert value.startswith("\\x00\\n\\u202eˋ")
    assert value.endswith("…")
    assert value.isprintable()
    assert "`" not in value  # cannot close the code span the message puts it in


# ---------------------------------------------------------------- repeated and unknown keys


def test_repeated_key_uses_the_last_value() -> None:
    state, warnings = parse({"stride": ["2", "3"]})
    assert state.conv.stride == 3
    assert _keys(warnings) == ["url_repeated_key"]
    assert warnings[0].fields["count"] == 2
    _assert_renders(warnings)


def test_repeated_key_with_a_bad_last_value_warns_twice() -> None:
    state, warnings = parse({"stride": ("2", "x")})
    assert state.conv.stride == DEFAULT.conv.stride
    assert _keys(warnings) == ["url_repeated_key", "url_bad_int"]


def test_single_item_and_empty_lists() -> None:
    assert parse({"stride": ["2"]}) == (replace(DEFAULT, conv=replace(DEFAULT.conv, stride=2)), [])
    assert parse({"stride": []}) == (DEFAULT, [])


def test_unknown_key_suggests_the_likely_one() -> None:
    state, warnings = parse({"kernel": "5"})
    assert state == DEFAULT
    assert _keys(warnings) == ["url_unknown_key_hint"]
    assert warnings[0].fields["hint"] == "kernel_size"
    assert "kernel_size" in warnings[0].message("zh")


def test_many_unknown_keys_are_summarised() -> None:
    query = {f"junk{i}": "1" for i in range(1000)}
    state, warnings = parse(query)
    assert state == DEFAULT
    assert len(warnings) == UNKNOWN_KEYS_SHOWN + 1
    assert warnings[-1].key == "url_unknown_keys_more"
    assert warnings[-1].fields["count"] == 1000 - UNKNOWN_KEYS_SHOWN
    _assert_renders(warnings)


def test_non_string_values_do_not_raise() -> None:
    """The types say str, but a caller passing garbage still gets warnings, not a traceback."""

    class Hostile:
        def __str__(self) -> str:
            raise RuntimeError("boom")

    query: dict = {"stride": 2, "bias": None, "length": Hostile(), 7: "x", "padding": [b"1"]}
    state, warnings = parse(query)
    assert state.conv.stride == 2  # str(2) is a fine integer
    assert len(warnings) == 4
    _assert_renders(warnings)


# ---------------------------------------------------------------- fuzz: anything at all

_ANY_TEXT = st.text(max_size=60) | st.text(alphabet=string.digits + ",.-+ eEinfa", max_size=30)
_VALUES = _ANY_TEXT | st.lists(_ANY_TEXT, max_size=3)


@given(st.dictionaries(st.text(max_size=20) | st.sampled_from(KEYS), _VALUES, max_size=30))
def test_fuzz_never_raises_and_yields_a_valid_state(query: dict[str, str | list[str]]) -> None:
    state, warnings = parse(query)
    _assert_renders(warnings)
    # whatever came in, what comes out is a state every field of which a link can carry
    assert parse(to_query(state)) == (state, [])


@given(st.dictionaries(st.sampled_from(KEYS), _VALUES, min_size=1))
def test_fuzz_known_keys_one_warning_per_ignored_thing(query: dict[str, str | list[str]]) -> None:
    _, warnings = parse(query)
    _assert_renders(warnings)
    repeated = sum(isinstance(v, list) and len(v) > 1 for v in query.values())
    assert _keys(warnings).count("url_repeated_key") == repeated
    assert len(warnings) - repeated <= len(query)  # at most one more per key: its value


# ---------------------------------------------------------------- strings and imports


URL_KEYS = sorted(k for k in EN if k.startswith("err.url_"))


def test_url_strings_exist_in_both_languages() -> None:
    assert len(URL_KEYS) >= 9
    assert [k for k in URL_KEYS if k not in ZH] == []


def test_url_state_imports_no_streamlit_or_torch() -> None:
    code = "import sys, conv_viz.server.url_state; print(sorted({'streamlit', 'torch', 'plotly'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
