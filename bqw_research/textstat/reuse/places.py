"""Where a reused passage stands: its paragraph's city and level (paragraph attribution).

Each side of a reuse row (source or echo) is placed by the paragraph that holds the
passage's first character: that paragraph's attribution
(:func:`bqw_research.textstat.regions.attribute_paragraphs`) gives ``city`` and
``level`` (``city`` / ``province`` / ``central`` / ``none``). A paragraph without a city
takes the article's city — the city most of its attributed paragraphs name — when it
has one. Only the articles that occur in the reuse table are attributed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bqw_research.corpus import corpus_paragraphs
from bqw_research.textstat.regions import attribute_paragraphs

__all__ = ["PROVINCIAL_OUTLETS", "article_cities", "passage_places", "provincial_outlet"]

#: Outlets of the provincial party and government press (a source from them is provincial).
PROVINCIAL_OUTLETS = ("南方日报", "南方+", "南方杂志", "南方网", "羊城晚报", "广东发布", "广东卫视")


def provincial_outlet(outlet: object) -> bool:
    """Whether an outlet is provincial-level: one of :data:`PROVINCIAL_OUTLETS`, or a name
    with 广东 or 省 in it (广东省人民政府, 中共广东省委 …)."""
    if not isinstance(outlet, str) or not outlet:
        return False
    return outlet.startswith(PROVINCIAL_OUTLETS) or "广东" in outlet or "省" in outlet


def _paragraph_starts(corpus: pd.DataFrame, paragraphs: pd.DataFrame) -> np.ndarray:
    """Offset of every paragraph in its article's ``text`` (``-1`` when not found).

    Paragraphs are searched in reading order, each after the end of the previous one.
    """
    text_of = dict(zip(corpus["doc_id"].astype(str), corpus["text"].astype(str), strict=True))
    after: dict[str, int] = {}
    starts = []
    for doc_id, para in zip(paragraphs["doc_id"].astype(str), paragraphs["text"], strict=True):
        at = text_of.get(doc_id, "").find(para, after.get(doc_id, 0))
        starts.append(at)
        if at >= 0:
            after[doc_id] = at + len(para)
    return np.asarray(starts, dtype=np.int64)


def article_cities(attribution: pd.DataFrame) -> pd.Series:
    """``doc_id → city`` most often attributed among an article's paragraphs (ties: first in order)."""
    named = attribution.dropna(subset=["city"])
    if named.empty:
        return pd.Series(dtype=object)
    counts = named.groupby(["doc_id", "city"], sort=True).size().reset_index(name="n")
    counts = counts.sort_values(
        ["doc_id", "n", "city"], ascending=[True, False, True], kind="mergesort"
    )
    return counts.drop_duplicates("doc_id").set_index("doc_id")["city"]


def passage_places(reuse: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per reuse row: ``source_city, source_level, echo_city, echo_level`` (index of ``reuse``)."""
    out = pd.DataFrame(
        index=reuse.index,
        columns=["source_city", "source_level", "echo_city", "echo_level"],
        dtype=object,
    )
    if reuse.empty:
        return out
    docs = set(reuse["source_doc"]) | set(reuse["echo_doc"])
    sub = corpus[corpus["doc_id"].astype(str).isin(docs)]
    paras = corpus_paragraphs(sub).reset_index(drop=True)
    titles = sub.set_index("doc_id")["title"] if "title" in sub.columns else None
    attr = attribute_paragraphs(paras, titles=titles)
    paras = paras.assign(
        start=_paragraph_starts(sub, paras),
        city=attr["city"].to_numpy(),
        level=attr["level"].to_numpy(),
    )
    paras = paras[paras["start"] >= 0].sort_values("start", kind="mergesort")
    doc_city = article_cities(attr)
    for side in ("source", "echo"):
        rows = pd.DataFrame(
            {
                "doc_id": reuse[f"{side}_doc"].astype(str),
                "start": reuse[f"{side}_start"].astype("int64"),
                "row": reuse.index,
            }
        )
        rows = rows.sort_values("start", kind="mergesort")
        placed = pd.merge_asof(
            rows,
            paras[["doc_id", "start", "city", "level"]].astype({"doc_id": str}),
            on="start",
            by="doc_id",
            direction="backward",
        )
        placed = placed.set_index("row")
        city = placed["city"].where(placed["city"].notna(), placed["doc_id"].map(doc_city))
        out[f"{side}_city"] = city.reindex(reuse.index)
        out[f"{side}_level"] = placed["level"].reindex(reuse.index)
    return out
