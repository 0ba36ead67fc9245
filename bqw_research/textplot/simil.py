"""Similarity heatmap: the pairs of :func:`bqw_research.textstat.textstat_simil`, ordered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textplot.fonts import chinese_axes
from bqw_research.textplot.heatmaps import draw_matrix

__all__ = ["simil_matrix", "simil_order", "textplot_simil_heatmap"]


def simil_matrix(simil: pd.DataFrame, *, max_docs: int = 40) -> pd.DataFrame:
    """The square, symmetric matrix of a similarity table (1 on the diagonal, 0 for absent pairs).

    With more than ``max_docs`` documents, the ``max_docs`` with the highest summed
    similarity are kept (ties by name), so a figure stays legible.
    """
    both = pd.concat(
        [simil, simil.rename(columns={"doc_a": "doc_b", "doc_b": "doc_a"})], ignore_index=True
    )
    wide = both.pivot_table(index="doc_a", columns="doc_b", values="similarity", aggfunc="max")
    docs = sorted(set(wide.index) | set(wide.columns))
    values = wide.reindex(index=docs, columns=docs).fillna(0.0).to_numpy(dtype=float, copy=True)
    np.fill_diagonal(values, 1.0)
    wide = pd.DataFrame(values, index=docs, columns=docs)
    if len(docs) > max_docs:
        total = pd.DataFrame({"d": docs, "s": values.sum(axis=1)})
        keep = total.sort_values(["s", "d"], ascending=[False, True])["d"].head(max_docs)
        wide = wide.loc[sorted(keep), sorted(keep)]
    return wide


def simil_order(matrix: pd.DataFrame) -> list[str]:
    """Documents ordered by their score on the matrix's first principal component.

    Similar documents have close scores, so they sit side by side (a clustering order
    without scipy, which is not a declared dependency). Deterministic: the component's
    sign is fixed (its largest loading positive) and ties are broken by name.
    """
    values = matrix.to_numpy(dtype=float)
    if len(values) < 3:
        return list(matrix.index)
    centred = values - values.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    score = u[:, 0] * s[0]
    if score[np.argmax(np.abs(score))] < 0:
        score = -score
    score = np.round(score, 12)
    return [d for _, d in sorted(zip(score.tolist(), matrix.index, strict=True))]


def textplot_simil_heatmap(
    simil: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    max_docs: int = 40,
    ax: Any = None,
    cmap: str = "viridis",
    title: str = "文档相似度（TF-IDF 余弦）",
) -> Any:
    """Heatmap of a :func:`textstat_simil` table, similar documents next to each other.

    ``labels`` maps a ``doc_id`` to the text shown (e.g. shortened titles); at most
    ``max_docs`` documents are drawn (see :func:`simil_matrix`). Rows and columns follow
    :func:`simil_order`. Returns the matplotlib Figure.
    """
    matrix = simil_matrix(simil, max_docs=max_docs)
    size = max(4.0, 0.35 * len(matrix) + 2.5)
    fig, ax = chinese_axes(ax, (size + 1.5, size))
    if matrix.empty:
        ax.text(0.5, 0.5, "没有可比较的文档", ha="center", va="center")
        ax.set_axis_off()
        return fig
    order = simil_order(matrix)
    matrix = matrix.loc[order, order]
    names = [str((labels or {}).get(d, d)) for d in order]
    im = draw_matrix(
        ax, matrix.to_numpy(dtype=float), cmap=cmap, vmin=0.0, vmax=1.0, aspect="equal"
    )
    ax.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    fig.colorbar(im, ax=ax, label="相似度")
    ax.set_title(title)
    fig.tight_layout()
    return fig
