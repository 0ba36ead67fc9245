"""textstat_simil / most_similar: cosine on the package's tokens, top-k neighbours, groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bqw_research.textstat import most_similar, textstat_simil
from bqw_research.textstat.simil import SIMIL_COLUMNS

DOCS = {
    "a": ["乡村", "振兴", "乡村", "产业"],
    "b": ["乡村", "振兴", "产业"],
    "c": ["产业", "招商", "园区"],
    "d": ["招商", "园区", "园区", "，"],  # punctuation is not a feature
}


def _toks(docs=DOCS):
    return pd.DataFrame(
        [
            {"doc_id": d, "para_id": 1, "sent_id": 1, "token_id": i + 1, "token": t}
            for d, ts in docs.items()
            for i, t in enumerate(ts)
        ]
    )


def _cosine(u, v):
    return float(np.dot(u, v) / np.linalg.norm(u) / np.linalg.norm(v))


def test_count_cosine_is_hand_computed():
    out = textstat_simil(_toks(), weighting="count", min_docs=1)
    assert list(out.columns) == SIMIL_COLUMNS
    got = {(r.doc_a, r.doc_b): r.similarity for r in out.itertuples()}
    # features 乡村 振兴 产业 招商 园区
    vec = {"a": [2, 1, 1, 0, 0], "b": [1, 1, 1, 0, 0], "c": [0, 0, 1, 1, 1], "d": [0, 0, 0, 1, 2]}
    for (x, y), s in got.items():
        assert x < y
        assert s == pytest.approx(_cosine(vec[x], vec[y]))
    assert len(got) == 6  # the upper triangle, no self-pairs
    assert out["similarity"].is_monotonic_decreasing


def test_tfidf_cosine_matches_scikit_learn_on_the_same_tokens():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    docs = {k: [t for t in v if t != "，"] for k, v in DOCS.items()}
    x = TfidfVectorizer(analyzer=lambda t: t, min_df=2).fit_transform(docs.values())
    ref = cosine_similarity(x)
    out = textstat_simil(_toks()).set_index(["doc_a", "doc_b"])["similarity"]
    names = list(docs)
    for i, a in enumerate(names):
        for j, b in enumerate(names[i + 1 :], start=i + 1):
            assert out[(a, b)] == pytest.approx(ref[i, j])


@pytest.mark.parametrize("k", [1, 2])
def test_top_k_keeps_each_documents_nearest_neighbours(k):
    full = textstat_simil(_toks(), weighting="count", min_docs=1)
    top = textstat_simil(_toks(), weighting="count", min_docs=1, k=k)
    merged = top.merge(full, on=["doc_a", "doc_b"], suffixes=("", "_full"))
    assert len(merged) == len(top)
    assert np.allclose(merged["similarity"], merged["similarity_full"])
    for doc in DOCS:
        best = most_similar(full, doc, n=1)["other"].iloc[0]
        assert best in set(most_similar(top, doc, n=k)["other"])


def test_most_similar_ranks_the_neighbours():
    out = most_similar(textstat_simil(_toks(), min_docs=1), "a", n=2)
    assert out.columns.tolist() == ["doc_id", "other", "similarity", "rank"]
    assert out["other"].tolist()[0] == "b" and out["rank"].tolist() == [1, 2]
    with pytest.raises(KeyError, match="'z' is not in"):
        most_similar(textstat_simil(_toks(), min_docs=1), "z")


def test_groups_pool_their_documents():
    out = textstat_simil(
        _toks(), weighting="count", min_docs=1, group={"a": "乡", "b": "乡", "c": "产", "d": "产"}
    )
    assert out[["doc_a", "doc_b"]].values.tolist() == [["乡", "产"]] or out[
        ["doc_a", "doc_b"]
    ].values.tolist() == [["产", "乡"]]
    pooled = {"乡": [3, 2, 2, 0, 0], "产": [0, 0, 1, 2, 3]}
    assert out["similarity"].iloc[0] == pytest.approx(_cosine(pooled["乡"], pooled["产"]))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"method": "jaccard"}, ValueError, "method must be 'cosine'"),
        ({"weighting": "bm25"}, ValueError, "weighting must be one of"),
        ({"min_docs": 5}, ValueError, "no token occurs in at least min_docs=5"),
    ],
)
def test_bad_options_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        textstat_simil(_toks(), **kwargs)


def test_shipped_corpus_by_genre(seed_corpus):
    out = textstat_simil(seed_corpus)
    assert len(out) == 1 and 0 < out["similarity"].iloc[0] < 1
    by_genre = textstat_simil(seed_corpus, group="genre")
    assert set(by_genre[["doc_a", "doc_b"]].iloc[0]) == set(seed_corpus["genre"])


@pytest.mark.parametrize("k", [None, 1])
def test_blockwise_products_give_the_same_pairs(monkeypatch, k):
    import bqw_research.textstat.simil as simil_module

    whole = textstat_simil(_toks(), min_docs=1, k=k)
    monkeypatch.setattr(simil_module, "_BLOCK", 1)
    pd.testing.assert_frame_equal(textstat_simil(_toks(), min_docs=1, k=k), whole)


def test_past_the_full_limit_only_the_top_ten_are_kept(monkeypatch):
    import bqw_research.textstat.simil as simil_module

    docs = {f"文{i:02d}": ["乡村", "振兴", f"词{i % 3}", f"项{i % 5}"] for i in range(14)}
    full = textstat_simil(_toks(docs), min_docs=1)
    monkeypatch.setattr(simil_module, "FULL_LIMIT", 5)
    top = textstat_simil(_toks(docs), min_docs=1)
    assert len(full) == 14 * 13 // 2 and len(top) < len(full)
    for doc in docs:
        assert len(most_similar(top, doc, n=20)) >= 10  # its own ten, plus others that chose it


@pytest.mark.parametrize("min_docs", [0, 1.0, 0.5, True])
def test_simil_min_docs_is_a_number_of_documents(min_docs):
    toks = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "para_id": 1,
            "sent_id": 1,
            "token": ["县城", "发展", "县城", "乡村"],
        }
    )
    with pytest.raises(ValueError, match="min_docs"):
        textstat_simil(toks, min_docs=min_docs)
