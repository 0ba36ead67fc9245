"""``textstat_nearest``: the nearest words of any term in the trained vectors, as a tidy table."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from bqw_research.textstat.embeddings.train import keyed_vectors

__all__ = ["NEAREST_COLUMNS", "NOT_IN_VOCABULARY", "textstat_nearest"]

NEAREST_COLUMNS = ["term", "neighbour", "similarity", "rank", "note"]
#: ``note`` of a term that has no vector (too rare, filtered out, or not in the corpus).
NOT_IN_VOCABULARY = "not in the vocabulary"


def textstat_nearest(model: Any, terms: str | Iterable[str], *, n: int = 10) -> pd.DataFrame:
    """The ``n`` words nearest to each term (cosine similarity of their vectors).

    ``model`` is what :func:`~bqw_research.textstat.embeddings.textstat_embeddings` returns
    (or gensim ``Word2Vec`` / ``KeyedVectors``). Returns ``term, neighbour, similarity,
    rank, note``: ``n`` rows per term, in the order the terms were given, most similar first
    (ties by neighbour). A term without a vector is reported, not raised: one row with no
    neighbour and ``note`` = :data:`NOT_IN_VOCABULARY`.
    """
    wv = keyed_vectors(model)
    terms = [terms] if isinstance(terms, str) else list(dict.fromkeys(terms))
    rows: list[tuple[Any, ...]] = []
    for term in terms:
        if term not in wv.key_to_index:
            rows.append((term, None, float("nan"), pd.NA, NOT_IN_VOCABULARY))
            continue
        found = wv.most_similar(term, topn=min(int(n), len(wv.index_to_key) - 1))
        found = sorted(found, key=lambda kv: (-round(kv[1], 6), kv[0]))
        rows.extend(
            (term, word, round(float(sim), 6), rank, "")
            for rank, (word, sim) in enumerate(found, start=1)
        )
    out = pd.DataFrame(rows, columns=NEAREST_COLUMNS)
    out["rank"] = out["rank"].astype("Int64")
    return out
