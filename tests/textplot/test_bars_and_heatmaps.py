"""Bars and heatmaps: grouped bars of rhetoric tables, theme heatmaps."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from bqw_research.textplot import textplot_rhetoric_bars, textplot_theme_heatmap
from bqw_research.textplot.fonts import cjk_font_path, missing_glyphs


def test_rhetoric_bars_keep_category_order_and_missing_bars():
    df = pd.DataFrame(
        {
            "group": ["甲", "甲", "乙"],
            "canonical": ["头号工程", "百千万工程", "头号工程"],
            "n": [4, 2, 1],
        }
    )
    fig = textplot_rhetoric_bars(df, category="canonical", value="n", title="提法")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["头号工程", "百千万工程"]
    assert missing_glyphs(labels, cjk_font_path()) == set()
    bars = [p.get_width() for p in fig.axes[0].patches]
    assert sorted(bars) == [0.0, 1.0, 2.0, 4.0]  # 乙 has no 百千万工程 bar height
    plt.close(fig)


@pytest.mark.parametrize("n_groups", [2, 3, 6])
def test_rhetoric_bars_are_centred_on_their_labels_and_the_legend_is_whole(n_groups):
    titles = [f"人民日报评论员：以全面深化改革开放推动高质量发展（{i}）" for i in range(n_groups)]
    cats = ["百千万工程", "高质量发展", "乡村振兴", "头号工程"]
    df = pd.DataFrame(
        [
            {"group": t, "canonical": c, "v": 1 + i + j}
            for i, c in enumerate(cats)
            for j, t in enumerate(titles)
        ]
    )
    fig = textplot_rhetoric_bars(df, category="canonical", value="v")
    ax = fig.axes[0]
    ticks = dict(zip([t.get_text() for t in ax.get_yticklabels()], ax.get_yticks(), strict=True))
    # patches come group by group, each with one bar per category in category order
    centres = np.array([p.get_y() + p.get_height() / 2 for p in ax.patches])
    centres = centres.reshape(n_groups, len(cats))
    for i, c in enumerate(cats):
        assert centres[:, i].mean() == pytest.approx(ticks[c])  # the bars straddle their label
        assert np.ptp(centres[:, i]) < 0.8  # and stay within the category's band
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == sorted(titles)  # whole titles, one per line
    plt.close(fig)


def test_theme_heatmap_rows_in_region_order():
    scores = pd.DataFrame(
        {
            "group": ["粤东", "珠三角"],
            "kind": ["region", "region"],
            "theme": ["industry", "industry"],
            "theme_zh": ["产业", "产业"],
            "n": [1, 2],
            "chars": [10, 30],
            "per_10k": [1000.0, 666.7],
        }
    )
    ax = textplot_theme_heatmap(scores, kind="region")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["珠三角", "粤东"]
    plt.close(ax.figure)


def test_draw_matrix_lays_cells_out_as_imshow_would():
    """Cell (i, j) centred on x = j, y = i, row 0 on top; NaN cells blank; no image."""
    import numpy as np

    from bqw_research.textplot.heatmaps import draw_matrix

    values = np.array([[0.1, 0.5, np.nan], [0.9, 0.3, 0.7]])
    fig, ax = plt.subplots()
    try:
        mesh = draw_matrix(ax, values, cmap="viridis", vmin=0.0, vmax=1.0)
        assert ax.get_xlim() == (-0.5, 2.5) and ax.get_ylim() == (1.5, -0.5)
        drawn = mesh.get_array()
        assert drawn.shape == (2, 3) and bool(drawn.mask[0, 2]) and not drawn.mask[1].any()
        assert mesh.norm.vmin == 0.0 and mesh.norm.vmax == 1.0
        assert len(ax.images) == 0
    finally:
        plt.close(fig)
