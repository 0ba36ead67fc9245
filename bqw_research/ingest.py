"""Fast, cached, parallel ingest: a folder of articles → every core table at once.

``ingest(path)`` returns the tables that ``load_corpus``, ``corpus_paragraphs``,
``corpus_sentences``, ``tokens`` and ``corpus_emphasis`` return, with the same
values (checked by ``tests/test_ingest.py``), but

- files are read, parsed, split and tokenised in worker processes
  (``concurrent.futures.ProcessPoolExecutor``; each worker inherits one
  tokenizer built before the pool starts);
- tokens come from the ``"exact"`` engine by default
  (:mod:`bqw_research.jitseg`: jieba's and jieba.posseg's tokens and tags,
  computed by compiled code as spans of each document's text — no Python
  object per token);
- workers write their tables as Arrow files (shared memory, or the cache)
  that the calling process memory-maps instead of receiving them pickled;
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
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import config
from . import corpus as _corpus
from .cache import (
    Cache,
    DocStore,
    FileDigests,
    cache_key,
    code_version,
    minhash_key,
    parse_key,
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
from .tokens import DEFAULT_ENGINE, ENGINES, engine_version, segment

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
    #: Folder the workers write their chunk tables to (Arrow IPC files the
    #: calling process memory-maps: a temporary folder, or the run's bundle
    #: folder in the cache); ``None``: the tables travel back pickled (Dask).
    out_dir: str | None = None
    #: With a cache: a shared-memory folder for the chunks' number columns (raw
    #: int64), which the calling process appends to the bundle's own number
    #: files anyway; the bundle's chunk files then hold only the rest.
    numbers_dir: str | None = None


@dataclass
class _DocResult:
    path: str
    error: str | None = None
    sha256: str = ""
    encoding: str = ""
    parsed: ParsedDoc | None = None
    signature: np.ndarray | None = None
    hits: tuple[bool, bool] = (False, False)  # parse, tokens
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds by stage (with cache I/O)


@dataclass
class _ChunkResult:
    """What one worker task gives back: per-file results and the chunk's tables.

    Each table has a leading ``doc`` column (int32: the document's index in
    the ingest's list of documents — files first, then rows of table files)
    and ``doc_id``, then the columns of the core tables with their final types
    (``large_string`` text, ``int64`` numbers). A table is either in memory
    or, when the ingest gave the workers a folder, in an Arrow IPC file there
    (``files``), which the calling process memory-maps instead of receiving
    the bytes through a pipe.
    """

    docs: list[_DocResult]
    tables: dict[str, pa.Table] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    #: number columns kept apart (``_Options.numbers_dir``): table → column → raw int64 file
    numbers: dict[str, dict[str, str]] = field(default_factory=dict)

    def table(self, name: str) -> pa.Table | None:
        """The table (mapped once from its files, then kept)."""
        if name in self.tables or name not in self.files:
            return self.tables.get(name)
        table = _read_ipc(self.files[name])
        for column, path in self.numbers.get(name, {}).items():
            table = table.append_column(column, _map_int64(path, table.num_rows))
        self.tables[name] = table
        return table


def _map_int64(path: str | Path, rows: int) -> pa.Array:
    """A raw int64 file as an Arrow array over its memory map (nothing copied)."""
    mapped = pa.memory_map(str(path)).read_buffer() if rows else pa.py_buffer(b"")
    if mapped.size != 8 * rows:
        raise ValueError(f"{path}: {mapped.size // 8} values for {rows} rows")
    return pa.Array.from_buffers(pa.int64(), rows, [None, mapped])


_CHUNK_TABLES = ("paragraphs", "sentences", "tokens")
#: Each chunk's documents' clean text (for the corpus table, without converting it again).
_TEXTS = "texts"


def _texts_table(docs: list[ParsedDoc]) -> pa.Table | None:
    if not docs:
        return None
    return pa.table({"text": pa.array([d.text for d in docs], pa.large_string())})


def _write_ipc(path: Path, table: pa.Table) -> None:
    """An Arrow IPC file, written atomically (temporary name, then rename)."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    os.replace(tmp, path)


def _read_ipc(path: str) -> pa.Table:
    """Memory-mapped: nothing is copied until used."""
    return pa.ipc.open_file(pa.memory_map(path)).read_all()


#: Per-document stages whose CPU time ``stats["cpu_seconds"]`` reports.
_STAGES = (
    "read",
    "parse",
    "near_duplicates",
    "sentences",
    "tokens",
    "cache write",
    "chunk tables",
)


def _segmenter(engine: str, pos: bool) -> Callable[[str], list]:
    if engine == "rjieba":
        from .tokens import get_fast_engine

        fast = get_fast_engine()
        if pos:
            return lambda s: [(w, t) for w, t in fast.cut_pos(s) if w.strip()]
        return lambda s: [w for w in fast.cut(s) if w.strip()]
    return lambda s: segment(s, pos=pos, engine=engine)


def prepare(*, engine: str = DEFAULT_ENGINE, pos: bool = True) -> None:
    """Build the tokenizer (jieba's dictionary + domain lexicon) and compile the fast HMM now.

    :func:`ingest` does this itself; call it to keep one-off start-up out of a timing.
    """
    _segmenter(engine, pos)
    if engine == "rjieba":
        from .tokens import get_fast_engine

        get_fast_engine().warm_up()
    elif engine in ("exact", "fast"):
        from .jitseg import get_jit_segmenter

        seg = get_jit_segmenter()  # compiles (or loads) the kernels
        seg.spans("严於信在韶关调研，2024年。")
        seg.spans_pos("严於信在韶关调研，2024年。")


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
        parts = split_sentences(p.text)
        para += [i] * len(parts)
        sent += range(1, len(parts) + 1)
        text += parts
    return pa.table(
        {
            "para_id": np.asarray(para, dtype=np.int64),
            "sent_id": np.asarray(sent, dtype=np.int64),
            "text": pa.array(text, pa.large_string()),
        }
    )


def _token_columns(
    sentences: pa.Table, sidx: np.ndarray, words: pa.Array, tags: pa.Array | None
) -> pa.Table:
    """A document's token table from each token's sentence index (``sidx``)."""
    n = len(sidx)
    new = np.ones(n, dtype=bool)
    new[1:] = sidx[1:] != sidx[:-1]
    first = np.maximum.accumulate(np.where(new, np.arange(n), 0)) if n else np.zeros(0, np.int64)
    cols = {
        "para_id": sentences.column("para_id").to_numpy()[sidx].astype(np.int64),
        "sent_id": sentences.column("sent_id").to_numpy()[sidx].astype(np.int64),
        "token_id": np.arange(n, dtype=np.int64) - first + 1,
        "token": words,
    }
    if tags is not None:
        cols["pos"] = tags
    return pa.table(cols)


def _tokens_table(sentences: pa.Table, cut: Callable[[str], list], pos: bool) -> pa.Table:
    """Sentence by sentence with any engine (``cut`` = :func:`segment` with the options)."""
    idx: list[int] = []
    words: list[str] = []
    tags: list[str] = []
    for k, s in enumerate(sentences.column("text").to_pylist()):
        toks = cut(s)
        idx += [k] * len(toks)
        if pos:
            words += [w for w, _ in toks]
            tags += [t for _, t in toks]
        else:
            words += toks
    return _token_columns(
        sentences,
        np.asarray(idx, dtype=np.int64),
        pa.array(words, pa.large_string()),
        pa.array(tags, pa.large_string()) if pos else None,
    )


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
    return _token_columns(
        sentences,
        sidx,
        pa.array(words, pa.large_string()),
        pa.array(tags, pa.large_string()) if with_tags else None,
    )


def _sentence_bounds(paras: list[str], sents: pa.Table) -> tuple[np.ndarray, np.ndarray] | None:
    """Code-point ``[start, end)`` of every sentence in ``"\\n".join(paras)``.

    Sentences are pieces of their paragraph, in order (``split_sentences``
    only strips them and drops blank pieces). Where a paragraph's sentences
    are exactly as long as the paragraph, nothing was stripped: they tile it,
    and their offsets are running lengths (the usual case in Chinese, computed
    for all paragraphs at once). In the other paragraphs each sentence is
    found with one ``str.find`` from where the previous one ended. ``None``
    if one is not found (then the caller cuts sentence by sentence).
    """
    para_len = np.fromiter(map(len, paras), np.int64, len(paras))
    base = np.zeros(len(paras) + 1, dtype=np.int64)
    np.cumsum(para_len + 1, out=base[1:])
    para_idx = sents.column("para_id").to_numpy().astype(np.int64) - 1
    n = len(para_idx)
    lengths = pc.utf8_length(sents.column("text")).to_numpy().astype(np.int64)
    if n == 0:
        return lengths, lengths
    # running length within each paragraph (sentences of a paragraph are consecutive)
    ends = np.cumsum(lengths)
    first = np.ones(n, dtype=bool)
    first[1:] = para_idx[1:] != para_idx[:-1]
    run_base = np.maximum.accumulate(np.where(first, ends - lengths, 0))
    starts = base[para_idx] + (ends - lengths - run_base)
    covered = np.bincount(para_idx, weights=lengths, minlength=len(paras))
    uncovered = np.flatnonzero(covered[para_idx] != para_len[para_idx]).tolist()
    texts = sents.column("text").to_pylist() if uncovered else []
    for k in uncovered:
        if first[k] or k == 0 or para_idx[k - 1] != para_idx[k]:
            cursor = 0
        para = paras[para_idx[k]]
        i = para.find(texts[k], cursor)
        if i < 0:
            return None
        starts[k] = base[para_idx[k]] + i
        cursor = i + len(texts[k])
    return starts, starts + lengths


def _utf8_offsets(text: str) -> np.ndarray:
    """Byte offset in ``text.encode("utf-8")`` of every code point (and of the end)."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    width = 1 + (cps >= 0x80).astype(np.int64) + (cps >= 0x800) + (cps >= 0x10000)
    out = np.zeros(len(cps) + 1, dtype=np.int64)
    np.cumsum(width, out=out[1:])
    return out


def _span_strings(text: str, starts: np.ndarray, ends: np.ndarray) -> pa.Array:
    """``[text[a:b] for a, b in spans]`` as one Arrow ``large_string`` array, built from buffers.

    The spans are in order and do not overlap. Usually they are the tokens of
    ``text`` without its whitespace (jieba's tokens spell the text, and only
    whitespace tokens are left out): then the whitespace-free text's UTF-8
    bytes *are* the array's data, and only the offsets are computed.
    Otherwise the bytes are cut at every start and end and every other piece
    is taken.
    """
    n = len(starts)
    if n == 0:
        return pa.array([], pa.large_string())
    byte_at = _utf8_offsets(text)
    widths = byte_at[ends] - byte_at[starts]
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(widths, out=offsets[1:])
    compact = "".join(text.split()).encode("utf-8", "surrogatepass")
    if len(compact) == offsets[-1]:
        return pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(compact))
    bounds = np.empty(2 * n, dtype=np.int64)
    bounds[0::2] = byte_at[starts]
    bounds[1::2] = byte_at[ends]
    data = text.encode("utf-8", "surrogatepass")
    pieces = pa.LargeStringArray.from_buffers(2 * n - 1, pa.py_buffer(bounds), pa.py_buffer(data))
    evens = pa.array(np.arange(0, 2 * n - 1, 2, dtype=np.int64))
    return pieces.take(evens)


def _tokens_from_spans(
    parsed: ParsedDoc, sents: pa.Table, cut, tag_names: list[str] | None
) -> tuple[pa.Table, tuple[np.ndarray, np.ndarray, np.ndarray] | None]:
    """Tokens of a whole document from one compiled cut (``JitSegmenter.spans`` or ``spans_pos``).

    ``cut(text)`` returns ``(starts, ends, tag ids)``; ``tag_names`` maps the
    ids to tags (``None``: no ``pos`` column). Returns the table and the
    spans of the document's text it was built from (``None`` when it had to
    cut sentence by sentence).

    Sentence ends (。！？!?… and closing quotes) and the newlines between
    paragraphs are never inside a jieba block, so cutting the document equals
    cutting each sentence; each token is given the sentence its span lies in.
    A document where a span is not inside one sentence (which would mean the
    assumption broke) is cut sentence by sentence instead.
    """
    paras = [p.text for p in parsed.paragraphs]
    text = "\n".join(paras)
    starts, ends, tags = cut(text)
    spans = (starts, ends, tags)
    bounds = _sentence_bounds(paras, sents)
    if bounds is not None:
        from .jitseg import layout_tokens

        ok, para, sent, tid, offsets, data = layout_tokens(
            text,
            starts,
            ends,
            bounds[0],
            bounds[1],
            sents.column("para_id").to_numpy(),
            sents.column("sent_id").to_numpy(),
        )
        if ok:
            n = len(starts)
            cols = {
                "para_id": para,
                "sent_id": sent,
                "token_id": tid,
                "token": pa.LargeStringArray.from_buffers(
                    n, pa.py_buffer(offsets), pa.py_buffer(data)
                ),
            }
            if tag_names is not None:
                cols["pos"] = pa.array(tag_names, pa.large_string()).take(pa.array(tags))
            return pa.table(cols), spans
    sidx = None
    if bounds is not None and len(bounds[0]):
        s_start, s_end = bounds
        sidx = np.searchsorted(s_start, starts, side="right") - 1
        inside = (sidx >= 0) & (ends <= s_end[np.maximum(sidx, 0)])
        if not inside.all():
            sidx = None
    if sidx is None:  # pragma: no cover - defensive: cut sentence by sentence
        texts = sents.column("text").to_pylist()
        parts = [cut(s) for s in texts]
        text = "".join(texts)
        offset = np.cumsum([0] + [len(s) for s in texts])
        starts = np.concatenate([p[0] + o for p, o in zip(parts, offset, strict=False)])
        ends = np.concatenate([p[1] + o for p, o in zip(parts, offset, strict=False)])
        tags = np.concatenate([p[2] for p in parts])
        sidx = np.repeat(np.arange(len(texts)), [len(p[0]) for p in parts])
        spans = None
    words = _span_strings(text, starts, ends)
    tag_column = None
    if tag_names is not None:
        tag_column = pa.array(tag_names, pa.large_string()).take(pa.array(tags))
    return _token_columns(sents, sidx.astype(np.int64), words, tag_column), spans


def _doc_tokens(
    parsed: ParsedDoc, sents: pa.Table, opts: _Options, cut, spans=None
) -> tuple[pa.Table, tuple | None]:
    """The token table of one document with the engine and options of this ingest.

    Returns the table and, for the compiled engines, the spans it was built
    from (what the cache stores: 10 bytes a token instead of the table).
    ``spans`` given: rebuild the table from them instead of cutting again.
    """
    if opts.engine in ("exact", "fast"):
        from .jitseg import get_jit_segmenter

        seg = get_jit_segmenter()
        if spans is not None:
            cut = lambda _text: spans  # noqa: E731 - the stored cut of this very text
        else:
            cut = seg.spans_pos if opts.pos and opts.engine == "exact" else seg.spans
        return _tokens_from_spans(parsed, sents, cut, seg.tag_names if opts.pos else None)
    if opts.engine == "rjieba":
        from .tokens import get_fast_engine

        fast = get_fast_engine()
        if opts.pos:
            return _tokens_by_text(parsed, sents, fast.cut_pos_lists), None
    return _tokens_table(sents, cut, opts.pos), None


def _spans_bytes(spans: tuple[np.ndarray, np.ndarray, np.ndarray]) -> bytes:
    starts, ends, tags = spans
    n = len(starts)
    head = np.array([n], dtype=np.int64).tobytes()
    return b"".join(
        [
            head,
            starts.astype(np.int32).tobytes(),
            ends.astype(np.int32).tobytes(),
            tags.astype(np.int16).tobytes(),
        ]
    )


def _spans_from_bytes(data: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = int(np.frombuffer(data, np.int64, 1)[0])
    starts = np.frombuffer(data, np.int32, n, 8).astype(np.int64)
    ends = np.frombuffer(data, np.int32, n, 8 + 4 * n).astype(np.int64)
    tags = np.frombuffer(data, np.int16, n, 8 + 8 * n).astype(np.int32)
    return starts, ends, tags


def _wide(table: pa.Table) -> pa.Table:
    """``large_string``/``int64`` columns (the assembled tables' types; a cached table may differ)."""
    schema = pa.schema([f.with_type(_WIDE_TYPES.get(f.type, f.type)) for f in table.schema])
    return table if schema == table.schema else table.cast(schema)


def _process_file(
    path: Path, opts: _Options, docs: DocStore | None, cut, location=None
) -> tuple[_DocResult, tuple[pa.Table, pa.Table, pa.Table] | None]:
    """One file → its result and its (paragraphs, sentences, tokens) tables.

    With a cache, everything derived from one file lives in one ``doc`` entry
    under the file's parse key (``location``: where the calling process found
    it in the packs); the tokens and MinHash signature inside it are stored
    with their own keys and recomputed when those differ (a lexicon edit
    re-tokenises but does not re-parse). New or changed entries are handed to
    ``docs``, which writes them with the rest of the batch.
    """
    clock = time.process_time
    times = dict.fromkeys(_STAGES, 0.0)
    t = clock()
    try:
        raw = read_text_file(path, max_bytes=opts.max_bytes)
    except ReadError as err:
        return _DocResult(str(path), error=str(err)), None
    times["read"] = clock() - t
    kind = _kind(path)
    pkey = parse_key(raw.sha256, kind=kind, notes=opts.notes)
    t = clock()
    entry = docs.get(pkey, location) if docs is not None else None
    hit_parse = isinstance(entry, dict) and isinstance(entry.get("parsed"), ParsedDoc)
    dirty = not hit_parse
    if hit_parse:
        parsed = entry["parsed"]
    else:
        try:
            parsed = parse_document(raw.text, kind=kind, notes=opts.notes)
        except Exception as err:  # a parser bug must not sink the corpus either
            msg = f"could not parse: {type(err).__name__}: {err}"
            return _DocResult(str(path), error=msg), None
        entry = {"parsed": parsed, "tokens": {}, "minhash": {}}
    times["parse"] = clock() - t
    if not parsed.paragraphs:
        if docs is not None and dirty:
            docs.put(pkey, entry)
        msg = "no article text after cleaning (only markup, metadata or furniture)"
        return _DocResult(str(path), error=msg), None
    signature = None
    t = clock()
    if opts.minhash:
        mkey = minhash_key(hashlib.sha256(parsed.text.encode("utf-8")).hexdigest())
        signature = entry["minhash"].get(mkey)
        if signature is None:
            signature = _corpus.minhash_signatures([parsed.text])[0]
            entry["minhash"] = {mkey: signature}
            dirty = True
    times["near_duplicates"] = clock() - t
    t = clock()
    # Sentences are split again every time: cheaper than storing and reading them.
    sents = _sentences_table(parsed)
    times["sentences"] = clock() - t
    t = clock()
    tkey = tokens_key(pkey, engine_version=opts.engine_version, pos=opts.pos)
    stored = entry["tokens"].get(tkey)
    hit_toks = stored is not None
    if stored is None:
        toks, spans = _doc_tokens(parsed, sents, opts, cut)
        new = ("spans", _spans_bytes(spans)) if spans is not None else ("table", _table_bytes(toks))
        # the newest first; a few variants (engines, with/without POS) side by side
        older = [(k, v) for k, v in entry["tokens"].items() if k != tkey][: _TOKEN_VARIANTS - 1]
        entry["tokens"] = {tkey: new, **dict(older)}
        dirty = True
    elif stored[0] == "spans":
        toks, _ = _doc_tokens(parsed, sents, opts, cut, spans=_spans_from_bytes(stored[1]))
    else:
        toks = _wide(_table_from_bytes(stored[1]))
    times["tokens"] = clock() - t
    if docs is not None and dirty:
        t = clock()
        docs.put(pkey, entry)
        times["cache write"] = clock() - t
    result = _DocResult(
        str(path),
        sha256=raw.sha256,
        encoding=raw.encoding,
        parsed=parsed,
        signature=signature,
        hits=(hit_parse, hit_toks),
        cpu=times,
    )
    return result, (_paragraphs_table(parsed), sents, toks)


def _table_bytes(table: pa.Table) -> bytes:
    """A table as Arrow IPC stream bytes (cheaper to store than a pickled table)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _table_from_bytes(data: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(data)).read_all()


#: Token tables kept per document entry (e.g. two engines, with and without POS).
_TOKEN_VARIANTS = 4


def _stack(docs: list[int], doc_ids: list[str], tables: list[pa.Table]) -> pa.Table | None:
    """Per-document tables as one, with leading ``doc`` (``docs[i]``) and ``doc_id`` columns."""
    if not tables:
        return None
    table = pa.concat_tables([_wide(t) for t in tables]).combine_chunks()
    counts = np.fromiter((t.num_rows for t in tables), dtype=np.int64, count=len(tables))
    which = pa.array(np.repeat(np.arange(len(tables), dtype=np.int32), counts))
    table = table.add_column(0, "doc_id", pa.array(doc_ids, pa.large_string()).take(which))
    doc = np.repeat(np.asarray(docs, dtype=np.int32), counts)
    return table.add_column(0, "doc", pa.array(doc, pa.int32()))


def _process_chunk(items: list[tuple], opts: _Options) -> _ChunkResult:
    """Files ``(document index, path, doc_id, cache location)`` → one :class:`_ChunkResult`."""
    store = DocStore(opts.cache_root) if opts.cache_root is not None else None
    cut = _segmenter(opts.engine, opts.pos)
    docs: list[_DocResult] = []
    kept: list[int] = []
    ids: list[str] = []
    parts: list[tuple[pa.Table, pa.Table, pa.Table]] = []
    for index, p, doc_id, location in items:
        res, tables = _process_file(Path(p), opts, store, cut, location)
        docs.append(res)
        if tables is not None:
            kept.append(index)
            ids.append(doc_id)
            parts.append(tables)
    if store is not None and docs:
        t = time.process_time()
        store.flush()
        docs[0].cpu["cache write"] = docs[0].cpu.get("cache write", 0.0) + (time.process_time() - t)
    out = _ChunkResult(docs)
    t = time.process_time()
    tables = {
        name: _stack(kept, ids, [t[k] for t in parts]) for k, name in enumerate(_CHUNK_TABLES)
    }
    tables[_TEXTS] = _texts_table([r.parsed for r in docs if r.error is None])
    for name, table in tables.items():
        if table is None:
            continue
        if opts.out_dir is None:
            out.tables[name] = table
            continue
        stem = f"{name}-{items[0][0]:08d}"
        if opts.numbers_dir is not None and name in _CHUNK_TABLES:
            ints = [f.name for f in table.schema if f.name != "doc" and pa.types.is_integer(f.type)]
            for column in ints:
                path = Path(opts.numbers_dir) / f"{stem}-{column}.i64"
                values = table.column(column).combine_chunks().to_numpy(zero_copy_only=False)
                path.write_bytes(memoryview(np.ascontiguousarray(values, dtype=np.int64)))
                out.numbers.setdefault(name, {})[column] = str(path)
            table = table.drop_columns(ints)
        path = Path(opts.out_dir) / f"{stem}.arrow"
        _write_ipc(path, table)
        out.files[name] = str(path)
    if docs:  # the chunk's tables: counted with its first document
        docs[0].cpu["chunk tables"] = time.process_time() - t
    return out


def _chunks(
    paths: list[Path], doc_ids: list[str], n_chunks: int, locations: list | None = None
) -> list[list[tuple]]:
    """``(index, path, doc_id, cache location)`` runs of about equal total bytes, in file order."""
    sizes = []
    for p in paths:
        try:
            sizes.append(p.stat().st_size)
        except OSError:
            sizes.append(0)
    target = max(1, sum(sizes) // max(1, n_chunks))
    chunks: list[list[tuple]] = [[]]
    acc = 0
    for i, (p, doc_id, size) in enumerate(zip(paths, doc_ids, sizes, strict=True)):
        if acc >= target and chunks[-1]:
            chunks.append([])
            acc = 0
        chunks[-1].append((i, str(p), doc_id, locations[i] if locations else None))
        acc += size
    return chunks if chunks[0] else []


def _run(
    paths: list[Path],
    doc_ids: list[str],
    opts: _Options,
    workers: int,
    progress: bool,
    locations: list | None = None,
) -> Iterator[_ChunkResult]:
    from tqdm.auto import tqdm

    bar = tqdm(total=len(paths), desc="ingest", unit="file", disable=not progress)
    try:
        if workers <= 1 or len(paths) < 2:
            for chunk in _chunks(paths, doc_ids, max(1, len(paths) // 50), locations):
                out = _process_chunk(chunk, opts)
                bar.update(len(chunk))
                yield out
            return
        prepare(engine=opts.engine, pos=opts.pos)  # once, here: forked workers inherit it
        chunks = _chunks(paths, doc_ids, workers * 8, locations)
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


_WIDE_TYPES = {pa.string(): pa.large_string(), pa.int32(): pa.int64()}


def _gather(
    pieces: list[pa.Table | None], position: np.ndarray | None, *, in_order: bool = False
) -> pa.Table | None:
    """Stacked chunk tables → one table in corpus order, without the ``doc`` column.

    ``position[doc]`` is the row of document ``doc`` in the corpus table (-1:
    not kept, e.g. an exact duplicate folded into another). Rows keep their
    order within a document. ``in_order``: every document with rows is kept,
    in the order of the pieces (the usual case) — nothing is copied then, the
    chunks are only put side by side.
    """
    pieces = [p for p in pieces if p is not None and p.num_rows]
    if not pieces:
        return None
    table = pa.concat_tables(pieces)
    if not in_order:
        pos = position[table.column("doc").to_numpy()]
        keep = pos >= 0
        if not keep.all():
            table, pos = table.filter(pa.array(keep)), pos[keep]
        if len(pos) > 1 and bool((pos[1:] < pos[:-1]).any()):
            table = table.take(pa.array(np.argsort(pos, kind="stable")))
    return table.drop_columns(["doc"])


def _in_order(docs: list[int], position: np.ndarray) -> bool:
    """Whether documents ``docs`` (in the pieces' order) are all kept, in that order."""
    pos = position[np.asarray(docs, dtype=np.int64)]
    return bool((pos >= 0).all() and (len(pos) < 2 or (pos[1:] > pos[:-1]).all()))


def _contiguous_ints(table: pa.Table | None) -> pa.Table | None:
    """Number columns as one chunk each (pandas needs them contiguous); text left chunked."""
    if table is None:
        return None
    cols = [
        c.combine_chunks() if pa.types.is_integer(c.type) and c.num_chunks > 1 else c
        for c in table.columns
    ]
    return pa.table(cols, names=table.column_names)


def _to_frame(table: pa.Table | None, columns: list[str], ints: list[str]) -> pd.DataFrame:
    """A table as a pandas frame, copying as little as possible.

    Text columns stay in Arrow memory (pandas' ``str`` columns are Arrow
    ``large_string``); each number column, made one contiguous chunk, becomes
    its own pandas block (``split_blocks``) without a copy.
    """
    if table is None or table.num_rows == 0:
        out = pd.DataFrame.from_records([], columns=columns)
        return out.astype(dict.fromkeys(ints, "int64")) if ints else out
    return _contiguous_ints(table.select(columns)).to_pandas(split_blocks=True)


@dataclass
class _TablePart:
    """What one CSV/JSONL/Parquet file gave: its rows as documents, and their tables.

    The tables' ``doc`` column indexes ``loaded``.
    """

    loaded: list
    problems: list[dict]
    tables: _ChunkResult


def _process_table(path: str, opts: _Options) -> _TablePart:
    """Rows of a table file → documents (core ``_read_table``), sentences and tokens."""
    problems: list[dict] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # re-issued, in order, when assembling
        rows = _corpus._read_table(
            Path(path), text_column=None, notes=opts.notes, problems=problems
        )
    cut = _segmenter(opts.engine, opts.pos)
    parts: list[tuple[pa.Table, pa.Table, pa.Table]] = []
    for item in rows:
        sents = _sentences_table(item.parsed)
        toks, _ = _doc_tokens(item.parsed, sents, opts, cut)
        parts.append((_paragraphs_table(item.parsed), sents, toks))
    docs = list(range(len(rows)))
    ids = [item.doc_id for item in rows]
    tables = _ChunkResult([])
    for k, name in enumerate(_CHUNK_TABLES):
        table = _stack(docs, ids, [t[k] for t in parts])
        if table is not None:
            tables.tables[name] = table
    texts = _texts_table([item.parsed for item in rows])
    if texts is not None:
        tables.tables[_TEXTS] = texts
    return _TablePart(rows, problems, tables)


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
    #: Each file's parse key (``None``: unreadable), computed with the bundle key.
    parse_keys: list[str | None] = field(default_factory=list)


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
    # File digests remembered between runs (the corpus's files, jieba's dictionary
    # and the lexicon), so that a rerun hashes only what changed.
    digests = FileDigests(store, str(src.resolve())) if store is not None else None
    sha256 = (lambda p: digests.sha256(str(p))[0]) if digests is not None else None
    opts = _Options(
        pos=pos,
        engine=engine,
        engine_version=engine_version(engine, sha256=sha256),
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
        plan.bundle = _bundle_key(plan, digests)
        plan.stats["seconds_hash"] = time.perf_counter() - t
    return plan


def _bundle_key(plan: _Plan, digests: FileDigests) -> str:
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
    plan.parse_keys = []
    for p, doc_id in zip(plan.files, plan.doc_ids, strict=True):
        try:
            sha, size = digests.sha256(str(p))
        except OSError as err:
            parts.append(f"{doc_id}\x00{p}\x00unreadable:{err}")
            plan.parse_keys.append(None)
            continue
        plan.stats["raw_bytes"] += size
        key = parse_key(sha, kind=_kind(p), notes=o.notes)
        plan.parse_keys.append(key)
        parts.append(f"{doc_id}\x00{p}\x00{key}")
    digests.save()
    plan.stats["files_hashed"] = digests.hashed
    for extra in [*plan.tables, plan.manifest_path]:
        if extra is not None:
            parts.append(f"{extra}\x00{file_sha256(extra)}")
    if config.GENRE_RULES.exists():  # genres in the corpus table come from these rules
        parts.append(file_sha256(config.GENRE_RULES))
    return cache_key("bundle", *parts)


def _locations(plan: _Plan) -> list | None:
    """Where each file's cached entry is (pack, offset, length), or ``None`` per file."""
    if plan.store is None or not plan.parse_keys:
        return None
    index = DocStore.index(plan.store.root)
    if not index:
        return None
    return [index.get(k) if k is not None else None for k in plan.parse_keys]


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
    plan: _Plan,
    chunks: list[_ChunkResult],
    table_parts: list[_TablePart],
    numbers: dict[str, dict[str, str]] | None = None,
) -> IngestResult:
    """The corpus and derived tables from per-document results, as the core path builds them."""
    t_asm = time.perf_counter()
    stats = plan.stats
    results = [r for chunk in chunks for r in chunk.docs]
    if len(results) != len(plan.files):  # pragma: no cover - a lost chunk would be a bug
        raise RuntimeError(f"ingest: {len(results)} results for {len(plan.files)} files")
    ok = [r for r in results if r.error is None]
    stats["parse_hits"] = sum(r.hits[0] for r in ok)
    stats["token_hits"] = sum(r.hits[1] for r in ok)
    stats["cpu_seconds"] = {stage: sum(r.cpu.get(stage, 0.0) for r in results) for stage in _STAGES}
    notes, root, src = plan.opts.notes, plan.root, plan.src
    problems: list[dict] = []
    loaded: list[_corpus._Loaded] = []
    # Document index → doc_id: the files in plan order, then the rows of each table file.
    all_ids = list(plan.doc_ids)
    index_of: dict[str, int] = {}
    parsed_of: dict[str, ParsedDoc] = {}
    sig_of: dict[str, np.ndarray | None] = {}
    for i, (doc_id, res) in enumerate(zip(plan.doc_ids, results, strict=True)):
        if res.error is not None:
            _corpus._warn(problems, res.path, res.error)
            continue
        loaded.append(_corpus._Loaded(doc_id, res.path, res.parsed, res.sha256, res.encoding, {}))
        index_of[doc_id] = i
        parsed_of[doc_id] = res.parsed
        if res.signature is not None:
            sig_of[res.parsed.text] = res.signature
        _corpus._PARSED[_corpus._parse_key(res.sha256, notes)] = res.parsed
    docs_with_rows = [i for i, r in enumerate(results) if r.error is None]
    pieces: dict[str, list[pa.Table | None]] = {name: [] for name in _CHUNK_TABLES}
    texts: list[pa.Table | None] = []
    for chunk in chunks:
        for name, items in pieces.items():
            items.append(chunk.table(name))
        texts.append(chunk.table(_TEXTS))
    for part in table_parts:
        for problem in part.problems:
            _corpus._warn(problems, problem["path"], problem["reason"])
        offset = len(all_ids)
        for k, item in enumerate(part.loaded):
            docs_with_rows.append(offset + k)
            all_ids.append(item.doc_id)
            index_of[item.doc_id] = offset + k
            parsed_of[item.doc_id] = item.parsed
            _corpus._PARSED[_corpus._parse_key(item.sha256, notes)] = item.parsed
        for name, items in pieces.items():
            table = part.tables.table(name)
            if table is not None:
                doc = pa.array(table.column("doc").to_numpy() + np.int32(offset), pa.int32())
                items.append(table.set_column(0, "doc", doc))
        texts.append(part.tables.table(_TEXTS))
        loaded += part.loaded
    manifest_rows: dict[str, dict] = {}
    if plan.manifest_path is not None:
        manifest_rows = _corpus.read_manifest(plan.manifest_path, problems=problems)

    def signatures(texts: list[str]) -> np.ndarray:
        return np.stack(
            [
                sig_of[t] if sig_of.get(t) is not None else _corpus.minhash_signatures([t])[0]
                for t in texts
            ]
        )

    # Put the chunks' tables together on another thread while this one builds the
    # corpus table (Arrow copies without the GIL), assuming what is nearly always
    # true: every document with rows is kept, in file order. Checked below. With a
    # cache, the number columns were already written, contiguous, into the bundle
    # while the chunks came in: they are mapped, not copied.
    folder = None
    if plan.store is not None and plan.bundle is not None:
        folder = plan.store.path("bundle", plan.bundle, "d")
    if table_parts:
        numbers = None  # rows of table files come after the chunks: not appended

    def speculate() -> dict:
        if numbers is not None:
            return {
                name: _with_numbers(_gather(items, None, in_order=True), folder, numbers[name])
                for name, items in pieces.items()
            }
        return {
            name: _contiguous_ints(_gather(items, None, in_order=True))
            for name, items in pieces.items()
        }

    helper = ThreadPoolExecutor(max_workers=1)
    guess = helper.submit(speculate)
    helper.shutdown(wait=False)
    frame = _corpus.assemble_corpus(
        loaded,
        manifest_rows,
        root,
        src,
        problems,
        notes=notes,
        near_duplicates=plan.near_duplicates,
        signatures=signatures,
        texts=_text_column(texts, len(loaded)),
    )

    # Derived tables, in corpus order, for the documents the corpus kept.
    kept = frame["doc_id"].tolist()
    position = np.full(len(all_ids), -1, dtype=np.int64)
    position[[index_of[d] for d in kept]] = np.arange(len(kept))
    emph_records = [
        (doc_id, i + 1, kind, span, style)
        for doc_id in kept
        for i, kind, span, style in parsed_of[doc_id].emphasis
    ]

    in_order = _in_order(docs_with_rows, position)
    tables = guess.result()
    if not in_order:  # a document was folded or dropped: gather again, in corpus order
        tables = {
            name: _contiguous_ints(_gather(items, position, in_order=False))
            for name, items in pieces.items()
        }
        numbers = None
    if folder is not None and numbers is None:
        numbers = _write_numbers(folder, tables)
    frames = _frames(tables, emph_records, plan.opts.pos)
    result = IngestResult(frame, **frames)
    stats["seconds_assemble"] = time.perf_counter() - t_asm
    stats["cpu_seconds"]["assemble (parent)"] = stats["seconds_assemble"]
    if plan.store is not None and plan.bundle is not None:
        t_save = time.perf_counter()
        files = {name: [c.files.get(name) for c in chunks] for name in _CHUNK_TABLES}
        # The corpus's texts are the chunks' texts files when every document is kept in order.
        text_files = [c.files.get(_TEXTS) for c in chunks]
        reuse = in_order and not table_parts and all(text_files) and len(text_files) > 0
        _save_bundle(
            plan.store,
            plan.bundle,
            result,
            pieces,
            files,
            position,
            in_order,
            numbers,
            [Path(f).name for f in text_files] if reuse else None,
        )
        stats["seconds_save"] = time.perf_counter() - t_save
    result.stats = stats
    return result


def _text_column(texts: list[pa.Table | None], n: int) -> pa.ChunkedArray | None:
    """The documents' texts in ``loaded`` order, or ``None`` (then the corpus table joins them)."""
    present = [t for t in texts if t is not None and t.num_rows]
    if not present:
        return None
    column = pa.concat_tables(present).column("text")
    return column if len(column) == n else None


def _frames(tables: dict[str, pa.Table | None], emph_records: list, pos: bool) -> dict:
    """The derived tables as pandas frames (``to_pandas`` copies no text)."""
    token_columns = ["doc_id", "para_id", "sent_id", "token_id", "token"] + (["pos"] if pos else [])
    return {
        "paragraphs": _to_frame(tables["paragraphs"], PARAGRAPH_COLUMNS, ["para_id"]),
        "sentences": _to_frame(tables["sentences"], SENTENCE_COLUMNS, []),
        "tokens": _to_frame(tables["tokens"], token_columns, ["para_id", "sent_id", "token_id"]),
        "emphasis": pd.DataFrame.from_records(emph_records, columns=EMPHASIS_COLUMNS),
    }


def ingest(
    path: str | Path | None = None,
    *,
    pos: bool = True,
    workers: int | None = None,
    cache: bool | str | Path = True,
    progress: bool | None = None,
    engine: str = DEFAULT_ENGINE,
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
        ``"exact"`` (default: compiled, the same tokens and tags as jieba —
        jieba.posseg's with ``pos``), ``"jieba"`` (the reference
        implementation), ``"rjieba"`` (exact, jieba-rs's path search) or
        ``"fast"`` (with ``pos``: ``jieba.lcut``'s tokens with dictionary tags,
        not jieba.posseg's segmentation; see ``docs/scale.md``).

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
    scratch = None
    shm = workers > 1 and len(plan.files) > 1 and _SHM.is_dir() and os.access(_SHM, os.W_OK)
    if shm:
        scratch = tempfile.mkdtemp(prefix="bqw-ingest-", dir=_SHM)
    if plan.store is not None and plan.bundle is not None:
        # Workers write their tables straight into the bundle: nothing to copy later
        # (their number columns into shared memory: this process appends them to the
        # bundle's number files as the chunks arrive).
        out = plan.store.path("bundle", plan.bundle, "d")
        out.mkdir(parents=True, exist_ok=True)
        plan.opts.out_dir = str(out)
        plan.opts.numbers_dir = scratch
    elif scratch is not None:
        # Tables come back through shared memory (files in /dev/shm, memory-mapped).
        plan.opts.out_dir = scratch
    try:
        with _no_gc():
            numbers = _NumberColumns(Path(plan.opts.out_dir)) if plan.store is not None else None
            chunks = []
            for chunk in _run(plan.files, plan.doc_ids, plan.opts, workers, show, _locations(plan)):
                chunks.append(chunk)
                if numbers is not None:  # while the workers go on
                    for name in _CHUNK_TABLES:
                        numbers.add(name, chunk.table(name))
            table_parts = [_process_table(str(t), plan.opts) for t in plan.tables]
            plan.stats["seconds_work"] = time.perf_counter() - t_work
            result = _assemble(
                plan, chunks, table_parts, numbers.close() if numbers is not None else None
            )
    finally:
        if scratch is not None:
            # The mapped pages stay valid after the names are gone (POSIX); the
            # memory is freed with the last frame that uses it.
            shutil.rmtree(scratch, ignore_errors=True)
    result.stats["seconds"] = time.perf_counter() - t0
    return result


@contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while results pile up (nothing here makes cycles).

    Every collection would walk all objects alive — the tokenizer's dictionary
    of 350,000 words among them — again and again as parsed documents arrive.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: Shared memory on Linux; elsewhere the tables travel back pickled.
_SHM = Path("/dev/shm")


# --------------------------------------------------------------------------- bundle


class _NumberColumns:
    """The tables' number columns as raw int64 files of the bundle, appended chunk by chunk.

    The calling process appends each chunk's columns as its result arrives
    (while the workers go on), so when the last chunk is in, every number
    column is one contiguous file: a rerun maps it as the pandas column
    itself, and this run uses it instead of copying the chunks' columns
    together. Valid when the documents are kept in file order (checked by the
    caller); the bundle's index records the row counts.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.handles: dict[tuple[str, str], object] = {}
        self.rows = dict.fromkeys(_CHUNK_TABLES, 0)

    def add(self, name: str, table: pa.Table | None) -> None:
        if table is None or not table.num_rows:
            return
        for f in table.schema:
            if f.name == "doc" or not pa.types.is_integer(f.type):
                continue
            column = table.column(f.name)
            values = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
            data = np.ascontiguousarray(values.to_numpy(zero_copy_only=False), dtype=np.int64)
            fh = self.handles.get((name, f.name))
            if fh is None:
                fh = self.handles[(name, f.name)] = open(self.folder / f"{name}-{f.name}.i64", "wb")  # noqa: SIM115
            fh.write(memoryview(data))
        self.rows[name] += table.num_rows

    def close(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {name: {} for name in _CHUNK_TABLES}
        for (name, column), fh in self.handles.items():
            fh.close()
            out[name][column] = f"{name}-{column}.i64"
        self.handles = {}
        return out


def _write_numbers(folder: Path, tables: dict[str, pa.Table | None]) -> dict[str, dict[str, str]]:
    """The assembled tables' number columns as raw int64 files (see :class:`_NumberColumns`)."""
    writer = _NumberColumns(folder)
    for name, table in tables.items():
        writer.add(name, table)
    return writer.close()


def _with_numbers(table: pa.Table | None, folder: Path, files: dict[str, str]) -> pa.Table | None:
    """``table`` with its number columns memory-mapped from the bundle's raw files."""
    if table is None:
        return None
    for column, name in files.items():
        values = _map_int64(folder / name, table.num_rows)
        i = table.schema.get_field_index(column)
        table = (
            table.set_column(i, column, values) if i >= 0 else table.append_column(column, values)
        )
    return table


def _save_bundle(
    store: Cache,
    key: str,
    result: IngestResult,
    pieces: dict[str, list[pa.Table | None]],
    files: dict[str, list[str | None]],
    position: np.ndarray,
    in_order: bool,
    numbers: dict[str, dict[str, str]],
    text_files: list[str] | None = None,
) -> None:
    """The run's tables: the chunk files the workers wrote, plus an index (written last).

    Pieces that are not yet files in the bundle folder (rows of table files,
    tables sent back by Dask workers) are written there now, and so is the
    emphasis table; ``numbers`` names the number columns' files (:class:`_NumberColumns`).
    """
    folder = store.path("bundle", key, "d")
    folder.mkdir(parents=True, exist_ok=True)
    names: dict[str, list[str]] = {}
    ints: dict[str, dict[str, str]] = {}
    for name, items in pieces.items():
        chunk_files = files.get(name, [])
        names[name] = []
        for k, table in enumerate(items):
            if table is None:
                continue
            path = chunk_files[k] if k < len(chunk_files) else None
            if path is None or Path(path).parent != folder:
                path = folder / f"{name}-extra-{k:08d}.arrow"
                _write_ipc(path, table)
            names[name].append(Path(path).name)
        ints[name] = numbers.get(name, {})
    emphasis: pd.DataFrame | str = result.emphasis
    if len(result.emphasis):
        emphasis = "emphasis.arrow"
        _write_ipc(folder / emphasis, pa.Table.from_pandas(result.emphasis, preserve_index=False))
    # The corpus's text column (most of its bytes) as Arrow, memory-mapped on a rerun.
    # (``text_files``: the chunks' own texts files already hold it, in order.)
    corpus, texts = result.corpus, None
    if isinstance(corpus["text"].dtype, pd.StringDtype) and len(corpus):
        if text_files:
            texts = text_files
        else:
            texts = ["corpus-text.arrow"]
            column = pa.chunked_array(pa.array(corpus["text"].array)).cast(pa.large_string())
            _write_ipc(folder / texts[0], pa.table({"text": column}))
        corpus = corpus.drop(columns=["text"])
    # The index last: its presence marks a complete bundle.
    store.put(
        "bundle",
        key,
        {
            "corpus": corpus,
            "corpus_text": texts,
            "text_at": list(result.corpus.columns).index("text"),
            "attrs": dict(result.corpus.attrs),
            "emphasis": emphasis,
            "files": names,
            "numbers": ints,
            "position": position,
            "in_order": in_order,
            "lengths": {name: len(getattr(result, name)) for name in _CHUNK_TABLES},
        },
    )


def _load_bundle(store: Cache, key: str, pos: bool) -> IngestResult | None:
    saved = store.get("bundle", key)
    if saved is None:
        return None
    folder = store.path("bundle", key, "d")
    tables = {}
    try:
        for name in _CHUNK_TABLES:
            pieces = [_read_ipc(str(folder / f)) for f in saved["files"][name]]
            table = _gather(pieces, saved["position"], in_order=saved["in_order"])
            rows = table.num_rows if table is not None else 0
            if rows != saved["lengths"][name]:
                return None
            tables[name] = _with_numbers(table, folder, saved["numbers"][name])
        emphasis = saved["emphasis"]
        if isinstance(emphasis, str):
            emphasis = _read_ipc(str(folder / emphasis)).to_pandas()
        corpus = saved["corpus"]
        if saved["corpus_text"] is not None:
            parts = [_read_ipc(str(folder / f)) for f in saved["corpus_text"]]
            text = pa.concat_tables(parts).column("text")
            if len(text) != len(corpus):
                return None
            corpus.insert(saved["text_at"], "text", text.to_pandas().set_axis(corpus.index))
    except (OSError, ValueError, KeyError):  # pa.ArrowInvalid is a ValueError
        return None  # a file of the bundle is missing or damaged: rebuild
    frames = _frames(tables, [], pos)
    frames["emphasis"] = emphasis
    corpus.attrs.update(saved["attrs"])
    return IngestResult(corpus, **frames)
