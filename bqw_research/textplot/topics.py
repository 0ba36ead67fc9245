"""Topic figures: top terms of each topic as small multiples, topic shares by group as a heatmap."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textplot.fonts import chinese_axes, setup_matplotlib
from bqw_research.textplot.heatmaps import draw_matrix


def _empty(ax: Any, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def textplot_topic_terms(
    terms: pd.DataFrame, *, n: int = 10, ncols: int = 4, color: str = "#3b6ea8"
) -> Any:
    """Small multiples: one panel per topic, its ``n`` top terms as bars of ``weight``.

    Draws the ``terms`` table of :func:`textstat_topics` (``topic, term, weight, rank``)
    as is: topics in their order (1 = largest), terms by rank from the top. Returns the
    figure; an empty table draws a message.
    """
    import matplotlib.pyplot as plt

    setup_matplotlib()
    topics = sorted(terms["topic"].unique()) if not terms.empty else []
    if not topics:
        fig, ax = chinese_axes(None, (6, 3))
        _empty(ax, "没有主题可画")
        return fig
    ncols = max(1, min(ncols, len(topics)))
    nrows = math.ceil(len(topics) / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(3.2 * ncols, 0.28 * n * nrows + 1.2 * nrows), squeeze=False
    )
    for ax, topic in zip(axes.ravel(), topics, strict=False):
        top = terms[(terms["topic"] == topic) & (terms["rank"] <= n)].sort_values("rank")
        y = np.arange(len(top))
        ax.barh(y, top["weight"].to_numpy(), color=color)
        ax.set_yticks(y, top["term"].astype(str).tolist(), fontsize=9)
        ax.set_ylim(len(top) - 0.5, -0.5)
        ax.set_title(f"主题 {topic}", fontsize=10)
        ax.tick_params(axis="x", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes.ravel()[len(topics) :]:
        ax.set_axis_off()
    fig.suptitle("各主题的高权重词")
    fig.tight_layout()
    return fig


def textplot_topic_shares(
    shares: pd.DataFrame,
    *,
    ax: Any = None,
    cmap: str = "Blues",
    title: str = "主题占比（按组）",
    group_order: list[str] | None = None,
) -> Any:
    """Heatmap of topic shares: rows = groups, columns = topics (labelled by top terms).

    Draws the table of :func:`textstat_topic_shares` (``group, topic, label, share, …``);
    each cell is annotated with its percentage. Groups are sorted unless
    ``group_order`` is given. Returns the figure.
    """
    groups = group_order or (sorted(shares["group"].astype(str).unique()) if len(shares) else [])
    fig, ax = chinese_axes(
        ax, (1.1 * max(4, shares["topic"].nunique()) + 3, 0.45 * len(groups) + 2)
    )
    if shares.empty:
        _empty(ax, "没有可比较的组")
        return fig
    topics = sorted(shares["topic"].unique())
    labels = shares.drop_duplicates("topic").set_index("topic")["label"]
    wide = shares.pivot_table(index="group", columns="topic", values="share", aggfunc="sum")
    wide = wide.reindex(index=groups, columns=topics)
    values = wide.to_numpy(dtype=float)
    im = draw_matrix(ax, values, cmap=cmap, vmin=0)
    ax.set_xticks(
        range(len(topics)), [f"{t} {labels.get(t, '')}" for t in topics], rotation=40, ha="right"
    )
    ax.set_yticks(range(len(groups)), groups)
    vmax = np.nanmax(values) if values.size else 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            if not math.isnan(v):
                color = "white" if vmax and v > 0.6 * vmax else "black"
                ax.text(j, i, f"{100 * v:.0f}", ha="center", va="center", fontsize=8, color=color)
    fig.colorbar(im, ax=ax, label="占比")
    ax.set_title(title)
    return fig
