"""Heatmaps: theme scores by group."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textplot.fonts import chinese_axes
from bqw_research.textstat.regions.cues import city_order
from bqw_research.textstat.regions.gazetteer import REGIONS


def textplot_theme_heatmap(
    theme_scores: pd.DataFrame, *, kind: str = "region", ax: Any = None, cmap: str = "YlOrRd"
) -> Any:
    """Heatmap of ``per_10k`` (rows = groups of ``kind``, columns = themes).

    Draws the table from :func:`textstat_themes` as is; cells are annotated with their
    value. Returns the matplotlib Axes.
    """
    sub = theme_scores[theme_scores["kind"] == kind]
    _, ax = chinese_axes(ax, (10, 0.6 * max(2, sub["group"].nunique()) + 2))
    if sub.empty:
        ax.text(0.5, 0.5, "没有可比较的文本", ha="center", va="center")
        ax.set_axis_off()
        return ax
    order = [
        g for g in ([*REGIONS] if kind == "region" else city_order()) if g in set(sub["group"])
    ]
    themes_order = list(dict.fromkeys(sub["theme_zh"]))
    wide = sub.pivot_table(index="group", columns="theme_zh", values="per_10k", aggfunc="sum")
    wide = wide.reindex(index=order, columns=themes_order)
    im = ax.imshow(wide.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    ax.set_xticks(range(len(themes_order)), themes_order, rotation=40, ha="right")
    ax.set_yticks(range(len(order)), order)
    vmax = np.nanmax(wide.to_numpy(dtype=float)) if wide.size else 0
    for i in range(wide.shape[0]):
        for j in range(wide.shape[1]):
            v = wide.iat[i, j]
            if not (isinstance(v, float) and math.isnan(v)):
                ax.text(
                    j,
                    i,
                    f"{v:.1f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if vmax and v > 0.6 * vmax else "black",
                )
    ax.figure.colorbar(im, ax=ax, label="每万字词频")
    ax.set_title("主题强度（每万字）")
    return ax
