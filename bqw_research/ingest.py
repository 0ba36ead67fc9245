"""Fast, cached, parallel ingest: a folder of articles → every core table at once.

``ingest(path)`` returns the tables that ``load_corpus``, ``corpus_paragraphs``,
``corpus_sentences``, ``tokens`` and ``corpus_emphasis`` return, with the same
values (checked by ``tests/test_ingest.py``), but

- files are read, parsed, split and tokenised in worker processes
  (``concurrent.futures.ProcessPoolExecutor``; each worker inherits one
  tokenizer built before the pool starts);
- tokens come from the ``"rjieba"`` engine by default
  (:class:`bqw_research.fastseg.FastEngine`: jieba's tokens and tags, path
  search in Rust);
- every per-document result is cached under a content-addressed key
  (:mod:`bqw_research.cache`), and the assembled tables of a whole run too,
  so a rerun on an unchanged folder only reads and hashes the files.

Use it from a notebook::

    from bqw_research.ingest import ingest
    res = ingest("~/articles")          # or ingest() for the shipped corpus
    res.corpus, res.paragraphs, res.sentences, res.tokens, res.emphasis
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from . import config
from . import corpus as _corpus
from .cache import (
    Cache,
    cache_key,
    code_version,
    minhash_key,
    parse_key,
    sentences_key,
    tokens_key,
)
from .corpus import (
    CorpusError,
    CorpusWarning,
    split_sentences,
)
from .io import (
    DEFAULT_MAX_BYTES,
    TABLE_SUFFIXES,
    ReadError,
    read_text_file,
)
from .lexicon import file_sha256
from .parse import ParsedDoc, parse_document
from .tokens import ENGINES, engine_version, segment

#: Bump when the assembled tables change shape (part of the bundle key).
INGEST_VERSION = "1"

PARAGRAPH_COLUMNS = ["doc_id", "para_id", "section", "text"]
SENTENCE_COLUMNS = ["doc_id", "para_id", "sent_id", "text"]
EMPHASIS_COLUMNS = ["doc_id", "para_id", "kind", "text", "style"]


@dataclass
class IngestResult:
    """The tables of one ingest, plus what it did (``stats``)."""

    corpus: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    emphasis: pd.DataFrame
    stats: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"IngestResult({len(self.corpus)} articles, {len(self.paragraphs)} paragraphs, "
            f"{len(self.sentences)} sentences, {len(self.tokens)} tokens)"
        )


# --------------------------------------------------------------------------- per document


@dataclass
class _Options:
    pos: bool
    engine: str
    engine_version: str
    notes: bool
    max_bytes: int
    minhash: bool
    cache_root: str | None


@dataclass
class _DocResult:
    path: str
    error: str | None = None
    sha256: str = ""
    encoding: str = ""
    parsed: ParsedDoc | None = None
    signature: np.ndarray | None = None
    paragraphs: pa.Table | None = None  # para_id, section, text
    sentences: pa.Table | None = None  # para_id, sent_id, text
    tokens: pa.Table | None = None  # para_id, sent_id, token_id, token(, pos)
    hits: tuple[bool, bool, bool] = (False, False, False)  # parse, sentences, tokens
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds by stage (with cache I/O)


#: Per-document stages whose CPU time ``stats["cpu_seconds"]`` reports.
_STAGES = ("read", "parse", "near_duplicates", "sentences", "tokens")


def _segmenter(engine: str, pos: bool) -> Callable[[str], list]:
    if engine == "fast":
        from .tokens import get_fast_engine

        fast = get_fast_engine()
        if pos:
            return lambda s: list(zip(*fast.cut_fast_lists(s), strict=True))
        return fast.cut_fast
    if engine == "rjieba":
        from .tokens import get_fast_engine

        fast = get_fast_engine()
        if pos:
            return lambda s: [(w, t) for w, t in fast.cut_pos(s) if w.strip()]
        return lambda s: [w for w in fast.cut(s) if w.strip()]
    return lambda s: segment(s, pos=pos, engine=engine)


def prepare(*, engine: str = "rjieba", pos: bool = True) -> None:
    """Build the tokenizer (jieba's dictionary + domain lexicon) and compile the fast HMM now.

    :func:`ingest` does this itself; call it to keep one-off start-up out of a timing.
    """
    _segmenter(engine, pos)
    if engine in ("rjieba", "fast"):
        from .tokens import get_fast_engine

        get_fast_engine().warm_up()


def _kind(path: Path) -> str:
    return "html" if path.suffix.lower() in {".html", ".htm"} else "markdown"


def _paragraphs_table(parsed: ParsedDoc) -> pa.Table:
    paras = parsed.paragraphs
    return pa.table(
        {
            "para_id": np.arange(1, len(paras) + 1, dtype=np.int64),
            "section": pa.array([p.section for p in paras], pa.large_string()),
            "text": pa.array([p.text for p in paras], pa.large_string()),
        }
    )


def _sentences_table(parsed: ParsedDoc) -> pa.Table:
    para, sent, text = [], [], []
    for i, p in enumerate(parsed.paragraphs, start=1):
        for j, s in enumerate(split_sentences(p.text), start=1):
            para.append(i)
            sent.append(j)
            text.append(s)
    return pa.table(
        {
            "para_id": pa.array(para, pa.int64()),
            "sent_id": pa.array(sent, pa.int64()),
            "text": pa.array(text, pa.large_string()),
        }
    )


def _tokens_table(sentences: pa.Table, cut: Callable[[str], list], pos: bool) -> pa.Table:
    counts: list[int] = []
    words: list[str] = []
    tags: list[str] = []
    for s in sentences.column("text").to_pylist():
        toks = cut(s)
        counts.append(len(toks))
        if pos:
            for w, t in toks:
                words.append(w)
                tags.append(t)
        else:
            words.extend(toks)
    n = np.asarray(counts, dtype=np.int64)
    starts = np.cumsum(n) - n
    token_id = np.arange(int(n.sum()), dtype=np.int64) - np.repeat(starts, n) + 1
    cols = {
        "para_id": np.repeat(sentences.column("para_id").to_numpy(), n),
        "sent_id": np.repeat(sentences.column("sent_id").to_numpy(), n),
        "token_id": token_id,
        "token": pa.array(words, pa.large_string()),
    }
    if pos:
        cols["pos"] = pa.array(tags, pa.large_string())
    return pa.table(cols)


_SPACE_RE = re.compile(r"\s")


def _tokens_by_text(parsed: ParsedDoc, sentences: pa.Table, cut_lists) -> pa.Table:
    """Tokens (and POS tags) of a whole document in one cut, then assigned to sentences.

    Sentence boundaries (。！？!?… and closing quotes) and the newlines between
    paragraphs are never inside a jieba block, so cutting the document equals
    cutting each sentence; without whitespace (which ``segment`` drops) the
    tokens spell the document's non-space characters in order, and sentence
    ``k`` owns the next ``len(sentence k without spaces)`` of them. A document
    where that does not add up is cut sentence by sentence instead.
    """
    sent_texts = sentences.column("text").to_pylist()
    text = "\n".join(p.text for p in parsed.paragraphs)
    words, tags = cut_lists(text)
    with_tags = tags is not None
    lens = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    n_spaces = len(_SPACE_RE.findall(text))
    if n_spaces == len(parsed.paragraphs) - 1:  # only the newlines joining paragraphs
        sent_lens = np.fromiter(map(len, sent_texts), dtype=np.int64, count=len(sent_texts))
    else:
        sent_lens = np.fromiter(
            (len(s) - len(_SPACE_RE.findall(s)) for s in sent_texts),
            dtype=np.int64,
            count=len(sent_texts),
        )
    ends = np.cumsum(sent_lens)
    tok_end = np.cumsum(lens)
    sidx = np.searchsorted(ends, tok_end - lens, side="right")
    ok = (
        len(sent_texts) > 0
        and int(tok_end[-1] if len(words) else 0) == int(ends[-1] if len(ends) else 0)
        and bool((tok_end <= ends[np.minimum(sidx, len(ends) - 1)]).all())
        and len(text) - n_spaces == int(ends[-1])
    )
    if not ok:  # pragma: no cover - defensive: cut sentence by sentence
        words, tags, idx = [], [], []
        for k, s in enumerate(sent_texts):
            w, t = cut_lists(s)
            words += w
            tags += t if with_tags else []
            idx += [k] * len(w)
        sidx = np.asarray(idx, dtype=np.int64)
    n = len(words)
    new = np.ones(n, dtype=bool)
    new[1:] = sidx[1:] != sidx[:-1]
    first = np.maximum.accumulate(np.where(new, np.arange(n), 0)) if n else np.zeros(0, np.int64)
    cols = {
        # int32 here (half the bytes to send back from a worker); int64 once assembled
        "para_id": sentences.column("para_id").to_numpy()[sidx].astype(np.int32),
        "sent_id": sentences.column("sent_id").to_numpy()[sidx].astype(np.int32),
        "token_id": (np.arange(n, dtype=np.int64) - first + 1).astype(np.int32),
        "token": pa.array(words, pa.large_string()),
    }
    if with_tags:
        cols["pos"] = pa.array(tags, pa.large_string())
    return pa.table(cols)


def _doc_tokens(parsed: ParsedDoc, sents: pa.Table, opts: _Options, cut) -> pa.Table:
    """The token table of one document with the engine and options of this ingest."""
    if opts.engine in ("rjieba", "fast"):
        from .tokens import get_fast_engine

        fast = get_fast_engine()
        if opts.engine == "fast":
            if opts.pos:
                return _tokens_by_text(parsed, sents, fast.cut_fast_lists)
            return _tokens_by_text(parsed, sents, lambda t: (fast.cut_fast(t), None))
        if opts.pos:
            return _tokens_by_text(parsed, sents, fast.cut_pos_lists)
    return _tokens_table(sents, cut, opts.pos)


def _process_file(path: Path, opts: _Options, cache: Cache | None, cut) -> _DocResult:
    clock = time.process_time
    times = dict.fromkeys(_STAGES, 0.0)
    t = clock()
    try:
        raw = read_text_file(path, max_bytes=opts.max_bytes)
    except ReadError as err:
        return _DocResult(str(path), error=str(err))
    times["read"] = clock() - t
    kind = _kind(path)
    pkey = parse_key(raw.sha256, kind=kind, notes=opts.notes)
    t = clock()
    parsed = cache.get("parse", pkey) if cache else None
    hit_parse = parsed is not None
    if parsed is None:
        try:
            parsed = parse_document(raw.text, kind=kind, notes=opts.notes)
        except Exception as err:  # a parser bug must not sink the corpus either
            return _DocResult(str(path), error=f"could not parse: {type(err).__name__}: {err}")
        if cache:
            cache.put("parse", pkey, parsed)
    times["parse"] = clock() - t
    if not parsed.paragraphs:
        return _DocResult(
            str(path), error="no article text after cleaning (only markup, metadata or furniture)"
        )
    signature = None
    t = clock()
    if opts.minhash:
        mkey = minhash_key(hashlib.sha256(parsed.text.encode("utf-8")).hexdigest())
        signature = cache.get("minhash", mkey) if cache else None
        if signature is None:
            signature = _corpus.minhash_signatures([parsed.text])[0]
            if cache:
                cache.put("minhash", mkey, signature)
    times["near_duplicates"] = clock() - t
    t = clock()
    skey = sentences_key(pkey)
    sents = cache.get_table("sentences", skey) if cache else None
    hit_sents = sents is not None
    if sents is None:
        sents = _sentences_table(parsed)
        if cache:
            cache.put_table("sentences", skey, sents)
    times["sentences"] = clock() - t
    t = clock()
    tkey = tokens_key(pkey, engine_version=opts.engine_version, pos=opts.pos)
    toks = cache.get_table("tokens", tkey) if cache else None
    hit_toks = toks is not None
    if toks is None:
        toks = _doc_tokens(parsed, sents, opts, cut)
        if cache:
            cache.put_table("tokens", tkey, toks)
    times["tokens"] = clock() - t
    return _DocResult(
        str(path),
        sha256=raw.sha256,
        encoding=raw.encoding,
        parsed=parsed,
        signature=signature,
        paragraphs=_paragraphs_table(parsed),
        sentences=sents,
        tokens=toks,
        hits=(hit_parse, hit_sents, hit_toks),
        cpu=times,
    )


def _process_chunk(paths: list[str], opts: _Options) -> list[_DocResult]:
    cache = Cache(opts.cache_root) if opts.cache_root is not None else None
    cut = _segmenter(opts.engine, opts.pos)
    return [_process_file(Path(p), opts, cache, cut) for p in paths]


def _chunks(paths: list[Path], n_chunks: int) -> list[list[str]]:
    """About equal total bytes per chunk, keeping the files' order inside a chunk."""
    sizes = []
    for p in paths:
        try:
            sizes.append(p.stat().st_size)
        except OSError:
            sizes.append(0)
    target = max(1, sum(sizes) // max(1, n_chunks))
    chunks: list[list[str]] = [[]]
    acc = 0
    for p, size in zip(paths, sizes, strict=True):
        if acc >= target and chunks[-1]:
            chunks.append([])
            acc = 0
        chunks[-1].append(str(p))
        acc += size
    return chunks


def _run(
    paths: list[Path], opts: _Options, workers: int, progress: bool
) -> Iterator[list[_DocResult]]:
    from tqdm.auto import tqdm

    bar = tqdm(total=len(paths), desc="ingest", unit="file", disable=not progress)
    try:
        if workers <= 1 or len(paths) < 2:
            for chunk in _chunks(paths, max(1, len(paths) // 50)):
                out = _process_chunk(chunk, opts)
                bar.update(len(chunk))
                yield out
            return
        prepare(engine=opts.engine, pos=opts.pos)  # once, here: forked workers inherit it
        chunks = _chunks(paths, workers * 8)
        # Objects that exist now (the tokenizer's dictionaries) are left out of the
        # workers' garbage collections, which would otherwise touch, and so copy,
        # every page they share with this process.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context()) as pool:
                outs = pool.map(_process_chunk, chunks, [opts] * len(chunks))
                for chunk, out in zip(chunks, outs, strict=True):
                    bar.update(len(chunk))
                    yield out
        finally:
            gc.unfreeze()
    finally:
        bar.close()


def _mp_context():
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")  # workers build their own tokenizer


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


# --------------------------------------------------------------------------- assembly


_ASSEMBLED_TYPES = {pa.string(): pa.large_string(), pa.int32(): pa.int64()}


def _large(schema: pa.Schema) -> pa.Schema:
    """The assembled tables' types: ``large_string`` text and ``int64`` numbers."""
    return pa.schema([f.with_type(_ASSEMBLED_TYPES.get(f.type, f.type)) for f in schema])


def _with_doc_id(tables: list[pa.Table], doc_ids: list[str]) -> pa.Table | None:
    """One table (chunk per document, nothing copied) with a leading ``doc_id`` column.

    Text columns are ``large_string`` (what pandas' string columns hold, so
    ``to_pandas`` does not convert them); ``doc_id`` is built in one ``take``.
    """
    if not tables:
        return None
    target = _large(tables[0].schema)
    table = pa.concat_tables([t if t.schema == target else t.cast(target) for t in tables])
    counts = [t.num_rows for t in tables]
    return table.add_column(0, "doc_id", _repeat_strings(doc_ids, counts))


def _repeat_strings(values: list[str], counts: list[int]) -> pa.Array:
    """``values[i]`` repeated ``counts[i]`` times, as one ``large_string`` array built from buffers."""
    encoded = [v.encode("utf-8") for v in values]
    data = b"".join(b * n for b, n in zip(encoded, counts, strict=True))
    lengths = np.repeat(np.fromiter(map(len, encoded), np.int64, len(encoded)), counts)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return pa.LargeStringArray.from_buffers(len(lengths), pa.py_buffer(offsets), pa.py_buffer(data))


def _to_frame(table: pa.Table | None, columns: list[str], ints: list[str]) -> pd.DataFrame:
    if table is None or table.num_rows == 0:
        out = pd.DataFrame.from_records([], columns=columns)
        return out.astype(dict.fromkeys(ints, "int64")) if ints else out
    return table.select(columns).to_pandas()


@dataclass
class _TablePart:
    """What one CSV/JSONL/Parquet file gave: its rows as documents, and their tables."""

    loaded: list
    problems: list[dict]
    segments: dict[str, tuple[pa.Table, pa.Table]]


def _process_table(path: str, opts: _Options) -> _TablePart:
    """Rows of a table file → documents (core ``_read_table``), sentences and tokens."""
    problems: list[dict] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # re-issued, in order, when assembling
        rows = _corpus._read_table(
            Path(path), text_column=None, notes=opts.notes, problems=problems
        )
    cut = _segmenter(opts.engine, opts.pos)
    segments = {}
    for item in rows:
        sents = _sentences_table(item.parsed)
        toks = _doc_tokens(item.parsed, sents, opts, cut)
        segments[item.doc_id] = (sents, toks)
    return _TablePart(rows, problems, segments)


@dataclass
class _Plan:
    src: Path
    root: Path
    files: list[Path]
    tables: list[Path]
    manifest_path: Path | None
    doc_ids: list[str]
    opts: _Options
    store: Cache | None
    near_duplicates: float | None
    bundle: str | None = None
    stats: dict = field(default_factory=dict)


def _plan(path, *, pos, cache, engine, manifest, notes, near_duplicates, max_bytes) -> _Plan:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")
    src = Path(path).expanduser() if path is not None else config.DEFAULT_CORPUS
    if not src.exists():
        raise CorpusError(f"{src}: no such file or folder")
    if cache is True:
        store: Cache | None = Cache()
    elif cache is False or cache is None:
        store = None
    else:
        store = Cache(Path(cache) / "ingest")
    files: list[Path] = []
    tables: list[Path] = []
    manifest_path: Path | None = None
    if src.is_dir():
        found = _corpus.discover_corpus(src)
        files, tables, root = found.files, found.tables, src
        manifest_path = Path(manifest) if manifest is not None else src / "manifest.csv"
        if manifest is not None and not manifest_path.exists():
            raise CorpusError(f"{manifest_path}: manifest not found")
    elif src.suffix.lower() in TABLE_SUFFIXES:
        tables, root = [src], src.parent
    else:
        files, root = [src], src.parent
        manifest_path = Path(manifest) if manifest is not None else src.parent / "manifest.csv"
    if manifest_path is not None and not manifest_path.exists():
        manifest_path = None
    opts = _Options(
        pos=pos,
        engine=engine,
        engine_version=engine_version(engine),
        notes=notes,
        max_bytes=max_bytes,
        minhash=near_duplicates is not None,
        cache_root=str(store.root) if store else None,
    )
    plan = _Plan(
        src=src,
        root=root,
        files=files,
        tables=tables,
        manifest_path=manifest_path,
        doc_ids=_corpus._doc_ids(files, root if src.is_dir() else None),
        opts=opts,
        store=store,
        near_duplicates=near_duplicates,
    )
    plan.stats = {"files": len(files), "engine": engine, "bundle_hit": False, "raw_bytes": 0}
    if store is not None:
        t = time.perf_counter()
        plan.bundle = _bundle_key(plan)
        plan.stats["seconds_hash"] = time.perf_counter() - t
    return plan


def _bundle_key(plan: _Plan) -> str:
    """Every input's content and every option of one ingest."""
    o = plan.opts
    parts: list[object] = [
        INGEST_VERSION,
        code_version("corpus", "ingest", "tokens", "fastseg"),
        o.engine_version,
        o.pos,
        o.notes,
        plan.near_duplicates,
        o.max_bytes,
        plan.src,
    ]
    for p, doc_id in zip(plan.files, plan.doc_ids, strict=True):
        try:
            data = p.read_bytes()
        except OSError as err:
            parts.append(f"{doc_id}\x00{p}\x00unreadable:{err}")
            continue
        plan.stats["raw_bytes"] += len(data)
        sha = hashlib.sha256(data).hexdigest()
        parts.append(f"{doc_id}\x00{p}\x00{parse_key(sha, kind=_kind(p), notes=o.notes)}")
    for extra in [*plan.tables, plan.manifest_path]:
        if extra is not None:
            parts.append(f"{extra}\x00{file_sha256(extra)}")
    if config.GENRE_RULES.exists():  # genres in the corpus table come from these rules
        parts.append(file_sha256(config.GENRE_RULES))
    return cache_key("bundle", *parts)


def _cached_result(plan: _Plan) -> IngestResult | None:
    if plan.store is None or plan.bundle is None:
        return None
    cached = _load_bundle(plan.store, plan.bundle, plan.opts.pos)
    if cached is None:
        return None
    for problem in cached.corpus.attrs.get("problems", []):
        warnings.warn(f"{problem['path']}: {problem['reason']}", CorpusWarning, stacklevel=3)
    cached.stats = {**plan.stats, "bundle_hit": True}
    return cached


def _assemble(
    plan: _Plan, results: list[_DocResult], table_parts: list[_TablePart]
) -> IngestResult:
    """The corpus and derived tables from per-document results, as the core path builds them."""
    t_asm = time.perf_counter()
    stats = plan.stats
    stats["parse_hits"] = sum(r.hits[0] for r in results if r.error is None)
    stats["sentence_hits"] = sum(r.hits[1] for r in results if r.error is None)
    stats["token_hits"] = sum(r.hits[2] for r in results if r.error is None)
    stats["cpu_seconds"] = {stage: sum(r.cpu.get(stage, 0.0) for r in results) for stage in _STAGES}
    notes, root, src = plan.opts.notes, plan.root, plan.src
    problems: list[dict] = []
    loaded: list[_corpus._Loaded] = []
    by_doc: dict[str, _DocResult] = {}
    for doc_id, res in zip(plan.doc_ids, results, strict=True):
        if res.error is not None:
            _corpus._warn(problems, res.path, res.error)
            continue
        loaded.append(_corpus._Loaded(doc_id, res.path, res.parsed, res.sha256, res.encoding, {}))
        by_doc[doc_id] = res
        _corpus._PARSED[_corpus._parse_key(res.sha256, notes)] = res.parsed
    table_docs: dict[str, ParsedDoc] = {}
    table_segments: dict[str, tuple[pa.Table, pa.Table]] = {}
    for part in table_parts:
        for problem in part.problems:
            _corpus._warn(problems, problem["path"], problem["reason"])
        for item in part.loaded:
            table_docs[item.doc_id] = item.parsed
            _corpus._PARSED[_corpus._parse_key(item.sha256, notes)] = item.parsed
        table_segments.update(part.segments)
        loaded += part.loaded
    manifest_rows: dict[str, dict] = {}
    if plan.manifest_path is not None:
        manifest_rows = _corpus.read_manifest(plan.manifest_path, problems=problems)
    sig_of = {r.parsed.text: r.signature for r in by_doc.values()}

    def signatures(texts: list[str]) -> np.ndarray:
        return np.stack(
            [
                sig_of[t] if sig_of.get(t) is not None else _corpus.minhash_signatures([t])[0]
                for t in texts
            ]
        )

    frame = _corpus.assemble_corpus(
        loaded,
        manifest_rows,
        root,
        src,
        problems,
        notes=notes,
        near_duplicates=plan.near_duplicates,
        signatures=signatures,
    )

    # Derived tables, in corpus order, for the documents the corpus kept.
    emph_records = []
    para_tables, sent_tables, tok_tables, ids = [], [], [], []
    for doc_id in frame["doc_id"].tolist():
        if doc_id in by_doc:
            res = by_doc[doc_id]
            parsed, sents, toks = res.parsed, res.sentences, res.tokens
            paras = res.paragraphs if res.paragraphs is not None else _paragraphs_table(parsed)
        else:
            parsed = table_docs[doc_id]
            sents, toks = table_segments[doc_id]
            paras = _paragraphs_table(parsed)
        para_tables.append(paras)
        for i, kind, span, style in parsed.emphasis:
            emph_records.append((doc_id, i + 1, kind, span, style))
        sent_tables.append(sents)
        tok_tables.append(toks)
        ids.append(doc_id)
    paragraphs = _to_frame(_with_doc_id(para_tables, ids), PARAGRAPH_COLUMNS, ["para_id"])
    emphasis = pd.DataFrame.from_records(emph_records, columns=EMPHASIS_COLUMNS)
    sentences = _to_frame(_with_doc_id(sent_tables, ids), SENTENCE_COLUMNS, [])
    token_columns = ["doc_id", "para_id", "sent_id", "token_id", "token"] + (
        ["pos"] if plan.opts.pos else []
    )
    toks = _to_frame(
        _with_doc_id(tok_tables, ids), token_columns, ["para_id", "sent_id", "token_id"]
    )
    result = IngestResult(frame, paragraphs, sentences, toks, emphasis)
    stats["seconds_assemble"] = time.perf_counter() - t_asm
    stats["cpu_seconds"]["assemble (parent)"] = stats["seconds_assemble"]
    if plan.store is not None and plan.bundle is not None:
        t_save = time.perf_counter()
        _save_bundle(plan.store, plan.bundle, result)
        stats["seconds_save"] = time.perf_counter() - t_save
    result.stats = stats
    return result


def ingest(
    path: str | Path | None = None,
    *,
    pos: bool = True,
    workers: int | None = None,
    cache: bool | str | Path = True,
    progress: bool | None = None,
    engine: str = "rjieba",
    manifest: str | Path | None = None,
    notes: bool = False,
    near_duplicates: float | None = 0.8,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestResult:
    """Load, clean, parse, split and tokenise a corpus in one go.

    Parameters
    ----------
    path, manifest, notes, near_duplicates, max_bytes:
        As in :func:`bqw_research.load_corpus` (``None`` = the shipped corpus).
    pos:
        Add jieba's POS tags to the token table (default).
    workers:
        Worker processes (default: every CPU this process may use; ``1`` runs
        in this process).
    cache:
        ``True`` (default) caches under ``bqw_research.config.cache_dir()``
        (``$BQW_CACHE_DIR`` or ``data/interim/cache``); a path caches there;
        ``False`` turns the cache off.
    progress:
        Show a progress bar (default: only when stderr is a terminal).
    engine:
        ``"rjieba"`` (default: jieba.posseg's exact tokens and tags, faster),
        ``"jieba"`` (the reference implementation) or ``"fast"`` (not exact:
        jieba-rs's own tokens, those of ``jieba.lcut`` with the domain lexicon,
        with dictionary tags; see ``docs/scale.md``).

    Returns
    -------
    :class:`IngestResult` with ``corpus`` (as ``load_corpus``), ``paragraphs``,
    ``sentences``, ``tokens`` (``pos`` column when ``pos=True``),
    ``emphasis``, and ``stats`` (timings and cache hits).
    """
    t0 = time.perf_counter()
    plan = _plan(
        path,
        pos=pos,
        cache=cache,
        engine=engine,
        manifest=manifest,
        notes=notes,
        near_duplicates=near_duplicates,
        max_bytes=max_bytes,
    )
    workers = default_workers() if workers is None else max(1, int(workers))
    plan.stats["workers"] = workers
    cached = _cached_result(plan)
    if cached is not None:
        cached.stats["seconds"] = time.perf_counter() - t0
        return cached
    show = progress if progress is not None else sys.stderr.isatty()
    t_work = time.perf_counter()
    results: list[_DocResult] = []
    for out in _run(plan.files, plan.opts, workers, show):
        results.extend(out)
    table_parts = [_process_table(str(t), plan.opts) for t in plan.tables]
    plan.stats["seconds_work"] = time.perf_counter() - t_work
    result = _assemble(plan, results, table_parts)
    result.stats["seconds"] = time.perf_counter() - t0
    return result


# --------------------------------------------------------------------------- bundle


_BUNDLE_TABLES = ("paragraphs", "sentences", "tokens", "emphasis")


def _save_bundle(store: Cache, key: str, result: IngestResult) -> None:
    for name in _BUNDLE_TABLES:
        frame = getattr(result, name)
        if len(frame) == 0:
            continue  # rebuilt empty with the right columns on load
        store.put_table("bundle", key, pa.Table.from_pandas(frame, preserve_index=False), name)
    # The corpus last: its presence marks a complete bundle.
    store.put(
        "bundle",
        key,
        {"corpus": result.corpus, "attrs": dict(result.corpus.attrs), "lengths": _lengths(result)},
    )


def _lengths(result: IngestResult) -> dict[str, int]:
    return {name: len(getattr(result, name)) for name in _BUNDLE_TABLES}


def _load_bundle(store: Cache, key: str, pos: bool) -> IngestResult | None:
    saved = store.get("bundle", key)
    if saved is None:
        return None
    frames = {}
    empty = {
        "paragraphs": (PARAGRAPH_COLUMNS, ["para_id"]),
        "sentences": (SENTENCE_COLUMNS, []),
        "tokens": (
            ["doc_id", "para_id", "sent_id", "token_id", "token"] + (["pos"] if pos else []),
            ["para_id", "sent_id", "token_id"],
        ),
        "emphasis": (EMPHASIS_COLUMNS, []),
    }
    for name in _BUNDLE_TABLES:
        if saved["lengths"][name] == 0:
            frames[name] = _to_frame(None, *empty[name])
            continue
        table = store.get_table("bundle", key, name)
        if table is None or table.num_rows != saved["lengths"][name]:
            return None
        frames[name] = table.to_pandas()
    corpus = saved["corpus"]
    corpus.attrs.update(saved["attrs"])
    return IngestResult(corpus, **frames)
