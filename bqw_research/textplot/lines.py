"""Lines: measures over an ordered group (months), one small panel per measure."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from bqw_research.textplot.fonts import setup_matplotlib


def textplot_measure_series(
    profile: pd.DataFrame,
    measures: Sequence[str],
    *,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
):
    """One panel per measure of a long profile table (``group, measure, value``), groups in
    sorted order on the x axis (e.g. ``YYYY-MM`` months). Returns the figure."""
    import matplotlib.pyplot as plt

    setup_matplotlib()
    fig, axes = plt.subplots(
        1, len(measures), figsize=figsize or (4 * len(measures), 3.2), sharex=True, squeeze=False
    )
    for ax, m in zip(axes[0], measures, strict=True):
        part = profile[profile["measure"] == m].sort_values("group")
        ax.plot(part["group"], part["value"], marker="o")
        ax.set_title(m)
        ax.tick_params(axis="x", rotation=60)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig
