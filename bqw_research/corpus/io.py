"""Finding and decoding article files.

Decoding is explicit and recorded: a byte-order mark wins; otherwise strict
UTF-8, then strict GB18030 (a superset of GBK and GB2312) when the result is
plausibly Chinese, then charset-normalizer's best guess. A file that is binary
or that no candidate decodes raises :class:`ReadError` with the reason, so the
caller can warn and go on with the rest of the corpus.
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

#: Article files read from a folder (case-insensitive suffixes).
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
#: Tables with one article per row.
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
#: Files larger than this are skipped with a warning (an article is not 50 MB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: File names in a corpus folder that are metadata, not articles.
METADATA_NAMES = frozenset({"manifest.csv", "readme.md", "sha256sums", "license", "license.md"})

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x09\x0a\x0d\x20-\x7e“”‘’—…·]")


class ReadError(ValueError):
    """A file that cannot be read as an article; ``str(err)`` is the reason."""


@dataclass(frozen=True)
class RawFile:
    """A decoded file: its text, the encoding used and the raw bytes' SHA-256."""

    path: Path
    text: str
    encoding: str
    sha256: str
    n_bytes: int


def _plausibility(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    return len(_PLAUSIBLE.findall(sample)) / len(sample)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes; return ``(text, encoding)`` or raise :class:`ReadError`."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise ReadError(
                    f"byte-order mark says {encoding} but decoding failed: {err}"
                ) from err
    head = data[:65536]
    if b"\x00" in head:
        raise ReadError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_err:
        first_error = utf8_err
    try:
        text = data.decode("gb18030")
        if _plausibility(text) >= 0.85:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - defensive: detector failure is not fatal
        best = None
    if best is not None and best.encoding and _plausibility(str(best)) >= 0.85:
        return str(best), best.encoding
    raise ReadError(
        "cannot decode: not UTF-8 "
        f"(invalid byte 0x{data[first_error.start]:02x} at offset {first_error.start}), "
        "not GB18030, and no other encoding gives plausible text"
    )


#: Control characters that make a file look binary (all below U+0020 except \t \n \r \f).
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
#: Every byte but those control characters: ``data.translate(None, _NOT_CONTROL_BYTES)``
#: keeps only the control bytes. In UTF-8 a control character is its own single byte,
#: and no byte of a multi-byte sequence is below 0x80.
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROL_RE.match(chr(b)))


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one article file, at most ``max_bytes`` (raises :class:`ReadError`)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ReadError(f"cannot stat file: {err.strerror or err}") from err
    if size > max_bytes:
        raise ReadError(
            f"file too large ({size / 1e6:.1f} MB, {size:,} bytes > max_bytes {max_bytes:,}); "
            "pass a larger max_bytes to load it"
        )
    try:
        return path.read_bytes()
    except OSError as err:
        raise ReadError(f"cannot read file: {err.strerror or err}") from err


def decode_article(data: bytes) -> tuple[str, str]:
    """Decode an article's bytes (:func:`decode_bytes`) and refuse binary-looking text.

    Returns ``(text, encoding)``; raises :class:`ReadError` with the reason.
    """
    text, encoding = decode_bytes(data)
    if encoding in ("utf-8", "utf-8-sig") and not data.translate(None, _NOT_CONTROL_BYTES):
        control = 0  # no control byte anywhere, so no control character (faster than a scan)
    else:
        control = len(_CONTROL_RE.findall(text[:20000]))
    if control > max(10, len(text[:20000]) // 100):
        raise ReadError(f"binary-looking file ({control} control characters in the first 20000)")
    return text, encoding


def read_text_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> RawFile:
    """Read and decode one article file (raises :class:`ReadError` with the reason)."""
    import hashlib

    data = read_bytes(path, max_bytes=max_bytes)
    text, encoding = decode_article(data)
    return RawFile(path, text, encoding, hashlib.sha256(data).hexdigest(), len(data))


@dataclass(frozen=True)
class Discovery:
    """What a folder holds: article files (sorted) and counts of what was passed over."""

    files: list[Path]
    tables: list[Path]
    skipped_suffixes: Counter


def discover(root: Path) -> Discovery:
    """Find article files under ``root`` recursively, in a stable (sorted) order.

    Hidden files and folders (``.git``, ``.ipynb_checkpoints``) are ignored, as
    are metadata files such as ``manifest.csv`` and ``README.md`` at any depth.
    """
    files: list[tuple[str, str]] = []  # (path relative to root, POSIX; full path)
    tables: list[tuple[str, str]] = []
    skipped: Counter = Counter()
    base = os.fspath(root)
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = os.path.relpath(dirpath, base).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in filenames:
            if name.startswith(".") or name.lower() in METADATA_NAMES:
                continue
            dot = name.rfind(".")
            suffix = name[dot:].lower() if 0 < dot < len(name) - 1 else ""
            if suffix in TEXT_SUFFIXES:
                files.append((prefix + name, os.path.join(dirpath, name)))
            elif suffix in TABLE_SUFFIXES:
                tables.append((prefix + name, os.path.join(dirpath, name)))
            else:
                skipped[suffix or "(no suffix)"] += 1
    files.sort()
    tables.sort()
    return Discovery([Path(f) for _, f in files], [Path(t) for _, t in tables], skipped)
