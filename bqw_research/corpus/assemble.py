"""Putting documents together: the corpus table and its long tables.

Whatever mapped :func:`bqw_research.corpus.document.process_document` over the
articles (one process, worker processes, a Dask cluster), the per-document rows
arrive here in chunks (:class:`ChunkRows`, built by :func:`stack_documents` in
the worker) and become the tables ``load_corpus`` & co. return: the manifest
is joined, exact duplicates are folded into one row, near-duplicates are
flagged, and the long tables keep the documents of the corpus table, in its
order.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from bqw_research.corpus.convert import CONVERSIONS
from bqw_research.corpus.document import DOCUMENT_SCHEMAS, DocumentRows
from bqw_research.corpus.errors import CorpusError, report_problem
from bqw_research.corpus.manifest import TZ, infer_genre, parse_date, parse_tags
from bqw_research.corpus.near_duplicates import flag_near_duplicates

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
#: The clean text before conversion, after the extra columns when ``load_corpus(convert=…)``.
ORIGINAL_TEXT_COLUMN = "text_original"
PARAGRAPH_COLUMNS = ["doc_id", "para_id", "section", "text"]
SENTENCE_COLUMNS = ["doc_id", "para_id", "sent_id", "text"]
TOKEN_COLUMNS = ["doc_id", "para_id", "sent_id", "token_id", "token"]
EMPHASIS_COLUMNS = ["doc_id", "para_id", "kind", "text", "style"]
CLEANING_COLUMNS = ["doc_id", "kind", "n", "example", "description"]

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
    **CONVERSIONS,
}

#: The long tables every chunk carries (token tables are ``"tokens:<tokenizer key>"``).
CHUNK_TABLES = ("paragraphs", "sentences")


@dataclass
class ChunkRows:
    """What one chunk of documents gives back.

    ``docs`` are the documents' rows without their tables (``index`` is each
    document's place in the load: files first, then rows of table files);
    ``tables`` the chunk's long tables stacked, with a leading ``doc`` column
    (int32, that index); ``problems`` ``(index, path, reason)`` for documents
    that gave no rows.
    """

    docs: list[tuple[int, DocumentRows]] = field(default_factory=list)
    tables: dict[str, pa.Table] = field(default_factory=dict)
    problems: list[tuple[int, str, str]] = field(default_factory=list)
    n_files: int = 0


def conform(parts: list[pa.Table], schema: pa.Schema | None = None) -> list[pa.Table]:
    """``parts`` with one schema (``schema``, else the first part's): columns in its order
    and of its types, so that they concatenate whatever made each part.

    A part without one of its columns raises ``KeyError`` (a bug, not bad input).
    """
    if not parts:
        return parts
    schema = schema or parts[0].schema
    return [p if p.schema.equals(schema) else p.select(schema.names).cast(schema) for p in parts]


def stack_documents(
    done: list[tuple[int, DocumentRows]], problems: list[tuple[int, str, str]], n_files: int
) -> ChunkRows:
    """Per-document rows → one :class:`ChunkRows` (their tables stacked, in order)."""
    names = list(CHUNK_TABLES) + sorted({token_table_name(k) for _, r in done for k in r.tokens})
    tables: dict[str, pa.Table] = {}
    for name in names:
        parts, index = [], []
        for i, rows in done:
            table = rows.tokens.get(name[7:]) if name.startswith("tokens:") else None
            table = getattr(rows, name) if name in CHUNK_TABLES else table
            if table is not None:
                parts.append(table)
                index.append(i)
        if not parts:
            continue
        stacked = pa.concat_tables(conform(parts, DOCUMENT_SCHEMAS.get(name))).combine_chunks()
        counts = np.fromiter((t.num_rows for t in parts), dtype=np.int64, count=len(parts))
        doc = np.repeat(np.asarray(index, dtype=np.int32), counts)
        tables[name] = stacked.add_column(0, "doc", pa.array(doc, pa.int32()))
    light = [
        (i, replace(rows, paragraphs=None, sentences=None, tokens={}))  # type: ignore[arg-type]
        for i, rows in done
    ]
    return ChunkRows(light, tables, list(problems), n_files)


def token_table_name(key: str) -> str:
    """The name of a tokenizer's token table among a chunk's tables."""
    return f"tokens:{key}"


# --------------------------------------------------------------------------- corpus table


def relative_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` as POSIX text (its name when it is not under ``root``)."""
    prefix = str(root).rstrip("/\\") + os.sep
    if path.startswith(prefix):  # the usual case, without pathlib's cost
        return path[len(prefix) :].replace(os.sep, "/")
    p = Path(path)
    return p.relative_to(root).as_posix() if p.is_relative_to(root) else p.name


def source_file(path: str) -> str:
    """The file a document's ``path`` names: a table row's (``t.csv#row=3``,
    ``t.xlsx#sheet=稿件#row=3``) is its table's."""
    return path.split("#sheet=")[0].split("#row=")[0]


def doc_ids_for(paths: list[Path], root: Path | None) -> list[str]:
    """``doc_id`` = the path relative to the root without its suffix (with it on a clash)."""
    ids: list[str] = []
    seen: set[str] = set()
    for p in paths:
        rel = relative_path(str(p), root) if root is not None else p.name
        name = rel.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        base = rel[: len(rel) - len(name) + dot] if dot > 0 else rel
        doc_id = base if base not in seen else rel
        seen.add(doc_id)
        ids.append(doc_id)
    return ids


@dataclass
class Loaded:
    """A document that loaded, with the metadata its source gave (e.g. a table's columns)."""

    rows: DocumentRows
    meta: dict = field(default_factory=dict)


def corpus_frame(loaded: list[Loaded], manifest_rows: dict[str, dict], root: Path) -> pd.DataFrame:
    """One row per document: its own fields, overridden by its source's and the manifest's."""
    records = []
    for item in loaded:
        doc = item.rows
        m: dict = {}
        if source_file(doc.path) == doc.path:
            rel = relative_path(doc.path, root)
            m = manifest_rows.get(rel) or manifest_rows.get(os.path.basename(doc.path)) or {}
        m = {**item.meta, **{k: v for k, v in m.items() if v not in (None, "") and v is not pd.NaT}}
        tags = parse_tags(m.get("tags"))
        title = m.get("title") or doc.title or Path(source_file(doc.path)).stem
        published = m.get("published")
        published = parse_date(published) if not isinstance(published, pd.Timestamp) else published
        records.append(
            {
                "doc_id": doc.doc_id,
                "path": doc.path,
                "title": title,
                "outlet": m.get("outlet") or doc.outlet,
                "author": m.get("author") or doc.author,
                "url": m.get("url") or doc.url or doc.repost_url,
                "published": published,
                "genre": m.get("genre") or infer_genre(title, tags),
                "text": doc.text,
                "n_chars": len(doc.text),
                "sha256": doc.sha256,
                "encoding": doc.encoding,
                "paths": [doc.path],
                "tags": tags,
                "n_paragraphs": doc.n_paragraphs,
                **(
                    {ORIGINAL_TEXT_COLUMN: doc.text_original}
                    if doc.text_original is not None
                    else {}
                ),
            }
        )
    frame = pd.DataFrame.from_records(records)
    frame["published"] = pd.to_datetime(frame["published"], utc=True).dt.tz_convert(TZ)
    for col in ("title", "outlet", "author", "url", "genre"):
        frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame


def fold_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with identical clean text (and title) become one; every path is kept.

    The first row of each group stays, with every path of the group, the
    first outlet/author/url/genre any row has, and the earliest date when it
    has none.
    """
    dup = frame.duplicated(subset=["title", "text"], keep=False)
    if dup.any():
        frame = frame.copy()
        rows = frame[dup]
        key = (rows["title"].fillna("") + "\x00" + rows["text"]).map(
            lambda s: hashlib.sha256(s.encode()).hexdigest()
        )
        drop: list = []
        for _, group in rows.groupby(key, sort=False):
            first = group.index[0]
            frame.at[first, "paths"] = [p for paths in group["paths"] for p in paths]
            for col in ("outlet", "author", "url", "genre"):
                if frame.at[first, col] is None:
                    frame.at[first, col] = next((v for v in group[col] if v is not None), None)
            if pd.isna(frame.at[first, "published"]) and group["published"].notna().any():
                frame.at[first, "published"] = group["published"].dropna().min()
            drop += list(group.index[1:])
        frame = frame.drop(index=drop)
    # Rebuilding from rows re-infers each non-string column's type; string columns
    # come through unchanged.
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


def assemble_corpus(
    loaded: list[Loaded],
    manifest_rows: dict[str, dict],
    root: Path,
    src: Path,
    problems: list[dict],
    *,
    notes: bool,
    near_duplicates: float | None,
    convert: str | None = None,
) -> pd.DataFrame:
    """The corpus table from loaded documents.

    Raises :class:`CorpusError` when nothing loaded, warns about manifest rows
    that match no file, joins the manifest, folds exact duplicates and flags
    near-duplicates (with the signatures the documents carry, when they all do).
    """
    if not loaded:
        reasons = "; ".join(f"{p['path']}: {p['reason']}" for p in problems[:5])
        raise CorpusError(f"{src}: no article could be loaded ({reasons})")
    # Manifest rows that match no file are worth a warning (typo, missing file).
    if manifest_rows:
        names = {os.path.basename(item.rows.path) for item in loaded} | {
            relative_path(item.rows.path, root)
            for item in loaded
            if source_file(item.rows.path) == item.rows.path
        }
        for name in manifest_rows:
            if name not in names:
                report_problem(
                    problems,
                    str(root / "manifest.csv"),
                    f"manifest names {name!r}, which was not loaded",
                )
    frame = fold_duplicates(corpus_frame(loaded, manifest_rows, root))
    if near_duplicates is not None and len(frame) > 1:
        signature = {item.rows.text: item.rows.signature for item in loaded}
        texts = frame["text"].tolist()
        sigs = None
        if all(signature.get(t) is not None for t in texts):
            sigs = np.stack([signature[t] for t in texts])
        frame = flag_near_duplicates(frame, threshold=near_duplicates, sigs=sigs)
    else:
        frame["near_duplicate_of"] = pd.Series([None] * len(frame), dtype=object)
        frame["near_duplicate_score"] = np.nan
    original = [ORIGINAL_TEXT_COLUMN] if ORIGINAL_TEXT_COLUMN in frame.columns else []
    frame = frame[CORPUS_COLUMNS + EXTRA_COLUMNS + original].reset_index(drop=True)
    frame.attrs["problems"] = problems
    frame.attrs["source"] = str(src)
    frame.attrs["notes"] = notes
    frame.attrs["convert"] = convert
    return frame


# --------------------------------------------------------------------------- long tables


def gather(pieces: list[pa.Table], position: np.ndarray, doc_ids: list[str]) -> pa.Table | None:
    """Chunk tables → one table in corpus order, with ``doc_id`` instead of ``doc``.

    ``position[doc]`` is the row of document ``doc`` in the corpus table (-1:
    not kept, e.g. an exact duplicate folded into another); ``doc_ids`` the
    corpus table's ids. Rows keep their order within a document.

    A document's rows are a run in its chunk, so the table is put in order by
    moving runs (slices) and ``doc_id`` is written run by run; the result is one
    contiguous chunk per column (one copy), so that its integer columns become numpy
    columns without a copy, and a bundle's Arrow file maps them the same way.
    """
    pieces = [p for p in pieces if p is not None and p.num_rows]
    if not pieces:
        return None
    table = pa.concat_tables(conform(pieces))
    doc = table.column("doc").to_numpy()
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    lengths = np.diff(np.r_[starts, len(doc)])
    pos = position[doc[starts]]
    keep = pos >= 0
    starts, lengths, pos = starts[keep], lengths[keep], pos[keep]
    if len(pos) > 1 and bool((pos[1:] < pos[:-1]).any()):
        order = np.argsort(pos, kind="stable")
        starts, lengths, pos = starts[order], lengths[order], pos[order]
    body = table.drop_columns(["doc"])
    if len(starts):  # (a slice is no copy: the one copy is combine_chunks)
        body = pa.concat_tables([body.slice(a, n) for a, n in _merged_runs(starts, lengths)])
    else:
        body = body.slice(0, 0)
    return body.combine_chunks().add_column(0, "doc_id", repeated_strings(doc_ids, pos, lengths))


def compact(table: pa.Table) -> pa.Table:
    """A copy of ``table`` that holds only its own rows (a slice keeps, and pickles, the
    buffers of the whole table it was cut from)."""
    return table.take(pa.array(np.arange(table.num_rows, dtype=np.int64)))


def _merged_runs(starts: np.ndarray, lengths: np.ndarray) -> list[tuple[int, int]]:
    """Runs ``(start, length)`` with each run that continues the one before joined to it."""
    ends = starts + lengths
    new = np.r_[True, starts[1:] != ends[:-1]]
    first = np.flatnonzero(new)
    last = np.r_[first[1:], len(starts)] - 1
    return list(zip(starts[first].tolist(), (ends[last] - starts[first]).tolist(), strict=True))


def repeated_strings(values: list[str], which: np.ndarray, counts: np.ndarray) -> pa.Array:
    """``values[which[i]]`` repeated ``counts[i]`` times, for each ``i`` in order, as one
    Arrow ``large_string`` array built from its buffers (no Python string per row).

    Each buffer is allocated once at its final size and filled run by run (a run's
    bytes as rows of a 2-D view, its offsets as one arithmetic sequence): no joined
    copy of the bytes, only a step table as long as the longest run, which matters
    at tens of millions of rows. ``counts`` must not be negative.
    """
    encoded = [values[i].encode("utf-8") for i in which.tolist()]  # not UTF-8: an error
    counts = np.asarray(counts, dtype=np.int64)
    sizes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
    row_end = np.cumsum(counts)
    byte_end = np.cumsum(sizes * counts)
    offsets = np.zeros(int(row_end[-1]) + 1 if len(counts) else 1, dtype=np.int64)
    data = np.empty(int(byte_end[-1]) if len(counts) else 0, dtype=np.uint8)
    steps = np.arange(1, int(counts.max()) + 1 if len(counts) else 1, dtype=np.int64)
    row, start = 0, 0
    runs = zip(encoded, counts.tolist(), row_end.tolist(), byte_end.tolist(), strict=True)
    for value, n, end_row, end in runs:
        if n:
            data[start:end].reshape(n, len(value))[:] = np.frombuffer(value, dtype=np.uint8)
            np.multiply(steps[:n], len(value), out=offsets[row + 1 : end_row + 1])
            offsets[row + 1 : end_row + 1] += start
        row, start = end_row, end
    return pa.LargeStringArray.from_buffers(
        len(offsets) - 1, pa.py_buffer(offsets), pa.py_buffer(data)
    )


def arrow_frame(table: pa.Table | None, columns: list[str], ints: list[str]) -> pd.DataFrame:
    """A table as a pandas frame (text stays in Arrow memory; numbers as int64 columns)."""
    if table is None or table.num_rows == 0:
        out = pd.DataFrame.from_records([], columns=columns)
        return out.astype(dict.fromkeys(ints, "int64")) if ints else out
    table = table.select(columns)
    cols = [
        c.combine_chunks() if pa.types.is_integer(c.type) and c.num_chunks > 1 else c
        for c in table.columns
    ]
    return pa.table(cols, names=table.column_names).to_pandas(split_blocks=True)


def emphasis_frame(docs: list[DocumentRows]) -> pd.DataFrame:
    """``doc_id, para_id, kind, text, style`` of the documents, in their order."""
    records = [(d.doc_id, *row) for d in docs for row in d.emphasis]
    return pd.DataFrame.from_records(records, columns=EMPHASIS_COLUMNS)


def cleaning_frame(docs: list[DocumentRows]) -> pd.DataFrame:
    """What cleaning removed or repaired, summed per document and kind (first example kept)."""
    records = []
    for d in docs:
        agg: dict[str, list] = {}
        for kind, example, n in d.cleaning:
            slot = agg.setdefault(kind, [0, example])
            slot[0] += n
        for kind, (n, example) in sorted(agg.items()):
            records.append((d.doc_id, kind, n, example, CLEANING_KINDS.get(kind, kind)))
    return pd.DataFrame.from_records(records, columns=CLEANING_COLUMNS)
