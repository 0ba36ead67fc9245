"""Integration: the rhetoric measures on the shipped corpus and on ../shared/corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research import corpus_emphasis, tokens
from bqw_research.textstat import rhetoric as rh
from bqw_research.textstat.concordance import kwic, kwic_html

COMMENTARY = "001_c6905cedc614910f"
ROUNDUP = "000_ad59bfa3dca04c59"


def test_slogans_on_seed_corpus(seed_corpus):
    out = rh.textstat_slogans(seed_corpus, group="doc_id").set_index(["group", "canonical"])
    # 头号工程 occurs 5 times in the commentary file, once in its heading (not body text)
    assert out.loc[(COMMENTARY, "头号工程"), "n"] == 4
    # “兴业、强县、富民” twice in the round-up (黄坤明's words and 茂名's meeting)
    assert out.loc[(ROUNDUP, "兴业、强县、富民"), "n"] == 2
    assert out.loc[(ROUNDUP, "头号工程"), "n"] == 0


def test_metaphors_and_parallelism_on_seed_corpus(seed_corpus):
    met = rh.textstat_metaphors(seed_corpus, group="doc_id")
    terms = met[met["group"] == COMMENTARY].set_index("term")["n"]
    assert terms["鼓声"] == 3 and terms["战鼓"] == 1 and terms["进击"] == 1 and terms["鼓点"] == 1
    runs = rh.parallelism_runs(seed_corpus)
    items = set(runs["items"])
    assert "县强起来 | 镇旺起来 | 村富起来美起来" in items
    assert "这就更需思想再统一 | 学习再对标 | 行动再加力" in items
    # strict rule (codebook v1): word-level members and four-character series without an
    # anchor are not 排比
    assert "真正动起来 | 紧起来 | 快起来" not in items
    assert "深化研究 | 大胆试验 | 扎实推进" not in items


def test_citations_on_seed_corpus(seed_corpus):
    acts = rh.textstat_citations(seed_corpus, group="doc_id")
    speakers = set(acts.loc[acts["group"] == ROUNDUP, "speaker"])
    assert {"黄坤明", "郭永航", "韦皓", "何国森", "殷昭举"} <= speakers
    assert "会议" not in speakers  # a bare 会议 is never a speaker: it names its meeting
    assert any(s.endswith("市委常委会") for s in speakers)
    edges = rh.citation_chains(seed_corpus)
    assert ((edges["speaker"] == "殷昭举") & (edges["cited"] == "习近平")).any()


def test_kwic_and_salience_on_seed_corpus(seed_corpus):
    kw = kwic(seed_corpus, "头号工程", window=10)
    assert len(kw) == 4 and set(kw["doc_id"]) == {COMMENTARY}
    assert "<mark>头号工程</mark>" in kwic_html(kw)
    sal = rh.textstat_salience(tokens(seed_corpus), corpus_emphasis(seed_corpus), k=10)
    # only the round-up carries red key-term markup
    assert set(sal["doc_id"]) == {ROUNDUP}
    assert set(sal["method"]) == {"keyness", "tfidf", "textrank"}
    assert sal["precision_at_k"].between(0, 1).all()


@pytest.mark.shared_corpus
def test_measures_run_on_shared_corpus(shared_corpus):
    sents = rh.sentence_lengths(shared_corpus)
    assert len(sents) > 1000
    first = rh.slogans_first_appearance(shared_corpus).set_index("canonical")
    # the government work report (2025-01-15) is the earliest dated article
    assert first.loc["百千万工程", "doc_id"] == "2025年广东省政府工作报告"
    quoted = rh.textstat_quoted(shared_corpus)
    assert quoted.iloc[0]["phrase"] == "百千万工程"
    formulae = rh.textstat_numeric_formulae(shared_corpus)
    assert "1310" in set(formulae["formula"])
    directives = rh.textstat_directives(shared_corpus, group="genre")
    assert directives.groupby("group")["share_sentences"].sum().round(9).eq(1.0).all()
    fc = rh.textstat_formulaic(shared_corpus)
    assert fc["formulaic_share"].between(0, 1).all() and (fc["formulaic_share"] > 0).any()
    assert isinstance(rh.textstat_templates(shared_corpus), pd.DataFrame)
