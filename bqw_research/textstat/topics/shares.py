"""``textstat_topic_shares``: how much of each group's text each topic takes.

A group's share of a topic is the token-weighted mean of its units' shares
(Σ share × n_tokens / Σ n_tokens), so a long paragraph weighs more than a heading.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from bqw_research.textstat.groups import attach_group
from bqw_research.textstat.regions.attribution import attribution_groups
from bqw_research.textstat.topics.model import TopicModel

__all__ = ["SHARE_COLUMNS", "textstat_topic_shares"]

SHARE_COLUMNS = ["group", "topic", "label", "share", "n_units", "n_tokens"]
#: Groups computed from the paragraph → city attribution.
ATTRIBUTION_GROUPS = ("region", "city")
#: Groups computed from the corpus table's metadata.
METADATA_GROUPS = ("outlet", "month")
#: The month of an article without a publication date.
UNDATED = "（无日期）"


def _metadata_group(corpus: pd.DataFrame | None, group: str) -> pd.Series:
    if corpus is None:
        raise ValueError(f"group={group!r} needs the corpus table (corpus=…)")
    if group == "outlet":
        values = corpus["outlet"].fillna("").astype(str).replace("", "（未注明）")
    else:
        published = pd.to_datetime(corpus["published"], errors="coerce")
        values = published.dt.strftime("%Y-%m").fillna(UNDATED)
    return pd.Series(values.to_numpy(), index=corpus["doc_id"].astype(str))


def _resolve(
    group: Any, *, corpus: pd.DataFrame | None, attribution: pd.DataFrame | None
) -> tuple[Any, bool]:
    """The grouping in :func:`attach_group`'s forms, and whether it is per paragraph."""
    if isinstance(group, str) and group in ATTRIBUTION_GROUPS:
        if attribution is None:
            raise ValueError(
                f"group={group!r} needs the paragraph attribution "
                "(attribution=attribute_paragraphs(paragraphs))"
            )
        return attribution_groups(attribution, by=group), True
    if isinstance(group, str) and group in METADATA_GROUPS:
        return _metadata_group(corpus, group), False
    per_paragraph = isinstance(group, pd.DataFrame) and "para_id" in group.columns
    return group, per_paragraph


def textstat_topic_shares(
    model: TopicModel,
    *,
    group: Any = "region",
    corpus: pd.DataFrame | None = None,
    attribution: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Topic shares per group, as a long table ``group, topic, label, share, n_units, n_tokens``.

    ``group``: ``"region"`` or ``"city"`` (the paragraph's city from
    :func:`attribute_paragraphs`, passed as ``attribution``; paragraphs of no city form
    the group ``（未归属）``), ``"outlet"`` or ``"month"`` (``YYYY-MM`` of ``published``;
    undated articles form ``（无日期）``; both need ``corpus``), or any grouping that
    :func:`attach_group` takes (``None`` = all text). Per-paragraph groupings use the
    model's ``paragraph_shares``, the others its fitted units. ``share`` sums to 1 over
    the topics of a group; ``n_units`` and ``n_tokens`` say how much text stands behind it.
    """
    grouping, per_paragraph = _resolve(group, corpus=corpus, attribution=attribution)
    units = model.paragraph_shares if per_paragraph else model.shares
    if isinstance(grouping, pd.Series | dict):
        units = units.assign(doc_id=units["doc_id"].astype(str))
    grouped = attach_group(units, grouping)
    keys = [c for c in ("doc_id", "para_id") if c in grouped.columns]
    weighted = grouped.assign(_w=grouped["share"] * grouped["n_tokens"])
    out = (
        weighted.groupby(["group", "topic"], sort=True)
        .agg(_w=("_w", "sum"), n_tokens=("n_tokens", "sum"))
        .reset_index()
    )
    sizes = grouped.drop_duplicates([*keys, "group"]).groupby("group").size()
    totals = out.groupby("group")["_w"].transform("sum")
    out["share"] = (out["_w"] / totals).where(totals > 0, 0.0)
    out["n_units"] = out["group"].map(sizes).astype("int64")
    out["n_tokens"] = (out["n_tokens"] / model.k).round().astype("int64")
    out["label"] = out["topic"].map(model.labels)
    return out[SHARE_COLUMNS]
