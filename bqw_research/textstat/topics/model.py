"""``textstat_topics``: a seeded NMF or LDA topic model over the token table, as tidy tables.

NMF is fitted on TF-IDF weights (smoothed idf, rows of unit length), LDA on raw counts,
as scikit-learn's own topic-extraction example does; both with a fixed ``random_state``
and a deterministic initialisation, so the same tokens give the same topics. Topics are
numbered 1…k by their share of all text (topic 1 the largest).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textstat.boilerplate import (
    boilerplate_paragraphs,
    empty_boilerplate,
    paragraph_texts,
)
from bqw_research.textstat.topics.matrix import UnitMatrix, unit_matrix

__all__ = [
    "REPRESENTATIVE_COLUMNS",
    "TERM_COLUMNS",
    "TopicModel",
    "textstat_topics",
]

TERM_COLUMNS = ["topic", "term", "weight", "rank"]
REPRESENTATIVE_COLUMNS = ["topic", "doc_id", "para_id", "share", "text"]
METHODS = ("nmf", "lda")


@dataclass(frozen=True)
class TopicModel:
    """What :func:`textstat_topics` returns: tidy tables and the settings used.

    * ``terms``: ``topic, term, weight, rank`` — the top terms of each topic; ``weight``
      is the term's share of the topic's weight (a topic's weights over all terms sum to 1).
    * ``shares``: ``doc_id[, para_id], topic, share, n_tokens`` — one row per fitted unit
      and topic; a unit's shares sum to 1; ``n_tokens`` counts its kept terms.
    * ``paragraph_shares``: the same per paragraph (equal to ``shares`` when the unit is
      the paragraph; paragraphs projected on the fitted topics otherwise), for
      attribution by region and city, which is per paragraph.
    * ``representative``: ``topic, doc_id, para_id, share, text`` — the paragraphs with
      the highest share of each topic.
    * ``labels``: topic → its three top terms joined by ``·``, for plots.
    * ``k`` (topics fitted), ``k_requested``, ``note`` (why they differ, or ``""``).
    * ``boilerplate``: the paragraphs left out as boilerplate
      (:func:`~bqw_research.textstat.boilerplate.textstat_boilerplate`), empty when none
      were or ``drop_boilerplate=False``.
    """

    terms: pd.DataFrame
    shares: pd.DataFrame
    paragraph_shares: pd.DataFrame
    representative: pd.DataFrame
    labels: dict[int, str]
    method: str
    unit: str
    k: int
    k_requested: int
    seed: int
    n_units: int
    n_terms: int
    note: str
    boilerplate: pd.DataFrame = field(default_factory=empty_boilerplate)


def _estimator(method: str, k: int, seed: int):
    # scikit-learn is imported on first use, so importing textstat stays cheap
    from sklearn.decomposition import NMF, LatentDirichletAllocation

    if method == "nmf":
        return NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=500)
    return LatentDirichletAllocation(
        n_components=k, learning_method="batch", random_state=seed, max_iter=50
    )


def _weighting(method: str, counts) -> Any:
    """TF-IDF fitted on the model's units for NMF, none (raw counts) for LDA."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer().fit(counts) if method == "nmf" else None


def _weigh(weighting: Any, counts):
    return counts if weighting is None else weighting.transform(counts)


#: Decimals kept of every share and weight. Multithreaded BLAS makes a fit differ by
#: ~1e-16 from run to run; rounding keeps the tables (and their order) the same bytes.
DECIMALS = 8


def _row_shares(mat: np.ndarray) -> np.ndarray:
    """Rows divided by their sums (zero rows stay zero), rounded to :data:`DECIMALS`."""
    total = mat.sum(axis=1, keepdims=True)
    return np.round(np.divide(mat, total, out=np.zeros_like(mat), where=total > 0), DECIMALS)


def _long_shares(keys: pd.DataFrame, shares: np.ndarray, n_tokens: np.ndarray) -> pd.DataFrame:
    k = shares.shape[1]
    out = keys.loc[keys.index.repeat(k)].reset_index(drop=True)
    out["topic"] = np.tile(np.arange(1, k + 1), len(keys))
    out["share"] = shares.ravel()
    out["n_tokens"] = np.repeat(n_tokens.astype("int64"), k)
    return out


def _term_table(components: np.ndarray, terms: tuple[str, ...], n_terms: int) -> pd.DataFrame:
    weights = _row_shares(components)
    rows = []
    for t, w in enumerate(weights, start=1):
        top = np.lexsort((np.arange(len(w)), -w))[:n_terms]
        rows += [(t, terms[j], float(w[j]), r) for r, j in enumerate(top, start=1)]
    return pd.DataFrame(rows, columns=TERM_COLUMNS)


def _representative(
    para: pd.DataFrame, texts: pd.Series, *, n_paragraphs: int, min_tokens: int
) -> pd.DataFrame:
    cand = para[(para["n_tokens"] >= min_tokens) & (para["share"] > 0)]
    cand = cand.sort_values(
        ["topic", "share", "doc_id", "para_id"], ascending=[True, False, True, True]
    )
    top = cand.groupby("topic", sort=True).head(n_paragraphs).reset_index(drop=True)
    idx = pd.MultiIndex.from_frame(top[["doc_id", "para_id"]])
    top["text"] = texts.reindex(idx).to_numpy()
    return top[REPRESENTATIVE_COLUMNS]


def _order_by_size(shares: np.ndarray, n_tokens: np.ndarray) -> np.ndarray:
    """Topic columns sorted by their token-weighted share of all text, largest first."""
    size = (shares * n_tokens[:, None]).sum(axis=0)
    return np.lexsort((np.arange(len(size)), -size))


def _cap_note(k: int, k_fit: int, mat: UnitMatrix, unit: str) -> str:
    if k_fit == k:
        return ""
    return (
        f"k lowered from {k} to {k_fit}: only {len(mat.units)} {unit} units and "
        f"{len(mat.terms)} terms are left after filtering, and a model cannot have more "
        "topics than units or terms."
    )


def textstat_topics(
    toks: pd.DataFrame,
    *,
    k: int = 10,
    method: str = "nmf",
    seed: int = 42,
    unit: str = "paragraph",
    min_docs: int = 2,
    max_df: float = 0.5,
    n_terms: int = 15,
    n_paragraphs: int = 3,
    min_tokens: int = 5,
    drop_boilerplate: bool = True,
) -> TopicModel:
    """Fit a topic model (``method`` ``"nmf"`` or ``"lda"``) over paragraphs or documents.

    Parameters
    ----------
    toks
        The token table (``doc_id, para_id, sent_id, token_id, token``). Tokens are
        filtered as :func:`textstat_frequency` filters them.
    k
        Number of topics; lowered (``note`` says so) when fewer units or terms remain.
    unit
        ``"paragraph"`` (default: a policy article mixes many themes, a paragraph one or
        two) or ``"document"``.
    min_docs, max_df
        Keep terms found in at least ``min_docs`` units and at most ``max_df`` of them (a
        share in (0, 1], or a count): once-only words and ubiquitous ones (发展, 工作)
        make no topic.
    n_terms, n_paragraphs, min_tokens
        Top terms per topic; representative paragraphs per topic, among paragraphs with
        at least ``min_tokens`` kept terms (headings and one-line captions are skipped).
    drop_boilerplate
        Leave out short paragraphs repeated across many documents (a programme's opening
        lines and anchors' names, formulaic closes; :func:`~bqw_research.textstat.boilerplate.textstat_boilerplate`
        with its defaults) before fitting; they are listed in ``boilerplate``.

    Raises ``ValueError`` for an unknown ``method``/``unit`` or when no term survives the
    filter (the message says which bound to relax).
    """
    if method not in METHODS:
        raise ValueError(f"method must be 'nmf' or 'lda'; got {method!r}")
    if k < 1:
        raise ValueError(f"k must be at least 1; got {k}")
    texts = paragraph_texts(toks)  # once: for the boilerplate and the representatives
    boilerplate = boilerplate_paragraphs(texts) if drop_boilerplate else None
    if boilerplate is not None and len(boilerplate):
        dropped = pd.MultiIndex.from_frame(boilerplate[["doc_id", "para_id"]])
        toks = toks[~pd.MultiIndex.from_frame(toks[["doc_id", "para_id"]]).isin(dropped)]
    mat = unit_matrix(toks, unit=unit, min_docs=min_docs, max_df=max_df)
    k_fit = min(k, len(mat.units), len(mat.terms))
    model = _estimator(method, k_fit, seed)
    weighting = _weighting(method, mat.counts)
    fitted = _row_shares(model.fit_transform(_weigh(weighting, mat.counts)))
    n_tokens = np.asarray(mat.counts.sum(axis=1)).ravel()
    order = _order_by_size(fitted, n_tokens)
    fitted = fitted[:, order]
    shares = _long_shares(mat.units, fitted, n_tokens)
    if unit == "paragraph":
        para_shares = shares
    else:
        para = unit_matrix(toks, unit="paragraph", min_docs=1, max_df=1.0)
        # every kept term occurs in some paragraph, so every column is found
        counts = para.counts[:, pd.Index(para.terms).get_indexer(list(mat.terms))]
        projected = _row_shares(model.transform(_weigh(weighting, counts)))[:, order]
        para_shares = _long_shares(para.units, projected, np.asarray(counts.sum(axis=1)).ravel())
    terms = _term_table(model.components_[order], mat.terms, n_terms)
    labels = {int(t): "·".join(g["term"].head(3)) for t, g in terms.groupby("topic", sort=True)}
    rep = _representative(para_shares, texts, n_paragraphs=n_paragraphs, min_tokens=min_tokens)
    return TopicModel(
        terms=terms,
        shares=shares,
        paragraph_shares=para_shares,
        representative=rep,
        labels=labels,
        method=method,
        unit=unit,
        k=k_fit,
        k_requested=k,
        seed=seed,
        n_units=len(mat.units),
        n_terms=len(mat.terms),
        note=_cap_note(k, k_fit, mat, unit),
        boilerplate=boilerplate if boilerplate is not None else empty_boilerplate(),
    )
