"""How much of the corpus each city and region gets."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from bqw_research.textstat.regions.cues import check_paragraphs, city_order
from bqw_research.textstat.regions.gazetteer import REGIONS, divisions
from bqw_research.textstat.rhetoric.common import n_cjk


def unit_table(attribution: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Attributed paragraphs with their text and length, city-level only.

    ``n_chars`` counts Han characters only (:func:`~bqw_research.textstat.rhetoric.common.n_cjk`),
    so that rates per 10,000 characters do not move with punctuation and digits.
    """
    paras = check_paragraphs(paragraphs)[["doc_id", "para_id", "text"]]
    att = attribution[attribution["level"] == "city"][["doc_id", "para_id", "city", "region"]]
    out = att.merge(paras, on=["doc_id", "para_id"], how="inner")
    out["n_chars"] = out["text"].map(n_cjk).astype("int64")
    return out


def textstat_coverage(attribution: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """How much of the corpus each city and region gets.

    Returns one row per city (all 21, zero when absent) and per region, with columns
    ``group, kind, region, paragraphs, chars, share, articles, mentions``:
    ``paragraphs``/``chars`` count paragraphs attributed to the group (level ``city``)
    and their Han characters (punctuation, digits and Latin letters left out), ``share`` is ``chars`` over the characters of all attributed
    paragraphs, ``articles`` the number of documents with at least one attributed
    paragraph, ``mentions`` the number of paragraphs naming the city at all
    (attributed or in ``mentioned``). ``kind`` is ``city`` or ``region``. Cities are
    ordered by region then code.
    """
    units = unit_table(attribution, paragraphs)
    total = float(units["n_chars"].sum())
    mention_rows = []
    for doc_id, para_id, city, mentioned in zip(
        attribution["doc_id"],
        attribution["para_id"],
        attribution["city"],
        attribution["mentioned"],
        strict=True,
    ):
        for c in {*(mentioned or []), *([city] if isinstance(city, str) else [])}:
            mention_rows.append((doc_id, para_id, c))
    mentions = Counter(c for _, _, c in mention_rows)
    region_of = dict(zip(divisions()["city"], divisions()["region"], strict=False))
    rows = []
    for city in city_order():
        sub = units[units["city"] == city]
        rows.append(
            {
                "group": city,
                "kind": "city",
                "region": region_of[city],
                "paragraphs": len(sub),
                "chars": int(sub["n_chars"].sum()),
                "share": float(sub["n_chars"].sum()) / total if total else 0.0,
                "articles": sub["doc_id"].nunique(),
                "mentions": mentions.get(city, 0),
            }
        )
    for region in REGIONS:
        sub = units[units["region"] == region]
        rows.append(
            {
                "group": region,
                "kind": "region",
                "region": region,
                "paragraphs": len(sub),
                "chars": int(sub["n_chars"].sum()),
                "share": float(sub["n_chars"].sum()) / total if total else 0.0,
                "articles": sub["doc_id"].nunique(),
                "mentions": len({(d, p) for d, p, c in mention_rows if region_of.get(c) == region}),
            }
        )
    out = pd.DataFrame(rows)
    for col in ("paragraphs", "chars", "articles", "mentions"):
        out[col] = out[col].astype("int64")
    return out
