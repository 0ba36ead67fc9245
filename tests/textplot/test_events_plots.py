"""Event figures: the timeline, the latency bars, who visits whom (a directed pairing network)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from bqw_research.textplot import (
    TYPE_COLORS,
    textplot_events_timeline,
    textplot_pairing_network,
    textplot_response_latency,
)
from bqw_research.textstat.events import textstat_response_latency

EVENTS = pd.DataFrame(
    {
        "doc_id": ["a"] * 4,
        "para_id": [1, 2, 3, 4],
        "sent_id": [1, 1, 1, 1],
        "sentence": ["视察广东"] * 4,
        "date_start": ["XXXX-11-20", "2025-11-18", "", "2025-11-21"],
        "date_end": ["XXXX-11-21", "", "2025-12-01", ""],
        "date_precision": ["range", "day", "before publication", "day"],
        "level": ["city", "city", "city", "city"],
        "city": ["茂名", "佛山", "清远", "佛山"],
        "type": ["delegation", "lecture", "inspection", "meeting"],
        "counterpart": ["珠海", "", "", ""],
    }
)


def test_timeline_draws_one_marker_per_dated_event_coloured_by_type():
    fig = textplot_events_timeline(EVENTS, trigger="2025-11-07", trigger_end="2025-11-08")
    ax = fig.axes[0]
    markers = [c for c in ax.collections if len(c.get_offsets()) == 1]
    assert len(markers) == 3  # the undated 清远 visit is not drawn …
    assert "1 项活动没有具体日期" in ax.get_title()  # … and the title says so
    assert [t.get_text() for t in ax.get_yticklabels()] == ["佛山", "茂名"]
    assert len(ax.lines) == 1  # the range 11-20 to 11-21 is a bar
    colours = {tuple(c.get_facecolor()[0][:3]) for c in markers}
    assert len(colours) == 3 and all(len(TYPE_COLORS[t]) == 7 for t in TYPE_COLORS)
    plt.close(fig)


def test_timeline_without_the_year_draws_nothing_for_unknown_years():
    fig = textplot_events_timeline(EVENTS.iloc[[0]])
    assert "没有标明日期的活动" in {t.get_text() for t in fig.axes[0].texts}
    plt.close(fig)


@pytest.mark.parametrize("events", [EVENTS, EVENTS.iloc[0:0]])
def test_latency_bars_show_responding_cities_and_list_the_silent(events):
    lat = textstat_response_latency(
        events, trigger="2025-11-07", end="2025-11-08", terms=["视察广东"]
    )
    fig = textplot_response_latency(lat)
    ax = fig.axes[0]
    n = int(lat.loc[lat["kind"] == "city", "responded"].sum())
    assert len(ax.patches) == n
    texts = " ".join(t.get_text() for t in ax.texts)
    assert ("未见响应" in texts) if n else ("没有任何城市" in texts)
    plt.close(fig)


def test_visits_are_drawn_as_arrows():
    edges = pd.DataFrame({"source": ["茂名市"], "target": ["珠海市"], "weight": [1]})
    ax = textplot_pairing_network(edges, directed=True, title="谁访问谁")
    assert len(ax.lines) == 0 and len(ax.texts) >= 21
    assert any(getattr(t, "arrow_patch", None) is not None for t in ax.texts)
    assert ax.get_title() == "谁访问谁"
    plt.close(ax.figure)


def test_latency_legend_stands_beside_the_bars_not_on_them():
    lat = textstat_response_latency(
        EVENTS, trigger="2025-11-07", end="2025-11-08", terms=["视察广东"]
    )
    fig = textplot_response_latency(lat)
    fig.canvas.draw()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent()
    assert legend.x0 >= ax.get_window_extent().x1  # to the right of the axes
    plt.close(fig)
