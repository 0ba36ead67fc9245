"""textplot_simil_heatmap: similar documents side by side, deterministic, Chinese labels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from bqw_research.textplot import simil_order, textplot_simil_heatmap
from bqw_research.textplot.fonts import cjk_font_path, missing_glyphs
from bqw_research.textplot.simil import simil_matrix

# two clusters: 甲乙丙 close to each other, 丁戊 close to each other
PAIRS = pd.DataFrame(
    [
        ("丁", "乙", 0.05),
        ("丁", "丙", 0.1),
        ("丁", "戊", 0.9),
        ("丁", "甲", 0.0),
        ("丙", "乙", 0.7),
        ("丙", "戊", 0.1),
        ("丙", "甲", 0.8),
        ("乙", "戊", 0.0),
        ("乙", "甲", 0.75),
        ("戊", "甲", 0.05),
    ],
    columns=["doc_a", "doc_b", "similarity"],
)


def test_order_puts_each_cluster_together_and_is_deterministic():
    order = simil_order(simil_matrix(PAIRS))
    assert set(order[:2]) == {"丁", "戊"} or set(order[-2:]) == {"丁", "戊"}
    assert simil_order(simil_matrix(PAIRS.sample(frac=1, random_state=3))) == order


def test_heatmap_draws_labels_in_that_order_with_cjk_glyphs():
    labels = {d: f"文章{d}" for d in "甲乙丙丁戊"}
    fig = textplot_simil_heatmap(PAIRS, labels=labels)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == [labels[d] for d in simil_order(simil_matrix(PAIRS))]
    assert missing_glyphs(ticks, cjk_font_path()) == set()
    # drawn as a mesh of cells (not an image resampled to the figure's pixels)
    cells = fig.axes[0].collections[0].get_array()
    assert cells.shape == (5, 5) and float(cells.max()) == 1.0
    assert len(fig.axes[0].images) == 0
    plt.close(fig)


def test_matrix_keeps_the_most_connected_documents():
    m = simil_matrix(PAIRS, max_docs=3)
    assert list(m.index) == sorted(["丙", "甲", "乙"])
    assert (m.values == m.values.T).all()
