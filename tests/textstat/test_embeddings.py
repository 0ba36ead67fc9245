"""Word embeddings on the user's corpus: deterministic vectors, nearest words, dictionary expansion."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from support.topic_data import themed_tokens

from bqw_research.textstat import (
    accept_candidates,
    dictionary,
    textstat_embeddings,
    textstat_expand_dictionary,
    textstat_nearest,
    write_dictionary,
)
from bqw_research.textstat.embeddings.expand import EXPANSION_COLUMNS
from bqw_research.textstat.embeddings.nearest import NEAREST_COLUMNS, NOT_IN_VOCABULARY
from bqw_research.textstat.embeddings.train import embedding_sentences, stable_hash

#: Small but enough repetition for each word to have a vector (every word occurs ≥ 5 times).
OPTIONS = {"vector_size": 16, "window": 3, "min_count": 2, "epochs": 30}


@pytest.fixture(scope="module")
def toks():
    return themed_tokens(per_theme=12, docs=4)


@pytest.fixture(scope="module")
def model(toks):
    return textstat_embeddings(toks, cache=False, **OPTIONS)


def test_sentences_are_the_counted_tokens_in_corpus_order(toks):
    shuffled = toks.sample(frac=1.0, random_state=3)
    sentences = embedding_sentences(shuffled)
    assert sentences == embedding_sentences(toks)
    words = {t for s in sentences for t in s}
    assert {"，", "。", "要", "和"}.isdisjoint(words)  # punctuation and stopwords filtered
    assert "乡村振兴" in words and "推动" in words


def test_same_seed_gives_the_same_vectors_and_another_seed_others(toks, model):
    again = textstat_embeddings(toks, cache=False, **OPTIONS)
    assert again.vocabulary == model.vocabulary
    assert np.array_equal(again.wv.vectors, model.wv.vectors)
    other = textstat_embeddings(toks, cache=False, seed=7, **OPTIONS)
    assert not np.array_equal(other.wv.vectors, model.wv.vectors)


def test_hash_used_for_seeding_does_not_depend_on_pythonhashseed():
    code = (
        "from bqw_research.textstat.embeddings.train import stable_hash\n"
        "print(stable_hash('乡村振兴42'), hash('乡村振兴42'))"
    )
    other = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = {"PYTHONHASHSEED": other, "PYTHONPATH": os.pathsep.join(sys.path)}
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    stable, salted = run.stdout.split()
    assert int(stable) == stable_hash("乡村振兴42")
    assert int(salted) != hash("乡村振兴42")  # Python's own hash differs between the processes


def test_vectors_are_cached_and_reused(toks, tmp_path, monkeypatch):
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path))
    first = textstat_embeddings(toks, **OPTIONS)
    stored = list(tmp_path.rglob("entries/*/*"))
    assert len(stored) == 1 and stored[0].name == first.key
    second = textstat_embeddings(toks, **OPTIONS)
    assert np.array_equal(second.wv.vectors, first.wv.vectors)
    assert textstat_embeddings(toks, **{**OPTIONS, "window": 2}).key != first.key


def test_nearest_table_shape_and_order(model):
    out = textstat_nearest(model, ["乡村振兴", "园区"], n=5)
    assert list(out.columns) == NEAREST_COLUMNS
    assert out["term"].tolist() == ["乡村振兴"] * 5 + ["园区"] * 5
    for _, sub in out.groupby("term", sort=False):
        assert sub["rank"].tolist() == [1, 2, 3, 4, 5]
        assert sub["similarity"].is_monotonic_decreasing
        assert (sub["neighbour"] != sub["term"]).all()


def test_absent_terms_are_reported_not_raised(model):
    out = textstat_nearest(model, ["乡村振兴", "新质生产力"], n=3)
    absent = out[out["term"] == "新质生产力"]
    assert len(absent) == 1 and absent["note"].iloc[0] == NOT_IN_VOCABULARY
    assert absent["neighbour"].isna().all() and absent["rank"].isna().all()


def test_expansion_excludes_terms_already_in_the_dictionary(model):
    dic = {"乡村": ["乡村振兴", "农房"], "产业": ["园区", "招商*"], "党建": ["re:党建.*"]}
    out = textstat_expand_dictionary(model, dic, n=50, min_similarity=-1.0, min_count=1)
    assert list(out.columns) == EXPANSION_COLUMNS
    already = {
        "乡村振兴",
        "农房",
        "园区",
        "招商引资",
        "党建引领",
    }  # 招商* and re:党建.* match these
    assert already.isdisjoint(out["candidate"])
    assert out["category"].unique().tolist() == ["乡村", "产业", "党建"]
    for _, sub in out.groupby("category", sort=False):
        assert sub["score"].is_monotonic_decreasing
        assert sub["rank"].tolist() == list(range(1, len(sub) + 1))
    rural = out[out["category"] == "乡村"]
    assert set(rural["n_seeds"]) == {2}
    assert (
        rural["seeds_near"].str.split("|").map(set).map(lambda s: s <= {"乡村振兴", "农房"}).all()
    )
    assert (out["n_corpus"] > 0).all()


def test_expansion_respects_min_similarity_and_exclusions(model):
    dic = {"乡村": {"terms": ["乡村振兴"], "exclude": ["农民"]}}
    out = textstat_expand_dictionary(model, dic, n=50, min_similarity=0.0, min_count=1)
    assert (out["score"] >= 0.0).all()
    assert "农民" not in set(out["candidate"])


def test_rare_words_are_not_proposed(model):
    dic = {"乡村": ["乡村振兴", "农房"]}
    out = textstat_expand_dictionary(model, dic, n=50, min_similarity=-1.0, min_count=20)
    assert out["candidate"].tolist() == ["推动"]  # in every paragraph; theme words 8 times each
    assert model.n_corpus["推动"] == 36 and model.n_corpus["园区"] == 8


def test_accepted_candidates_written_back_and_read_again(model, tmp_path):
    dic = dictionary({"乡村": {"terms": ["乡村振兴"], "label": "乡村振兴与农业"}})
    cand = textstat_expand_dictionary(model, dic, n=3, min_similarity=-1.0, min_count=1)
    chosen = cand.assign(accept=[True, False, True])
    grown = accept_candidates(dic, chosen)
    assert grown["term"].tolist() == [
        "乡村振兴",
        cand["candidate"].iloc[0],
        cand["candidate"].iloc[2],
    ]
    assert set(grown["label"]) == {"乡村振兴与农业"}
    for suffix in (".csv", ".yaml"):
        path = write_dictionary(grown, tmp_path / f"grown{suffix}")
        again = dictionary(path)
        assert again["term"].tolist() == grown["term"].tolist()
        assert again["category"].tolist() == grown["category"].tolist()


def test_accepting_a_category_the_dictionary_lacks_is_refused(model):
    with pytest.raises(ValueError, match=r"not in the dictionary: \['生态'\]"):
        accept_candidates(
            {"乡村": ["乡村振兴"]}, pd.DataFrame({"category": ["生态"], "candidate": ["绿美"]})
        )


def test_small_corpus_gives_a_note_not_a_crash(seed_corpus):
    from bqw_research import tokens

    m = textstat_embeddings(tokens(seed_corpus), cache=False)
    assert "too small" in m.note
    assert len(textstat_nearest(m, ["百千万工程"], n=3)) >= 1
    out = textstat_expand_dictionary(m, "themes", n=5)
    assert list(out.columns) == EXPANSION_COLUMNS


def test_no_word_reaching_min_count_gives_an_empty_vocabulary():
    toks = pd.DataFrame(
        {"doc_id": "d", "para_id": 1, "sent_id": 1, "token_id": [1, 2], "token": ["乡村", "振兴"]}
    )
    m = textstat_embeddings(toks, cache=False, min_count=5)
    assert m.vocabulary == [] and "no vectors" in m.note
    assert textstat_nearest(m, "乡村")["note"].tolist() == [NOT_IN_VOCABULARY]
    assert textstat_expand_dictionary(m, {"乡村": ["乡村"]}).empty
