"""Keyness of each city or region against all other paragraphs."""

from __future__ import annotations

import pandas as pd

from bqw_research.textstat.keyness import KEYNESS_COLUMNS, textstat_keyness
from bqw_research.textstat.regions.attribution import NO_CITY, attribution_groups


def textstat_region_keyness(
    toks: pd.DataFrame,
    attribution: pd.DataFrame,
    *,
    by: str = "region",
    min_count: int = 2,
    min_docs: int = 2,
    alpha: float = 0.05,
    min_chars: int = 2,
) -> pd.DataFrame:
    """Keyness of each city or region against all other paragraphs (G², log ratio, BH).

    A thin wrapper over :func:`bqw_research.textstat.textstat_keyness`: paragraphs are
    grouped by their attributed ``city`` or ``region`` (unattributed paragraphs form the
    group :data:`NO_CITY`, which is part of every reference but not reported). Returns
    the keyness table (``group, token, n_target, n_reference, G2, log_ratio, p, p_adj,
    docs_target, DP, unit, significant``) for the city/region groups only; empty when
    fewer than two groups have text. A term is key for a region only when at least
    ``min_docs`` of its articles use it (dispersion, see ``textstat_keyness``).
    """
    groups = attribution_groups(attribution, by=by)
    present = sorted(set(groups["group"]) - {NO_CITY})
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYNESS_COLUMNS})
    if not present or groups["group"].nunique() < 2:
        return empty
    try:
        return textstat_keyness(
            toks,
            group=groups,
            target=present,
            min_count=min_count,
            min_docs=min_docs,
            alpha=alpha,
            min_chars=min_chars,
            remove_numbers=True,
        )
    except ValueError:
        return empty
