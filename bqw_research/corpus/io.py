"""Finding and decoding article files.

Decoding is explicit and recorded: a byte-order mark wins; otherwise UTF-16
without a BOM when the NUL bytes say so, strict UTF-8, then strict GB18030 (a
superset of GBK and GB2312) when the result is plausibly Chinese, then
charset-normalizer's best guess. A file that is binary or that no candidate
decodes raises :class:`ReadError` with the reason, so the caller can warn and
go on with the rest of the corpus.

Only regular files are read, and never more than ``max_bytes``: a named pipe,
device or socket is reported, not opened (it could block or never end).
Discovery follows a symbolic link only when its target is inside the corpus
folder (unless asked to follow every link), reports folders it cannot read, and
gives every file a readable name even when its bytes are not UTF-8.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bqw_research.scale.digests import NotRegularFile, file_kind, open_regular

#: Article files read from a folder (case-insensitive suffixes): text, then Word and PDF
#: (read by :mod:`bqw_research.corpus.formats`).
TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".docx", ".pdf")
#: Tables with one article per row.
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet", ".xlsx")
#: Files larger than this are skipped with a warning (an article is not 50 MB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: File names in a corpus folder that are metadata, not articles.
METADATA_NAMES = frozenset(
    {
        "manifest.csv",
        "readme",
        "readme.md",
        "readme.txt",
        "sha256sums",
        "sha256sums.txt",
        "md5sums",
        "license",
        "license.md",
        "license.txt",
        "thumbs.db",
        "desktop.ini",
    }
)
#: What to do with a file type that is not read, by suffix (the problem's reason says it).
#: Every other suffix gets the default advice; a single file of a type listed here is
#: refused by ``load_corpus`` (any other single file is read as text).
UNSUPPORTED_ADVICE = {
    ".doc": "old Word format: save it as .docx (or .pdf/.txt)",
    ".wps": "WPS format: save it as .docx (or .pdf/.txt)",
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx or .txt",
    ".xls": "old Excel format: save it as .xlsx or .csv",
    ".et": "WPS table format: save it as .xlsx or .csv",
    ".ods": "save it as .xlsx or .csv",
    **dict.fromkeys((".ppt", ".pptx", ".key", ".odp"), "convert it to .docx/.pdf/.txt"),
    ".zip": "an archive: unpack it into the corpus folder",
    ".rar": "an archive: unpack it into the corpus folder",
    ".7z": "an archive: unpack it into the corpus folder",
    ".gz": "an archive: unpack it into the corpus folder",
    ".tar": "an archive: unpack it into the corpus folder",
    **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"),
        "an image: text in images is not read (run OCR and add the text as .txt)",
    ),
}


def unsupported_reason(suffix: str) -> str:
    """Why a file with ``suffix`` (lower case, ``""`` for none) is not read, and what to do."""
    advice = UNSUPPORTED_ADVICE.get(suffix, "convert it to .docx/.pdf/.txt")
    return f"unsupported file type {suffix or '(no suffix)'}: {advice}"


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


def _utf16_without_bom(data: bytes, head: bytes) -> tuple[str, str] | None:
    """``(text, "utf-16-le" or "utf-16-be")`` for UTF-16 text without a BOM, else ``None``.

    Called for a file with NUL bytes: in UTF-16 every ASCII character (newline,
    space, digit, markup) has a NUL high byte. Both byte orders are tried on
    the head and the more plausible reading wins if it is plausible at all (as
    for GB18030). Counting NULs by offset is not enough: in Chinese text with
    little ASCII, characters with a NUL low byte (一 is U+4E00) can be a third
    of them. Read in the wrong order, Chinese becomes scattered code points and
    lone surrogates, and a binary file is implausible in both orders.
    """
    if len(data) % 2:
        return None
    scores = {}
    for encoding in ("utf-16-le", "utf-16-be"):
        try:  # not final: the head may end inside a surrogate pair
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        scores[encoding] = _plausibility(text)
    best = max(scores, key=scores.__getitem__, default=None)
    if best is None or scores[best] < 0.85:
        return None
    try:
        return data.decode(best), best
    except UnicodeDecodeError:
        return None


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
        found = _utf16_without_bom(data, head)
        if found is None:
            raise ReadError("binary file (contains NUL bytes), not text")
        return found
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


def _too_large(detail: str) -> ReadError:
    return ReadError(f"file too large ({detail}); pass a larger max_bytes to load it")


def _read_at_most(fd: int, limit: int, *, size: int) -> bytes:
    """Up to ``limit`` bytes from ``fd``, asking first for ``size + 1`` (the file's size)."""
    chunks: list[bytes] = []
    total = 0
    want = min(size, limit - 1) + 1
    while total < limit:
        chunk = os.read(fd, min(max(want - total, 1 << 16), limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one regular file, at most ``max_bytes`` (raises :class:`ReadError`).

    A named pipe, device or socket is refused before it is read (see
    :func:`bqw_research.scale.digests.open_regular`), and at most ``max_bytes
    + 1`` bytes are read, so a file that grows while it is read cannot make the
    read go on without end either.
    """
    try:
        fd, st = open_regular(path)
    except NotRegularFile as err:
        raise ReadError(str(err)) from err
    except OSError as err:
        raise ReadError(f"cannot read file: {err.strerror or err}") from err
    try:
        size = st.st_size
        if size > max_bytes:
            raise _too_large(f"{size / 1e6:.1f} MB, {size:,} bytes > max_bytes {max_bytes:,}")
        data = _read_at_most(fd, max_bytes + 1, size=size)
    except OSError as err:
        raise ReadError(f"cannot read file: {err.strerror or err}") from err
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise _too_large(f"it grew past max_bytes {max_bytes:,} while being read")
    return data


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


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _readable_part(raw: bytes, *, guess: bool) -> str:
    """One component of a path's bytes as text: UTF-8, else GB18030 when that reads as
    Chinese (a name from an old Windows zip), else UTF-8 with backslash escapes."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if guess:
        try:
            name = raw.decode("gb18030")
        except UnicodeDecodeError:
            name = ""
        if _HAN.search(name) and len(_PLAUSIBLE.findall(name)) == len(name):
            return name
    return raw.decode("utf-8", "backslashreplace")


def readable_path(path: str | os.PathLike[str], *, guess: bool = True) -> str:
    """A path as valid text, for tables and messages (Arrow and Parquet need UTF-8).

    A name that is not UTF-8 reaches Python with lone surrogates standing for
    its bytes (``os`` decodes with ``surrogateescape``); they are decoded per
    component by :func:`_readable_part`, ``guess=False`` skipping the GB18030
    guess. Reading the file needs the original path, not this one.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = os.fsencode(text)
    except UnicodeEncodeError:  # a surrogate no file name gives
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    parts = raw.split(os.sep.encode())
    return os.sep.join(_readable_part(part, guess=guess) for part in parts)


@dataclass(frozen=True)
class Discovery:
    """What a folder holds: article files (sorted) and what was passed over.

    ``files`` and ``tables`` are the paths to read, as ``os`` gives them;
    ``names`` the readable path of each file (:func:`readable_path`, unique),
    what tables and messages show; ``problems`` ``(readable path, reason)`` for
    entries that look like articles but are not read (named pipes, devices,
    links to outside the folder, broken links) and folders that cannot be read.
    """

    files: list[Path]
    tables: list[Path]
    skipped_suffixes: Counter
    names: list[str]
    problems: list[tuple[str, str]]


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive (Windows)
        return False


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _entry_kind(entry: os.DirEntry, *, real_root: str, follow_links: bool) -> tuple[str, str]:
    """What a folder entry is to discovery: ``(what, reason)``.

    ``what`` is ``"folder"`` (to walk), ``"file"`` (to read) or ``"skip"`` (a
    link to a folder inside the root: that folder is read where it is); a
    non-empty ``reason`` says why it is not walked or read. A symbolic link is
    followed only when its target is inside ``real_root`` or ``follow_links``
    is set. Regular files and folders are told apart without a ``stat`` call.
    """
    if not entry.is_symlink():
        if entry.is_dir(follow_symlinks=False):
            return "folder", ""
        if entry.is_file(follow_symlinks=False):
            return "file", ""
        return "file", f"not a regular file: {file_kind(entry.stat(follow_symlinks=False).st_mode)}"
    target = os.path.realpath(entry.path)
    shown = readable_path(target)
    try:
        mode = os.stat(entry.path).st_mode
    except OSError as err:
        return "file", f"broken symlink to {shown}: {err.strerror or err}"
    inside = _inside(target, real_root)
    outside = (
        f"symlink to {shown} outside the corpus folder; "
        "pass follow_links=True (bqw ingest --follow-links) to read it"
    )
    if stat.S_ISDIR(mode):
        return ("skip", "") if inside else ("folder", "" if follow_links else outside)
    if not stat.S_ISREG(mode):
        return "file", f"not a regular file: {file_kind(mode)} (symlink to {shown})"
    return "file", "" if inside or follow_links else outside


def _scan(folder: str, problems: list[tuple[str, str]]) -> list[os.DirEntry]:
    """A folder's entries, or none with a problem saying why it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as err:
        problems.append((readable_path(folder), f"cannot read folder: {err.strerror or err}"))
        return []


def _unique_names(paths: list[str]) -> list[str]:
    """Readable paths, each unique: a guessed name that clashes keeps its escapes instead."""
    names = [readable_path(p) for p in paths]
    counts = Counter(names)
    return [
        readable_path(p, guess=False) if counts[n] > 1 and n != p else n
        for p, n in zip(paths, names, strict=True)
    ]


def discover(root: Path, *, follow_links: bool = False) -> Discovery:
    """Find article files under ``root`` recursively, in a stable (sorted) order.

    Hidden files and folders (``.git``, ``.ipynb_checkpoints``), Office lock
    files (``~$报告.docx``) and metadata files such as ``manifest.csv``,
    ``SHA256SUMS`` and ``README.md`` are ignored at any depth. Files of a type
    that is not read (``.doc``, ``.pptx``, ``.jpg``, ``.zip`` …) are counted in
    ``skipped_suffixes`` and listed in ``problems`` with what to do
    (:func:`unsupported_reason`). Only regular files are read: named pipes,
    devices and sockets with an article's suffix, symbolic links to outside ``root`` (unless
    ``follow_links``), broken links and folders that cannot be read are listed
    in ``problems`` instead. A folder reached twice (through links) is read once.
    """
    base = os.fspath(root)
    real_root = os.path.realpath(base)
    found: dict[str, list[str]] = {"files": [], "tables": []}
    skipped: Counter = Counter()
    problems: list[tuple[str, str]] = []
    walked: set[tuple[int, int]] = set()
    folders = [base]
    while folders:
        folder = folders.pop()
        try:
            st = os.stat(folder)
        except OSError as err:
            problems.append((readable_path(folder), f"cannot read folder: {err.strerror or err}"))
            continue
        if (st.st_dev, st.st_ino) in walked:
            continue
        walked.add((st.st_dev, st.st_ino))
        for entry in _scan(folder, problems):
            name = entry.name
            if name.startswith((".", "~$")):  # hidden, or an Office lock file
                continue
            try:
                what, reason = _entry_kind(entry, real_root=real_root, follow_links=follow_links)
            except OSError as err:
                what, reason = "file", f"cannot stat: {err.strerror or err}"
            if what == "folder" and not reason:
                folders.append(entry.path)
                continue
            if what == "skip" or (what == "file" and name.lower() in METADATA_NAMES):
                continue
            suffix = _suffix(name)
            group = "files" if suffix in TEXT_SUFFIXES else "tables"
            if what == "file" and suffix not in TEXT_SUFFIXES + TABLE_SUFFIXES:
                skipped[suffix or "(no suffix)"] += 1
                problems.append((readable_path(entry.path), unsupported_reason(suffix)))
            elif reason:
                problems.append((readable_path(entry.path), reason))
            else:
                found[group].append(entry.path)
    files, names = _sorted_with_names(found["files"])
    tables, _ = _sorted_with_names(found["tables"])
    return Discovery(
        [Path(f) for f in files], [Path(t) for t in tables], skipped, names, sorted(problems)
    )


def _sorted_with_names(paths: list[str]) -> tuple[list[str], list[str]]:
    """Paths sorted by their readable path (:func:`_unique_names`), and those readable paths."""
    names = _unique_names(paths)
    order = sorted(range(len(paths)), key=names.__getitem__)
    return [paths[i] for i in order], [names[i] for i in order]
