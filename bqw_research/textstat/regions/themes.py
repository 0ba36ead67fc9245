"""Theme scores per city and region (the theme dictionary is ``data/lexicons/themes.csv``)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from bqw_research.textstat.dictionary import DICTIONARIES, compile_dictionary, text_hits
from bqw_research.textstat.regions.coverage import unit_table
from bqw_research.textstat.regions.cues import city_order
from bqw_research.textstat.regions.gazetteer import REGIONS

THEMES = DICTIONARIES["themes"]


@lru_cache(maxsize=2)
def _themes(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def themes() -> pd.DataFrame:
    """The theme dictionary: ``theme, theme_zh, term, not_in, source`` (``data/lexicons/themes.csv``).

    ``not_in`` lists (``|``-separated) longer words that contain the term but are not it:
    创新 is not counted inside 增创新(优势), 生态 not inside 省生态环境厅.
    """
    return _themes(str(THEMES)).copy()


def textstat_themes(
    attribution: pd.DataFrame,
    paragraphs: pd.DataFrame,
    *,
    per: int = 10_000,
    dictionary: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Theme scores per city and region, normalised by text length.

    Each theme's terms are counted in the group's attributed paragraphs (leftmost-
    longest, non-overlapping within a theme, so 产业转移合作园 counts once, not also
    as 合作园), never inside a longer word the dictionary's ``not_in`` column lists for
    the term (增创新优势 is not 创新, 省生态环境厅 not 生态). Returns ``group, kind,
    theme, theme_zh, n, chars, per_10k`` where ``chars`` counts **Han characters only**
    (no punctuation, digits or Latin letters, whose share varies by genre) and
    ``per_10k`` = ``n / chars * per``: hits per 10,000 Chinese characters. Groups
    without text are left out. The themes are the shipped dictionary ``"themes"`` and
    are counted by the dictionary code (:func:`bqw_research.textstat.dictionary.text_hits`,
    without the whole-word rule); ``dictionary`` is a table in the themes' own columns
    or anything :func:`bqw_research.textstat.dictionary.dictionary` reads.
    """
    categories = compile_dictionary(
        "themes" if dictionary is None else dictionary, whole_word=False
    )
    units = unit_table(attribution, paragraphs)
    groups: list[tuple[str, str, pd.DataFrame]] = [
        (c, "city", units[units["city"] == c]) for c in city_order()
    ] + [(r, "region", units[units["region"] == r]) for r in REGIONS]
    groups = [g for g in groups if int(g[2]["n_chars"].sum()) > 0]
    hits = text_hits(["\n".join(sub["text"]) for _, _, sub in groups], categories, whole_word=False)
    counts = hits.groupby(["unit", "category"]).size().to_dict()
    rows = []
    for i, (group, kind, sub) in enumerate(groups):
        chars = int(sub["n_chars"].sum())
        for cat in categories:
            n = int(counts.get((i, cat.name), 0))
            rows.append(
                {
                    "group": group,
                    "kind": kind,
                    "theme": cat.name,
                    "theme_zh": cat.label,
                    "n": n,
                    "chars": chars,
                    "per_10k": n / chars * per,
                }
            )
    cols = ["group", "kind", "theme", "theme_zh", "n", "chars", "per_10k"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    return pd.DataFrame(rows, columns=cols)
