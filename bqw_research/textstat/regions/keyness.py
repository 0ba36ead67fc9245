"""Keyness of each city or region against all other paragraphs."""

from __future__ import annotations

import pandas as pd

from bqw_research.textstat.keyness import KEYNESS_COLUMNS, textstat_keyness
from bqw_research.textstat.regions.attribution import NO_CITY, attribution_groups
from bqw_research.textstat.regions.gazetteer import find_places
from bqw_research.tokens.ops import per_type


def is_place_token(token: str) -> bool:
    """Whether a token names a Guangdong city or county (深圳, 广州市, 南沙, 穗, 深中 …).

    True when the gazetteer's matcher (:func:`find_places`, with its guards and
    look-alikes: 中山大学 and 苏梅州 are no places) finds a place in the token.
    """
    return bool(find_places(token))


def textstat_region_keyness(
    toks: pd.DataFrame,
    attribution: pd.DataFrame,
    *,
    by: str = "region",
    min_count: int = 2,
    min_docs: int = 2,
    alpha: float = 0.05,
    min_chars: int = 2,
    drop_places: bool = True,
) -> pd.DataFrame:
    """Keyness of each city or region against all other paragraphs (G², log ratio, BH).

    A thin wrapper over :func:`bqw_research.textstat.textstat_keyness`: paragraphs are
    grouped by their attributed ``city`` or ``region`` (unattributed paragraphs form the
    group :data:`NO_CITY`, which is part of every reference but not reported). Returns
    the keyness table (``group, token, n_target, n_reference, G2, log_ratio, p, p_adj,
    docs_target, DP, unit, significant``) for the city/region groups only; empty when
    fewer than two groups have text. A term is key for a region only when at least
    ``min_docs`` of its articles use it (dispersion, see ``textstat_keyness``).

    ``drop_places`` (default) leaves out the rows of tokens that name a Guangdong city
    or county (:func:`is_place_token`): a paragraph is placed in a city *because* it
    names it, so 深圳 is key for 珠三角 by construction, not by finding. The counts and
    tests of the other terms are unchanged (place tokens stay in the group totals, and
    in the Benjamini–Hochberg family, which is then slightly conservative).
    """
    groups = attribution_groups(attribution, by=by)
    present = sorted(set(groups["group"]) - {NO_CITY})
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYNESS_COLUMNS})
    if not present or groups["group"].nunique() < 2:
        return empty
    try:
        table = textstat_keyness(
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
    if drop_places and len(table):
        table = table[~per_type(table["token"], lambda t: t.map(is_place_token))]
    return table.reset_index(drop=True)
