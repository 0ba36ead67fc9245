"""``ingest`` (and ``load_corpus`` & co. with workers and the cache) give exactly the
tables of a reference built row by row: every document through the per-document step
on its own, and tokens from jieba itself sentence by sentence."""

from __future__ import annotations

import re
import shutil
import warnings

import pandas as pd
import pytest

from bqw_research import (
    CorpusError,
    CorpusWarning,
    config,
    corpus_cleaning_report,
    corpus_emphasis,
    corpus_paragraphs,
    corpus_sentences,
    load_corpus,
)
from bqw_research.pipeline import IngestResult, ingest
from bqw_research.tokens import segment

TABLES = ["corpus", "paragraphs", "sentences", "tokens", "emphasis", "cleaning"]


def jieba_tokens(sents: pd.DataFrame, *, pos: bool) -> pd.DataFrame:
    """The token table by the definition: jieba itself on each sentence."""
    rows = []
    for doc_id, para_id, sent_id, text in sents[
        ["doc_id", "para_id", "sent_id", "text"]
    ].itertuples(index=False):
        for i, tok in enumerate(segment(text, pos=pos, engine="jieba"), start=1):
            rows.append((doc_id, para_id, sent_id, i, *(tok if pos else (tok,))))
    columns = ["doc_id", "para_id", "sent_id", "token_id", "token"] + (["pos"] if pos else [])
    out = pd.DataFrame.from_records(rows, columns=columns)
    return out.astype({"para_id": "int64", "sent_id": "int64", "token_id": "int64"})


def reference_tables(path=None, *, pos=True) -> dict[str, pd.DataFrame]:
    """Tables made without the load's own tables: each row processed again on its own."""
    corpus = load_corpus(path, workers=1, cache=False)
    bare = corpus.copy()
    bare.attrs = {k: v for k, v in corpus.attrs.items() if k not in ("tables", "load")}
    paras = corpus_paragraphs(bare)
    sents = corpus_sentences(paras)
    return {
        "corpus": bare,
        "paragraphs": paras,
        "sentences": sents,
        "tokens": jieba_tokens(sents, pos=pos),
        "emphasis": corpus_emphasis(bare),
        "cleaning": corpus_cleaning_report(bare),
    }


def assert_same(result: IngestResult, expected: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(result, name), expected[name], obj=name)
    ours = {k: v for k, v in result.corpus.attrs.items() if k not in ("tables", "load")}
    assert ours == expected["corpus"].attrs


@pytest.fixture(autouse=True)
def _tmp_cache(tmp_path, monkeypatch):
    """Every test caches in its own folder, never in data/interim."""
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize(
    ("engine", "pos", "workers", "cache"),
    [
        ("exact", True, 1, False),
        ("exact", True, 2, False),
        ("exact", False, 2, True),
        ("jieba", True, 1, False),
    ],
)
def test_ingest_equals_reference_on_shipped_corpus(engine, pos, workers, cache):
    res = ingest(engine=engine, pos=pos, workers=workers, cache=cache)
    assert_same(res, reference_tables(pos=pos))
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


def test_ingest_equals_reference_on_a_messy_folder(tmp_path):
    root = _messy_folder(tmp_path)
    with warnings.catch_warnings(record=True) as serial_warnings:
        warnings.simplefilter("always")
        expected = reference_tables(root)
    with warnings.catch_warnings(record=True) as parallel_warnings:
        warnings.simplefilter("always")
        res = ingest(root, workers=2, cache=False)
    assert_same(res, expected)
    assert [str(w.message) for w in parallel_warnings] == [str(w.message) for w in serial_warnings]
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
    res = ingest(table, cache=False, workers=1)
    assert_same(res, reference_tables(table))
    assert res.corpus["doc_id"].tolist() == ["a1", "a2"]


def test_progress_bar_is_quiet_off_a_terminal(capsys):
    ingest(workers=1, cache=False)
    assert capsys.readouterr().err == ""


@pytest.mark.shared_corpus
def test_ingest_equals_reference_on_shared_corpus(shared_corpus_path):
    expected = reference_tables(shared_corpus_path)
    res = ingest(shared_corpus_path, workers=2)
    assert_same(res, expected)
    warm = ingest(shared_corpus_path, workers=2)
    assert warm.stats["bundle_hit"]
    assert_same(warm, expected)


def test_ingest_of_one_file_equals_reference():
    one = sorted(config.RAW_DIR.glob("*.txt"))[0]
    # the folder's manifest names the other article too: both paths say so
    with pytest.warns(CorpusWarning, match="which was not loaded"):
        res = ingest(one, cache=False, workers=1)
    with pytest.warns(CorpusWarning, match="which was not loaded"):
        expected = reference_tables(one)
    assert_same(res, expected)
    assert len(res.corpus) == 1


def test_ingest_refuses_unknown_engine_and_missing_paths(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        ingest(engine="thulac", cache=False)
    with pytest.raises(CorpusError, match="no such file"):
        ingest(tmp_path / "nowhere", cache=False)
    (tmp_path / "notes.pptx").write_bytes(b"PK")  # a type that is not read
    with pytest.raises(CorpusError, match="no supported files"):
        ingest(tmp_path, cache=False)


def test_messy_folder_warm_rerun_keeps_the_folded_duplicate_out(tmp_path):
    # A folded duplicate means the chunk tables must be filtered (not just put side by
    # side) — on the cold run and again when the bundle is read back.
    root = _messy_folder(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        expected = reference_tables(root)
        cold = ingest(root, workers=2)
        warm = ingest(root, workers=2)
    assert not cold.stats["bundle_hit"] and warm.stats["bundle_hit"]
    assert_same(cold, expected)
    assert_same(warm, expected)


def test_notebook_calls_reuse_the_loads_tables(seed_corpus):
    """The stage calls a notebook makes return the load's tables, not new ones."""
    from bqw_research import tokens
    from bqw_research.corpus.tables import tables_of

    handle = tables_of(seed_corpus)
    assert handle is not None
    paras = corpus_paragraphs(seed_corpus)
    sents = corpus_sentences(paras)
    first = tokens(sents)
    again = tokens(corpus_sentences(corpus_paragraphs(seed_corpus)))
    pd.testing.assert_frame_equal(first, again)
    assert any(name.startswith("tokens:") for name in handle.frames)  # made once, kept
    pd.testing.assert_frame_equal(tokens(seed_corpus), first)  # a corpus gives the same
