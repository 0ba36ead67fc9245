"""Theme scores per city and region (the theme dictionary is ``data/lexicons/themes.csv``)."""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from bqw_research import config
from bqw_research.textstat.regions.coverage import unit_table
from bqw_research.textstat.regions.cues import city_order
from bqw_research.textstat.regions.gazetteer import REGIONS

THEMES = config.LEXICON_DIR / "themes.csv"


@lru_cache(maxsize=2)
def _themes(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def themes() -> pd.DataFrame:
    """The theme dictionary: ``theme, theme_zh, term, source`` (``data/lexicons/themes.csv``)."""
    return _themes(str(THEMES)).copy()


def _count_terms(text: str, pattern: re.Pattern[str]) -> int:
    return sum(1 for _ in pattern.finditer(text))


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
    as 合作园). Returns ``group, kind, theme, theme_zh, n, chars, per_10k`` where
    ``per_10k`` = ``n / chars * per``; groups without text are left out.
    """
    dic = themes() if dictionary is None else dictionary
    units = unit_table(attribution, paragraphs)
    patterns = {}
    labels = {}
    for theme, sub in dic.groupby("theme", sort=False):
        terms = sorted(set(sub["term"]), key=lambda t: (-len(t), t))
        patterns[theme] = re.compile("|".join(re.escape(t) for t in terms))
        labels[theme] = sub["theme_zh"].iloc[0]
    groups: list[tuple[str, str, pd.DataFrame]] = [
        (c, "city", units[units["city"] == c]) for c in city_order()
    ] + [(r, "region", units[units["region"] == r]) for r in REGIONS]
    rows = []
    for group, kind, sub in groups:
        chars = int(sub["n_chars"].sum())
        if chars == 0:
            continue
        text = "\n".join(sub["text"])
        for theme, pat in patterns.items():
            n = _count_terms(text, pat)
            rows.append(
                {
                    "group": group,
                    "kind": kind,
                    "theme": theme,
                    "theme_zh": labels[theme],
                    "n": n,
                    "chars": chars,
                    "per_10k": n / chars * per,
                }
            )
    cols = ["group", "kind", "theme", "theme_zh", "n", "chars", "per_10k"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    return pd.DataFrame(rows, columns=cols)
