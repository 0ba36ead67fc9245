"""Bar charts: grouped horizontal bars of rhetoric measures, the cleaning report."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textplot.fonts import chinese_axes


def textplot_rhetoric_bars(
    df: pd.DataFrame,
    *,
    category: str,
    value: str,
    group: str = "group",
    title: str | None = None,
    xlabel: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] = (8, 4.5),
):
    """Horizontal grouped bars: one bar per ``category`` × ``group`` of ``value``.

    Categories keep their order of first appearance in ``df``; groups are sorted.
    Returns the figure. An empty table draws a message instead of failing.
    """
    fig, ax = chinese_axes(ax, figsize)
    if df.empty:
        ax.text(0.5, 0.5, "nothing to plot", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    cats = list(dict.fromkeys(df[category].astype(str)))
    groups = sorted(df[group].astype(str).unique())
    height = 0.8 / len(groups)
    y = np.arange(len(cats))
    for i, g in enumerate(groups):
        part = df[df[group].astype(str) == g].set_index(
            df[category].astype(str)[df[group].astype(str) == g]
        )
        vals = [float(part[value].get(c, 0.0)) if c in part.index else 0.0 for c in cats]
        ax.barh(y + i * height, vals, height=height, label=g)
    ax.set_yticks(y + height * (len(groups) - 1) / 2, cats)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel or value)
    if len(groups) > 1:
        ax.legend(fontsize="small", loc="best")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def textplot_cleaning(summary: pd.DataFrame, *, ax=None):
    """Horizontal bars of what cleaning removed or repaired, by kind (log scale)."""
    _, ax = chinese_axes(ax, (8, 0.35 * max(len(summary), 3) + 1))
    data = summary.sort_values("n")
    ax.barh(data["description"], data["n"], color="#4c72b0")
    ax.set_xscale("log")
    ax.set_xlabel("件数 (对数刻度) / items (log scale)")
    ax.set_title("清洗报告：删除或修复的内容 / What cleaning removed or repaired")
    for y, v in enumerate(data["n"]):
        ax.text(v, y, f" {int(v)}", va="center", fontsize=8)
    ax.figure.tight_layout()
    return ax.figure


#: Colours of the directive tiers, strongest first (mandatory … none).
TIER_COLORS = ("#b2182b", "#ef8a62", "#67a9cf", "#dddddd")


def textplot_stacked_shares(
    shares: pd.DataFrame,
    *,
    colors: tuple[str, ...] = TIER_COLORS,
    title: str | None = None,
    xlabel: str | None = None,
    ax: Any = None,
):
    """Stacked horizontal bars of a wide share table (one row per group, one column per
    part, e.g. :func:`bqw_research.textstat.rhetoric.directive_shares`); the first row at
    the top. Returns the figure."""
    fig, ax = chinese_axes(ax, (8, max(2.5, 0.35 * len(shares))))
    shares.plot.barh(stacked=True, ax=ax, color=list(colors[: shares.shape[1]]))
    ax.set_xlabel(xlabel or "share")
    ax.set_ylabel("")
    if title:
        ax.set_title(title)
    ax.invert_yaxis()
    fig.tight_layout()
    return fig
