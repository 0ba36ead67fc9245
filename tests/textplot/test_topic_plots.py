"""Topic figures: small multiples of top terms and the topic-share heatmap, Chinese-ready."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from support.topic_data import themed_tokens

from bqw_research.textplot import textplot_topic_shares, textplot_topic_terms
from bqw_research.textplot.fonts import cjk_font_path, missing_glyphs
from bqw_research.textstat.topics import textstat_topic_shares, textstat_topics


@pytest.fixture(scope="module")
def model():
    return textstat_topics(themed_tokens(), k=3, max_df=0.9)


def png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=50, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


@pytest.mark.parametrize("n", [3, 5])
def test_topic_terms_one_panel_per_topic_in_rank_order(model, n):
    fig = textplot_topic_terms(model.terms, n=n, ncols=2)
    panels = [ax for ax in fig.axes if ax.axison]
    assert [ax.get_title() for ax in panels] == ["主题 1", "主题 2", "主题 3"]
    first = [t.get_text() for t in panels[0].get_yticklabels()]
    expected = model.terms[model.terms.topic == 1].nsmallest(n, "rank")["term"].tolist()
    assert first == expected
    assert missing_glyphs(first, cjk_font_path()) == set()
    plt.close(fig)


def test_topic_shares_heatmap_cells_and_labels(model):
    shares = textstat_topic_shares(
        model, group=pd.Series({"d0": "江门", "d1": "茂名", "d2": "江门"})
    )
    fig = textplot_topic_shares(shares)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["江门", "茂名"]
    xlabels = [t.get_text() for t in ax.get_xticklabels()]
    assert xlabels[0] == f"1 {model.labels[1]}"
    cells = [t.get_text() for t in ax.texts]
    assert len(cells) == 6
    assert missing_glyphs(xlabels, cjk_font_path()) == set()
    plt.close(fig)


def test_figures_are_deterministic(model):
    shares = textstat_topic_shares(model, group=None)
    assert png(textplot_topic_terms(model.terms)) == png(textplot_topic_terms(model.terms))
    assert png(textplot_topic_shares(shares)) == png(textplot_topic_shares(shares))


@pytest.mark.parametrize("plot", [textplot_topic_terms, textplot_topic_shares])
def test_empty_tables_draw_a_message(plot):
    empty = pd.DataFrame(columns=["group", "topic", "label", "share", "term", "weight", "rank"])
    fig = plot(empty)
    assert any("没有" in t.get_text() for ax in fig.axes for t in ax.texts)
    plt.close(fig)
