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
    figsize: tuple[float, float] | None = None,
):
    """Horizontal grouped bars: one bar per ``category`` × ``group`` of ``value``.

    Categories keep their order of first appearance in ``df`` (top to bottom); groups are
    sorted and drawn in the same order inside every category, centred on its label. The
    legend sits below the axes, one group per line, so long group names (article titles)
    are shown whole. The height grows with categories × groups unless ``figsize`` is
    given. Returns the figure; an empty table draws a message instead of failing.
    """
    cats = list(dict.fromkeys(df[category].astype(str))) if not df.empty else []
    groups = sorted(df[group].astype(str).unique()) if not df.empty else []
    if figsize is None:
        figsize = (8.0, max(3.0, 0.12 * len(cats) * max(1, len(groups)) + 0.2 * len(groups) + 1.5))
    fig, ax = chinese_axes(ax, figsize)
    if df.empty:
        ax.text(0.5, 0.5, "nothing to plot", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    values = (
        df.assign(_c=df[category].astype(str), _g=df[group].astype(str))
        .groupby(["_c", "_g"], sort=False)[value]
        .sum()
        .unstack("_g")
        .reindex(index=cats, columns=groups)
        .fillna(0.0)
    )
    height = 0.8 / len(groups)
    y = np.arange(len(cats), dtype=float)
    for i, g in enumerate(groups):
        # bar i of every category sits at the same offset, the set centred on the label
        offset = (i - (len(groups) - 1) / 2) * height
        ax.barh(y + offset, values[g].to_numpy(), height=height, label=g)
    ax.set_yticks(y, cats)
    ax.set_ylim(len(cats) - 0.5, -0.5)  # first category at the top
    ax.set_xlabel(xlabel or value)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    if len(groups) > 1:
        ax.legend(
            fontsize="small",
            loc="upper left",
            bbox_to_anchor=(0.0, -0.12),
            ncol=1,
            frameon=False,
        )
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
