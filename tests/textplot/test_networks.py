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


def labels(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_citation_network_labels_speakers_and_cited_with_their_counts():
    edges = pd.DataFrame(
        {"speaker": ["韦皓", "韦皓", "郭永航"], "cited": ["习近平", "省委", "习近平"]}
    )
    fig = textplot_citation_network(edges)
    texts = labels(fig)
    assert {"(2) 韦皓", "(1) 郭永航", "习近平 (2)", "省委 (1)"} <= set(texts)
    # the most cited authority stands at the top of its column
    ys = {t.get_text(): t.get_position()[1] for t in fig.axes[0].texts}
    assert ys["习近平 (2)"] > ys["省委 (1)"]
    assert ys["(2) 韦皓"] > ys["(1) 郭永航"]
    plt.close(fig)
    fig = textplot_citation_network(edges.iloc[0:0])
    assert "no citation chains found" in labels(fig)
    plt.close(fig)


def test_citation_network_draws_only_the_most_frequent_nodes_and_says_so():
    speakers = [f"讲话人{i:02d}" for i in range(30)]
    edges = pd.DataFrame(
        {"speaker": [s for i, s in enumerate(speakers) for _ in range(30 - i)], "cited": "习近平"}
    )
    fig = textplot_citation_network(edges, max_nodes=5)
    texts = labels(fig)
    assert "(30) 讲话人00" in texts and "(26) 讲话人04" in texts
    assert not any("讲话人05" in t for t in texts)
    assert any(t.startswith("shown: 5 of 30 speakers, 1 of 1 cited") for t in texts)
    plt.close(fig)


def test_citation_network_cuts_long_labels():
    edges = pd.DataFrame(
        {"speaker": ["韦皓"], "cited": ["中共中央关于制定国民经济和社会发展第十五个五年规划的建议"]}
    )
    fig = textplot_citation_network(edges, max_label=8)
    assert "中共中央关于制… (1)" in labels(fig)
    plt.close(fig)
