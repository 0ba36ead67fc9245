"""The unit × term count matrix a topic model is fitted on, built from the token table.

Tokens are filtered exactly as :func:`bqw_research.textstat.textstat_frequency` filters
them with ``remove_numbers=True`` (:func:`counted_tokens`: stopwords, punctuation, numbers
and single letters removed — digits such as 1, 2, 3 of answer options otherwise make
topics of their own; the domain lexicon, e.g. 十五五, and meaningful single characters kept), then terms are kept when they occur in
at least ``min_docs`` units and in at most ``max_df`` of them (a share, or a count when
an integer above 1), as scikit-learn's ``min_df``/``max_df`` do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from bqw_research.textstat.frequency import counted_tokens

__all__ = ["UNIT_KEYS", "UnitMatrix", "unit_matrix"]

#: Key columns of a unit.
UNIT_KEYS = {"paragraph": ("doc_id", "para_id"), "document": ("doc_id",)}


@dataclass(frozen=True)
class UnitMatrix:
    """Counts (``units`` rows × ``terms`` columns) and the keys of the rows."""

    counts: sparse.csr_matrix
    units: pd.DataFrame
    terms: tuple[str, ...]
    n_units_all: int


def _max_units(max_df: float, n_units: int) -> int:
    if isinstance(max_df, float) and 0 < max_df <= 1:
        return int(np.floor(max_df * n_units))
    if max_df >= 1:
        return int(max_df)
    raise ValueError(f"max_df must be a share in (0, 1] or a count >= 1; got {max_df!r}")


def unit_matrix(
    toks: pd.DataFrame, *, unit: str = "paragraph", min_docs: int = 2, max_df: float = 0.5
) -> UnitMatrix:
    """Count the counted tokens of each unit (paragraph or document) into a sparse matrix.

    Terms are sorted by code point and units by their keys, so the matrix (and a seeded
    model fitted on it) is the same whatever the order of the token table. Units left
    with no kept term have no row; ``n_units_all`` counts every unit with a counted token.
    """
    if unit not in UNIT_KEYS:
        raise ValueError(f"unit must be 'paragraph' or 'document'; got {unit!r}")
    keys = list(UNIT_KEYS[unit])
    missing = [k for k in keys if k not in toks.columns]
    if missing:
        raise KeyError(f"topics by {unit} need the token table column(s) {missing}")
    counted = counted_tokens(toks, remove_numbers=True)[[*keys, "token"]]
    pairs = counted.groupby([*keys, "token"], sort=True).size().rename("n").reset_index()
    n_units_all = int(pairs[keys].drop_duplicates().shape[0])
    docfreq = pairs.groupby("token").size()
    lo, hi = int(min_docs), _max_units(max_df, n_units_all)
    kept = docfreq[(docfreq >= lo) & (docfreq <= hi)].index
    pairs = pairs[pairs["token"].isin(kept)]
    if pairs.empty:
        raise ValueError(
            f"no term occurs in at least {lo} and at most {hi} of the {n_units_all} "
            f"{unit} units: lower min_docs, raise max_df or use more text"
        )
    units = pairs[keys].drop_duplicates().sort_values(keys).reset_index(drop=True)
    terms = tuple(sorted(pairs["token"].unique()))
    row = pd.MultiIndex.from_frame(units).get_indexer(pd.MultiIndex.from_frame(pairs[keys]))
    col = pd.Index(terms).get_indexer(pairs["token"])
    counts = sparse.csr_matrix(
        (pairs["n"].to_numpy(dtype=float), (row, col)), shape=(len(units), len(terms))
    )
    return UnitMatrix(counts=counts, units=units, terms=terms, n_units_all=n_units_all)
