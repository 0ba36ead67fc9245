"""Response latency: how fast each city answered a signal from the top, and who visits whom.

A *trigger* is a day or a range (the General Secretary's visit of 11月7日至8日) or an
event row of :func:`~bqw_research.textstat.events.textstat_events`. A city's response is
its first activity on or after the trigger's first day that refers to the trigger:
its sentence — or, when ``paragraphs`` are given, its paragraph — names one of
``terms`` (every activity counts when no terms are given). Across several round-ups
the earliest report wins; ties go to the first article and paragraph. ``days`` counts
from the trigger's last day (0: the day it ended; negative: during it).

Only activities dated to a day or a range count (``before publication`` says too little).
An activity whose year is unknown (``XXXX-11-20``: the article has no publication
date) takes the trigger's year, and ``year_assumed`` says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from bqw_research.textstat.events.actors import short_city
from bqw_research.textstat.events.dates import as_date
from bqw_research.textstat.regions import REGIONS, city_order, divisions

LATENCY_COLUMNS = [
    "group",
    "kind",
    "region",
    "responded",
    "n_cities",
    "n_responded",
    "first_date",
    "days",
    "median_days",
    "type",
    "doc_id",
    "para_id",
    "sent_id",
    "sentence",
    "n_events",
    "year_assumed",
]
VISIT_COLUMNS = ["source", "target", "weight", "types"]
_NEEDED = (
    "doc_id",
    "para_id",
    "sent_id",
    "sentence",
    "date_start",
    "date_precision",
    "level",
    "city",
    "type",
)

Trigger = str | dt.date | tuple[Any, Any] | Mapping[str, Any] | pd.Series


def trigger_days(trigger: Trigger, end: Any = None) -> tuple[dt.date, dt.date]:
    """(first day, last day) of a trigger: ``"2025-11-07"``, a date, a pair, or an event row.

    ``end`` gives the last day of a one-day trigger given as a string or date. Raises
    ``ValueError`` when no day can be read (a trigger without a year, or a relative date).
    """
    if isinstance(trigger, Mapping | pd.Series):
        start, stop = trigger.get("date_start"), trigger.get("date_end") or end
    elif isinstance(trigger, tuple):
        start, stop = trigger
    else:
        start, stop = trigger, end
    first = as_date(start)
    last = as_date(stop) if stop not in (None, "") else first
    if first is None or last is None:
        raise ValueError(
            f"trigger needs calendar days YYYY-MM-DD, got start={start!r} end={stop!r}"
        )
    if last < first:
        raise ValueError(f"trigger ends ({last}) before it starts ({first})")
    return first, last


def _event_day(value: str, year: int) -> tuple[dt.date | None, bool]:
    """A ``date_start`` as a date (with the trigger's year when it is ``XXXX``)."""
    text = str(value or "")
    assumed = text.startswith("XXXX-") and not text.startswith("XXXX-XX")
    if assumed:
        text = f"{year}{text[4:]}"
    return as_date(text), assumed


def refers_to(
    events: pd.DataFrame, terms: Iterable[str] | None, paragraphs: pd.DataFrame | None = None
) -> pd.Series:
    """Whether each event's sentence (or paragraph, when given) names one of ``terms``."""
    terms = [t for t in (terms or []) if t]
    if not terms:
        return pd.Series(True, index=events.index)
    text = events["sentence"].astype(str)
    if paragraphs is not None and len(events):
        para = paragraphs.assign(doc_id=paragraphs["doc_id"].astype(str))
        para = para.set_index(["doc_id", "para_id"])["text"]
        keys = list(zip(events["doc_id"].astype(str), events["para_id"], strict=True))
        text = text + pd.Series([para.get(k, "") for k in keys], index=events.index).astype(str)
    return text.map(lambda s: any(t in s for t in terms))


def _responses(events: pd.DataFrame, first: dt.date, year: int) -> pd.DataFrame:
    rows = events[(events["level"] == "city") & events["date_precision"].isin(["day", "range"])]
    rows = rows.copy()
    if rows.empty:
        return rows.assign(day=pd.Series(dtype=object), year_assumed=pd.Series(dtype=bool))
    parsed = [_event_day(v, year) for v in rows["date_start"]]
    rows["day"] = [p[0] for p in parsed]
    rows["year_assumed"] = [p[1] for p in parsed]
    rows = rows[rows["day"].notna()]
    rows = rows[rows["day"].map(lambda d: d >= first)]
    return rows.sort_values(["day", "doc_id", "para_id", "sent_id"], kind="mergesort")


def textstat_response_latency(
    events: pd.DataFrame,
    *,
    trigger: Trigger,
    end: Any = None,
    terms: Iterable[str] | None = None,
    paragraphs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each city's first activity answering ``trigger``, and each region's summary.

    Returns :data:`LATENCY_COLUMNS`, one row per city (``kind == "city"``, all 21 in
    the canonical order; ``responded`` False and ``days`` missing for cities with none
    in the corpus), then one per region (``kind == "region"``: ``n_responded`` of
    ``n_cities``, ``days`` of the fastest city, ``median_days`` over those responding).
    """
    missing = sorted(set(_NEEDED) - set(events.columns))
    if missing:
        raise KeyError(f"event table needs columns {missing} (from textstat_events)")
    first, last = trigger_days(trigger, end)
    refer = refers_to(events, terms, paragraphs) if len(events) else pd.Series(dtype=bool)
    found = _responses(events[refer] if len(events) else events, first, first.year)
    region_of = dict(zip(divisions()["city"], divisions()["region"], strict=False))
    rows = []
    for full in city_order():
        city = short_city(full)
        mine = found[found["city"] == city] if len(found) else found
        row: dict[str, Any] = {"group": city, "kind": "city", "region": region_of.get(full)}
        row.update({"responded": len(mine) > 0, "n_cities": 1, "n_responded": int(len(mine) > 0)})
        row["n_events"] = len(mine)
        if len(mine):
            top = mine.iloc[0]
            row.update(
                {
                    "first_date": top["day"].isoformat(),
                    "days": (top["day"] - last).days,
                    "type": top["type"],
                    "doc_id": top["doc_id"],
                    "para_id": int(top["para_id"]),
                    "sent_id": int(top["sent_id"]),
                    "sentence": top["sentence"],
                    "year_assumed": bool(top["year_assumed"]),
                }
            )
        rows.append(row)
    cities = pd.DataFrame(rows)
    for region in REGIONS:
        mine = cities[cities["region"] == region]
        answered = mine[mine["responded"]]
        rows.append(
            {
                "group": region,
                "kind": "region",
                "region": region,
                "responded": len(answered) > 0,
                "n_cities": len(mine),
                "n_responded": len(answered),
                "days": answered["days"].min() if len(answered) else None,
                "median_days": answered["days"].median() if len(answered) else None,
                "n_events": int(mine["n_events"].sum()),
            }
        )
    out = pd.DataFrame(rows).reindex(columns=LATENCY_COLUMNS)
    out["days"] = pd.to_numeric(out["days"], errors="coerce").astype(float)
    out["median_days"] = pd.to_numeric(out["median_days"], errors="coerce")
    return out


def event_visits(events: pd.DataFrame) -> pd.DataFrame:
    """Who visits whom: ``source`` (the visiting city), ``target``, ``weight``, ``types``.

    Built from events with a ``counterpart`` city (delegations and visits between
    cities), full city names as in the regional tables (广州市), heaviest first.
    """
    if events.empty or "counterpart" not in events.columns:
        return pd.DataFrame(columns=VISIT_COLUMNS)
    rows = events[(events["level"] == "city") & events["counterpart"].astype(str).ne("")]
    if rows.empty:
        return pd.DataFrame(columns=VISIT_COLUMNS)
    edges = (
        rows.assign(source=rows["city"] + "市", target=rows["counterpart"] + "市")
        .groupby(["source", "target"], sort=True)
        .agg(weight=("type", "size"), types=("type", lambda s: "|".join(sorted(set(s)))))
        .reset_index()
    )
    return edges.sort_values(["weight", "source"], ascending=[False, True], kind="mergesort")[
        VISIT_COLUMNS
    ].reset_index(drop=True)
