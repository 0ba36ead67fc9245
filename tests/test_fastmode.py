"""The ``fast`` engine: the tokens of jieba.lcut with the domain lexicon, with dictionary tags.

Not exact with respect to jieba.posseg (that is the ``rjieba`` engine, tested in
``test_ingest.py``); these tests check what it promises instead: exactly the
tokens of ``jieba.lcut`` with the domain lexicon (a compiled replica,
:mod:`bqw_research.jitseg`, tested in depth in ``test_jitseg.py``), the
lexicon's words whole with their tags, and an ingest whose other tables are
exactly the core path's.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

from bqw_research import (
    corpus_emphasis,
    corpus_paragraphs,
    corpus_sentences,
    load_corpus,
    tokens,
)
from bqw_research.ingest import ingest
from bqw_research.lexicon import domain_lexicon
from bqw_research.tokens import engine_version, get_fast_engine, get_pos_tokenizer, segment

AGREEMENT = 0.995  # issue 6: tokens agree with jieba at ≥ 99.5 %


@pytest.fixture(autouse=True)
def _tmp_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "cache"))


def _spans(words: list[str]) -> set[tuple[int, int]]:
    out, i = set(), 0
    for w in words:
        out.add((i, i + len(w)))
        i += len(w)
    return out


def span_f1(ours: list[list[str]], theirs: list[list[str]]) -> float:
    """Token-span F1 over sentences (the benchmark's agreement measure)."""
    shared = n_ours = n_theirs = 0
    for a, b in zip(ours, theirs, strict=True):
        sa, sb = _spans(a), _spans(b)
        shared += len(sa & sb)
        n_ours += len(sa)
        n_theirs += len(sb)
    p, r = shared / max(1, n_ours), shared / max(1, n_theirs)
    return 2 * p * r / max(1e-12, p + r)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hand-checked: lexicon phrases whole, a name kept by the HMM, numbers as jieba.cut keeps them
        ("推进百千万工程走深走实", ["推进", "百千万工程", "走深走实"]),
        (
            "各地要持续抓好县域经济高质量发展",
            ["各地", "要", "持续", "抓好", "县域经济", "高质量发展"],
        ),
        (
            "韶关市委书记王瑞军说GDP增长5.5%",
            ["韶关", "市委书记", "王瑞军", "说", "GDP", "增长", "5.5%"],
        ),
        ("  典型 镇\n村  ", ["典型", "镇", "村"]),  # whitespace is dropped, as segment() drops it
    ],
)
def test_fast_engine_gives_hand_checked_tokens(text, expected):
    assert segment(text, engine="fast") == expected
    assert [w for w, _ in segment(text, pos=True, engine="fast")] == expected


def test_fast_engine_keeps_lexicon_words_whole_with_their_tags():
    lex = domain_lexicon()
    for word, pos in zip(lex["word"].head(40), lex["pos"].head(40), strict=True):
        pairs = segment(f"大力推进{word}。", pos=True, engine="fast")
        assert (word, pos or get_pos_tokenizer().word_tag_tab.get(word, "x")) in pairs, word


@pytest.mark.parametrize(
    ("text", "word", "tag"),
    [
        ("广东省委印发决定", "广东省委", "nt"),  # a dictionary word: the dictionary's tag
        ("2023年", "2023", "m"),  # ASCII digits
        ("GDP增长", "GDP", "eng"),  # ASCII letters
        ("，", "，", "x"),  # punctuation
    ],
)
def test_fast_engine_tags_follow_jiebas_rules(text, word, tag):
    assert (word, tag) in segment(text, pos=True, engine="fast")


def test_unknown_words_take_the_tag_jieba_posseg_gives_them():
    # 王瑞军 is not in jieba's dictionary; jieba.posseg's HMM tags it nr, and so does fast mode.
    assert "王瑞军" not in get_fast_engine().freq
    assert ("王瑞军", "nr") in segment("市委书记王瑞军说", pos=True, engine="jieba")
    assert ("王瑞军", "nr") in segment("市委书记王瑞军说", pos=True, engine="fast")


def test_whole_word_tags_match_the_hmm_on_random_runs():
    hmm = get_fast_engine().hmm
    rng = random.Random(7)
    chars = "张王李赵魏娜军瑞韶关梅州清远乡村振兴百千万工程的了是在推动发展"
    words = ["".join(rng.choice(chars) for _ in range(rng.randint(2, 6))) for _ in range(800)]
    expected = [p[0][1] if len(p) == 1 else None for p in hmm.cut_detail_many(words)]
    assert hmm.whole_word_tags(words) == expected
    assert any(t is None for t in expected) and any(t is not None for t in expected)


def test_fast_engine_options_and_cache_key():
    with pytest.raises(ValueError, match="hmm=True"):
        segment("广东", engine="fast", hmm=False)
    assert engine_version("fast") != engine_version("rjieba")
    assert "engine=fast" in engine_version("fast")


def _sentences(corpus: pd.DataFrame) -> list[str]:
    return corpus_sentences(corpus_paragraphs(corpus))["text"].tolist()


def _assert_agreement(sentences: list[str]) -> None:
    assert sentences
    fast = [segment(s, engine="fast") for s in sentences]
    lexicon_lcut = [segment(s, engine="jieba") for s in sentences]  # jieba.lcut + domain lexicon
    assert span_f1(fast, lexicon_lcut) >= AGREEMENT  # the bar ...
    assert fast == lexicon_lcut  # ... and in fact every sentence is identical
    # The same text, token for token: nothing is lost or added.
    for s, words in zip(sentences, fast, strict=True):
        assert "".join(words) == "".join(s.split())
    # With POS the tokens are the same ones.
    assert [[w for w, _ in segment(s, pos=True, engine="fast")] for s in sentences] == fast


def test_fast_engine_agrees_with_lexicon_lcut_on_shipped_corpus(seed_corpus):
    _assert_agreement(_sentences(seed_corpus))


@pytest.mark.shared_corpus
def test_fast_engine_agrees_with_lexicon_lcut_on_shared_corpus(shared_corpus):
    _assert_agreement(_sentences(shared_corpus))


def test_span_f1_is_hand_checkable():
    assert span_f1([["百千万", "工程"]], [["百千万", "工程"]]) == 1.0
    # ours: (0,3) (3,5); theirs: (0,5) → nothing shared
    assert span_f1([["百千万", "工程"]], [["百千万工程"]]) == 0.0
    # ours: (0,2) (2,3) (3,5); theirs: (0,2) (2,5) → 1 shared; p = 1/3, r = 1/2, F1 = 0.4
    assert span_f1([["广东", "省", "委员"]], [["广东", "省委员"]]) == pytest.approx(0.4)


@pytest.mark.parametrize("workers", [1, 2])
def test_fast_ingest_tables(workers):
    corpus = load_corpus()
    paras = corpus_paragraphs(corpus)
    sents = corpus_sentences(paras)
    res = ingest(engine="fast", workers=workers, cache=False)
    # Everything but the tokens is exactly the core path.
    pd.testing.assert_frame_equal(res.corpus, corpus)
    pd.testing.assert_frame_equal(res.paragraphs, paras)
    pd.testing.assert_frame_equal(res.sentences, sents)
    pd.testing.assert_frame_equal(res.emphasis, corpus_emphasis(corpus))
    # The tokens are those of tokens(engine="fast"), sentence by sentence, same columns and dtypes.
    pd.testing.assert_frame_equal(res.tokens, tokens(sents, pos=True, engine="fast"))
    assert list(res.tokens.columns) == list(tokens(sents, pos=True).columns)
    plain = ingest(engine="fast", workers=workers, cache=False, pos=False)
    pd.testing.assert_frame_equal(plain.tokens, tokens(sents, engine="fast"))


def test_fast_ingest_warm_rerun_returns_the_same_tables():
    cold = ingest(engine="fast", workers=1)
    warm = ingest(engine="fast", workers=1)
    assert warm.stats["bundle_hit"]
    for name in ("corpus", "paragraphs", "sentences", "tokens", "emphasis"):
        pd.testing.assert_frame_equal(getattr(warm, name), getattr(cold, name), obj=name)
