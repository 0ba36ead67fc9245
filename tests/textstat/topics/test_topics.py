"""textstat_topics: seeded NMF/LDA over paragraphs or documents, as tidy tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support.topic_data import THEMES, themed_tokens

from bqw_research.textstat.topics import (
    REPRESENTATIVE_COLUMNS,
    TERM_COLUMNS,
    textstat_topics,
)

THEME_OF = {w: theme for theme, words in THEMES.items() for w in words}


@pytest.fixture(scope="module")
def toks():
    # eight paragraphs per theme: enough for LDA's sampling prior to separate three themes
    return themed_tokens(per_theme=8)


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_each_topic_is_one_theme(toks, method):
    model = textstat_topics(toks.drop(columns="theme"), k=3, method=method, max_df=0.9)
    assert list(model.terms.columns) == TERM_COLUMNS
    themes = set()
    for _, g in model.terms.groupby("topic"):
        top = g.nsmallest(3, "rank")["term"]
        found = {THEME_OF[t] for t in top}
        assert len(found) == 1, top.tolist()
        themes |= found
    assert themes == set(THEMES)


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_paragraph_goes_to_its_theme(toks, method):
    model = textstat_topics(toks.drop(columns="theme"), k=3, method=method, max_df=0.9)
    best = model.shares.loc[model.shares.groupby(["doc_id", "para_id"])["share"].idxmax()]
    truth = toks.drop_duplicates(["doc_id", "para_id"])[["doc_id", "para_id", "theme"]]
    merged = best.merge(truth, on=["doc_id", "para_id"])
    # every topic holds the paragraphs of one theme only
    assert merged.groupby("topic")["theme"].nunique().eq(1).all()
    assert merged["theme"].nunique() == 3


def test_filters_as_frequency_does(toks):
    extra = toks.assign(token=toks["token"].replace({"推动": "2025", "。": "十五五"}))
    model = textstat_topics(
        pd.concat([toks, extra]).drop(columns="theme"), k=3, max_df=1.0, min_docs=1, n_terms=50
    )
    vocab = set(model.terms["term"])
    assert not vocab & {"，", "。", "要", "和", "2025"}  # punctuation, stopwords, numbers gone
    assert "十五五" in vocab  # a lexicon term, kept although it reads as a number


def test_max_df_drops_ubiquitous_terms(toks):
    model = textstat_topics(toks.drop(columns="theme"), k=3, max_df=0.5)
    assert "推动" not in set(model.terms["term"])  # in every paragraph


def test_shares_sum_to_one_and_tables_are_tidy(toks):
    model = textstat_topics(toks.drop(columns="theme"), k=3, min_tokens=3)
    sums = model.shares.groupby(["doc_id", "para_id"])["share"].sum()
    assert np.allclose(sums, 1.0)
    assert model.terms.groupby("topic")["weight"].is_monotonic_decreasing.all()
    assert list(model.representative.columns) == REPRESENTATIVE_COLUMNS
    assert model.representative.groupby("topic").size().tolist() == [3, 3, 3]
    assert model.representative["text"].str.contains("，").all()  # text keeps punctuation


def test_topics_ordered_by_size():
    base = themed_tokens(per_theme=4)
    extra = themed_tokens(per_theme=8)
    extra = extra[extra["theme"] == "乡村"].assign(doc_id=lambda d: "x" + d["doc_id"])
    model = textstat_topics(pd.concat([base, extra]).drop(columns="theme"), k=3, max_df=0.9)
    top1 = model.terms[model.terms["topic"] == 1].nsmallest(1, "rank")["term"].iloc[0]
    assert THEME_OF[top1] == "乡村"


@pytest.mark.parametrize("method", ["nmf", "lda"])
def test_seeded_model_is_deterministic_whatever_the_row_order(toks, method):
    a = textstat_topics(toks, k=3, method=method, seed=7)
    b = textstat_topics(toks.sample(frac=1.0, random_state=1), k=3, method=method, seed=7)
    pd.testing.assert_frame_equal(a.terms, b.terms)
    pd.testing.assert_frame_equal(a.shares, b.shares)


def test_k_capped_by_units_with_note(toks):
    model = textstat_topics(toks, k=50, min_docs=1, max_df=1.0)
    assert model.k == min(model.n_units, model.n_terms) == 19  # 18 theme words and 推动
    assert model.k_requested == 50
    assert "k lowered from 50" in model.note


def test_document_unit_projects_paragraphs(toks):
    docs = themed_tokens(per_theme=6, docs=6)
    model = textstat_topics(docs, k=2, unit="document", min_docs=1, max_df=1.0)
    assert "para_id" not in model.shares.columns
    assert {"doc_id", "para_id"} <= set(model.paragraph_shares.columns)
    assert model.paragraph_shares[["doc_id", "para_id"]].drop_duplicates().shape[0] == 18


@pytest.mark.slow
def test_shipped_corpus_paragraph_topics(seed_corpus):
    from bqw_research import tokens

    model = textstat_topics(tokens(seed_corpus), k=8)
    assert model.k == 8 and model.n_units > 8
    assert model.representative["doc_id"].isin(seed_corpus["doc_id"]).all()


def test_boilerplate_paragraphs_are_left_out_and_listed():
    stories = [
        ["乡村", "振兴", "产业", "乡村", "农民", "增收"],
        ["港口", "航运", "集装箱", "港口", "吞吐量", "航线"],
        ["芯片", "科技", "创新", "芯片", "研发", "人才"],
    ]
    furniture = ["各位", "观众", "晚上好", "欢迎", "收看", "节目"]
    places = ["广州", "深圳", "珠海", "汕头", "佛山", "韶关", "河源", "梅州", "惠州"]
    rows = []
    for d in range(9):  # each story is told once per document, with its own place
        paras = (
            (1, furniture),
            (2, [places[d], *stories[d % 3]]),
            (3, [*stories[(d + 1) % 3], places[d]]),
        )
        for para, words in paras:
            rows += [(f"d{d}", para, 1, i, w) for i, w in enumerate(words)]
    toks = pd.DataFrame(rows, columns=["doc_id", "para_id", "sent_id", "token_id", "token"])
    kept = textstat_topics(toks, k=3, max_df=0.9)
    assert set(kept.boilerplate["para_id"]) == {1} and len(kept.boilerplate) == 9
    assert not set(kept.terms["term"]) & set(furniture)
    raw = textstat_topics(toks, k=3, max_df=1.0, drop_boilerplate=False)
    assert raw.boilerplate.empty
    assert set(raw.terms["term"]) & set(furniture)
