"""Every core table of a corpus in one call: ``ingest``.

``ingest(path)`` is the stage functions in order — ``load_corpus`` (with the
token table made while the articles are read, in the same worker processes),
``corpus_paragraphs``, ``corpus_sentences``, ``tokens``, ``corpus_emphasis``, ``corpus_cleaning_report`` —
so its tables are exactly theirs. Use it from a notebook::

    from bqw_research import ingest
    res = ingest("~/articles")          # or ingest() for the shipped corpus
    res.corpus, res.paragraphs, res.sentences, res.tokens, res.emphasis, res.cleaning

or from the shell, ``bqw ingest ~/articles -o tables/`` (Parquet).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bqw_research.corpus import (
    corpus_cleaning_report,
    corpus_emphasis,
    corpus_paragraphs,
    corpus_sentences,
    load_corpus,
)
from bqw_research.corpus.io import DEFAULT_MAX_BYTES
from bqw_research.scale.workers import Mapper
from bqw_research.tokens import DEFAULT_ENGINE, tokenizer, tokens

__all__ = ["IngestResult", "ingest"]


@dataclass
class IngestResult:
    """The tables of one ingest, plus what the load did (``stats``)."""

    corpus: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    emphasis: pd.DataFrame
    cleaning: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["doc_id", "kind", "n", "example"])
    )
    stats: dict = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"IngestResult({len(self.corpus)} articles, {len(self.paragraphs)} paragraphs, "
            f"{len(self.sentences)} sentences, {len(self.tokens)} tokens)"
        )


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
    mapper: Mapper | None = None,
    follow_links: bool = False,
    user_words: str | Path | Iterable[str] | None = None,
    convert: str | None = None,
) -> IngestResult:
    """Load, clean, parse, split and tokenise a corpus in one go.

    ``pos`` adds jieba.posseg's tags (and its segmentation) to the token
    table; ``engine`` is ``"exact"`` (compiled, default) or ``"jieba"``;
    ``user_words`` are :func:`bqw_research.tokens`'s; the other arguments are
    :func:`bqw_research.load_corpus`'s.
    """
    segmenter = tokenizer(engine=engine, pos=pos, user_words=user_words)
    corpus = load_corpus(
        path,
        manifest=manifest,
        max_bytes=max_bytes,
        notes=notes,
        near_duplicates=near_duplicates,
        progress=progress,
        workers=workers,
        cache=cache,
        tokenizers=(segmenter,),
        mapper=mapper,
        follow_links=follow_links,
        convert=convert,
    )
    paragraphs = corpus_paragraphs(corpus)
    sentences = corpus_sentences(paragraphs)
    return IngestResult(
        corpus,
        paragraphs,
        sentences,
        tokens(sentences, pos=pos, engine=engine, user_words=segmenter.user_words),
        corpus_emphasis(corpus),
        corpus_cleaning_report(corpus),
        stats=dict(corpus.attrs.get("load", {})),
    )
