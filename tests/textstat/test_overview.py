"""Overview statistics against hand-computed values."""

import pandas as pd

from bqw_research.textstat.overview import (
    textstat_cleaning,
    textstat_emphasis,
    textstat_emphasised_terms,
    textstat_overview,
)


def _tables():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "n_chars": [12, 5]})
    paragraphs = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "para_id": [1, 2, 1], "text": ["x", "y", "z"]}
    )
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "text": ["一二三。", "一二。", "一二三四五六。", "甲乙丙丁。"],
        }
    )
    toks = pd.DataFrame(
        {
            "doc_id": ["a"] * 6 + ["b"] * 2,
            "token": ["县", "镇", "县", "。", "村", "。", "甲乙", "。"],
        }
    )
    return corpus, paragraphs, sentences, toks


def test_textstat_overview_hand_computed():
    out = textstat_overview(*_tables())
    assert list(out.columns) == ["group", "measure", "value"]
    wide = out.pivot(index="group", columns="measure", values="value")
    assert wide.loc["a", "paragraphs"] == 2 and wide.loc["a", "sentences"] == 3
    assert wide.loc["a", "tokens"] == 6 and wide.loc["a", "word_types"] == 4
    assert wide.loc["a", "mean_sentence_chars"] == round((4 + 3 + 7) / 3, 1)
    assert wide.loc["a", "tokens_per_sentence"] == 2.0
    assert wide.loc["(all)", "characters"] == 17 and wide.loc["(all)", "word_types"] == 5
    assert wide.loc["(all)", "tokens_per_sentence"] == 2.0


def test_textstat_cleaning_sums_by_kind():
    rep = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "kind": ["rule", "furniture", "rule"],
            "n": [2, 1, 3],
            "example": ["---", "x", "---"],
        }
    )
    out = textstat_cleaning(rep)
    assert out[["kind", "n", "documents"]].values.tolist() == [["rule", 5, 2], ["furniture", 1, 1]]
    assert textstat_cleaning(rep.iloc[0:0]).empty


def test_emphasis_tables():
    em = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "para_id": [1, 1, 2, 1],
            "kind": ["key_term", "key_term", "bold", "key_term"],
            "text": ["“百千万工程”", "百千万工程", "郭永航", "县域"],
        }
    )
    per = textstat_emphasis(em)
    assert per.values.tolist() == [
        ["a", "bold", 1, 1, 3],
        ["a", "key_term", 2, 2, 12],
        ["b", "key_term", 1, 1, 2],
    ]
    terms = textstat_emphasised_terms(em)
    assert terms[["text", "n", "documents"]].values.tolist() == [
        ["百千万工程", 2, 1],
        ["县域", 1, 1],
    ]
