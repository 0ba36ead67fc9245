"""The fast engine and the parallel, cached ingest give exactly the core path's values."""

from __future__ import annotations

import random
import re
import shutil
import warnings
from itertools import pairwise

import jieba.posseg
import pandas as pd
import pytest

from bqw_research import (
    CorpusError,
    CorpusWarning,
    config,
    corpus_emphasis,
    corpus_paragraphs,
    corpus_sentences,
    load_corpus,
    tokens,
)
from bqw_research.fastseg import _RE_RS_ONLY_POS
from bqw_research.pipeline import IngestResult, ingest
from bqw_research.tokens import get_fast_engine, get_pos_tokenizer, segment

TABLES = ["corpus", "paragraphs", "sentences", "tokens", "emphasis"]


def core_tables(path=None, *, pos=True, **kw) -> dict[str, pd.DataFrame]:
    corpus = load_corpus(path, **kw)
    paras = corpus_paragraphs(corpus)
    sents = corpus_sentences(paras)
    return {
        "corpus": corpus,
        "paragraphs": paras,
        "sentences": sents,
        "tokens": tokens(sents, pos=pos, engine="jieba"),  # jieba itself: the reference
        "emphasis": corpus_emphasis(corpus),
    }


def assert_same(result: IngestResult, expected: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(result, name), expected[name], obj=name)
    assert result.corpus.attrs == expected["corpus"].attrs


@pytest.fixture(autouse=True)
def _tmp_cache(tmp_path, monkeypatch):
    """Every test caches in its own folder, never in data/interim."""
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "cache"))


# --------------------------------------------------------------------------- the engine

CASES = [
    # (text, expected tokens with the reference engine, hand-checked)
    ("推进百千万工程走深走实", ["推进", "百千万工程", "走深走实"]),
    ("鹤山市是全省首批典型县之一", ["鹤山市", "是", "全省", "首批", "典型县", "之一"]),
    (
        "深入实施“百县千镇万村高质量发展工程”",
        ["深入", "实施", "“", "百县千镇万村高质量发展工程", "”"],
    ),
    (
        "GDP增长50%，达到2-3个百分点",
        ["GDP", "增长", "50%", "，", "达到", "2", "-", "3", "个", "百分点"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rjieba_engine_gives_hand_checked_tokens(text, expected):
    assert segment(text, engine="jieba") == expected
    assert segment(text, engine="rjieba") == expected


TRICKY = [
    "iPhone和iPad，5G网络覆盖全县",  # ASCII runs that jieba-rs glues together
    "R&D投入增长12.5%，C++和.NET",  # + # & . _ are inside blocks, % and - are not
    "㐀𠀀字与兀字（CJK扩展区）",  # characters jieba-rs keeps in a block and jieba does not
    "严於信在韶关新丰县马头镇调研",  # unknown names: the HMMs decide
    "英德市连樟村 \r\n 清远\t佛冈",  # whitespace of every kind
    "二〇二四年11月28日，广东省委召开会议",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("pos", [False, True])
def test_rjieba_engine_equals_jieba_on_tricky_text(text, pos):
    assert segment(text, pos=pos, engine="rjieba") == segment(text, pos=pos, engine="jieba")


@pytest.mark.parametrize("text", TRICKY)
def test_whole_text_cut_equals_block_cut(text):
    fast = get_fast_engine()
    assert fast.cut_pos(text) == [(p.word, p.flag) for p in get_pos_tokenizer().cut(text)]
    kept = [(w, t) for w, t in fast.cut_pos(text) if w.strip()]
    assert fast.cut_pos_lists(text) == ([w for w, _ in kept], [t for _, t in kept])


def test_lexicon_words_keep_their_tags_with_rjieba():
    tags = dict(segment("推进百千万工程和乡村振兴", pos=True, engine="rjieba"))
    assert tags["百千万工程"] == "nz"
    assert tags["乡村振兴"] == "n"


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        segment("广东", engine="pkuseg")


def test_compiled_hmm_equals_jiebas_viterbi_on_random_strings():
    """Tie-breaking and float order: 3000 random runs of frequent Han characters."""
    from jieba.posseg import char_state_tab_P

    rng = random.Random(20240601)
    chars = sorted(c for c in char_state_tab_P if "\u4e00" <= c <= "\u9fd5")[:3000]
    chars += ["於", "丰", "韶", "樟", "佛", "冈", "𠀀"]
    hmm = get_fast_engine().hmm
    reference = get_pos_tokenizer()._POSTokenizer__cut_detail
    strings = ["".join(rng.choice(chars) for _ in range(rng.randint(2, 9))) for _ in range(3000)]
    mismatches = [
        s for s in strings if hmm.cut_detail(s) != [(p.word, p.flag) for p in reference(s)]
    ]
    assert mismatches == []
    assert hmm.cut_detail_many(strings[:50]) == [hmm.cut_detail(s) for s in strings[:50]]


def test_block_characters_that_differ_between_jieba_rs_and_posseg():
    """Probe jieba-rs with every BMP code point: which ones stay inside a block?"""
    import rjieba

    probe = rjieba.Jieba.empty()
    cps = [c for c in range(0x21, 0x10000) if not 0xD800 <= c <= 0xDFFF]
    for c in cps:
        probe.add_word("丁" + chr(c), 1000, None)
    probe.add_word("丁", 1, None)
    in_rs_block = {c for c in cps if probe.cut("丁" + chr(c), False) == ["丁" + chr(c)]}
    in_pos_block = {c for c in cps if jieba.posseg.re_han_internal.match(chr(c))}
    assert in_pos_block <= in_rs_block
    only_rs = {chr(c) for c in in_rs_block - in_pos_block}
    assert {c for c in only_rs if _RE_RS_ONLY_POS.fullmatch(c)} == only_rs
    assert "%" in only_rs and "-" in only_rs and "㐀" in only_rs


def _all_sentences(corpus) -> list[str]:
    return corpus_sentences(corpus)["text"].tolist()


@pytest.mark.parametrize("pos", [False, True])
def test_rjieba_equals_jieba_on_every_shipped_sentence(seed_corpus, pos):
    for text in _all_sentences(seed_corpus):
        assert segment(text, pos=pos, engine="rjieba") == segment(text, pos=pos), text


@pytest.mark.shared_corpus
def test_rjieba_equals_jieba_on_every_shared_sentence(shared_corpus):
    fast = get_fast_engine()
    for text in _all_sentences(shared_corpus):
        assert segment(text, pos=True, engine="rjieba") == segment(text, pos=True), text
        assert segment(text, engine="rjieba") == segment(text), text
    for text in corpus_paragraphs(shared_corpus)["text"]:
        kept = [(w, t) for w, t in fast.cut_pos(text) if w.strip()]
        assert fast.cut_pos_lists(text) == ([w for w, _ in kept], [t for _, t in kept]), text


# --------------------------------------------------------------------------- ingest


@pytest.mark.parametrize(
    ("engine", "pos", "workers"),
    [("rjieba", True, 1), ("rjieba", True, 2), ("rjieba", False, 2), ("jieba", True, 1)],
)
def test_ingest_equals_core_path_on_shipped_corpus(engine, pos, workers):
    res = ingest(engine=engine, pos=pos, workers=workers, cache=False)
    assert_same(res, core_tables(pos=pos))
    assert ("pos" in res.tokens.columns) is pos


def _messy_folder(tmp_path):
    """Shipped articles plus the awkward cases a real folder has."""
    root = tmp_path / "messy"
    shutil.copytree(config.RAW_DIR, root)
    (root / "sub").mkdir()
    (root / "sub" / "page.html").write_text(
        "<html><head><title>韶关新丰：百千万工程</title></head><body>"
        "<p>新丰县推进<font color='red'>百千万工程</font>，建设典型镇。</p>"
        "<p>连樟村发展<strong>农文旅融合</strong>产业！</p></body></html>",
        encoding="utf-8",
    )
    (root / "gbk.txt").write_bytes(
        "# 梅州柚\n\n梅州柚产业集群崛起。县域经济高质量发展。\n".encode("gb18030")
    )
    (root / "empty.md").write_text("", encoding="utf-8")
    (root / "binary.md").write_bytes(b"\x00\x01\x02" * 50)
    first = sorted(config.RAW_DIR.glob("*.txt"))[0]
    shutil.copy(first, root / "sub" / "copy_of_first.txt")  # an exact duplicate: folded
    return root


def test_ingest_equals_core_path_on_a_messy_folder(tmp_path):
    root = _messy_folder(tmp_path)
    with warnings.catch_warnings(record=True) as core_warnings:
        warnings.simplefilter("always")
        expected = core_tables(root)
    with warnings.catch_warnings(record=True) as fast_warnings:
        warnings.simplefilter("always")
        res = ingest(root, workers=2, cache=False)
    assert_same(res, expected)
    assert [str(w.message) for w in fast_warnings] == [str(w.message) for w in core_warnings]
    problems = {re.sub(r".*/", "", p["path"]) for p in res.corpus.attrs["problems"]}
    assert {"empty.md", "binary.md"} <= problems
    assert any(len(paths) == 2 for paths in res.corpus["paths"])  # the duplicate was folded
    assert "key_term" in set(res.emphasis["kind"])


def test_ingest_reads_tables_like_load_corpus(tmp_path):
    table = tmp_path / "articles.csv"
    pd.DataFrame(
        {
            "id": ["a1", "a2"],
            "title": ["典型县", "典型村"],
            "text": [
                "鹤山市是全省首批典型县之一。推进百千万工程走深走实！",
                "连樟村发展乡村振兴。",
            ],
        }
    ).to_csv(table, index=False)
    assert_same(ingest(table, cache=False, workers=1), core_tables(table))


def test_progress_bar_is_quiet_off_a_terminal(capsys):
    ingest(workers=1, cache=False)
    assert capsys.readouterr().err == ""


@pytest.mark.shared_corpus
def test_ingest_equals_core_path_on_shared_corpus(shared_corpus_path):
    res = ingest(shared_corpus_path, workers=2)
    assert_same(res, core_tables(shared_corpus_path))
    warm = ingest(shared_corpus_path, workers=2)
    assert warm.stats["bundle_hit"]
    assert_same(warm, core_tables(shared_corpus_path))


def test_ingest_of_one_file_equals_core_path():
    one = sorted(config.RAW_DIR.glob("*.txt"))[0]
    # the folder's manifest names the other article too: both paths say so
    with pytest.warns(CorpusWarning, match="which was not loaded"):
        res = ingest(one, cache=False, workers=1)
    with pytest.warns(CorpusWarning, match="which was not loaded"):
        expected = core_tables(one)
    assert_same(res, expected)
    assert len(res.corpus) == 1


def test_ingest_refuses_unknown_engine_and_missing_paths(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        ingest(engine="thulac", cache=False)
    with pytest.raises(CorpusError, match="no such file"):
        ingest(tmp_path / "nowhere", cache=False)
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.raises(CorpusError, match="no supported files"):
        ingest(tmp_path, cache=False)


def test_messy_folder_warm_rerun_keeps_the_folded_duplicate_out(tmp_path, monkeypatch):
    # A folded duplicate means the chunk tables must be filtered (not just put side by
    # side) — on the cold run and again when the bundle is read back.
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "cache"))
    root = _messy_folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        expected = core_tables(root)
        cold = ingest(root, workers=2)
        warm = ingest(root, workers=2)
    assert not cold.stats["bundle_hit"] and warm.stats["bundle_hit"]
    assert_same(cold, expected)
    assert_same(warm, expected)


def test_shared_memory_scratch_is_removed(tmp_path):
    from bqw_research import pipeline as ingest_mod

    before = set(ingest_mod._SHM.glob("bqw-ingest-*")) if ingest_mod._SHM.is_dir() else set()
    res = ingest(workers=2, cache=False)
    after = set(ingest_mod._SHM.glob("bqw-ingest-*")) if ingest_mod._SHM.is_dir() else set()
    assert after <= before  # nothing left behind ...
    assert res.tokens["token"].str.len().sum() > 0  # ... and the mapped tables still read


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("百千万工程", [(0, 3), (3, 5)], ["百千万", "工程"]),
        # a gap (whitespace left out) between tokens, ASCII and full-width text mixed
        ("推进 1310 部署。", [(0, 2), (3, 7), (8, 10), (10, 11)], ["推进", "1310", "部署", "。"]),
        # an astral character is one code point but four UTF-8 bytes
        ("𠀋村振兴", [(0, 1), (1, 2), (2, 4)], ["𠀋", "村", "振兴"]),
        ("韶关", [], []),
        # spans that leave text out (not jieba's tokens): the slower path, same result
        ("百千万工程", [(0, 2), (3, 5)], ["百千", "工程"]),
        ("县 镇 村", [(2, 3)], ["镇"]),
    ],
)
def test_span_strings_cut_the_utf8_text_at_code_point_spans(text, spans, expected):
    import numpy as np

    from bqw_research.ingest import _span_strings

    starts = np.array([a for a, _ in spans], dtype=np.int64)
    ends = np.array([b for _, b in spans], dtype=np.int64)
    got = _span_strings(text, starts, ends)
    assert got.to_pylist() == expected


def test_sentence_bounds_find_each_sentence_in_the_joined_paragraphs():
    import pyarrow as pa

    from bqw_research.ingest import _sentence_bounds

    paras = ["推进百千万工程。 走深走实！", "韶关：典型县"]
    sents = pa.table(
        {
            "para_id": pa.array([1, 1, 2], pa.int32()),
            "text": ["推进百千万工程。", "走深走实！", "韶关：典型县"],
        }
    )
    starts, ends = _sentence_bounds(paras, sents)
    text = "\n".join(paras)
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)] == sents["text"].to_pylist()
    assert starts.tolist() == [0, 9, 15]
    missing = pa.table({"para_id": pa.array([1], pa.int32()), "text": ["不在这里。"]})
    assert _sentence_bounds(paras, missing) is None


def test_layout_tokens_gives_the_token_columns_in_one_pass():
    import numpy as np

    from bqw_research.jitseg import layout_tokens

    text = "推进百千万工程。\n县镇村𠀋联动！"  # two paragraphs; an astral character (4 UTF-8 bytes)
    # tokens: 推进 | 百千万工程 | 。 || 县 | 镇 | 村 | 𠀋 | 联动 | ！
    starts = np.array([0, 2, 7, 9, 10, 11, 12, 13, 15])
    ends = np.array([2, 7, 8, 10, 11, 12, 13, 15, 16])
    s_start, s_end = np.array([0, 9]), np.array([8, 16])
    ok, para, sent, tid, offsets, data = layout_tokens(
        text, starts, ends, s_start, s_end, np.array([1, 2]), np.array([1, 1])
    )
    assert ok
    assert para.tolist() == [1, 1, 1, 2, 2, 2, 2, 2, 2]
    assert sent.tolist() == [1] * 9
    assert tid.tolist() == [1, 2, 3, 1, 2, 3, 4, 5, 6]
    words = [bytes(data[a:b]).decode() for a, b in pairwise(offsets)]
    assert words == ["推进", "百千万工程", "。", "县", "镇", "村", "𠀋", "联动", "！"]
    # a token that runs over a sentence's end: not laid out (the caller cuts by sentence)
    bad = layout_tokens(text, np.array([6]), np.array([10]), s_start, s_end, np.ones(2), np.ones(2))
    assert not bad[0]
