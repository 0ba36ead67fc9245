"""Text reuse figures: the reuse network (source group → echo group) and the lag histogram.

Both only draw the tables of :mod:`bqw_research.textstat.reuse`. A city network is drawn
with :func:`~bqw_research.textplot.networks.textplot_pairing_network` (the cities on a
region-grouped circle, arrows source → echo); an outlet network puts the outlets on a
circle in name order. Layouts are fixed by the data (no random placement).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textplot.fonts import chinese_axes
from bqw_research.textplot.networks import (
    circle_positions,
    draw_arrow,
    textplot_pairing_network,
)

__all__ = ["textplot_reuse_lags", "textplot_reuse_network"]

EMPTY_NETWORK = "没有发现文章之间的文本复用"


def textplot_reuse_network(
    network: pd.DataFrame, *, top: int = 30, title: str | None = None, ax: Any = None
) -> Any:
    """Draw a :func:`~bqw_research.textstat.textstat_reuse_network` table (the ``top`` edges).

    Arrow width follows ``n_passages``; a group's own reuse (source = echo group) is a
    number beside its node. City tables (``group == "city"``) are drawn on the map-ordered
    city circle. Returns the figure.
    """
    edges = network.head(top) if len(network) else network
    if len(edges) and edges["group"].iloc[0] == "city":
        ax = textplot_pairing_network(
            edges.rename(
                columns={"source_group": "source", "echo_group": "target", "n_passages": "weight"}
            ),
            ax=ax,
            all_cities=True,
            directed=True,
            title=title or "文本复用网络：来源城市 → 复用城市（段落数）",
            empty_text=EMPTY_NETWORK,
        )
        return ax.figure
    fig, ax = chinese_axes(ax, (8, 8))
    ax.set_axis_off()
    ax.set_title(title or "文本复用网络：来源 → 复用（段落数）")
    if edges.empty:
        ax.text(0.5, 0.5, EMPTY_NETWORK, ha="center", va="center", transform=ax.transAxes)
        return fig
    names = sorted(set(edges["source_group"]) | set(edges["echo_group"]))
    pos = circle_positions(names)
    between = edges["source_group"] != edges["echo_group"]
    # widths scale with the edges drawn: a group's own reuse (a number, not an arrow) must not
    # make every arrow hairline-thin
    wmax = float(edges.loc[between, "n_passages"].max()) if between.any() else 1.0
    own: dict[str, int] = {}
    for s, t, w in zip(
        edges["source_group"], edges["echo_group"], edges["n_passages"], strict=True
    ):
        if s == t:
            own[s] = int(w)
            continue
        draw_arrow(ax, pos[s], pos[t], lw=0.8 + 4 * w / wmax, shrink=12)
    for name, (x, y) in pos.items():
        label = name if name not in own else f"{name}\n（自身 {own[name]}）"
        ax.text(
            x,
            y,
            label,
            ha="center",
            va="center",
            fontsize=9,
            bbox={"boxstyle": "round", "fc": "#e0ecf4", "ec": "none"},
        )
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    return fig


def textplot_reuse_lags(
    reuse: pd.DataFrame, *, bins: int = 30, title: str | None = None, ax: Any = None
) -> Any:
    """Histogram of ``lag_days`` (echo − source) of a reuse table, with each passage as a tick below.

    Passages without a lag (a date missing) are counted in the title. With a ``template``
    column, verbatim passages and templates (slots refilled) are stacked in two colours.
    Returns the figure.
    """
    fig, ax = chinese_axes(ax, (8, 4))
    lags = (
        pd.to_numeric(reuse["lag_days"], errors="coerce") if len(reuse) else pd.Series(dtype=float)
    )
    template = (
        reuse["template"].astype(bool)
        if "template" in reuse.columns and len(reuse)
        else pd.Series(False, index=lags.index)
    )
    known = lags.dropna().to_numpy(dtype=float)
    missing = int(lags.isna().sum())
    ax.set_title(title or f"复用段落的时间差（{len(known)} 段；{missing} 段缺少日期）")
    if len(known) == 0:
        ax.text(0.5, 0.5, "没有带日期的复用段落", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    edges = np.histogram_bin_edges(known, bins=bins)
    has_lag = lags.notna()
    if template[has_lag].any():
        ax.hist(
            [known[~template[has_lag].to_numpy()], known[template[has_lag].to_numpy()]],
            bins=edges,
            stacked=True,
            color=["#4c72b0", "#dd8452"],
            edgecolor="white",
            label=["原文照用", "模板（替换日期、数字、名称）"],
        )
        ax.legend(frameon=False)
    else:
        ax.hist(known, bins=edges, color="#4c72b0", edgecolor="white")
    ax.plot(
        known, np.zeros_like(known), "|", color="#333333", markersize=12, alpha=0.4, clip_on=False
    )
    ax.set_xlabel("来源发布后的天数")
    ax.set_ylabel("段落数")
    fig.tight_layout()
    return fig
