"""Document similarity (quanteda's ``textstat_simil``): TF-IDF cosine as a tidy long table.

Documents (or groups of them) are vectors of the package's own tokens — no new
segmentation: the tokens :func:`bqw_research.textstat.textstat_frequency` counts
(stopwords, punctuation and single letters left out), weighted by scikit-learn's
``TfidfTransformer`` (smoothed idf, L2 norm). Similarities are sparse matrix products computed a block of
rows at a time; past :data:`FULL_LIMIT` documents only each document's ``k`` nearest
neighbours are kept, so memory grows linearly with the corpus. Near-identical articles
are flagged at load time already (``near_duplicate_of`` / ``near_duplicate_score`` of
the corpus table, MinHash over character shingles); this measure is about shared
vocabulary, not copied text.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textstat.frequency import counted_codes
from bqw_research.textstat.groups import metadata_group

__all__ = ["FULL_LIMIT", "SIMIL_COLUMNS", "most_similar", "textstat_simil"]

SIMIL_COLUMNS = ["doc_a", "doc_b", "similarity"]
#: Up to this many documents every pair is returned; beyond, the top ``k`` per document.
FULL_LIMIT = 2000
_BLOCK = 512
_WEIGHTINGS = {
    "tfidf": {"use_idf": True, "binary": False},
    "count": {"use_idf": False, "binary": False},
    "binary": {"use_idf": False, "binary": True},
}


def textstat_simil(
    x: pd.DataFrame,
    *,
    method: str = "cosine",
    weighting: str = "tfidf",
    group: Any = None,
    min_docs: int = 2,
    k: int | None = None,
) -> pd.DataFrame:
    """Similarity of every pair of documents (or groups): ``doc_a, doc_b, similarity``.

    ``x`` is a token table or a corpus (tokenised with the package's segmentation).
    ``weighting``: ``"tfidf"`` (default), ``"count"`` or ``"binary"``; ``method``:
    ``"cosine"`` (vectors are L2-normalised, so the product is the cosine). ``group``
    pools documents first (a metadata column of the corpus such as ``"genre"``, a
    ``doc_id → group`` mapping …); the result then compares groups. ``min_docs``: a
    token counts as a feature only if it occurs in at least that many documents (or
    groups). ``k``: keep only each document's ``k`` most similar others — by default all
    pairs up to :data:`FULL_LIMIT` documents and ``k=10`` beyond.

    One row per pair with ``doc_a < doc_b`` (upper triangle), sorted by similarity
    (highest first), then ``doc_a``, ``doc_b``.
    """
    if method != "cosine":
        raise ValueError(f"method must be 'cosine', not {method!r}")
    if isinstance(min_docs, bool) or not isinstance(min_docs, int | np.integer) or min_docs < 1:
        raise ValueError(f"min_docs must be a whole number of documents >= 1, not {min_docs!r}")
    if weighting not in _WEIGHTINGS:
        raise ValueError(f"weighting must be one of {sorted(_WEIGHTINGS)}, not {weighting!r}")
    toks = x if "token" in x.columns else _tokens(x)
    labels, matrix = _weights(
        toks,
        metadata_group(x, group) if group is not None else None,
        weighting=weighting,
        min_docs=min_docs,
    )
    if len(labels) < 2:
        return pd.DataFrame(
            {
                "doc_a": pd.Series(dtype=object),
                "doc_b": pd.Series(dtype=object),
                "similarity": pd.Series(dtype=float),
            }
        )
    if k is None and len(labels) > FULL_LIMIT:
        k = 10
    pairs = _pairs(matrix, k=k)
    out = pd.DataFrame(
        {
            "doc_a": np.asarray(labels, dtype=object)[pairs[:, 0].astype(int)],
            "doc_b": np.asarray(labels, dtype=object)[pairs[:, 1].astype(int)],
            "similarity": np.clip(pairs[:, 2], 0.0, 1.0),  # rounding may pass 1
        }
    )
    return out.sort_values(
        ["similarity", "doc_a", "doc_b"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)


def most_similar(simil: pd.DataFrame, doc_id: str, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` documents most similar to ``doc_id`` in a :func:`textstat_simil` table.

    Returns ``doc_id, other, similarity, rank`` (rank 1 = most similar). A ``doc_id``
    absent from the table is a ``KeyError``.
    """
    a = simil[simil["doc_a"] == doc_id].rename(columns={"doc_b": "other"})
    b = simil[simil["doc_b"] == doc_id].rename(columns={"doc_a": "other"})
    both = pd.concat([a[["other", "similarity"]], b[["other", "similarity"]]])
    if both.empty:
        raise KeyError(f"{doc_id!r} is not in the similarity table")
    both = both.sort_values(
        ["similarity", "other"], ascending=[False, True], kind="mergesort"
    ).head(n)
    both.insert(0, "doc_id", doc_id)
    both["rank"] = np.arange(1, len(both) + 1)
    return both.reset_index(drop=True)


def _tokens(x: pd.DataFrame) -> pd.DataFrame:
    from bqw_research.tokens import tokens

    return tokens(x)


def _weights(
    toks: pd.DataFrame, group: Any, *, weighting: str, min_docs: int
) -> tuple[list[str], Any]:
    """Sorted labels of the documents (or groups) and their L2-normalised weight rows.

    The count matrix is built from :func:`counted_codes` (features = the counted tokens in
    sorted order, as ``CountVectorizer`` orders its vocabulary; a feature needs
    ``min_docs`` rows) and weighted by scikit-learn's ``TfidfTransformer``: what
    ``TfidfVectorizer`` computes from token lists, without a Python string per token.
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    counted = counted_codes(toks, group="doc_id" if group is None else group)
    present, rows = np.unique(counted.group, return_inverse=True)
    labels = [str(x) for x in counted.group_names.take(present)]
    if len(labels) < 2:
        return labels, None
    names = np.asarray(counted.token_names, dtype=object)
    rank = np.empty(len(names), dtype=np.int64)
    rank[np.argsort(names, kind="stable")] = np.arange(len(names))
    counts = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.int64), (rows, rank[counted.token])),
        shape=(len(labels), len(names)),
    )
    counts.sum_duplicates()
    features = np.flatnonzero(np.bincount(counts.indices, minlength=len(names)) >= min_docs)
    if not len(features):
        raise ValueError(
            f"no token occurs in at least min_docs={min_docs} of the {len(labels)} "
            "documents; lower min_docs"
        )
    counts = counts[:, features]
    counts.sort_indices()
    options = _WEIGHTINGS[weighting]
    if options["binary"]:
        counts.data[:] = 1
    weights = TfidfTransformer(norm="l2", use_idf=options["use_idf"]).fit_transform(counts)
    return labels, weights.tocsr()


def _pairs(matrix: Any, *, k: int | None) -> np.ndarray:
    """``(i, j, similarity)`` rows with ``i < j``: all pairs, or each row's top ``k``."""
    n = matrix.shape[0]
    found = []
    for start in range(0, n, _BLOCK):
        rows = np.arange(start, min(start + _BLOCK, n))
        block = (matrix[rows] @ matrix.T).toarray()
        block[np.arange(len(rows)), rows] = -np.inf  # never a document with itself
        if k is None:
            i, j = np.nonzero(rows[:, None] < np.arange(n)[None, :])
            found.append(np.column_stack([rows[i], j, block[i, j]]))
            continue
        top = np.argpartition(-block, min(k, n - 1) - 1, axis=1)[:, : min(k, n - 1)]
        i = np.repeat(np.arange(len(rows)), top.shape[1])
        j = top.ravel()
        a, b = np.minimum(rows[i], j), np.maximum(rows[i], j)
        found.append(np.column_stack([a, b, block[i, j]]))
    pairs = np.vstack(found)
    _, first = np.unique(pairs[:, :2], axis=0, return_index=True)
    return pairs[np.sort(first)]
