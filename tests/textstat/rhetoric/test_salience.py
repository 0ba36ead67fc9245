"""Keyword extractors (TF-IDF, TextRank, keyness) and their comparison with emphasis."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bqw_research.textstat import rhetoric as rh


def toks_of(docs: dict[str, list[list[str]]]) -> pd.DataFrame:
    rows = []
    for d, sentences in docs.items():
        for s, words in enumerate(sentences, 1):
            for t, w in enumerate(words, 1):
                rows.append((d, 1, s, t, w))
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "sent_id", "token_id", "token"])


DOCS = {
    "a": [["头号工程", "江门", "头号工程"], ["江门", "发展"]],
    "b": [["发展", "县域"], ["县域", "发展"]],
}


def test_tfidf_hand_computed():
    kw = rh.keywords_tfidf(toks_of(DOCS), remove_stopwords=False)
    a = kw[kw["doc_id"] == "a"].set_index("token")["score"]
    idf_unique = math.log(3 / 2) + 1
    idf_shared = math.log(3 / 3) + 1
    assert a["头号工程"] == pytest.approx(2 / 5 * idf_unique)
    assert a["发展"] == pytest.approx(1 / 5 * idf_shared)
    assert kw[kw["doc_id"] == "a"]["token"].tolist()[:2] == [
        "头号工程",
        "江门",
    ]  # tie broken by token


def test_textrank_star_graph_centre_wins():
    scores = rh.textrank_scores([["中心", "甲"], ["中心", "乙"], ["中心", "丙"]], window=2)
    assert max(scores, key=scores.get) == "中心"
    assert sum(scores.values()) == pytest.approx(1.0)
    assert scores["甲"] == pytest.approx(scores["乙"])


def test_keyness_keywords_need_two_docs():
    kw = rh.keywords_keyness(toks_of(DOCS), remove_stopwords=False)
    assert kw[kw["doc_id"] == "b"]["token"].iloc[0] == "县域"
    assert rh.keywords_keyness(toks_of({"a": DOCS["a"]}), remove_stopwords=False).empty


def test_salience_scores_precision_recall():
    kw = pd.DataFrame(
        {
            "doc_id": "a",
            "method": "m",
            "token": ["头号工程", "江门", "发展", "绿美广东"],
            "score": [4.0, 3.0, 2.0, 1.0],
            "rank": [1, 2, 3, 4],
        }
    )
    emph = pd.DataFrame(
        {
            "doc_id": "a",
            "kind": "key_term",
            "text": ["“头号工程”", "城乡区域协调发展", "兴业", "百千万工程和绿美广东"],
        }
    )
    out = rh.salience_scores(kw, emph, k=4).iloc[0]
    # hits: 头号工程 (the whole span, quotes trimmed) and 绿美广东 (a part after 和);
    # 发展 only occurs inside 城乡区域协调发展, which is no hit (issue 12); 江门 misses
    assert out["hits"] == 2
    assert out["precision_at_k"] == pytest.approx(2 / 4)
    assert out["recall"] == pytest.approx(2 / 4)


@pytest.mark.parametrize(
    ("span", "parts"),
    [
        ("“头号工程”", {"头号工程"}),
        ("百千万工程和绿美广东", {"百千万工程和绿美广东", "百千万工程", "绿美广东"}),
        ("产业、县域、乡村", {"产业、县域、乡村", "产业", "县域", "乡村"}),
        ("推动高质量发展", {"推动高质量发展"}),
    ],
)
def test_span_parts(span, parts):
    assert rh.span_parts(span) == parts


def test_textstat_salience_filters_kind_and_skips_docs_without_emphasis():
    emph = pd.DataFrame(
        {"doc_id": ["a", "a"], "kind": ["key_term", "bold"], "text": ["头号工程", "江门"]}
    )
    out = rh.textstat_salience(toks_of(DOCS), emph, k=1, methods=("tfidf",))
    assert out["doc_id"].tolist() == ["a"]
    assert out.iloc[0]["n_emphasis"] == 1
    assert out.iloc[0]["precision_at_k"] == 1.0
