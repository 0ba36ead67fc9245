"""``tokens``: sentences (or paragraphs, or a corpus) → the long token table."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from bqw_research.corpus.assemble import TOKEN_COLUMNS, arrow_frame, token_table_name
from bqw_research.corpus.document import document_tokens
from bqw_research.corpus.load import tokens_for
from bqw_research.corpus.tables import tables_of
from bqw_research.corpus.units import corpus_sentences
from bqw_research.tokens.engines import DEFAULT_ENGINE, Segmenter, tokenizer

__all__ = ["TOKEN_COLUMNS", "tokens"]

_INTS = ["para_id", "sent_id", "token_id"]


def tokens(
    data: pd.DataFrame,
    *,
    pos: bool = False,
    engine: str = DEFAULT_ENGINE,
    user_words: str | Path | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Tokenise sentences (or paragraphs, or a corpus) into a long table.

    Returns ``doc_id, para_id, sent_id, token_id, token`` (plus ``pos`` with
    ``pos=True``): every token, punctuation and stopwords included;
    ``token_id`` is 1-based within its sentence. ``engine`` is ``"exact"``
    (default, compiled) or ``"jieba"``: the same table. ``user_words`` are
    your own words, kept whole like the domain lexicon's: a list
    (``["粤港澳大湾区", "百千万工程 nz"]``) or a file (a CSV with a ``word``
    column, or one ``word [frequency] [tag]`` a line:
    :func:`bqw_research.tokens.lexicon.read_user_words`); they are part of the
    cache key, so adding one re-tokenises. Tables that came from
    :func:`bqw_research.load_corpus` are tokenised once per load, in worker
    processes and with the cache; any other table here, in this process.
    """
    sents = data if "sent_id" in data.columns else corpus_sentences(data)
    segmenter = tokenizer(engine=engine, pos=pos, user_words=user_words)
    handle = tables_of(sents)
    if handle is not None:
        positions = handle.for_table("sentences", sents, ["para_id", "sent_id", "text"])
        if positions is not None:
            tokens_for(handle, segmenter)
            return handle.select(token_table_name(segmenter.key), positions)
    return _tokens_of(sents, segmenter)


def _tokens_of(sents: pd.DataFrame, segmenter: Segmenter) -> pd.DataFrame:
    """Tokens of any sentence table, run by run of rows of one document (in row order)."""
    columns = TOKEN_COLUMNS + (["pos"] if segmenter.pos else [])
    if sents.empty:
        return arrow_frame(None, columns, _INTS)
    ids = sents["doc_id"].to_numpy(dtype=object)
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)]
    table = pa.table(
        {
            "para_id": sents["para_id"].to_numpy(dtype=np.int64),
            "sent_id": sents["sent_id"].to_numpy(dtype=np.int64),
            "text": pa.array(sents["text"].astype(str).tolist(), pa.large_string()),
        }
    )
    parts, doc_ids = [], []
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        part = document_tokens(table.slice(a, b - a), segmenter)
        parts.append(part)
        doc_ids += [str(ids[a])] * part.num_rows
    stacked = pa.concat_tables(parts)
    stacked = stacked.add_column(0, "doc_id", pa.array(doc_ids, pa.large_string()))
    return arrow_frame(stacked, columns, _INTS)
