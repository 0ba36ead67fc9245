"""Event figures: a timeline of activities per city coloured by type, response latency bars.

Both only draw the tables of :mod:`bqw_research.textstat.events` (the event table and
the latency table); the map of latency is :func:`~bqw_research.textplot.maps.textplot_choropleth`
and who visits whom is :func:`~bqw_research.textplot.networks.textplot_pairing_network`
with ``directed=True``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from bqw_research.textplot.fonts import chinese_axes
from bqw_research.textplot.maps import REGION_COLORS
from bqw_research.textstat.events import CENTRAL, PROVINCE, TYPES, trigger_days
from bqw_research.textstat.events.dates import as_date
from bqw_research.textstat.regions import city_order

#: One colour per activity type (matplotlib's tab10, in the codebook's order).
TYPE_COLORS = dict(
    zip(
        TYPES,
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#7f7f7f"],
        strict=True,
    )
)
TYPE_LABELS = {
    "meeting": "会议",
    "inspection": "调研/督导",
    "lecture": "宣讲",
    "delegation": "考察交流/代表团",
    "study": "理论学习",
    "signing": "签约/招商",
    "other": "其他",
}


def _day(value: Any, year: int | None) -> dt.date | None:
    text = str(value or "")
    if text.startswith("XXXX-") and not text.startswith("XXXX-XX"):
        if year is None:
            return None
        text = f"{year}{text[4:]}"
    return as_date(text)


def dated_events(events: pd.DataFrame, *, year: int | None = None) -> pd.DataFrame:
    """The events dated to a day or a range, with ``start``/``end`` as dates.

    ``year`` fills an unknown year (``XXXX-11-20``); without it such events are left out.
    """
    if events.empty:
        return events.assign(start=pd.Series(dtype=object), end=pd.Series(dtype=object))
    rows = events[events["date_precision"].isin(["day", "range"])].copy()
    rows["start"] = [_day(v, year) for v in rows["date_start"]]
    ends = [_day(v, year) for v in rows["date_end"]]
    rows["end"] = [e or s for e, s in zip(ends, rows["start"], strict=True)]
    return rows[rows["start"].notna()].reset_index(drop=True)


def _rows(dated: pd.DataFrame) -> list[str]:
    """Timeline rows: 中央, 省, then the cities in the canonical order (those with events)."""
    present = set(dated["city"])
    order = [CENTRAL, PROVINCE, *[c.removesuffix("市") for c in city_order()]]
    return [c for c in order if c in present]


def textplot_events_timeline(
    events: pd.DataFrame,
    *,
    trigger: Any = None,
    trigger_end: Any = None,
    year: int | None = None,
    days_before: int = 7,
    title: str | None = None,
    ax: Any = None,
) -> Any:
    """Dated activities per city (rows) over time, one marker per event coloured by type.

    A range (11月20日至21日) is a bar from its first to its last day; events of one city
    on one day sit side by side. ``trigger`` (a day, with ``trigger_end``) is shaded and
    the axis starts ``days_before`` days before it. Events dated only "before
    publication", to a month or a year, or before the axis starts, are not drawn; the
    title says how many were left out. An unknown year takes ``year`` (or the
    trigger's). Returns the figure.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    first = last = None
    if trigger is not None:
        first, last = trigger_days(trigger, trigger_end)
        year = year or first.year
    dated = dated_events(events, year=year)
    undated = len(events) - len(dated)
    earlier = 0
    if first is not None and len(dated):
        keep = dated["end"].map(lambda d: d >= first - dt.timedelta(days=days_before))
        earlier = int((~keep).sum())
        dated = dated[keep]
    rows = _rows(dated) if len(dated) else []
    fig, ax = chinese_axes(ax, (10, max(3.0, 0.38 * len(rows) + 1.6)))
    heading = title or "各地活动时间线（按类型着色）"
    notes = [
        f"{undated} 项活动没有具体日期" if undated else "",
        f"{earlier} 项早于时间轴" if earlier else "",
    ]
    if any(notes):
        heading += f"\n（未画出：{'；'.join(n for n in notes if n)}）"
    ax.set_title(heading)
    if dated.empty:
        ax.text(0.5, 0.5, "没有标明日期的活动", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    y = {c: i for i, c in enumerate(rows)}
    same_day = dated.groupby(["city", "start"]).cumcount().to_numpy()
    for k, rec in enumerate(dated.itertuples(index=False)):
        color = TYPE_COLORS.get(rec.type, "#333333")
        yy = y[rec.city] + 0.18 * ((same_day[k] + 1) // 2) * (-1 if same_day[k] % 2 else 1)
        if rec.end != rec.start:
            ax.plot(
                [rec.start, rec.end], [yy, yy], color=color, lw=5, alpha=0.7, solid_capstyle="round"
            )
        ax.scatter([rec.start], [yy], color=color, s=46, zorder=3, edgecolor="white", linewidth=0.6)
    if first is not None:
        ax.axvspan(first, last + dt.timedelta(days=1), color="#f4cccc", alpha=0.6, zorder=0)
        ax.annotate("触发事件", (first, -0.6), fontsize=9, color="#990000")
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.8)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d"))
    ax.grid(axis="x", color="#dddddd", lw=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    used = [t for t in TYPES if t in set(dated["type"])]
    handles = [
        Line2D([], [], marker="o", ls="", color=TYPE_COLORS[t], label=TYPE_LABELS[t]) for t in used
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    fig.tight_layout()
    return fig


def textplot_response_latency(
    latency: pd.DataFrame, *, title: str | None = None, ax: Any = None
) -> Any:
    """Days from the trigger to each city's first response (bars coloured by region).

    Cities that did not respond in the corpus are listed at the bottom without a bar.
    Draws the city rows of :func:`~bqw_research.textstat.events.textstat_response_latency`.
    """
    cities = latency[latency["kind"] == "city"] if len(latency) else latency
    answered = cities[cities["responded"].astype(bool)] if len(cities) else cities
    answered = answered.sort_values(["days", "group"], kind="mergesort")
    silent = cities[~cities["responded"].astype(bool)]["group"].tolist() if len(cities) else []
    fig, ax = chinese_axes(ax, (8, max(3.0, 0.32 * len(answered) + 2.0)))
    ax.set_title(title or "各市首次响应所用天数（自触发事件结束日起）")
    if answered.empty:
        ax.text(
            0.5,
            0.5,
            "语料中没有任何城市的响应活动",
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        ax.set_axis_off()
        return fig
    colors = [REGION_COLORS.get(r, "#777777") for r in answered["region"]]
    days = answered["days"].astype(float).to_numpy()
    ax.barh(range(len(answered)), days, color=colors)
    for i, d in enumerate(days):
        ax.text(
            d + 0.2 if d >= 0 else d - 0.2,
            i,
            f"{d:g}",
            va="center",
            ha="left" if d >= 0 else "right",
            fontsize=8,
        )
    ax.set_yticks(range(len(answered)), answered["group"].tolist())
    ax.set_ylim(len(answered) - 0.5, -0.5)
    ax.set_xlabel("天")
    ax.axvline(0, color="#333333", lw=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    from matplotlib.patches import Patch

    regions = [r for r in REGION_COLORS if r in set(answered["region"])]
    ax.legend(  # beside the axes: inside it covered the longest bars and their day counts
        handles=[Patch(color=REGION_COLORS[r], label=r) for r in regions],
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
    )
    if silent:
        ax.text(
            0.0,
            -0.12 - 0.02 * (len(silent) // 12),
            "未见响应：" + "、".join(silent),
            transform=ax.transAxes,
            fontsize=8,
            va="top",
            wrap=True,
        )
    fig.tight_layout()
    return fig
