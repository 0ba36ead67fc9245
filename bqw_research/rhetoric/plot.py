"""Plots of the rhetoric tables (they only draw what they are given)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def _axes(ax: Any, figsize: tuple[float, float]):
    if ax is None:
        import matplotlib.pyplot as plt

        from bqw_research.fonts import setup_matplotlib

        setup_matplotlib()
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


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
    fig, ax = _axes(ax, figsize)
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


def textplot_sentence_lengths(
    lengths: pd.DataFrame,
    *,
    group: str = "group",
    bins: int = 30,
    title: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] = (8, 4),
):
    """Overlaid step histograms of sentence length (``n_chars``) per group, as densities."""
    fig, ax = _axes(ax, figsize)
    if lengths.empty:
        ax.text(0.5, 0.5, "no sentences", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    edges = np.histogram_bin_edges(lengths["n_chars"], bins=bins)
    for g, part in lengths.groupby(group, sort=True):
        ax.hist(
            part["n_chars"], bins=edges, histtype="step", density=True, linewidth=1.5, label=str(g)
        )
    ax.set_xlabel("sentence length (characters)")
    ax.set_ylabel("density")
    ax.legend(fontsize="small")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def textplot_citation_network(
    edges: pd.DataFrame,
    *,
    title: str | None = None,
    ax: Any = None,
    figsize: tuple[float, float] = (7, 6),
    seed: int = 4,
):
    """Citation chains as a directed graph (speaker → cited), edge width = count.

    Layout: cited authorities on an inner circle, speakers on an outer circle, each in
    sorted order (deterministic; ``seed`` only breaks exact ties in jitter).
    """
    fig, ax = _axes(ax, figsize)
    ax.set_axis_off()
    if edges.empty:
        ax.text(
            0.5, 0.5, "no citation chains found", ha="center", va="center", transform=ax.transAxes
        )
        return fig
    w = edges.groupby(["speaker", "cited"]).size().reset_index(name="n")
    cited = sorted(set(w["cited"]))
    speakers = sorted(set(w["speaker"]) - set(cited))
    pos = {}
    for ring, names in ((0.35, cited), (1.0, speakers)):
        for k, name in enumerate(names):
            a = 2 * np.pi * k / max(len(names), 1) + (0.3 if ring == 1.0 else 0.0)
            pos[name] = (ring * np.cos(a), ring * np.sin(a))
    rng = np.random.default_rng(seed)
    for name in pos:
        x, y = pos[name]
        pos[name] = (x + rng.uniform(-1e-3, 1e-3), y)
    top = w["n"].max()
    for rec in w.itertuples(index=False):
        (x0, y0), (x1, y1) = pos[rec.speaker], pos[rec.cited]
        ax.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            arrowprops={
                "arrowstyle": "->",
                "lw": 0.5 + 3 * rec.n / top,
                "color": "#888888",
                "alpha": 0.7,
            },
        )
    for name, (x, y) in pos.items():
        is_cited = name in cited
        ax.text(
            x,
            y,
            name,
            ha="center",
            va="center",
            fontsize=9 if is_cited else 8,
            bbox={"boxstyle": "round", "fc": "#fde0dd" if is_cited else "#e0ecf4", "ec": "none"},
        )
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.2, 1.2)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig
