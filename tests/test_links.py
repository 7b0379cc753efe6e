"""The links the app writes (``url_state.write``): never a rejected value, never over 8,000 characters, and
always the same view when read back (``parse``, then ``resolve`` with the server's kept text).

Figures from the issue: 5,000 typed numbers used to make a 20,100-character link, and 100,000 refused numbers a
590 KB one the server answered with HTTP 400.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conv_viz import data
from conv_viz.core.limits import MAX_TYPED_VALUES
from conv_viz.i18n import translate
from conv_viz.server.uploads import TextStore
from conv_viz.server.url_state import (
    DEFAULT,
    KEYS,
    MAX_LINK_CHARS,
    ORIGIN_CHARS,
    READERS,
    TYPED_KEYS,
    ViewState,
    address,
    kept_name,
    parse,
    readable,
    resolve,
    spell,
    usable,
    write,
)
from conv_viz.stack.presets import PRESETS

ORIGIN = "https://" + "h" * (ORIGIN_CHARS - len("https://") - len("/receptive-field")) + "/receptive-field"


def numbers(count: int, seed: int = 0) -> str:
    """``count`` typed numbers like a learner pastes them: short decimals, some negative."""
    rng = np.random.default_rng(seed)
    return ",".join(data.format_number(v) for v in np.round(rng.normal(size=count), 3))


def read_back(query: dict[str, str], store: dict[str, str]) -> ViewState:
    """What a browser opening the link gets: the address bar's query, parsed, kept text looked up."""
    state, warnings = parse(parse_qs(address(query), keep_blank_values=True))
    assert warnings == []
    state, missing = resolve(state, store.get)
    assert missing == []
    return state


def stored(link_query: dict[str, str], kept: dict[str, str]) -> dict[str, str]:
    return {link_query[key]: text for key, text in kept.items()}


# ---------------------------------------------------------------- the two cases


def test_five_thousand_numbers_are_kept_and_named() -> None:
    x = numbers(5000)
    state = replace(DEFAULT, x=x, conv=replace(DEFAULT.conv, kernel_size=5, stride=2), seed=7)
    assert len(address({"x": x})) > 20_000  # what the link used to carry
    link = write(state)
    assert link.query == {"kernel_size": "5", "stride": "2", "seed": "7", "x": kept_name(x)}
    assert link.kept == {"x": x}
    assert link.refused == ()
    assert link.chars(ORIGIN) <= MAX_LINK_CHARS
    assert read_back(link.query, stored(link.query, link.kept)) == state


def test_a_hundred_thousand_numbers_are_refused_and_never_written() -> None:
    x = ",".join(["1"] * 100_000)
    assert not usable("x", x)  # typed data holds at most 20,000 numbers
    state = replace(DEFAULT, x=x, conv=replace(DEFAULT.conv, kernel_size=5))
    link = write(state)
    assert link.query == {"kernel_size": "5"}
    assert link.refused == ("x",)
    assert link.kept == {}
    kept = write(state, {"x": "1,2,3,4"})  # the last x the app accepted stays in the link
    assert kept.query == {"kernel_size": "5", "x": "1,2,3,4"}
    assert read_back(kept.query, {}) == replace(state, x="1,2,3,4")


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("x", "1, 2, three"),
        ("x", "1,2;3"),
        ("w", "nan"),
        ("b", "1e999"),
        ("stack", "conv:1,8,7;maxpol:2"),
        ("x", kept_name("1,2")),
        ("w", "<script>"),
        ("b", "   "),
    ],
)
def test_refused_text_is_never_written(key: str, bad: str) -> None:
    state = replace(DEFAULT, **{key: bad})
    assert write(state).query == {}
    assert write(state).refused == (key,)
    good = {"x": "1,2,3", "w": "0.5,0.5", "b": "1", "stack": "conv:1,8,7;relu"}[key]
    assert write(state, {key: good}).query == {key: good}
    assert write(state, {key: "still, bad"}).query == {}  # an accepted text is checked again, never trusted


def test_text_that_fits_stays_readable_in_the_link() -> None:
    state = replace(DEFAULT, x="0,1,2,3;4,5,6,7", w="1,0,-1", b="0.5")
    link = write(state)
    assert link.query == {"x": "0,1,2,3;4,5,6,7", "w": "1,0,-1", "b": "0.5"}
    assert link.kept == {}
    assert readable(link.query) == "x=0,1,2,3;4,5,6,7&w=1,0,-1&b=0.5"


def test_the_longest_field_is_kept_first() -> None:
    x, w = numbers(2500, 1), numbers(600, 2)
    link = write(replace(DEFAULT, x=x, w=w))
    assert list(link.kept) == ["x"]
    assert link.query["w"] == w
    both = write(replace(DEFAULT, x=x, w=numbers(1500, 3)))
    assert list(both.kept) == ["x", "w"]


def test_origin_takes_its_room() -> None:
    x = numbers(800)
    chars = len(address({"x": x}))
    assert chars + 1 + 30 <= MAX_LINK_CHARS < chars + 1 + 5000
    assert write(replace(DEFAULT, x=x), origin_chars=30).kept == {}
    assert write(replace(DEFAULT, x=x), origin_chars=5000).kept == {"x": x}


# ---------------------------------------------------------------- reading a kept name back


def test_a_kept_name_this_server_lacks_warns_and_empties_the_field() -> None:
    name = kept_name(numbers(5000))
    state, warnings = parse({"x": name, "kernel_size": "5"})
    assert warnings == []
    assert state.x == name
    state, missing = resolve(state, {}.get)
    assert state == replace(DEFAULT, conv=replace(DEFAULT.conv, kernel_size=5))
    assert [w.key for w in missing] == ["url_kept_missing"]
    for lang in ("en", "zh"):
        text = translate(lang, "err." + missing[0].key, **missing[0].fields)
        assert name in text
        assert "{" not in text


def test_text_that_only_looks_like_a_name_is_not_looked_up() -> None:
    for text in ("~0123", "~0123456789ABCDEG", "x~0123456789abcdef"):
        state, _ = resolve(replace(DEFAULT, x=text), lambda name: pytest.fail(f"looked up {name}"))
        assert state.x == text


def test_text_store_is_bounded_and_least_recently_used_goes_first() -> None:
    store = TextStore(max_entries=3, max_bytes=10_000)
    texts = [numbers(100, seed) for seed in range(4)]
    for text in texts[:3]:
        store.put(kept_name(text), text)
    assert store.get(kept_name(texts[0])) == texts[0]  # now the most recently used
    store.put(kept_name(texts[3]), texts[3])
    assert kept_name(texts[1]) not in store
    assert kept_name(texts[0]) in store
    assert len(store) == 3
    big = "1," * 6000
    store.put(kept_name(big), big)
    assert store.nbytes <= 10_000 + len(big)
    assert store.get(kept_name(big)) == big


# ---------------------------------------------------------------- any state the app writes


def _typed_numbers(key: str) -> st.SearchStrategy[str]:
    """Text the app accepts: short or long, up to the 20,000-number limit, one (N, C, L) shape."""

    def text(shape: tuple[int, int, int], seed: int) -> str:
        values = np.round(np.random.default_rng(seed).normal(size=shape), 4)
        if key == "b":
            values = values.reshape(1, 1, -1)[:, :, : min(values.size, 64)]
            return data.format_values(values[0, 0])
        return data.format_values(values)

    shapes = st.tuples(st.integers(1, 4), st.integers(1, 8), st.integers(1, 2500)).filter(
        lambda s: s[0] * s[1] * s[2] <= MAX_TYPED_VALUES
    )
    return st.builds(text, shapes, st.integers(0, 2**16))


_STACKS = st.sampled_from([p.stack for p in PRESETS.values()]) | st.integers(1, 24).map(
    lambda n: ";".join(["conv:8,8,3,padding=same,dilation=2"] * n)
)
_REFUSED = st.text(alphabet="0123456789.,;|-e xa~<>:", max_size=60) | st.just(",".join(["1"] * (MAX_TYPED_VALUES + 1)))


def _typed(key: str) -> st.SearchStrategy[str | None]:
    good = _STACKS if key == "stack" else _typed_numbers(key)
    return st.none() | good | _REFUSED.map(lambda t: t or None)


# Every other field: a value a link may say (garbage falls back to the default, as the app's own state does).
_TOKENS = [
    "true",
    "false",
    "same",
    "valid",
    "reflect",
    "circular",
    "zh",
    "en",
    "nlc",
    "float32",
    "auto",
    "mse",
    "sine",
    "step",
    "edge",
    "gaussian",
    "ramp",
    "chirp",
    "0123456789abcdef",
    "63,63,1023",
    "3,1,2",
    "1e-3",
    "0.30000000000000004",
    "9.999",
]
_VALUE = st.sampled_from(_TOKENS) | st.integers(0, 10**6).map(str)
_OTHER = st.fixed_dictionaries({}, optional={key: _VALUE for key in KEYS if key not in TYPED_KEYS})


@st.composite
def _written(draw: st.DrawFn) -> tuple[ViewState, dict[str, str | None]]:
    """A state the app may hold, and the last typed text it accepted for each field."""
    base, _ = parse(draw(_OTHER))
    typed = {key: draw(_typed(key)) for key in TYPED_KEYS}
    accepted = {key: draw(st.none() | (_STACKS if key == "stack" else _typed_numbers(key))) for key in TYPED_KEYS}
    return replace(base, **typed), accepted


@settings(max_examples=150, deadline=None)
@given(_written())
def test_any_state_makes_a_short_link_that_reopens_it(case: tuple[ViewState, dict[str, str | None]]) -> None:
    state, accepted = case
    link = write(state, accepted)
    assert link.chars(ORIGIN) <= MAX_LINK_CHARS
    for key in TYPED_KEYS:  # never a rejected value: typed text the app accepts, or the name of one it keeps
        value = link.query.get(key)
        if value is not None:
            assert usable(key, link.kept.get(key, value))
            assert key not in link.kept or value == kept_name(link.kept[key])
    shown = {key: (accepted[key] if key in link.refused else getattr(state, key)) for key in TYPED_KEYS}
    expected = replace(state, **shown)
    assert read_back(link.query, stored(link.query, link.kept)) == expected
    if not link.refused:
        assert expected == state  # nothing refused: the very state the page holds


def test_every_field_at_its_longest_still_fits() -> None:
    """Each other field spelled as long as any reader accepts, and all four typed fields long: it fits."""
    candidates = [*_TOKENS, *("9" * n for n in range(1, 12)), *(f"1{'0' * n}" for n in range(12))]
    longest: dict[str, str] = {}
    for key in KEYS:
        if key in TYPED_KEYS:
            continue
        accepted = []
        for text in candidates:
            try:
                accepted.append(spell(READERS[key](text)))
            except Exception:  # a reader refusing the candidate is the point
                continue
        longest[key] = max(accepted, key=len, default=spell(getattr(DEFAULT, key, None)))
    base, warnings = parse(longest)
    assert warnings == []  # every spelling chosen is one a reader accepts
    heavy = replace(base, x=numbers(20_000), w=numbers(5000, 1), b=numbers(64, 2), stack=";".join(["relu"] * 24))
    link = write(heavy)
    assert link.chars(ORIGIN) <= MAX_LINK_CHARS
    assert read_back(link.query, stored(link.query, link.kept)) == heavy


# ---------------------------------------------------------------- the file route: x as the upload's CSV


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 8).flatmap(
        lambda c: st.lists(
            st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=c, max_size=c),
            min_size=1,
            max_size=40,
        )
    )
)
def test_x_as_csv_reads_back_exactly(rows: list[list[float]]) -> None:
    x = np.array(rows, dtype=np.float64).T[None]
    np.testing.assert_array_equal(data.load_csv(data.to_csv(x)), x)
