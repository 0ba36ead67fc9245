"""The corpus's long tables: paragraphs, sentences, emphasis, the cleaning report.

Each is tidy and long, keyed by ``doc_id`` and 1-based ``para_id`` /
``sent_id``. A corpus table from :func:`bqw_research.load_corpus` carries the
tables its load made (:mod:`bqw_research.corpus.tables`), which are returned
when the input is still that load's; any other corpus table is processed here
with the same per-document step
(:func:`bqw_research.corpus.document.process_document`): from its file when
the file's bytes are still those loaded, else from its clean text.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from bqw_research.corpus.assemble import (
    CLEANING_KINDS,
    PARAGRAPH_COLUMNS,
    SENTENCE_COLUMNS,
    arrow_frame,
    cleaning_frame,
    emphasis_frame,
    gather,
    source_file,
    stack_documents,
)
from bqw_research.corpus.document import (
    DocumentError,
    DocumentOptions,
    DocumentRows,
    kind_of,
    process_document,
)
from bqw_research.corpus.io import ReadError, read_bytes
from bqw_research.corpus.sentences import split_sentences
from bqw_research.corpus.tables import tables_of

__all__ = [
    "CLEANING_KINDS",
    "corpus_cleaning_report",
    "corpus_emphasis",
    "corpus_paragraphs",
    "corpus_problems",
    "corpus_sentences",
    "corpus_summary",
    "split_sentences",
]


def _check_corpus(corpus: pd.DataFrame) -> None:
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(
            f"expected a corpus from load_corpus(); missing columns: {sorted(missing)}"
        )


def _from_load(corpus: pd.DataFrame, name: str) -> pd.DataFrame | None:
    """Table ``name`` of the load ``corpus`` came from, when it still is that load's."""
    handle = tables_of(corpus)
    if handle is None or name not in handle.frames:
        return None
    positions = handle.for_corpus(corpus)
    return handle.select(name, positions) if positions is not None else None


def _document_rows(corpus: pd.DataFrame) -> list[DocumentRows]:
    """Every row of a corpus table through :func:`process_document` (no load's tables)."""
    options = DocumentOptions(
        notes=bool(corpus.attrs.get("notes", False)),
        minhash=False,
        convert=corpus.attrs.get("convert"),
    )
    out = []
    for row in corpus.to_dict("records"):
        doc_id, path, text = str(row["doc_id"]), str(row.get("path") or ""), str(row["text"])
        rows = None
        if "sha256" in row and path and source_file(path) == path and Path(path).is_file():
            try:
                data = read_bytes(Path(path), max_bytes=1 << 40)
                if hashlib.sha256(data).hexdigest() == row["sha256"]:
                    rows = process_document(
                        data, doc_id=doc_id, path=path, kind=kind_of(path), options=options
                    )
            except (ReadError, DocumentError):
                rows = None
            if rows is not None and rows.text != text:
                rows = None  # loaded with other options: the clean text is what we have
        if rows is None:
            try:
                rows = process_document(
                    text.encode("utf-8"), doc_id=doc_id, path=path, options=options
                )
            except (ReadError, DocumentError):
                continue  # nothing left of this text: it has no rows
        out.append(rows)
    return out


def _recomputed(corpus: pd.DataFrame, name: str) -> pd.DataFrame:
    docs = _document_rows(corpus)
    if name == "emphasis":
        return emphasis_frame(docs)
    if name == "cleaning":
        return cleaning_frame(docs)
    chunk = stack_documents(list(enumerate(docs)), [], len(docs))
    ids = [d.doc_id for d in docs]
    table = gather([chunk.tables.get(name)], np.arange(len(docs), dtype=np.int64), ids)
    if name == "paragraphs":
        return arrow_frame(table, PARAGRAPH_COLUMNS, ["para_id"])
    return arrow_frame(table, SENTENCE_COLUMNS, ["para_id", "sent_id"])


def corpus_paragraphs(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per body paragraph: ``doc_id, para_id, section, text``.

    Headings are the ``section`` of the paragraphs under them (empty before the
    first heading), never paragraphs themselves; source lines, footers,
    credits and page furniture are not paragraphs.
    """
    _check_corpus(corpus)
    found = _from_load(corpus, "paragraphs")
    return found if found is not None else _recomputed(corpus, "paragraphs")


def corpus_sentences(data: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``doc_id, para_id, sent_id, text`` (from paragraphs or a corpus)."""
    if "para_id" not in data.columns:
        return corpus_sentences(corpus_paragraphs(data))
    handle = tables_of(data)
    if handle is not None and "sentences" in handle.frames:
        positions = handle.for_table("paragraphs", data, ["para_id", "text"])
        if positions is not None:
            return handle.select("sentences", positions)
    records = [
        (doc_id, para_id, j, s)
        for doc_id, para_id, text in zip(data["doc_id"], data["para_id"], data["text"], strict=True)
        for j, s in enumerate(split_sentences(text), start=1)
    ]
    return pd.DataFrame.from_records(records, columns=SENTENCE_COLUMNS)


def corpus_emphasis(corpus: pd.DataFrame) -> pd.DataFrame:
    """The reposters' emphasis: ``doc_id, para_id, kind, text, style``.

    ``kind`` is ``key_term`` (``<font color>``; ``style`` is the colour),
    ``highlight`` (``<span style="background…">``; ``style`` is the background)
    or ``bold`` (``<strong>``, ``<b>``, ``**``).
    """
    _check_corpus(corpus)
    found = _from_load(corpus, "emphasis")
    return found if found is not None else _recomputed(corpus, "emphasis")


def corpus_cleaning_report(corpus: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed or repaired: ``doc_id, kind, n, example, description``."""
    _check_corpus(corpus)
    found = _from_load(corpus, "cleaning")
    return found if found is not None else _recomputed(corpus, "cleaning")


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


def corpus_originals(corpus: pd.DataFrame) -> pd.DataFrame:
    """The corpus without the articles flagged as near duplicates of an earlier one.

    ``load_corpus`` flags an article whose text is a near copy of an earlier article
    (a repost, a re-run with a new headline) in ``near_duplicate_of``; the earlier article
    stays. Measures of *shared* wording and models trained on the text (templates,
    formulaic share, word vectors) use the originals, so that a repost neither counts as
    shared wording nor weighs its sentences twice. A corpus without the column is
    returned as it is; rows keep their order and the load's tables.
    """
    _check_corpus(corpus)
    if "near_duplicate_of" not in corpus.columns:
        return corpus
    flag = corpus["near_duplicate_of"]
    copies = flag.notna() & (flag.astype(str) != "")
    return corpus[~copies.to_numpy()]
