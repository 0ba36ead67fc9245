"""Every mention of a Guangdong city or county-level unit in the paragraphs."""

from __future__ import annotations

from typing import Any

import pandas as pd

from bqw_research.textstat.regions.cues import check_paragraphs
from bqw_research.textstat.regions.gazetteer import PlaceMatch, find_places

PLACE_COLUMNS = [
    "doc_id",
    "para_id",
    "start",
    "end",
    "mention",
    "code",
    "name",
    "level",
    "city",
    "region",
    "kind",
]


def textstat_places(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a Guangdong city or county-level unit, one row per implied city.

    Returns ``doc_id, para_id, start, end, mention, code, name, level, city, region,
    kind`` where ``start``/``end`` are character offsets in the paragraph text,
    ``code``/``name``/``level`` describe the division named (a county for 紫金县), and
    ``city``/``region`` the prefecture-level city it belongs to. ``kind`` is ``full``
    (广州市), ``short`` (广州), ``abbrev`` (穗, 鹏城) or ``compound`` (深中 → two rows).
    """
    paras = check_paragraphs(paragraphs)
    rows: list[dict[str, Any]] = []
    for doc_id, para_id, text in zip(paras["doc_id"], paras["para_id"], paras["text"], strict=True):
        for m in find_places(text):
            rows.append({"doc_id": doc_id, "para_id": para_id, **_match_dict(m)})
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PLACE_COLUMNS})
    out = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    out["para_id"] = out["para_id"].astype("int64")
    return out


def _match_dict(m: PlaceMatch) -> dict[str, Any]:
    return {
        "start": m.start,
        "end": m.end,
        "mention": m.mention,
        "code": m.code,
        "name": m.name,
        "level": m.level,
        "city": m.city,
        "region": m.region,
    } | {"kind": m.kind}
