"""Networks: city pairings (a region-grouped circle) and citation chains (speaker → cited)."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textplot.fonts import chinese_axes
from bqw_research.textplot.maps import REGION_COLORS
from bqw_research.textstat.regions import city_order, divisions


def textplot_pairing_network(
    edges: pd.DataFrame,
    *,
    ax: Any = None,
    all_cities: bool = True,
    directed: bool = False,
    title: str = "城市间帮扶与协作关系（文本中出现的）",
    empty_text: str = "文本中没有发现城市间的帮扶或协作关系",
) -> Any:
    """Draw a city network from :func:`pairing_edges` (a region-grouped circle).

    Nodes sit on a circle ordered by region and code (deterministic); edge width
    follows ``weight``. With ``all_cities`` every one of the 21 cities is drawn, so
    that absent links are visible too. ``directed`` draws arrows ``source → target``
    (who visits whom: :func:`bqw_research.textstat.events.event_visits`). Returns the
    matplotlib Axes.
    """
    from matplotlib.lines import Line2D

    _, ax = chinese_axes(ax, (7.5, 7.5))
    region_of = dict(zip(divisions()["city"], divisions()["region"], strict=False))
    nodes = city_order()
    if not all_cities:
        used = set(edges["source"]) | set(edges["target"]) if len(edges) else set()
        nodes = [c for c in nodes if c in used]
    angle = {c: math.pi / 2 - 2 * math.pi * i / max(1, len(nodes)) for i, c in enumerate(nodes)}
    pos = {c: (math.cos(a), math.sin(a)) for c, a in angle.items()}
    wmax = float(edges["weight"].max()) if len(edges) else 1.0
    for s, t, w in zip(
        edges.get("source", []), edges.get("target", []), edges.get("weight", []), strict=True
    ):
        if s in pos and t in pos:
            (x1, y1), (x2, y2) = pos[s], pos[t]
            if directed:
                ax.annotate(
                    "",
                    xy=(x2, y2),
                    xytext=(x1, y1),
                    arrowprops={
                        "arrowstyle": "-|>",
                        "lw": 1 + 4 * w / wmax,
                        "color": "#555555",
                        "alpha": 0.7,
                        "shrinkA": 9,
                        "shrinkB": 9,
                        "connectionstyle": "arc3,rad=0.12",
                    },
                    zorder=1,
                )
            else:
                ax.plot(
                    [x1, x2], [y1, y2], color="#555555", alpha=0.6, lw=1 + 4 * w / wmax, zorder=1
                )
    degree = Counter()
    for s, t in zip(edges.get("source", []), edges.get("target", []), strict=True):
        degree[s] += 1
        degree[t] += 1
    for c in nodes:
        x, y = pos[c]
        ax.scatter(
            [x],
            [y],
            s=120 + 80 * degree[c],
            color=REGION_COLORS[region_of[c]],
            zorder=2,
            edgecolor="white",
        )
        ax.text(1.15 * x, 1.15 * y, c.removesuffix("市"), ha="center", va="center", fontsize=10)
    handles = [
        Line2D([], [], marker="o", ls="", color=col, label=r) for r, col in REGION_COLORS.items()
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False)
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title)
    if edges.empty:
        ax.text(0, 0, empty_text, ha="center", va="center")
    return ax


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
    fig, ax = chinese_axes(ax, figsize)
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
