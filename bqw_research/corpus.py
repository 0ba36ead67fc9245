"""Load a corpus of articles into tidy tables.

``load_corpus`` reads a folder (recursively), one file, or a table, decodes and
cleans every article, joins a ``manifest.csv`` when there is one, folds exact
duplicates into one row (keeping every path) and flags near-duplicates. One
bad file never sinks the corpus: it is skipped with a
:class:`CorpusWarning` naming the file and the reason, and listed in
``corpus.attrs["problems"]``.

Derived tables (``corpus_paragraphs``, ``corpus_sentences``,
``corpus_emphasis``, ``corpus_cleaning_report``) are long and tidy, keyed by
``doc_id`` and 1-based ``para_id`` / ``sent_id``.
"""

from __future__ import annotations

import csv
import hashlib
import io as _io
import os
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .clean import CLEANING_VERSION
from .io import (
    DEFAULT_MAX_BYTES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    ReadError,
    discover,
    read_text_file,
)
from .parse import PARSER_VERSION, ParsedDoc, parse_document

TZ = "Asia/Shanghai"

#: Columns of ``load_corpus`` in order (the contract) and the extra ones after them.
CORPUS_COLUMNS = [
    "doc_id",
    "path",
    "title",
    "outlet",
    "author",
    "url",
    "published",
    "genre",
    "text",
    "n_chars",
    "sha256",
    "encoding",
]
EXTRA_COLUMNS = ["paths", "tags", "n_paragraphs", "near_duplicate_of", "near_duplicate_score"]
MANIFEST_FIELDS = [
    "file",
    "title",
    "outlet",
    "author",
    "published",
    "url",
    "genre",
    "tags",
    "notes",
]


class CorpusError(ValueError):
    """Nothing could be loaded (no supported files, or every file failed)."""


class CorpusWarning(UserWarning):
    """One file or manifest row could not be used; the message starts with its path."""


# Parsed documents of the loaded corpora, keyed by content hash + parser versions, so
# that corpus_paragraphs/corpus_emphasis reuse the structure load_corpus found.
_PARSED: dict[str, ParsedDoc] = {}


def _parse_key(sha: str, notes: bool) -> str:
    return f"{sha}:{PARSER_VERSION}:{CLEANING_VERSION}:{int(notes)}"


@dataclass
class _Loaded:
    doc_id: str
    path: str
    parsed: ParsedDoc
    sha256: str
    encoding: str
    meta: dict


def _warn(problems: list[dict], path: str, reason: str) -> None:
    problems.append({"path": path, "reason": reason})
    warnings.warn(f"{path}: {reason}", CorpusWarning, stacklevel=3)


# --------------------------------------------------------------------------- manifest


def read_manifest(path: Path, *, problems: list[dict] | None = None) -> dict[str, dict]:
    """Read a manifest CSV (``file`` column + any of title, outlet, author, published, url, genre, tags).

    Returns ``{file name or relative path: row}``. Malformed rows (wrong number
    of fields, no file name, duplicate file) are skipped with a warning naming
    the manifest and line; an unparseable date keeps the row with
    ``published`` empty and a warning.
    """
    problems = [] if problems is None else problems
    raw = path.read_bytes()
    from .io import decode_bytes

    try:
        text, _ = decode_bytes(raw)
    except ReadError as err:
        _warn(problems, str(path), f"manifest unreadable: {err}")
        return {}
    reader = csv.reader(_io.StringIO(text.replace("\r\n", "\n")))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        _warn(problems, str(path), "manifest is empty")
        return {}
    if "file" not in header:
        _warn(problems, str(path), f"manifest has no 'file' column (columns: {', '.join(header)})")
        return {}
    rows: dict[str, dict] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            _warn(
                problems,
                f"{path}:{line}",
                f"malformed manifest row: {len(row)} fields, header has {len(header)}",
            )
            continue
        rec = {k: v.strip() for k, v in zip(header, row, strict=True)}
        name = rec.get("file", "")
        if not name:
            _warn(problems, f"{path}:{line}", "manifest row has no file name")
            continue
        if name in rows:
            _warn(
                problems, f"{path}:{line}", f"duplicate manifest row for {name!r}; first one kept"
            )
            continue
        if rec.get("published"):
            ts = _parse_date(rec["published"])
            if ts is pd.NaT:
                _warn(
                    problems, f"{path}:{line}", f"unparseable published date {rec['published']!r}"
                )
            rec["published"] = ts
        rows[name] = rec
    return rows


def _parse_date(value) -> pd.Timestamp:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return pd.NaT
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return pd.NaT
    if ts is pd.NaT:
        return pd.NaT
    return ts.tz_localize(TZ) if ts.tzinfo is None else ts.tz_convert(TZ)


# --------------------------------------------------------------------------- genre


@lru_cache(maxsize=1)
def _genre_rules() -> tuple[tuple[re.Pattern, list[str], str], ...]:
    if not config.GENRE_RULES.exists():
        return ()
    table = pd.read_csv(config.GENRE_RULES, dtype=str)
    return tuple((re.compile(r.pattern), r.field.split("|"), r.genre) for r in table.itertuples())


def infer_genre(title: str | None, tags: Iterable[str] = ()) -> str | None:
    """Genre from title/tags by the rules in ``data/lexicons/genre_rules.csv`` (first match)."""
    fields = {"title": title or "", "tags": " ".join(tags)}
    for pattern, where, genre in _genre_rules():
        if any(pattern.search(fields.get(f, "")) for f in where):
            return genre
    return None


# --------------------------------------------------------------------------- loading


def _doc_ids(paths: list[Path], root: Path | None) -> list[str]:
    """``doc_id`` = the path relative to the root without its suffix (with it on a clash)."""
    ids: list[str] = []
    seen: set[str] = set()
    for p in paths:
        rel = _relative(str(p), root) if root is not None else p.name
        name = rel.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        base = rel[: len(rel) - len(name) + dot] if dot > 0 else rel
        doc_id = base if base not in seen else rel
        seen.add(doc_id)
        ids.append(doc_id)
    return ids


def _parse_cached(text: str, sha: str, *, kind: str, notes: bool) -> ParsedDoc:
    key = _parse_key(sha, notes)
    doc = _PARSED.get(key)
    if doc is None:
        doc = parse_document(text, kind=kind, notes=notes)
        _PARSED[key] = doc
    return doc


def _load_files(files, root, *, max_bytes, notes, problems, progress) -> list[_Loaded]:
    from tqdm import tqdm

    loaded: list[_Loaded] = []
    iterator = tqdm(
        list(zip(files, _doc_ids(files, root), strict=True)),
        desc="loading",
        unit="file",
        disable=not progress,
    )
    for path, doc_id in iterator:
        try:
            raw = read_text_file(path, max_bytes=max_bytes)
        except ReadError as err:
            _warn(problems, str(path), str(err))
            continue
        kind = "html" if path.suffix.lower() in {".html", ".htm"} else "markdown"
        try:
            parsed = _parse_cached(raw.text, raw.sha256, kind=kind, notes=notes)
        except Exception as err:  # a parser bug must not sink the corpus either
            _warn(problems, str(path), f"could not parse: {type(err).__name__}: {err}")
            continue
        if not parsed.paragraphs:
            _warn(
                problems,
                str(path),
                "no article text after cleaning (only markup, metadata or furniture)",
            )
            continue
        loaded.append(_Loaded(doc_id, str(path), parsed, raw.sha256, raw.encoding, {}))
    return loaded


_TEXT_COLUMNS = ("text", "content", "body", "article", "正文", "内容")


def _read_table(path: Path, *, text_column, notes, problems) -> list[_Loaded]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, on_bad_lines="warn")
        elif suffix == ".jsonl":
            table = pd.read_json(path, lines=True, dtype=False)
        else:
            table = pd.read_parquet(path)
    except Exception as err:
        _warn(problems, str(path), f"cannot read table: {type(err).__name__}: {err}")
        return []
    col = text_column or next((c for c in _TEXT_COLUMNS if c in table.columns), None)
    if col is None or col not in table.columns:
        _warn(
            problems,
            str(path),
            f"no text column (looked for {text_column or _TEXT_COLUMNS}); columns: {list(table.columns)}",
        )
        return []
    id_col = next((c for c in ("doc_id", "id") if c in table.columns), None)
    loaded: list[_Loaded] = []
    for i, row in enumerate(table.to_dict("records")):
        text = row.get(col)
        where = f"{path}#row={i + 1}"
        if not isinstance(text, str) or not text.strip():
            _warn(problems, where, "empty text")
            continue
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        parsed = _parse_cached(text, sha, kind="markdown", notes=notes)
        if not parsed.paragraphs:
            _warn(problems, where, "no article text after cleaning")
            continue
        doc_id = (
            str(row[id_col])
            if id_col and row.get(id_col) not in (None, "")
            else f"{path.stem}:{i + 1}"
        )
        meta = {
            k: row.get(k)
            for k in ("title", "outlet", "author", "url", "published", "genre", "tags")
            if row.get(k) not in (None, "")
        }
        loaded.append(_Loaded(doc_id, where, parsed, sha, "utf-8", meta))
    return loaded


def _tags(value) -> list[str]:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value]
    return [t.strip() for t in re.split(r"[;；,，|]", str(value)) if t.strip()]


def discover_corpus(src: Path):
    """The article files and tables under a folder; :class:`CorpusError` when there are none."""
    found = discover(src)
    if not found.files and not found.tables:
        seen = ", ".join(f"{n}×{s}" for s, n in found.skipped_suffixes.most_common(6)) or "nothing"
        raise CorpusError(
            f"{src}: no supported files ({', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES)}) "
            f"in this folder or below it (found: {seen})"
        )
    return found


def load_corpus(
    path: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    text_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    notes: bool = False,
    near_duplicates: float | None = 0.8,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Load articles into one row per article.

    Parameters
    ----------
    path:
        ``None`` for the shipped corpus (``data/raw``); a folder (searched
        recursively for .md .markdown .txt .html .htm and tables); one file;
        or a CSV / JSONL / Parquet table with a text column.
    manifest:
        A manifest CSV (``file,title,outlet,author,published,url,genre,tags``).
        By default ``manifest.csv`` in the folder is used when present.
        Manifest values win over what is found in the text.
    text_column:
        The text column of a table input (default: the first of text, content,
        body, article, 正文, 内容).
    max_bytes:
        Larger files are skipped with a warning.
    notes:
        Keep the reposter's block-quoted notes as paragraphs.
    near_duplicates:
        Jaccard threshold (character 5-gram shingles, MinHash estimate) above
        which an article is flagged as a near-duplicate of an earlier one;
        ``None`` turns the check off.
    progress:
        Show a progress bar (default: only on a terminal and for > 200 files).

    Returns
    -------
    DataFrame with ``doc_id, path, title, outlet, author, url, published,
    genre, text, n_chars, sha256, encoding`` and ``paths, tags, n_paragraphs,
    near_duplicate_of, near_duplicate_score``. ``attrs["problems"]`` lists the
    files skipped and why; ``attrs["source"]`` the path loaded.
    """
    src = Path(path).expanduser() if path is not None else config.DEFAULT_CORPUS
    if not src.exists():
        raise CorpusError(f"{src}: no such file or folder")
    problems: list[dict] = []
    loaded: list[_Loaded] = []
    manifest_rows: dict[str, dict] = {}
    if src.is_dir():
        found = discover_corpus(src)
        show = progress if progress is not None else (len(found.files) > 200 and _isatty())
        loaded += _load_files(
            found.files, src, max_bytes=max_bytes, notes=notes, problems=problems, progress=show
        )
        for table in found.tables:
            loaded += _read_table(table, text_column=text_column, notes=notes, problems=problems)
        manifest_path = Path(manifest) if manifest is not None else src / "manifest.csv"
        if manifest_path.exists():
            manifest_rows = read_manifest(manifest_path, problems=problems)
        elif manifest is not None:
            raise CorpusError(f"{manifest_path}: manifest not found")
        root = src
    elif src.suffix.lower() in TABLE_SUFFIXES:
        loaded += _read_table(src, text_column=text_column, notes=notes, problems=problems)
        root = src.parent
    else:
        loaded += _load_files(
            [src], None, max_bytes=max_bytes, notes=notes, problems=problems, progress=False
        )
        root = src.parent
        manifest_path = Path(manifest) if manifest is not None else src.parent / "manifest.csv"
        if manifest_path.exists():
            manifest_rows = read_manifest(manifest_path, problems=problems)

    return assemble_corpus(
        loaded, manifest_rows, root, src, problems, notes=notes, near_duplicates=near_duplicates
    )


def assemble_corpus(
    loaded: list[_Loaded],
    manifest_rows: dict[str, dict],
    root: Path,
    src: Path,
    problems: list[dict],
    *,
    notes: bool,
    near_duplicates: float | None,
    signatures=None,
    texts=None,
) -> pd.DataFrame:
    """The corpus table from loaded documents (shared by ``load_corpus`` and the parallel ingest).

    Raises :class:`CorpusError` when nothing loaded, warns about manifest rows
    that match no file, joins the manifest, folds exact duplicates and flags
    near-duplicates. ``signatures`` optionally maps a list of texts to their
    MinHash signatures (e.g. computed in worker processes); ``texts`` is
    optionally every document's clean text as an Arrow string array, in
    ``loaded`` order (the ingest's workers build it, so the text is not
    converted again here).
    """
    if not loaded:
        reasons = "; ".join(f"{p['path']}: {p['reason']}" for p in problems[:5])
        raise CorpusError(f"{src}: no article could be loaded ({reasons})")

    # Manifest rows that match no file are worth a warning (typo, missing file).
    if manifest_rows:
        names = {os.path.basename(item.path) for item in loaded} | {
            _relative(item.path, root) for item in loaded if "#row=" not in item.path
        }
        for name in manifest_rows:
            if name not in names:
                _warn(
                    problems,
                    str(root / "manifest.csv"),
                    f"manifest names {name!r}, which was not loaded",
                )

    frame = _frame(loaded, manifest_rows, root, texts=texts)
    frame = _fold_duplicates(frame)
    if near_duplicates is not None and len(frame) > 1:
        sigs = signatures(frame["text"].tolist()) if signatures is not None else None
        frame = _flag_near_duplicates(frame, threshold=near_duplicates, sigs=sigs)
    else:
        frame["near_duplicate_of"] = pd.Series([None] * len(frame), dtype=object)
        frame["near_duplicate_score"] = np.nan
    frame = frame[CORPUS_COLUMNS + EXTRA_COLUMNS].reset_index(drop=True)
    frame.attrs["problems"] = problems
    frame.attrs["source"] = str(src)
    frame.attrs["notes"] = notes
    return frame


def _isatty() -> bool:
    import sys

    return sys.stderr.isatty()


def _relative(path: str, root: Path) -> str:
    """``path`` relative to ``root`` as POSIX text (its name when it is not under ``root``)."""
    prefix = str(root).rstrip("/\\") + os.sep
    if path.startswith(prefix):  # the usual case, without pathlib's cost
        return path[len(prefix) :].replace(os.sep, "/")
    p = Path(path)
    return p.relative_to(root).as_posix() if p.is_relative_to(root) else p.name


def _frame(
    loaded: list[_Loaded], manifest_rows: dict[str, dict], root: Path, *, texts=None
) -> pd.DataFrame:
    records = []
    for item in loaded:
        doc = item.parsed
        m: dict = {}
        if "#row=" not in item.path:
            rel = _relative(item.path, root)
            m = manifest_rows.get(rel) or manifest_rows.get(os.path.basename(item.path)) or {}
        m = {**item.meta, **{k: v for k, v in m.items() if v not in (None, "") and v is not pd.NaT}}
        tags = _tags(m.get("tags"))
        title = m.get("title") or doc.title or Path(item.path.split("#row=")[0]).stem
        published = m.get("published")
        published = _parse_date(published) if not isinstance(published, pd.Timestamp) else published
        records.append(
            {
                "doc_id": item.doc_id,
                "path": item.path,
                "title": title,
                "outlet": m.get("outlet") or doc.outlet,
                "author": m.get("author") or doc.author,
                "url": m.get("url") or doc.url or doc.repost_url,
                "published": published,
                "genre": m.get("genre") or infer_genre(title, tags),
                "text": (text := doc.text if texts is None else ""),
                "n_chars": len(text),
                "sha256": item.sha256,
                "encoding": item.encoding,
                "paths": [item.path],
                "tags": tags,
                "n_paragraphs": len(doc.paragraphs),
            }
        )
    frame = pd.DataFrame.from_records(records)
    if texts is not None:
        import pyarrow.compute as pc

        if len(texts) != len(frame):
            raise ValueError(f"{len(texts)} texts for {len(loaded)} documents")
        frame["text"] = texts.to_pandas().set_axis(frame.index)
        frame["n_chars"] = pc.utf8_length(texts).to_numpy().astype(np.int64)
    frame["published"] = pd.to_datetime(frame["published"], utc=True).dt.tz_convert(TZ)
    for col in ("title", "outlet", "author", "url", "genre"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame


def _fold_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with identical clean text (and title) become one; every path is kept."""
    if not frame.duplicated(
        subset=["title", "text"]
    ).any():  # nothing to fold: the rows as they are, typed as below (same dtypes)
        # Rebuilding from rows re-infers each non-string column's type (as the
        # general path does); string columns come through unchanged.
        strings = [c for c in frame.columns if isinstance(frame[c].dtype, pd.StringDtype)]
        rest = [c for c in frame.columns if c not in strings]
        rows = pd.DataFrame.from_records(
            list(frame[rest].astype(object).itertuples(index=False, name=None)),
            columns=rest,
            index=frame.index,
        )
        out = pd.DataFrame(
            {c: frame[c] if c in strings else rows[c] for c in frame.columns}, index=frame.index
        ).sort_index()
        out["paths"] = [list(p) for p in out["paths"]]
        out["published"] = pd.to_datetime(out["published"], utc=True).dt.tz_convert(TZ)
        return out
    key = (frame["title"].fillna("") + "\x00" + frame["text"]).map(
        lambda s: hashlib.sha256(s.encode()).hexdigest()
    )
    keep = []
    for _, group in frame.groupby(key, sort=False):
        first = group.index[0]
        row = frame.loc[first].copy()
        row["paths"] = [p for paths in group["paths"] for p in paths]
        for col in ("outlet", "author", "url", "genre"):
            if row[col] is None:
                row[col] = next((v for v in group[col] if v is not None), None)
        if pd.isna(row["published"]) and group["published"].notna().any():
            row["published"] = group["published"].dropna().min()
        keep.append(row)
    out = pd.DataFrame(keep).sort_index()
    out["published"] = pd.to_datetime(out["published"], utc=True).dt.tz_convert(TZ)
    return out


def _shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    text = re.sub(r"\s+", "", text)
    if len(text) < k:
        text = text.ljust(k, "\x00")
    grams = {text[i : i + k] for i in range(len(text) - k + 1)}
    return np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "little")
            for g in grams
        ),
        dtype=np.uint64,
        count=len(grams),
    )


def minhash_signatures(texts: list[str], *, num_perm: int = 64, seed: int = 1) -> np.ndarray:
    """MinHash signatures (``len(texts) × num_perm``) over character 5-gram shingles."""
    rng = np.random.default_rng(seed)
    prime = np.uint64((1 << 61) - 1)
    a = rng.integers(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    sigs = np.empty((len(texts), num_perm), dtype=np.uint64)
    for i, text in enumerate(texts):
        h = _shingle_hashes(text) % prime
        with np.errstate(over="ignore"):
            vals = (h[:, None] * a[None, :] + b[None, :]) % prime
        sigs[i] = vals.min(axis=0)
    return sigs


def _flag_near_duplicates(
    frame: pd.DataFrame, *, threshold: float, bands: int = 16, sigs: np.ndarray | None = None
) -> pd.DataFrame:
    """Flag rows whose MinHash estimate of Jaccard similarity to an earlier row is ≥ threshold.

    LSH banding finds candidate pairs; ``sigs`` may be precomputed signatures
    (one row per frame row, e.g. computed in parallel workers).
    """
    if sigs is None:
        sigs = minhash_signatures(frame["text"].tolist())
    rows = sigs.shape[1] // bands
    buckets: dict[tuple, list[int]] = {}
    best: dict[int, tuple[float, int]] = {}
    for i in range(len(frame)):
        candidates: set[int] = set()
        for band in range(bands):
            key = (band, sigs[i, band * rows : (band + 1) * rows].tobytes())
            candidates.update(buckets.setdefault(key, []))
            buckets[key].append(i)
        for j in candidates:
            score = float(np.mean(sigs[i] == sigs[j]))
            if score >= threshold and (i not in best or score > best[i][0]):
                best[i] = (score, j)
    ids = frame["doc_id"].tolist()
    frame = frame.copy()
    frame["near_duplicate_of"] = [ids[best[i][1]] if i in best else None for i in range(len(frame))]
    frame["near_duplicate_score"] = [
        round(best[i][0], 3) if i in best else np.nan for i in range(len(frame))
    ]
    return frame


# --------------------------------------------------------------------------- derived tables


def _parsed_for(row) -> ParsedDoc:
    """The parsed structure of a corpus row: from this session, from its file, or from its text."""
    notes = False
    doc = _PARSED.get(_parse_key(row["sha256"], notes)) or _PARSED.get(
        _parse_key(row["sha256"], True)
    )
    if doc is not None and doc.text == row["text"]:
        return doc
    path = Path(str(row["path"]))
    if "#row=" not in str(row["path"]) and path.is_file():
        try:
            raw = read_text_file(path, max_bytes=1 << 40)
            if raw.sha256 == row["sha256"]:
                kind = "html" if path.suffix.lower() in {".html", ".htm"} else "markdown"
                for notes in (False, True):
                    doc = _parse_cached(raw.text, raw.sha256, kind=kind, notes=notes)
                    if doc.text == row["text"]:
                        return doc
        except ReadError:
            pass
    # A corpus table built elsewhere: its clean text is the best we have.
    return parse_document(row["text"])


def _check_corpus(corpus: pd.DataFrame) -> None:
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(
            f"expected a corpus from load_corpus(); missing columns: {sorted(missing)}"
        )


def corpus_paragraphs(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per body paragraph: ``doc_id, para_id, section, text``.

    Headings are the ``section`` of the paragraphs under them (empty before the
    first heading), never paragraphs themselves; source lines, footers,
    credits and page furniture are not paragraphs.
    """
    _check_corpus(corpus)
    records = []
    for row in corpus.to_dict("records"):
        doc = _parsed_for(row) if "sha256" in row else parse_document(row["text"])
        for i, p in enumerate(doc.paragraphs, start=1):
            records.append((row["doc_id"], i, p.section, p.text))
    return pd.DataFrame.from_records(
        records, columns=["doc_id", "para_id", "section", "text"]
    ).astype({"para_id": "int64"})


#: One sentence: everything up to (and with) a run of 。！？!?, or one or two …, or the end,
#: then any closing quotes. Greedy, so the scan never backtracks.
_SENT_RE = re.compile(r"[^。！？!?…]*(?:[。！？!?]+|…{1,2}|$)[”’」』）)]*", re.S)


def split_sentences(text: str) -> list[str]:
    """Split Chinese text at 。！？!? and …… keeping closing quotes with their sentence.

    ``“要持续抓下去。”11月7日…`` → ``["“要持续抓下去。”", "11月7日…"]``. A
    semicolon does not end a sentence.
    """
    # One findall, stripped, without the empty and whitespace-only pieces.
    return list(filter(None, map(str.strip, _SENT_RE.findall(text))))


def corpus_sentences(data: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``doc_id, para_id, sent_id, text`` (from paragraphs or a corpus)."""
    paras = data if "para_id" in data.columns else corpus_paragraphs(data)
    records = [
        (doc_id, para_id, j, s)
        for doc_id, para_id, text in zip(
            paras["doc_id"], paras["para_id"], paras["text"], strict=True
        )
        for j, s in enumerate(split_sentences(text), start=1)
    ]
    return pd.DataFrame.from_records(records, columns=["doc_id", "para_id", "sent_id", "text"])


def corpus_emphasis(corpus: pd.DataFrame) -> pd.DataFrame:
    """The reposters' emphasis: ``doc_id, para_id, kind, text, style``.

    ``kind`` is ``key_term`` (``<font color>``; ``style`` is the colour),
    ``highlight`` (``<span style="background…">``; ``style`` is the background)
    or ``bold`` (``<strong>``, ``<b>``, ``**``).
    """
    _check_corpus(corpus)
    records = []
    for row in corpus.to_dict("records"):
        doc = _parsed_for(row)
        for i, kind, span, style in doc.emphasis:
            records.append((row["doc_id"], i + 1, kind, span, style))
    return pd.DataFrame.from_records(
        records, columns=["doc_id", "para_id", "kind", "text", "style"]
    )


#: Human-readable descriptions of cleaning kinds, for the cleaning report.
CLEANING_KINDS = {
    "inline_html_tag": "inline HTML tags stripped (text kept)",
    "html_entity": "HTML entities resolved (&emsp; &nbsp; …)",
    "markdown_inline": "Markdown bold/link markup stripped (text kept)",
    "html_block_tag": "HTML block tags (<p>, <div>) turned into paragraph breaks",
    "html_chrome": "HTML page chrome dropped (nav, header, footer, script …)",
    "iframe": "embedded players (<iframe>) dropped",
    "script": "<script> blocks dropped",
    "style": "<style> blocks dropped",
    "html_comment": "HTML comments dropped",
    "video": "embedded media dropped",
    "rule": "horizontal rules dropped",
    "source": "source line → outlet and url metadata",
    "footer": "repost footer (author, URL) → metadata",
    "credits": "credits block (总策划 / 出品人 / 出品 …) dropped",
    "byline": "closing byline → author metadata",
    "furniture": "page furniture (column labels such as # 百千万) dropped",
    "shortcode": "site shortcodes ({{< … >}}) dropped",
    "image": "images dropped",
    "link_list": "lists of links to other articles dropped",
    "note": "reposter's block-quoted notes set aside (notes=True keeps them)",
    "markup_only": "lines with markup but no text dropped",
    "joined_broken_line": "sentences broken across blank lines joined",
}


def corpus_cleaning_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed or repaired: ``doc_id, kind, n, example, description``."""
    _check_corpus(corpus)
    records = []
    for row in corpus.to_dict("records"):
        doc = _parsed_for(row)
        agg: dict[str, list] = {}
        for kind, example, n in doc.removed:
            slot = agg.setdefault(kind, [0, example])
            slot[0] += n
        for kind, (n, example) in sorted(agg.items()):
            records.append((row["doc_id"], kind, n, example, CLEANING_KINDS.get(kind, kind)))
    return pd.DataFrame.from_records(
        records, columns=["doc_id", "kind", "n", "example", "description"]
    )


def corpus_problems(corpus: pd.DataFrame) -> pd.DataFrame:
    """Files that were skipped while loading, with the reason: ``path, reason``."""
    return pd.DataFrame(corpus.attrs.get("problems", []), columns=["path", "reason"])


def corpus_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """A per-article overview table for display (no text column)."""
    cols = [
        "doc_id",
        "title",
        "outlet",
        "author",
        "published",
        "genre",
        "n_paragraphs",
        "n_chars",
        "encoding",
    ]
    out = corpus[cols].copy()
    out["n_files"] = corpus["paths"].map(len)
    out["near_duplicate_of"] = corpus["near_duplicate_of"]
    return out
