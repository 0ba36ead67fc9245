"""Reuse figures: the network (outlets, cities) and the lag histogram draw, also when empty."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from bqw_research.textplot import textplot_reuse_lags, textplot_reuse_network

NETWORK = pd.DataFrame(
    {
        "group": ["outlet", "outlet"],
        "source_group": ["南方日报", "南方日报"],
        "echo_group": ["汕头日报", "南方日报"],
        "n_passages": [3, 1],
        "n_doc_pairs": [2, 1],
        "median_lag_days": [4.0, 1.0],
    }
)


def texts(fig) -> str:
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


@pytest.mark.parametrize(
    ("network", "expected"),
    [
        (NETWORK, "汕头日报"),
        (NETWORK.assign(group="city", source_group="广州市", echo_group="汕头市"), "汕头"),
        (NETWORK.iloc[:0], "没有发现文章之间的文本复用"),
    ],
)
def test_network_draws_its_groups(network, expected):
    fig = textplot_reuse_network(network)
    assert expected in texts(fig)
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize(
    ("lags", "title"), [([1.0, 4.0, None], "2 段；1 段缺少日期"), ([], "0 段")]
)
def test_lag_histogram_counts_passages(lags, title):
    fig = textplot_reuse_lags(pd.DataFrame({"lag_days": pd.Series(lags, dtype=float)}))
    assert title in fig.axes[0].get_title()
    matplotlib.pyplot.close(fig)


def test_arrow_widths_follow_the_edges_not_a_groups_own_reuse():
    """A group's own reuse is a number beside its node: a large one leaves the arrows' widths alone."""
    network = pd.DataFrame(
        {
            "group": "outlet",
            "source_group": ["（未知）", "南方日报", "南方日报"],
            "echo_group": ["（未知）", "汕头日报", "新华社"],
            "n_passages": [1323, 8, 2],
            "n_doc_pairs": [900, 5, 2],
            "median_lag_days": [1.0, 4.0, 2.0],
        }
    )
    fig = textplot_reuse_network(network)
    arrows = [t.arrow_patch for t in fig.axes[0].texts if getattr(t, "arrow_patch", None)]
    widths = sorted(a.get_linewidth() for a in arrows)
    assert widths == pytest.approx([0.8 + 4 * 2 / 8, 0.8 + 4.0])
    assert "（自身 1323）" in texts(fig)
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize(
    ("template", "labels"),
    [
        ([False, True, True], ["原文照用", "模板（替换日期、数字、名称）"]),
        ([False, False, False], []),
    ],
)
def test_lag_histogram_stacks_templates_when_there_are_any(template, labels):
    reuse = pd.DataFrame({"lag_days": [1.0, 4.0, None], "template": template})
    fig = textplot_reuse_lags(reuse)
    legend = fig.axes[0].get_legend()
    shown = [t.get_text() for t in legend.get_texts()] if legend else []
    assert shown == labels
    matplotlib.pyplot.close(fig)
