"""Heatmaps: theme scores by group, and the matrix drawing every heatmap of the package uses."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textplot.fonts import chinese_axes
from bqw_research.textstat.regions.cues import city_order
from bqw_research.textstat.regions.gazetteer import REGIONS


def draw_matrix(
    ax: Any,
    values: np.ndarray,
    *,
    cmap: str,
    vmin: float | None = None,
    vmax: float | None = None,
    aspect: str = "auto",
) -> Any:
    """Draw the cells of a matrix on ``ax`` as ``imshow`` lays an image out (row 0 on top,
    cell ``(i, j)`` centred on ``x = j, y = i``), but as vector quads, not an image: an
    image is resampled to the figure's pixels when saved (a 40 × 40 similarity matrix at
    300 dpi held ~0.6 GB and took 1.2 s more per file). NaN cells stay blank. Returns the
    mesh, for a colour bar."""
    rows, cols = values.shape
    mesh = ax.pcolormesh(
        np.arange(cols + 1) - 0.5,
        np.arange(rows + 1) - 0.5,
        np.ma.masked_invalid(values),
        cmap=cmap,
        vmin=vmin,
        vmax=vmax,
        shading="flat",
        antialiased=False,
        edgecolors="none",
        snap=True,
    )
    ax.set_xlim(-0.5, cols - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_aspect(aspect)
    return mesh


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
    im = draw_matrix(ax, wide.to_numpy(dtype=float), cmap=cmap)
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
