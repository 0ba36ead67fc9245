"""Distributions: sentence lengths per group as overlaid step histograms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textplot.fonts import chinese_axes


def textplot_sentence_lengths(
    lengths: pd.DataFrame,
    *,
    group: str = "group",
    value: str = "n_chars",
    bins: int = 30,
    density: bool = True,
    labels: Mapping[str, str] | None = None,
    label_chars: int | None = None,
    max_legend: int = 12,
    title: str | None = None,
    xlabel: str = "sentence length (characters)",
    ylabel: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] = (8, 4),
):
    """Overlaid step histograms of sentence length (``value``) per ``group``.

    Draws a table of sentences with a length column (e.g.
    :func:`bqw_research.textstat.rhetoric.sentence_lengths`) and a group column. All
    groups share the same bins (computed over every sentence); ``density`` scales
    each to area 1, otherwise bars count sentences. ``labels`` maps a group to its
    legend text (cut to ``label_chars`` characters); the legend is left out above
    ``max_legend`` groups. Returns the figure.
    """
    fig, ax = chinese_axes(ax, figsize)
    if lengths.empty:
        ax.text(0.5, 0.5, "no sentences", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    edges = np.histogram_bin_edges(lengths[value], bins=bins)
    n_groups = 0
    for g, part in lengths.groupby(group, sort=True):
        label = str(labels.get(g, g) if labels is not None else g)
        if label_chars is not None and len(label) > label_chars:
            label = label[: label_chars - 1] + "…"
        ax.hist(
            part[value], bins=edges, histtype="step", density=density, linewidth=1.5, label=label
        )
        n_groups += 1
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel or ("density" if density else "sentences"))
    if n_groups <= max_legend:
        ax.legend(fontsize="small")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
