"""textstat_dictionary: counts, rates per 10,000 Han characters, sentence shares, per group."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.dictionary import DICTIONARY_SCORE_COLUMNS, textstat_dictionary
from bqw_research.textstat.rhetoric.common import unit_chars

UNITS = [
    ["要", "积极", "增创新", "优势"],  # 8 Han
    ["推动", "科技创新", "和", "产业", "创新"],  # 11 Han
    ["建设", "产业", "转移", "合作园", "和", "产业链", "、", "主导产业"],  # 17 Han
]
TOKS = pd.DataFrame(
    [
        {
            "doc_id": "d1" if s < 3 else "d2",
            "para_id": 1,
            "sent_id": s,
            "token_id": i + 1,
            "token": t,
        }
        for s, u in enumerate(UNITS, start=1)
        for i, t in enumerate(u)
    ]
)
DIC = {"ind": {"label": "产业", "terms": ["产业*"]}, "inn": ["创新"]}
GROUPS = {"d1": "甲", "d2": "乙"}


@pytest.mark.parametrize(
    ("on", "whole_word", "n"),
    [
        # 产业* : 产业 | 产业 产业链 ; 创新 : the token 创新 only (科技创新 is one word)
        ("tokens", True, {("甲", "ind"): 1, ("甲", "inn"): 1, ("乙", "ind"): 2, ("乙", "inn"): 0}),
        ("text", True, {("甲", "ind"): 1, ("甲", "inn"): 1, ("乙", "ind"): 2, ("乙", "inn"): 0}),
        # substrings: 创新 in 增创新, 科技创新, 创新; 产业* runs on over Han characters
        ("text", False, {("甲", "ind"): 1, ("甲", "inn"): 3, ("乙", "ind"): 2, ("乙", "inn"): 0}),
    ],
)
def test_scores_are_hand_computed(on, whole_word, n):
    out = textstat_dictionary(TOKS, DIC, group=GROUPS, on=on, whole_word=whole_word)
    assert list(out.columns) == DICTIONARY_SCORE_COLUMNS
    got = out.set_index(["group", "category"])
    assert got["n"].to_dict() == n
    chars = {"甲": 19, "乙": 17}
    for (g, c), k in n.items():
        row = got.loc[(g, c)]
        assert row["han_chars"] == chars[g]
        assert row["per_10k_han"] == pytest.approx(k * 10_000 / chars[g])
    assert got.loc[("甲", "ind"), "share_sentences"] == pytest.approx(1 / 2)
    assert got.loc[("乙", "ind"), "share_sentences"] == pytest.approx(1.0)
    assert got.loc[("乙", "inn"), ["n_docs", "share_sentences"]].tolist() == [0, 0.0]
    assert got.loc[("甲", "ind"), ["sentences", "docs", "label"]].tolist() == [2, 1, "产业"]


def test_scores_per_document_and_for_all():
    per_doc = textstat_dictionary(TOKS, DIC, group="doc_id")
    assert per_doc["group"].unique().tolist() == ["d1", "d2"]
    total = textstat_dictionary(TOKS, DIC).set_index("category")
    assert total["n"].to_dict() == per_doc.groupby("category")["n"].sum().to_dict()
    assert total.loc["ind", "n_docs"] == 2 and total.loc["ind", "docs"] == 2


def test_bad_on_is_refused():
    with pytest.raises(ValueError, match="on must be 'tokens' or 'text'"):
        textstat_dictionary(TOKS, DIC, on="chars")


def test_corpus_by_genre_with_the_shipped_themes(seed_corpus):
    from bqw_research import corpus_sentences

    out = textstat_dictionary(seed_corpus, "themes", group="genre", on="text")
    sents = corpus_sentences(seed_corpus)
    assert sorted(out["group"].unique()) == sorted(seed_corpus["genre"].unique())
    assert out["category"].nunique() == 9
    sizes = out.drop_duplicates("group")
    assert sizes["sentences"].sum() == len(sents)
    assert sizes["han_chars"].sum() == unit_chars(sents).sum()
    assert (out["n_docs"] <= out["docs"]).all() and out["n"].sum() > 0
    with pytest.raises(KeyError, match="group column 'county'"):
        textstat_dictionary(seed_corpus, "themes", group="county")
