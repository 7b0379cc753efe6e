"""Uploaded files: CSV (NumPy's own loader) and uncompressed PCM WAV (the standard library), read to (1, C, L).

Sizes are checked before the bytes are parsed: from the byte count, then from the header or first row.
"""

from __future__ import annotations

import io
import re
import wave

import numpy as np

from conv_viz.core.limits import MAX_CHANNELS, MAX_LENGTH, MAX_UPLOAD_BYTES
from conv_viz.data.typed import format_number
from conv_viz.errors import ConvVizError


def _check_upload(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise ConvVizError(
            "upload_too_big", size=f"{len(data):,}", max=f"{MAX_UPLOAD_BYTES:,}", max_mb=MAX_UPLOAD_BYTES // 2**20
        )


def _check_shape(channels: int, length: int) -> None:
    """The CSV/WAV sizes the app can draw (the conv's own limits come later, in ``check_limits``)."""
    for name, value, limit in (("in_channels", channels, MAX_CHANNELS), ("length", length, MAX_LENGTH)):
        if value > limit:
            raise ConvVizError("limit", name=name, value=f"{value:,}", max=f"{limit:,}")


def _delimiter(line: str) -> str | None:
    """The commonest of ',', ';' and tab in the first line (None: whitespace, or a single column)."""
    counts = {d: line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else None


def _fields(line: str, delimiter: str | None) -> list[str]:
    return [f.strip().strip('"') for f in line.split(delimiter)]


def _is_number(field: str) -> bool:
    """What ``np.loadtxt`` reads as a float (Python's ``float`` also takes '1_000'; NumPy does not)."""
    try:
        float(field)
    except ValueError:
        return False
    return "_" not in field


def _diagnose_csv(rows: list[tuple[int, str]], delimiter: str | None) -> None:
    """Find the first ragged row or non-number and raise its ``ConvVizError`` (file line numbers)."""
    expected = len(_fields(rows[0][1], delimiter))
    for line_no, line in rows:
        fields = _fields(line, delimiter)
        if len(fields) != expected:
            raise ConvVizError("csv_ragged", row=line_no, got=len(fields), expected=expected)
        for column, field in enumerate(fields, 1):
            if not _is_number(field):
                raise ConvVizError("csv_not_number", row=line_no, column=column, token=field[:40])


def load_csv(data: bytes) -> np.ndarray:
    """(1, C, L) float64 from a CSV file: rows are time steps, columns are channels (as in pandas or Keras).

    Separators: ',', ';' or tab (whichever the first row uses most), else spaces.
    A first row that is not all numbers is a header and is skipped; blank lines
    and lines starting with '#' are ignored. Parsing is NumPy's ``np.loadtxt``.

    >>> load_csv(b"left,right\\n1,2\\n3,4\\n5,6\\n").tolist()
    [[[1.0, 3.0, 5.0], [2.0, 4.0, 6.0]]]
    """
    _check_upload(data)
    try:
        text = data.decode("utf-8-sig")  # the BOM Excel writes
    except UnicodeDecodeError:
        raise ConvVizError("csv_encoding") from None
    lines = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise ConvVizError("csv_empty")
    delimiter = _delimiter(lines[0][1])
    rows = lines if all(_is_number(f) for f in _fields(lines[0][1], delimiter)) else lines[1:]
    if not rows:
        raise ConvVizError("csv_empty")
    _check_shape(len(_fields(rows[0][1], delimiter)), len(rows))
    try:
        body = io.StringIO("\n".join(line for _, line in rows))
        values = np.loadtxt(body, delimiter=delimiter, dtype=np.float64, ndmin=2, comments=None, quotechar='"')
    except ValueError as err:
        _diagnose_csv(rows, delimiter)
        raise ConvVizError("csv_invalid", detail=str(err)[:200]) from None  # what the diagnosis missed
    bad = np.argwhere(~np.isfinite(values))
    if bad.size:
        r, c = bad[0]
        raise ConvVizError("csv_not_finite", row=rows[r][0], column=c + 1, token=_fields(rows[r][1], delimiter)[c])
    return np.ascontiguousarray(values.T[None])


_WAV_PCM = 1
_WAV_EXTENSIBLE = 0xFFFE
_WAV_FORMATS = {3: "IEEE float", 6: "A-law", 7: "μ-law", 2: "ADPCM", 17: "IMA ADPCM", 85: "MP3"}


def _pcm_extensible(data: bytes) -> bytes:
    """WAVE_FORMAT_EXTENSIBLE with a PCM sub-format rewritten as plain PCM (Python 3.11's ``wave`` refuses it).

    Many tools (ffmpeg, Windows) write 24-bit or multichannel PCM this way.
    """
    pos = 12
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], int.from_bytes(data[pos + 4 : pos + 8], "little")
        if chunk == b"fmt ":
            tag = int.from_bytes(data[pos + 8 : pos + 10], "little")
            sub_format = data[pos + 32 : pos + 34]  # first two bytes of the sub-format GUID
            if tag == _WAV_EXTENSIBLE and sub_format == _WAV_PCM.to_bytes(2, "little"):
                return data[: pos + 8] + _WAV_PCM.to_bytes(2, "little") + data[pos + 10 :]
            return data
        pos += 8 + size + size % 2  # chunks are word aligned
    return data


def _samples(raw: bytes, width: int) -> np.ndarray:
    """Integer PCM bytes to float64 in [−1, 1): 8-bit is unsigned, 16/24/32-bit signed little-endian."""
    if width == 1:
        return (np.frombuffer(raw, np.uint8).astype(np.float64) - 128) / 128
    if width == 3:  # no 24-bit dtype: assemble the three bytes, then sign-extend
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        value = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        return ((value ^ 0x800000) - 0x800000) / 2.0**23
    dtype = {2: "<i2", 4: "<i4"}[width]
    return np.frombuffer(raw, dtype).astype(np.float64) / 2.0 ** (8 * width - 1)


def load_wav(data: bytes) -> tuple[np.ndarray, int]:
    """(1, C, L) float64 in [−1, 1] and the sample rate, from an uncompressed PCM WAV (8/16/24/32-bit).

    Channels are the file's channels (stereo: left, right).
    """
    _check_upload(data)
    try:
        with wave.open(io.BytesIO(_pcm_extensible(data)), "rb") as f:
            channels, width, rate, frames = f.getnchannels(), f.getsampwidth(), f.getframerate(), f.getnframes()
            if width not in (1, 2, 3, 4):
                raise ConvVizError("wav_width", bits=8 * width)
            if rate < 1:
                raise ConvVizError("wav_invalid")
            if frames > MAX_LENGTH:  # from the header, before reading the samples
                raise ConvVizError(
                    "wav_too_long",
                    frames=f"{frames:,}",
                    rate=f"{rate:,}",
                    seconds=f"{frames / rate:.2f}",
                    max=f"{MAX_LENGTH:,}",
                    max_seconds=f"{MAX_LENGTH / rate:.2f}",
                )
            _check_shape(channels, frames)
            raw = f.readframes(frames)
    except wave.Error as err:
        code = re.fullmatch(r"unknown format: (\d+)", str(err))
        if code:
            number = int(code[1])
            raise ConvVizError("wav_format", code=number, kind=_WAV_FORMATS.get(number, "?")) from None
        raise ConvVizError("wav_invalid") from None
    except EOFError:  # truncated or empty
        raise ConvVizError("wav_empty" if len(data) < 44 else "wav_invalid") from None
    frames = len(raw) // (width * channels)  # a truncated file holds fewer frames than its header says
    if frames == 0:
        raise ConvVizError("wav_empty")
    samples = _samples(raw[: frames * width * channels], width).reshape(frames, channels)
    return np.ascontiguousarray(samples.T[None]), rate


def to_wav_bytes(signal: np.ndarray, rate: int) -> bytes:
    """16-bit PCM WAV of a (L,) or (C, L) signal, for the browser's audio player.

    Values in [−1, 1] are written as they are (so ``load_wav`` reads k/32768
    back exactly); a louder signal, such as a conv output, is scaled down to a
    peak of 1 instead of clipped.
    """
    a = np.asarray(signal, dtype=np.float64)
    a = a[None] if a.ndim == 1 else a
    if a.ndim != 2 or a.size == 0:
        raise ConvVizError("signal_shape", shape=str(list(np.shape(signal))))
    if not np.isfinite(a).all():
        raise ConvVizError("signal_not_finite")
    if not 1 <= rate <= 2**31 - 1:
        raise ConvVizError("wav_rate", rate=rate)
    peak = float(np.abs(a).max())
    scaled = a / peak if peak > 1 else a
    pcm = np.clip(np.round(scaled * 32768), -32768, 32767).astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as f:
        f.setnchannels(a.shape[0])
        f.setsampwidth(2)
        f.setframerate(int(rate))
        f.writeframes(pcm.T.tobytes())  # frames interleave the channels
    return out.getvalue()


def to_csv(x: np.ndarray) -> bytes:
    """A (1, C, L) input as the CSV ``load_csv`` reads back exactly: a header naming the channels, a row a time step.

    >>> to_csv(np.array([[[0.5, 1, 2], [3, 4, -5]]]))
    b'c0,c1\\n0.5,3\\n1,4\\n2,-5\\n'
    >>> load_csv(to_csv(np.array([[[0.1, 1e-5, 2 / 3]]]))).tolist() == [[[0.1, 1e-5, 2 / 3]]]
    True
    """
    a = np.asarray(x, dtype=np.float64)
    if a.ndim != 3 or a.shape[0] != 1 or a.size == 0:  # the upload reads one batch item: callers check
        raise ValueError(f"to_csv takes a (1, C, L) input, got shape {a.shape}")
    header = ",".join(f"c{c}" for c in range(a.shape[1]))
    rows = (",".join(format_number(v) for v in step) for step in a[0].T.tolist())
    return (header + "\n" + "\n".join(rows) + "\n").encode()
