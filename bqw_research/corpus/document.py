"""The per-document step: one article's bytes → every row it contributes.

:func:`process_document` is the only place an article is decoded, parsed, split
into sentences and (optionally) tokenised. Everything that builds the corpus
tables maps it over articles: :func:`bqw_research.load_corpus` in one process
or in worker processes, the Dask path, and the fallbacks of
:func:`bqw_research.corpus_paragraphs` & co. for a corpus table built elsewhere.

It is a pure function of the bytes and the options; a ``store`` (a
content-addressed cache, :class:`bqw_research.scale.cache.Store`) only saves
recomputing it: entries are keyed by the SHA-256 of the bytes, the parser's
options and the source code of every module the result depends on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np
import pyarrow as pa

from bqw_research.corpus.clean import CLEANING_VERSION
from bqw_research.corpus.convert import convert_parsed
from bqw_research.corpus.formats import article_text, parser_kind
from bqw_research.corpus.io import ReadError
from bqw_research.corpus.near_duplicates import minhash_signatures
from bqw_research.corpus.parse import PARSER_VERSION, ParsedDoc, parse_document
from bqw_research.corpus.sentences import split_sentences
from bqw_research.scale.cache import cache_key, code_version

__all__ = [
    "DocumentError",
    "DocumentOptions",
    "DocumentRows",
    "Store",
    "Tokenizer",
    "cached_spans",
    "document_key",
    "document_tokens",
    "kind_of",
    "process_document",
]


class DocumentError(ValueError):
    """An article that yields no rows; ``str(err)`` is the reason."""


class Store(Protocol):
    """A content-addressed cache: values by key (see :class:`bqw_research.scale.cache.Store`)."""

    def get(self, key: str) -> Any | None: ...

    def put(self, key: str, value: Any) -> None: ...


class Tokenizer(Protocol):
    """What :func:`document_tokens` needs of a segmenter (see :mod:`bqw_research.tokens`).

    ``key`` names everything the tokens depend on (engine, dictionary,
    lexicon, code); ``spans`` segments a document's sentences into a compact
    value (what the cache keeps); ``table`` turns that value into the token
    table ``para_id, sent_id, token_id, token(, pos)``.
    """

    key: str

    def spans(self, sentences: pa.Table) -> bytes: ...

    def table(self, sentences: pa.Table, spans: bytes) -> pa.Table: ...


@dataclass(frozen=True)
class DocumentOptions:
    """Options of :func:`process_document` that change its rows."""

    #: Keep the reposters' block-quoted notes as paragraphs.
    notes: bool = False
    #: Compute the MinHash signature (for near-duplicate flagging).
    minhash: bool = True
    #: Convert traditional to simplified characters (``"t2s"``, ``"hk2s"``, ``"tw2s"``:
    #: :mod:`bqw_research.corpus.convert`), keeping the text before in ``text_original``.
    convert: str | None = None


@dataclass
class DocumentRows:
    """Everything one article contributes to the corpus tables.

    The tables have no ``doc_id`` column: it is added when documents are put
    together. ``emphasis`` rows are ``(para_id, kind, text, style)``,
    ``cleaning`` rows ``(kind, example, n)`` in the order the parser noted them.
    """

    doc_id: str
    path: str
    sha256: str
    encoding: str
    kind: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    repost_url: str | None
    text: str
    n_paragraphs: int
    paragraphs: pa.Table
    sentences: pa.Table
    emphasis: list[tuple[int, str, str, str]]
    cleaning: list[tuple[str, str, int]]
    signature: np.ndarray | None = None
    #: The clean text before ``DocumentOptions.convert`` (``None`` without conversion).
    text_original: str | None = None
    #: Token tables by :attr:`Tokenizer.key`.
    tokens: dict[str, pa.Table] = field(default_factory=dict)
    #: What came from the cache this time: ``(rows, token tables)`` (for the load's stats).
    hits: tuple[int, int] = (0, 0)


def kind_of(path: str) -> str:
    """How a file is read: ``"html"`` for .html/.htm, ``"docx"`` and ``"pdf"`` for Word and
    PDF files (:mod:`bqw_research.corpus.formats`), else ``"markdown"`` (plain text too)."""
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    if suffix in ("html", "htm"):
        return "html"
    return suffix if suffix in ("docx", "pdf") else "markdown"


def document_key(sha256: str, *, kind: str, options: DocumentOptions) -> str:
    """The cache key of an article's rows: its bytes, the parser and everything it depends on."""
    return cache_key(
        "document",
        sha256,
        kind,
        options.notes,
        options.convert,
        CLEANING_VERSION,
        PARSER_VERSION,
        code_version(
            "bqw_research.corpus.io",
            "bqw_research.corpus.formats",
            "bqw_research.corpus.convert",
            "bqw_research.corpus.clean",
            "bqw_research.corpus.parse",
            "bqw_research.corpus.sentences",
            "bqw_research.corpus.document",
            "bqw_research.corpus.near_duplicates",
        ),
    )


#: The one schema of every document's paragraph and sentence tables, whatever made
#: them (an article file, a row of a table file, a cache entry): chunks of
#: documents are stacked and concatenated, which needs every part to agree.
DOCUMENT_SCHEMAS = {
    "paragraphs": pa.schema(
        [("para_id", pa.int64()), ("section", pa.large_string()), ("text", pa.large_string())]
    ),
    "sentences": pa.schema(
        [("para_id", pa.int64()), ("sent_id", pa.int64()), ("text", pa.large_string())]
    ),
}


def _large(values: list[str]) -> pa.Array:
    return pa.array(values, pa.large_string())


def _rows_from_parsed(
    parsed: ParsedDoc, *, sha256: str, encoding: str, kind: str, text_original: str | None
) -> DocumentRows:
    paras = parsed.paragraphs
    para_ids: list[int] = []
    sent_ids: list[int] = []
    sents: list[str] = []
    for i, p in enumerate(paras, start=1):
        parts = split_sentences(p.text)
        para_ids += [i] * len(parts)
        sent_ids += range(1, len(parts) + 1)
        sents += parts
    return DocumentRows(
        doc_id="",
        path="",
        sha256=sha256,
        encoding=encoding,
        kind=kind,
        title=parsed.title,
        outlet=parsed.outlet,
        author=parsed.author,
        url=parsed.url,
        repost_url=parsed.repost_url,
        text=parsed.text,
        text_original=text_original,
        n_paragraphs=len(paras),
        paragraphs=pa.table(
            {
                "para_id": np.arange(1, len(paras) + 1, dtype=np.int64),
                "section": _large([p.section for p in paras]),
                "text": _large([p.text for p in paras]),
            },
            schema=DOCUMENT_SCHEMAS["paragraphs"],
        ),
        sentences=pa.table(
            {
                "para_id": np.asarray(para_ids, dtype=np.int64),
                "sent_id": np.asarray(sent_ids, dtype=np.int64),
                "text": _large(sents),
            },
            schema=DOCUMENT_SCHEMAS["sentences"],
        ),
        emphasis=[(i + 1, kind_, span, style) for i, kind_, span, style in parsed.emphasis],
        cleaning=list(parsed.removed),
    )


def process_document(
    data: bytes,
    *,
    doc_id: str,
    path: str,
    kind: str = "markdown",
    options: DocumentOptions = DocumentOptions(),
    tokenizers: tuple[Tokenizer, ...] = (),
    store: Store | None = None,
) -> DocumentRows:
    """An article's bytes → its rows (corpus fields, paragraphs, sentences, emphasis,
    cleaning notes, MinHash signature, and a token table per tokenizer).

    ``kind`` is :func:`kind_of`'s: Word and PDF bytes are read by
    :mod:`bqw_research.corpus.formats` first. Raises
    :class:`bqw_research.corpus.io.ReadError` when the bytes are not
    text (or not a readable Word/PDF file), :class:`DocumentError` when nothing is left after cleaning (or the
    parser fails). ``store`` caches the rows under :func:`document_key` and
    each token table under its own key, so editing the lexicon re-tokenises
    without re-parsing.
    """
    sha = hashlib.sha256(data).hexdigest()
    key = document_key(sha, kind=kind, options=options)
    cached = store.get(key) if store is not None else None
    rows = cached if isinstance(cached, DocumentRows) else None
    dirty = rows is None
    if rows is None:
        text, encoding = article_text(data, kind=kind)
        try:
            parsed = parse_document(text, kind=parser_kind(kind), notes=options.notes)
        except Exception as err:  # a parser bug must not sink the corpus either
            raise DocumentError(f"could not parse: {type(err).__name__}: {err}") from err
        if not parsed.paragraphs:
            raise DocumentError(
                "no article text after cleaning (only markup, metadata or furniture)"
            )
        original = None
        if options.convert is not None:
            original = parsed.text
            parsed = convert_parsed(parsed, options.convert)
        rows = _rows_from_parsed(
            parsed, sha256=sha, encoding=encoding, kind=kind, text_original=original
        )
    if options.minhash and rows.signature is None:
        rows.signature = minhash_signatures([rows.text])[0]
        dirty = True
    if store is not None and dirty:
        store.put(key, rows)
    rows = replace(rows, doc_id=doc_id, path=path, tokens={})
    token_hits = 0
    for tokenizer in tokenizers:
        spans, hit = cached_spans(rows.sentences, tokenizer, store=store, key=key)
        rows.tokens[tokenizer.key] = tokenizer.table(rows.sentences, spans)
        token_hits += hit
    rows.hits = (int(isinstance(cached, DocumentRows)), token_hits)
    return rows


def document_tokens(
    sentences: pa.Table, tokenizer: Tokenizer, *, store: Store | None = None, key: str | None = None
) -> pa.Table:
    """The token table of one document's sentences (``para_id, sent_id, text``).

    With a ``store`` and the document's ``key`` the segmentation is cached
    under a key of its own (the document's and the tokenizer's).
    """
    spans, _ = cached_spans(sentences, tokenizer, store=store, key=key)
    return tokenizer.table(sentences, spans)


def cached_spans(
    sentences: pa.Table, tokenizer: Tokenizer, *, store: Store | None = None, key: str | None = None
) -> tuple[bytes, bool]:
    """A document's segmentation (``tokenizer.spans``), from the cache when it is there.

    Returns the spans and whether they came from the cache.
    """
    tkey = cache_key("tokens", key, tokenizer.key) if store is not None and key else None
    spans = store.get(tkey) if tkey is not None else None
    if isinstance(spans, bytes):
        return spans, True
    spans = tokenizer.spans(sentences)
    if tkey is not None:
        store.put(tkey, spans)
    return spans, False


__all__ += ["ReadError"]
