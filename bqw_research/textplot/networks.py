"""Networks: city pairings (a region-grouped circle) and citation chains (speaker → cited)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd

from bqw_research.textplot.fonts import chinese_axes
from bqw_research.textplot.maps import REGION_COLORS
from bqw_research.textstat.regions import city_order, divisions


def circle_positions(names: list[str]) -> dict[str, tuple[float, float]]:
    """Positions on a unit circle, first name at the top, clockwise (fixed by the order)."""
    angle = {c: math.pi / 2 - 2 * math.pi * i / max(1, len(names)) for i, c in enumerate(names)}
    return {c: (math.cos(a), math.sin(a)) for c, a in angle.items()}


def draw_arrow(
    ax: Any,
    start: tuple[float, float],
    end: tuple[float, float],
    *,
    lw: float,
    shrink: float,
    **options: Any,
) -> None:
    """A curved grey arrow ``start → end`` of width ``lw`` (the networks' directed edges)."""
    ax.annotate(
        "",
        xy=end,
        xytext=start,
        arrowprops={
            "arrowstyle": "-|>",
            "lw": lw,
            "color": "#555555",
            "alpha": 0.7,
            "shrinkA": shrink,
            "shrinkB": shrink,
            "connectionstyle": "arc3,rad=0.12",
        },
        **options,
    )


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
    pos = circle_positions(nodes)
    wmax = float(edges["weight"].max()) if len(edges) else 1.0
    for s, t, w in zip(
        edges.get("source", []), edges.get("target", []), edges.get("weight", []), strict=True
    ):
        if s in pos and t in pos:
            (x1, y1), (x2, y2) = pos[s], pos[t]
            if directed:
                draw_arrow(ax, (x1, y1), (x2, y2), lw=1 + 4 * w / wmax, shrink=9, zorder=1)
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
    figsize: tuple[float, float] | None = None,
    max_nodes: int = 15,
    max_label: int = 14,
):
    """Citation chains as a two-column chart: speakers (left) → cited authorities (right).

    ``edges`` has one row per chain (``speaker, cited``); the line width follows how
    often a speaker cites an authority. Only the ``max_nodes`` speakers and the
    ``max_nodes`` authorities with most chains are drawn (ranked by count, then name:
    the same table gives the same figure); a note under the chart says how many of how
    many are shown — the whole table is the notebook's ``03_citation_chains``. Each
    column is sorted by count, so the most cited authority stands at the top; labels
    longer than ``max_label`` characters are cut with "…". Returns the figure.
    """
    n_rows = 1
    if not edges.empty:
        w = edges.groupby(["speaker", "cited"]).size().reset_index(name="n")
        speakers = _ranked(w, "speaker", max_nodes)  # name → all its chains, most first
        cited = _ranked(w, "cited", max_nodes)
        n_rows = max(len(speakers), len(cited), 1)
    size = figsize or (8.0, max(3.0, 0.42 * n_rows + 1.6))
    fig, ax = chinese_axes(ax, size)
    ax.set_axis_off()
    if edges.empty:
        ax.text(
            0.5, 0.5, "no citation chains found", ha="center", va="center", transform=ax.transAxes
        )
        return fig
    y_speaker, y_cited = _spread(speakers.index, n_rows), _spread(cited.index, n_rows)
    shown = w[w["speaker"].isin(y_speaker) & w["cited"].isin(y_cited)]
    top = float(shown["n"].max()) if len(shown) else 1.0
    for rec in shown.sort_values(["n", "speaker", "cited"], kind="mergesort").itertuples(
        index=False
    ):
        ax.annotate(
            "",
            xy=(0.72, y_cited[rec.cited]),
            xytext=(0.28, y_speaker[rec.speaker]),
            arrowprops={
                "arrowstyle": "-|>",
                "lw": 0.6 + 3.4 * rec.n / top,
                "color": "#7a7a7a",
                "alpha": 0.35 + 0.5 * rec.n / top,
                "shrinkA": 2,
                "shrinkB": 2,
            },
        )
    for totals, ys, x, ha, colour in (
        (speakers, y_speaker, 0.27, "right", "#e0ecf4"),
        (cited, y_cited, 0.73, "left", "#fde0dd"),
    ):
        for name, total in totals.items():
            label = name if len(name) <= max_label else name[: max_label - 1] + "…"
            ax.text(
                x,
                ys[name],
                f"{label} ({int(total)})" if ha == "left" else f"({int(total)}) {label}",
                ha=ha,
                va="center",
                fontsize=9,
                bbox={"boxstyle": "round,pad=0.25", "fc": colour, "ec": "none"},
            )
    ax.text(0.27, n_rows - 0.2, "讲话者 speaker", ha="right", va="bottom", fontsize=10)
    ax.text(0.73, n_rows - 0.2, "被引用 cited", ha="left", va="bottom", fontsize=10)
    n_s, n_c = w["speaker"].nunique(), w["cited"].nunique()
    ax.text(
        0.5,
        -0.9,
        f"shown: {len(speakers)} of {n_s} speakers, {len(cited)} of {n_c} cited authorities, "
        f"{int(shown['n'].sum())} of {int(w['n'].sum())} chains (counts in brackets: all chains)",
        ha="center",
        va="top",
        fontsize=8,
        color="#555555",
    )
    ax.set_xlim(-0.25, 1.25)
    ax.set_ylim(-1.3, n_rows + 0.4)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def _ranked(w: pd.DataFrame, column: str, n: int) -> pd.Series:
    """The ``n`` values of ``column`` with most chains (ties by name) → their chains."""
    totals = w.groupby(column)["n"].sum().reset_index()
    totals = totals.sort_values(["n", column], ascending=[False, True], kind="mergesort")
    top = totals.head(n)
    return pd.Series(top["n"].to_numpy(), index=top[column].astype(str).to_numpy())


def _spread(names: Iterable[str], n_rows: int) -> dict[str, float]:
    """Heights of a column's labels, first at the top, spread over ``n_rows`` rows."""
    names = list(names)
    last = max(len(names) - 1, 1)
    return {name: n_rows - 1 - i * (n_rows - 1) / last for i, name in enumerate(names)}
