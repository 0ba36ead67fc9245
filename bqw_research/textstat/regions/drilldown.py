"""The paragraphs attributed to one city."""

from __future__ import annotations

import pandas as pd

from bqw_research.textstat.regions.cues import check_paragraphs


def city_drilldown(
    attribution: pd.DataFrame, paragraphs: pd.DataFrame, city: str, *, max_chars: int = 160
) -> pd.DataFrame:
    """The paragraphs attributed to ``city`` (short or full name), with a text excerpt.

    Returns ``doc_id, para_id, section, excerpt, mentioned`` in document order.
    """
    full = city if city.endswith("市") else f"{city}市"
    paras = check_paragraphs(paragraphs)
    att = attribution[(attribution["level"] == "city") & (attribution["city"] == full)]
    out = att[["doc_id", "para_id", "mentioned"]].merge(
        paras[["doc_id", "para_id", "section", "text"]], on=["doc_id", "para_id"]
    )
    out["excerpt"] = [t if len(t) <= max_chars else t[:max_chars] + "…" for t in out["text"]]
    out["mentioned"] = ["、".join(m) for m in out["mentioned"]]
    return out[["doc_id", "para_id", "section", "excerpt", "mentioned"]].reset_index(drop=True)
