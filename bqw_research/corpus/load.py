"""``load_corpus``: a folder, file or table of articles → the corpus table.

It plans the load (:func:`plan_corpus`: which files, their ``doc_id``, the
manifest), maps the per-document step
(:func:`bqw_research.corpus.document.process_document`, by chunks of files in
:func:`load_chunk`) over the files — in worker processes by default, in this
process with ``workers=1``, on a Dask cluster with
:func:`bqw_research.scale.dask.dask_mapper` — and assembles the corpus table
and its long tables (:mod:`bqw_research.corpus.assemble`). With a cache every
document's rows are kept under a content-addressed key, and the assembled
tables of the whole load too, so an unchanged folder loads in hundredths of a
second and an edited article is the only one read again.

One bad file never sinks the corpus: it is skipped with a
:class:`CorpusWarning` naming the file and the reason, and listed in
``corpus.attrs["problems"]``. So is what the plan found but does not read
(named pipes and devices, links to outside the folder, folders it cannot read).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import pickle
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from bqw_research import config
from bqw_research.corpus.assemble import (
    PARAGRAPH_COLUMNS,
    SENTENCE_COLUMNS,
    TOKEN_COLUMNS,
    ChunkRows,
    Loaded,
    arrow_frame,
    assemble_corpus,
    cleaning_frame,
    compact,
    doc_ids_for,
    emphasis_frame,
    gather,
    stack_documents,
    token_table_name,
)
from bqw_research.corpus.columns import aliases_of, field_columns
from bqw_research.corpus.convert import ConversionError, check_conversion
from bqw_research.corpus.delimited import csv_rows, split_lines
from bqw_research.corpus.document import (
    DocumentError,
    DocumentOptions,
    DocumentRows,
    Tokenizer,
    document_key,
    document_tokens,
    kind_of,
    process_document,
)
from bqw_research.corpus.errors import CorpusError, CorpusWarning, report_problem
from bqw_research.corpus.formats import xlsx_sheets
from bqw_research.corpus.io import (
    DEFAULT_MAX_BYTES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    UNSUPPORTED_ADVICE,
    ReadError,
    decode_bytes,
    discover,
    read_bytes,
    readable_path,
    unsupported_reason,
)
from bqw_research.corpus.manifest import read_manifest
from bqw_research.corpus.near_duplicates import prepare_minhash
from bqw_research.corpus.tables import CorpusTables, attach
from bqw_research.scale.cache import (
    Bundle,
    Store,
    WriteBehind,
    cache_key,
    code_version,
    default_root,
)
from bqw_research.scale.digests import FileDigests, file_kind, file_sha256
from bqw_research.scale.plan import chunk_by_size, default_workers, file_sizes
from bqw_research.scale.workers import Mapper, make_mapper, progress_bar

__all__ = [
    "LOAD_VERSION",
    "ChunkTask",
    "CorpusPlan",
    "discover_corpus",
    "load_chunk",
    "load_corpus",
    "plan_corpus",
    "tokens_for",
]

#: Bump when the assembled tables change shape (part of the bundle key).
LOAD_VERSION = "2"

#: Fields of a table file carried into the corpus table (their columns:
#: :data:`bqw_research.corpus.columns.FIELD_ALIASES`).
META_FIELDS = ("title", "outlet", "author", "url", "published", "genre", "tags")


def discover_corpus(src: Path, *, follow_links: bool = False):
    """The article files and tables under a folder (:func:`bqw_research.corpus.io.discover`).

    Raises :class:`CorpusError` when there are none, naming what was found
    instead and what could not be read.
    """
    found = discover(src, follow_links=follow_links)
    if not found.files and not found.tables:
        seen = ", ".join(f"{n}×{s}" for s, n in found.skipped_suffixes.most_common(6)) or "nothing"
        unread = "".join(f"; {where}: {reason}" for where, reason in found.problems[:5])
        raise CorpusError(
            f"{readable_path(src)}: no supported files ({', '.join(TEXT_SUFFIXES + TABLE_SUFFIXES)}) "
            f"in this folder or below it (found: {seen}{unread})"
        )
    return found


# --------------------------------------------------------------------------- the plan


@dataclass
class CorpusPlan:
    """What one load reads and how: files with their ``doc_id``, table files, the manifest.

    ``files`` are the paths to read; ``names`` their readable paths (valid
    UTF-8 even when a file's name is not), what the tables and messages show;
    ``root`` is readable too. ``problems`` are ``(readable path, reason)`` for
    what discovery found but does not read.
    """

    src: Path
    root: Path
    files: list[Path]
    names: list[str]
    doc_ids: list[str]
    tables: list[Path]
    manifest_path: Path | None
    options: DocumentOptions
    max_bytes: int = DEFAULT_MAX_BYTES
    text_column: str | None = None
    near_duplicates: float | None = 0.8
    follow_links: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)
    stats: dict = field(default_factory=dict)


def plan_corpus(
    path: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    text_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    notes: bool = False,
    near_duplicates: float | None = 0.8,
    follow_links: bool = False,
    convert: str | None = None,
) -> CorpusPlan:
    """The files, tables and manifest of a load (see :func:`load_corpus` for the arguments)."""
    try:
        check_conversion(convert)
    except ConversionError as err:
        raise CorpusError(str(err)) from err
    src = Path(path).expanduser() if path is not None else config.DEFAULT_CORPUS
    if not src.exists():
        raise CorpusError(f"{readable_path(src)}: no such file or folder")
    if not src.is_dir() and not src.is_file():  # reading a named pipe or device never ends
        raise CorpusError(
            f"{readable_path(src)}: not a regular file: {file_kind(src.stat().st_mode)}"
        )
    files: list[Path] = []
    names: list[str] = []
    tables: list[Path] = []
    problems: list[tuple[str, str]] = []
    manifest_path: Path | None = None
    if src.is_dir():
        found = discover_corpus(src, follow_links=follow_links)
        files, names, tables, root = found.files, found.names, found.tables, src
        problems = found.problems
        manifest_path = Path(manifest) if manifest is not None else src / "manifest.csv"
        if manifest is not None and not manifest_path.exists():
            raise CorpusError(f"{manifest_path}: manifest not found")
    elif src.suffix.lower() in TABLE_SUFFIXES:
        tables, root = [src], src.parent
    elif src.suffix.lower() in UNSUPPORTED_ADVICE:
        raise CorpusError(f"{readable_path(src)}: {unsupported_reason(src.suffix.lower())}")
    else:
        files, names, root = [src], [readable_path(src)], src.parent
        manifest_path = Path(manifest) if manifest is not None else src.parent / "manifest.csv"
    if manifest_path is not None and manifest_path.exists() and not manifest_path.is_file():
        kind = file_kind(manifest_path.stat().st_mode)
        problems.append(
            (readable_path(manifest_path), f"manifest not read: not a regular file: {kind}")
        )
    if manifest_path is not None and not manifest_path.is_file():
        manifest_path = None
    shown_root = Path(readable_path(root))
    return CorpusPlan(
        src=src,
        root=shown_root,
        files=files,
        names=names,
        doc_ids=doc_ids_for([Path(n) for n in names], shown_root if src.is_dir() else None),
        tables=tables,
        manifest_path=manifest_path,
        options=DocumentOptions(notes=notes, minhash=near_duplicates is not None, convert=convert),
        max_bytes=max_bytes,
        text_column=text_column,
        near_duplicates=near_duplicates,
        follow_links=follow_links,
        problems=problems,
    )


# --------------------------------------------------------------------------- workers


@dataclass(frozen=True)
class ChunkTask:
    """Files ``(index, path, name, doc_id)`` for one worker, and how to process them.

    ``path`` is what is read, ``name`` what the tables and problems show
    (:func:`bqw_research.corpus.io.readable_path`).
    """

    items: tuple[tuple[int, str, str, str], ...]
    options: DocumentOptions
    max_bytes: int
    tokenizers: tuple[Tokenizer, ...] = ()
    cache_root: str | None = None


def worker_entries(cache_root: str | None) -> contextlib.AbstractContextManager:
    """A worker's cache entries (``with … as store``): written behind its work, or ``None``."""
    if cache_root is None:
        return contextlib.nullcontext()
    return WriteBehind(Store(cache_root))


def load_chunk(task: ChunkTask) -> ChunkRows:
    """Map :func:`process_document` over a chunk of files (runs in a worker)."""
    done: list[tuple[int, DocumentRows]] = []
    problems: list[tuple[int, str, str]] = []
    with worker_entries(task.cache_root) as store:
        for index, path, name, doc_id in task.items:
            try:
                data = read_bytes(Path(path), max_bytes=task.max_bytes)
                rows = process_document(
                    data,
                    doc_id=doc_id,
                    path=name,
                    kind=kind_of(name),
                    options=task.options,
                    tokenizers=task.tokenizers,
                    store=store,
                )
            except (ReadError, DocumentError) as err:
                problems.append((index, name, str(err)))
                continue
            done.append((index, rows))
    return stack_documents(done, problems, len(task.items))


def _csv_records(path: Path, text: str, problems: list[dict]) -> tuple[list[dict], list[str]]:
    """A CSV table's rows as records and its columns; every row left out is a problem."""
    table = csv_rows(text, rows_in_fields=False)  # a text column may hold anything
    for line, reason in table.problems:
        report_problem(problems, f"{path}#line={line}", reason)
    return [dict(zip(table.header, cells, strict=True)) for _, cells in table.rows], table.header


def _jsonl_records(path: Path, text: str, problems: list[dict]) -> tuple[list[dict], list[str]]:
    """A JSONL table's objects and their keys; a bad line is a problem, the others are kept."""
    records: list[dict] = []
    for number, line in enumerate(split_lines(text), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            report_problem(problems, f"{path}#line={number}", f"invalid JSON: {err}")
            continue
        if not isinstance(value, dict):
            report_problem(
                problems,
                f"{path}#line={number}",
                f"expected a JSON object, saw {type(value).__name__}",
            )
            continue
        records.append(value)
    return records, list(dict.fromkeys(k for r in records for k in r))


@dataclass
class TablePart:
    """Articles of one table file, or of one sheet of a workbook.

    ``where`` names it in problems (``t.csv``, ``t.xlsx#sheet=稿件``), ``doc_prefix``
    starts the ``doc_id`` of a row without an id column; ``rows`` are ``(number,
    record)``, the number shown as ``where#row=N``: a CSV/JSONL/Parquet table's
    readable rows counted from 1, a sheet's Excel row numbers.
    """

    where: str
    doc_prefix: str
    columns: list[str]
    rows: list[tuple[int, dict]]


def _table_parts(path: Path, problems: list[dict]) -> list[TablePart]:
    """The parts of a CSV/JSONL/Parquet/XLSX table (none when it is unreadable: reported).

    CSV and JSONL are read row by row so that a bad row costs that row only,
    named by its line (``path#line=N``), never the rows after it or the table;
    every sheet of a workbook is a part of its own.
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return [
                TablePart(f"{path}#sheet={s.name}", f"{path.stem}:{s.name}", s.header, s.rows)
                for s in xlsx_sheets(path.read_bytes())
            ]
        if suffix == ".parquet":
            table = pd.read_parquet(path)
            records, columns = table.to_dict("records"), [str(c) for c in table.columns]
        else:
            text, _ = decode_bytes(path.read_bytes())
            reader = _csv_records if suffix == ".csv" else _jsonl_records
            records, columns = reader(path, text, problems)
    except ReadError as err:  # a workbook's reader says what is wrong itself
        report_problem(problems, str(path), str(err))
        return []
    except Exception as err:
        report_problem(problems, str(path), f"cannot read table: {type(err).__name__}: {err}")
        return []
    return [TablePart(str(path), path.stem, columns, list(enumerate(records, start=1)))]


def _read_table_file(path: Path, text_column: str | None, problems: list[dict]):
    """Rows ``(doc_id, where, text, metadata)`` of a CSV/JSONL/Parquet/XLSX table of articles.

    ``where`` is ``path#row=N`` (``path#sheet=S#row=N`` for a workbook). Columns
    are recognised by :func:`bqw_research.corpus.columns.field_columns`
    (``text``/``正文``/``内容``, ``title``/``标题``, ``published``/``发布时间`` …).
    """
    rows = []
    for part in _table_parts(path, problems):
        fields = field_columns(part.columns)
        col = text_column if text_column is not None else fields.get("text")
        if col is None or col not in part.columns:
            looked_for = text_column or ", ".join(aliases_of("text"))
            report_problem(
                problems,
                part.where,
                f"no text column (looked for {looked_for}); columns: {part.columns}",
            )
            continue
        id_col = fields.get("doc_id")
        meta_cols = {f: c for f, c in fields.items() if f in META_FIELDS}
        for number, row in part.rows:
            where = f"{part.where}#row={number}"
            text = row.get(col)
            if not isinstance(text, str) or not text.strip():
                report_problem(problems, where, "empty text")
                continue
            doc_id = (
                str(row[id_col])
                if id_col and row.get(id_col) not in (None, "")
                else f"{part.doc_prefix}:{number}"
            )
            meta = {f: row.get(c) for f, c in meta_cols.items() if row.get(c) not in (None, "")}
            rows.append((doc_id, where, text, meta))
    return rows


def _load_table_files(
    plan: CorpusPlan,
    first_index: int,
    tokenizers: tuple[Tokenizer, ...],
    store: Store | None,
    problems: list[dict],
) -> tuple[list[ChunkRows], dict[int, dict]]:
    """The rows of the plan's table files, each through :func:`process_document`."""
    chunks, metas = [], {}
    index = first_index
    for path in plan.tables:
        done: list[tuple[int, DocumentRows]] = []
        for doc_id, where, text, meta in _read_table_file(path, plan.text_column, problems):
            try:
                rows = process_document(
                    text.encode("utf-8"),
                    doc_id=doc_id,
                    path=where,
                    options=plan.options,
                    tokenizers=tokenizers,
                    store=store,
                )
            except (ReadError, DocumentError) as err:
                reason = str(err)
                if reason.startswith("no article text after cleaning"):
                    reason = "no article text after cleaning"
                report_problem(problems, where, reason)
                continue
            done.append((index, rows))
            metas[index] = meta
            index += 1
        chunks.append(stack_documents(done, [], 0))
    return chunks, metas


# --------------------------------------------------------------------------- assembly


def _assemble(
    plan: CorpusPlan,
    chunks: list[ChunkRows],
    table_metas: dict[int, dict],
    problems: list[dict],
    file_problems: list[dict],
) -> tuple[pd.DataFrame, dict[str, pa.Table], list[DocumentRows]]:
    manifest_rows: dict[str, dict] = {}
    if plan.manifest_path is not None:
        manifest_rows = read_manifest(plan.manifest_path, problems=problems)
    docs = sorted((item for c in chunks for item in c.docs), key=lambda item: item[0])
    loaded = [Loaded(rows, table_metas.get(i, {})) for i, rows in docs]
    corpus = assemble_corpus(
        loaded,
        manifest_rows,
        plan.root,
        plan.src,
        file_problems + problems,
        notes=plan.options.notes,
        near_duplicates=plan.near_duplicates,
        convert=plan.options.convert,
    )
    kept = corpus["doc_id"].tolist()
    index_of = {rows.doc_id: i for i, rows in docs}
    n_docs = max((i for i, _ in docs), default=-1) + 1
    position = np.full(n_docs, -1, dtype=np.int64)
    position[[index_of[d] for d in kept]] = np.arange(len(kept))
    names = sorted({name for c in chunks for name in c.tables})
    tables = {name: gather([c.tables.get(name) for c in chunks], position, kept) for name in names}
    by_id = {rows.doc_id: rows for _, rows in docs}
    return corpus, tables, [by_id[d] for d in kept]


def _frames(tables: dict[str, pa.Table | None]) -> dict[str, pd.DataFrame]:
    """The long tables as pandas frames."""
    out = {
        "paragraphs": arrow_frame(tables.get("paragraphs"), PARAGRAPH_COLUMNS, ["para_id"]),
        "sentences": arrow_frame(tables.get("sentences"), SENTENCE_COLUMNS, ["para_id", "sent_id"]),
    }
    for name, table in tables.items():
        if name.startswith("tokens:"):
            columns = TOKEN_COLUMNS + (["pos"] if "pos" in table.column_names else [])
            out[name] = arrow_frame(table, columns, ["para_id", "sent_id", "token_id"])
    return out


# --------------------------------------------------------------------------- the cache


def _open_store(cache: bool | str | Path | None) -> Store | None:
    if cache is True:
        return Store(default_root())
    if cache is False or cache is None:
        return None
    return Store(Path(cache))


def _bundle_key(plan: CorpusPlan, digests: FileDigests) -> str:
    """Every input's content and every option of one load."""
    parts: list[object] = [
        LOAD_VERSION,
        code_version(
            "bqw_research.corpus.load",
            "bqw_research.corpus.assemble",
            "bqw_research.corpus.columns",
            "bqw_research.corpus.formats",
            "bqw_research.corpus.convert",
            "bqw_research.corpus.delimited",
            "bqw_research.corpus.manifest",
            "bqw_research.corpus.near_duplicates",
        ),
        plan.options,
        plan.near_duplicates,
        plan.max_bytes,
        plan.text_column,
        plan.src,
        plan.follow_links,
        plan.problems,  # what discovery did not read is part of the result
    ]
    n_bytes = 0
    for p, name, doc_id in zip(plan.files, plan.names, plan.doc_ids, strict=True):
        try:
            sha, size = digests.sha256(p)
        except OSError as err:
            parts.append(f"{doc_id}\x00{p}\x00{name}\x00unreadable:{err}")
            continue
        n_bytes += size
        key = document_key(sha, kind=kind_of(name), options=plan.options)
        parts.append(f"{doc_id}\x00{p}\x00{name}\x00{key}")
    digests.save()
    plan.stats.update(raw_bytes=n_bytes, files_hashed=digests.hashed)
    for extra in [*plan.tables, plan.manifest_path]:
        if extra is not None:
            parts.append(f"{extra}\x00{file_sha256(extra)}")
    # genres in the corpus table come from these rules (missing: an error naming the file)
    parts.append(file_sha256(config.GENRE_RULES))
    return cache_key("bundle", *parts)


def _write_ipc(bundle: Bundle, name: str, table: pa.Table) -> None:
    """Table ``name`` of a bundle as an Arrow IPC file (what a rerun memory-maps)."""

    def write(path: Path) -> None:
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)

    bundle.write_with(name, write)


def _read_ipc(bundle: Bundle, name: str) -> pa.Table | None:
    if not bundle.verify(name):
        return None
    try:
        return pa.ipc.open_file(pa.memory_map(str(bundle.path(name)))).read_all()
    except (OSError, ValueError):
        return None


def _table_file(name: str) -> str:
    """A table's file name in a bundle (token tables by a digest of the tokenizer's key)."""
    if name.startswith("tokens:"):
        return f"tokens-{hashlib.sha256(name.encode()).hexdigest()[:24]}.arrow"
    return f"{name}.arrow"


def _save_bundle(bundle: Bundle, corpus: pd.DataFrame, tables: dict, context: dict) -> None:
    """Write the bundle of a load in the background (:meth:`Bundle.write_behind`).

    What is saved is taken now (the index pickled, the text laid out), so later
    changes to ``corpus`` by the caller never reach the cache; the index is
    written last, so its presence (with a good checksum) marks a complete bundle.
    """
    text = pa.table({"text": pa.array(corpus["text"].tolist(), pa.large_string())})
    index = {
        "corpus": corpus.drop(columns=["text"]),
        "attrs": dict(corpus.attrs),
        "text_at": list(corpus.columns).index("text"),
        "tables": sorted(n for n, t in tables.items() if t is not None),
        "emphasis": context["emphasis"],
        "cleaning": context["cleaning"],
        "doc_keys": context["doc_keys"],
    }
    index_bytes = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    files = {_table_file(name): table for name, table in tables.items() if table is not None}

    def write() -> None:
        for name, table in files.items():
            _write_ipc(bundle, name, table)
        _write_ipc(bundle, "text.arrow", text)
        bundle.write("index.pkl", index_bytes)

    bundle.write_behind(write)


def _load_bundle(bundle: Bundle) -> tuple[pd.DataFrame, dict, dict] | None:
    saved = bundle.get("index.pkl")
    if not isinstance(saved, dict):
        return None
    tables = {}
    for name in saved["tables"]:
        table = _read_ipc(bundle, _table_file(name))
        if table is None:
            return None
        tables[name] = table
    text = _read_ipc(bundle, "text.arrow")
    corpus = saved["corpus"]
    if text is None or text.num_rows != len(corpus):
        return None
    corpus.insert(saved["text_at"], "text", text.column("text").to_pandas().set_axis(corpus.index))
    corpus.attrs.update(saved["attrs"])
    return corpus, tables, saved


# --------------------------------------------------------------------------- load_corpus


def load_corpus(
    path: str | Path | None = None,
    *,
    manifest: str | Path | None = None,
    text_column: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    notes: bool = False,
    near_duplicates: float | None = 0.8,
    progress: bool | None = None,
    workers: int | None = None,
    cache: bool | str | Path = True,
    tokenizers: tuple[Tokenizer, ...] = (),
    mapper: Mapper | None = None,
    follow_links: bool = False,
    convert: str | None = None,
) -> pd.DataFrame:
    """Load a corpus of articles: one row per article.

    Parameters
    ----------
    path:
        A folder (searched recursively for ``.md .markdown .txt .html .htm
        .docx .pdf`` articles and ``.csv .jsonl .parquet .xlsx`` tables), one
        article file, or one table with a text column (``text``, ``content``,
        ``正文``, ``内容`` …). Other files beside them (``.doc``, ``.pptx``,
        ``.jpg``, ``.zip`` …) are listed in the problems with what to do.
        ``None`` loads the shipped corpus in ``data/raw``.
    manifest:
        A manifest CSV (``file`` column + any of title, outlet, author,
        published, url, genre, tags); by default ``manifest.csv`` beside the
        files. Its values win over what is found in the text. Tables and
        manifests may name their columns as Chinese crawlers do (``标题``,
        ``正文``, ``发布时间``, ``来源``, ``作者``, ``链接`` …:
        :data:`bqw_research.corpus.columns.FIELD_ALIASES`).
    text_column:
        The text column of table files (default: the first of ``text``,
        ``content``, ``body``, ``article``, ``正文``, ``内容`` … present).
    max_bytes:
        Files larger than this are skipped with a warning.
    notes:
        Keep the reposters' block-quoted notes as paragraphs.
    near_duplicates:
        Jaccard threshold (character 5-gram shingles, MinHash estimate) above
        which an article is flagged as a near-duplicate of an earlier one;
        ``None`` turns the check off.
    progress:
        Show a progress bar (default: only on a terminal and for > 200 files).
    workers:
        Worker processes (default: one per CPU this process may use; ``1``
        reads in this process). The tables are the same either way.
    cache:
        ``True`` (default) caches under ``bqw_research.config.cache_dir()``
        (``$BQW_CACHE_DIR`` or ``data/interim/cache``); a path caches there;
        ``False`` turns the cache off. The results are the same either way.
    tokenizers:
        Tokenizers (:func:`bqw_research.tokens.tokenizer`) whose token tables
        are made now, while the articles are read, instead of at the first
        :func:`bqw_research.tokens` call.
    mapper:
        What maps the per-document step over chunks of files (default: worker
        processes, see ``workers``; e.g. :func:`bqw_research.scale.dask.dask_mapper`).
    follow_links:
        Read symbolic links (to files or folders) whose target is outside the
        folder; by default they are listed in the problems instead. A link to
        a file inside the folder is read; a link to a folder inside it is not
        (that folder is read where it is). Only regular files are read: named
        pipes, devices and sockets are listed in the problems, as are folders
        that cannot be read.
    convert:
        ``"t2s"`` (or ``"hk2s"``, ``"tw2s"``) converts traditional characters to
        simplified with OpenCC (:mod:`bqw_research.corpus.convert`), for Hong
        Kong, Macau or Taiwan sources; the text before conversion is kept in a
        ``text_original`` column and the change is in the cleaning notes.

    Returns
    -------
    DataFrame with ``doc_id, path, title, outlet, author, url, published,
    genre, text, n_chars, sha256, encoding`` and ``paths, tags, n_paragraphs,
    near_duplicate_of, near_duplicate_score``. ``attrs["problems"]`` lists the
    files skipped and why; ``attrs["source"]`` the path loaded;
    ``attrs["tables"]`` the long tables made while loading (used by
    ``corpus_paragraphs`` & co.); ``attrs["load"]`` what the load did.
    """
    t0 = time.perf_counter()
    plan = plan_corpus(
        path,
        manifest=manifest,
        text_column=text_column,
        max_bytes=max_bytes,
        notes=notes,
        near_duplicates=near_duplicates,
        follow_links=follow_links,
        convert=convert,
    )
    store = _open_store(cache)
    n_workers = default_workers() if workers is None else max(1, int(workers))
    plan.stats.update(files=len(plan.files), workers=n_workers, bundle_hit=False)
    bundle = None
    if store is not None:
        t = time.perf_counter()
        digests = FileDigests(store, str(plan.src.resolve()))
        bundle = Bundle(store.root, _bundle_key(plan, digests))
        plan.stats["seconds_hash"] = time.perf_counter() - t
        bundle.settle()  # this process may still be writing it
        hit = _load_bundle(bundle)
        if hit is None:
            # another process may be building this very load: wait for it, then look again
            with bundle.building():
                hit = _load_bundle(bundle)
                if hit is None:
                    return _build(plan, tokenizers, store, bundle, n_workers, mapper, progress, t0)
        corpus, tables, saved = hit
        for problem in corpus.attrs.get("problems", []):
            warnings.warn(f"{problem['path']}: {problem['reason']}", CorpusWarning, stacklevel=2)
        plan.stats.update(bundle_hit=True, seconds=time.perf_counter() - t0)
        context = {k: saved[k] for k in ("emphasis", "cleaning", "doc_keys")}
        return _finish(plan, corpus, tables, context, store, bundle, n_workers, mapper)
    return _build(plan, tokenizers, store, bundle, n_workers, mapper, progress, t0)


def _build(plan, tokenizers, store, bundle, n_workers, mapper, progress, t0) -> pd.DataFrame:
    """Read every file of the plan (in workers), assemble the tables and save the bundle."""
    mapper = mapper or make_mapper(n_workers)
    for tokenizer in tokenizers:  # built once here: forked workers inherit it
        tokenizer.prepare()
    prepare_minhash()  # each document's signature is computed in the workers
    sizes = file_sizes(plan.files)
    n_chunks = max(1, len(plan.files) // 50) if n_workers <= 1 else n_workers * 8
    cache_root = str(store.root) if store is not None else None
    tasks = [
        ChunkTask(
            tuple((i, str(plan.files[i]), plan.names[i], plan.doc_ids[i]) for i in chunk),
            plan.options,
            plan.max_bytes,
            tuple(tokenizers),
            cache_root,
        )
        for chunk in chunk_by_size(sizes, n_chunks)
    ]
    show = progress if progress is not None else (len(plan.files) > 200 and sys.stderr.isatty())
    t = time.perf_counter()
    chunks = list(
        progress_bar(
            mapper.map(load_chunk, tasks), total=len(plan.files), desc="loading", show=show
        )
    )
    plan.stats["seconds_work"] = time.perf_counter() - t
    plan.stats["parse_hits"] = sum(rows.hits[0] for c in chunks for _, rows in c.docs)
    plan.stats["token_hits"] = sum(rows.hits[1] for c in chunks for _, rows in c.docs)
    problems: list[dict] = []
    file_problems: list[dict] = []
    unread = [(where, reason) for _index, where, reason in (p for c in chunks for p in c.problems)]
    for where, reason in sorted(plan.problems + unread):
        report_problem(file_problems, where, reason, stacklevel=4)
    table_chunks, table_metas = _load_table_files(
        plan, len(plan.files), tuple(tokenizers), store, problems
    )
    corpus, tables, docs = _assemble(
        plan, chunks + table_chunks, table_metas, problems, file_problems
    )
    context = {
        "emphasis": emphasis_frame(docs),
        "cleaning": cleaning_frame(docs),
        "doc_keys": [document_key(d.sha256, kind=d.kind, options=plan.options) for d in docs],
    }
    if bundle is not None:
        _save_bundle(bundle, corpus, tables, context)
    plan.stats["seconds"] = time.perf_counter() - t0
    return _finish(plan, corpus, tables, context, store, bundle, n_workers, mapper)


def _finish(plan, corpus, tables, context, store, bundle, n_workers, mapper) -> pd.DataFrame:
    """The corpus table carrying its long tables (:class:`CorpusTables`)."""
    frames = _frames(tables)
    frames["emphasis"] = context["emphasis"]
    frames["cleaning"] = context["cleaning"]
    handle = CorpusTables(
        frames,
        corpus["doc_id"].tolist(),
        corpus["text"],
        context={
            "doc_keys": context["doc_keys"],
            "store": store,
            "bundle": bundle,
            "workers": n_workers,
            "mapper": mapper,
        },
    )
    handle.arrow["sentences"] = tables.get("sentences")
    corpus.attrs["load"] = dict(plan.stats)
    return attach(corpus, handle)


# --------------------------------------------------------------------------- more tables


@dataclass(frozen=True)
class TokensTask:
    """Documents to tokenise with ``tokenizer``: ``docs`` are ``(index, cache key, first
    row, rows)`` of ``sentences``, a table of the chunk's sentences only (compact: a
    slice of a larger table would be pickled with all of that table's buffers)."""

    docs: tuple[tuple[int, str | None, int, int], ...]
    sentences: pa.Table
    tokenizer: Tokenizer
    cache_root: str | None = None


def tokens_chunk(task: TokensTask) -> pa.Table | None:
    """Token tables of a chunk of documents, stacked with a leading ``doc`` column."""
    parts, index = [], []
    with worker_entries(task.cache_root) as store:
        for i, key, first, rows in task.docs:
            sentences = task.sentences.slice(first, rows)
            parts.append(document_tokens(sentences, task.tokenizer, store=store, key=key))
            index.append(i)
    if not parts:
        return None
    stacked = pa.concat_tables(parts).combine_chunks()
    counts = np.fromiter((t.num_rows for t in parts), dtype=np.int64, count=len(parts))
    doc = np.repeat(np.asarray(index, dtype=np.int32), counts)
    return stacked.add_column(0, "doc", pa.array(doc, pa.int32()))


def tokens_for(handle: CorpusTables, tokenizer: Tokenizer) -> pd.DataFrame:
    """The token table of every document of a load, made with ``tokenizer``.

    From the load's bundle when it is there; else every document's sentences
    are tokenised (in worker processes, each document's tokens cached under
    its own key), and the table is added to the bundle.
    """
    name = token_table_name(tokenizer.key)
    if name in handle.frames:
        return handle.frames[name]
    ctx = handle.context
    bundle: Bundle | None = ctx.get("bundle")
    if bundle is None:
        table = _tokenise(_sentences(handle), handle.doc_ids, ctx, tokenizer)
    else:
        bundle.settle()
        table = _read_ipc(bundle, _table_file(name))
        if table is None:
            with bundle.building():  # made once when several processes ask together
                table = _read_ipc(bundle, _table_file(name))
                if table is None:
                    table = _tokenise(_sentences(handle), handle.doc_ids, ctx, tokenizer)
                    if table is not None:
                        _write_ipc(bundle, _table_file(name), table)
    frame = _frames({name: table})[name] if table is not None else _empty_tokens(tokenizer)
    handle.frames[name] = frame
    return frame


def _sentences(handle: CorpusTables) -> pa.Table:
    sentences = handle.arrow.get("sentences")
    if sentences is None:
        sentences = pa.Table.from_pandas(handle.frames["sentences"], preserve_index=False)
    return sentences


def _empty_tokens(tokenizer: Tokenizer) -> pd.DataFrame:
    columns = TOKEN_COLUMNS + (["pos"] if getattr(tokenizer, "pos", False) else [])
    return arrow_frame(None, columns, ["para_id", "sent_id", "token_id"])


def _tokenise(sentences: pa.Table, doc_ids: list[str], ctx: dict, tokenizer) -> pa.Table | None:
    """Tokens of every document of a sentence table (``doc_id`` first, in ``doc_ids`` order)."""
    ids = sentences.column("doc_id").to_pandas()
    counts = ids.value_counts(sort=False).reindex(doc_ids, fill_value=0).to_numpy()
    offsets = np.zeros(len(doc_ids) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    body = sentences.drop_columns(["doc_id"])
    keys = ctx.get("doc_keys") or [None] * len(doc_ids)
    store: Store | None = ctx.get("store")
    n_workers = ctx.get("workers") or 1
    mapper = ctx.get("mapper") or make_mapper(n_workers)
    sizes = [int(counts[i]) for i in range(len(doc_ids))]
    n_chunks = max(1, len(doc_ids) // 50) if n_workers <= 1 else n_workers * 8
    tasks = []
    for chunk in chunk_by_size(sizes, n_chunks):  # runs of consecutive documents
        first, last = int(offsets[chunk[0]]), int(offsets[chunk[-1] + 1])
        tasks.append(
            TokensTask(
                tuple((i, keys[i], int(offsets[i]) - first, sizes[i]) for i in chunk),
                compact(body.slice(first, last - first)),
                tokenizer,
                str(store.root) if store is not None else None,
            )
        )
    if n_workers > 1:
        tokenizer.prepare()
    pieces = list(mapper.map(tokens_chunk, tasks))
    position = np.arange(len(doc_ids), dtype=np.int64)
    return gather(pieces, position, doc_ids)
