"""Networks: city pairings and citation chains, drawn from the tables they are given."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from bqw_research.textplot import textplot_citation_network, textplot_pairing_network


def test_pairing_network_draws_one_line_per_edge():
    edges = pd.DataFrame({"source": ["佛山市"], "target": ["茂名市"], "weight": [2]})
    ax = textplot_pairing_network(edges)
    assert len(ax.lines) == 1
    plt.close(ax.figure)
    ax = textplot_pairing_network(edges.iloc[0:0])
    assert len(ax.lines) == 0
    plt.close(ax.figure)


def test_citation_network_labels_speakers_and_cited():
    edges = pd.DataFrame({"speaker": ["韦皓", "韦皓"], "cited": ["习近平", "省委"]})
    fig = textplot_citation_network(edges)
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"韦皓", "习近平", "省委"} <= texts
    plt.close(fig)
    fig = textplot_citation_network(edges.iloc[0:0])
    assert "no citation chains found" in {t.get_text() for t in fig.axes[0].texts}
    plt.close(fig)
