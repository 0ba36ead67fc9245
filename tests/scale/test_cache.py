"""The content-addressed cache: where it lives, what it keys on, what a change invalidates."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import bqw_research.ingest as ingest_mod
from bqw_research import cache as cache_mod
from bqw_research import config
from bqw_research.cache import Cache, DocStore, cache_key, clear_cache, parse_key, tokens_key
from bqw_research.pipeline import ingest

SHA = "ab" * 32


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BQW_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def corpus_copy(tmp_path):
    root = tmp_path / "articles"
    shutil.copytree(config.RAW_DIR, root)
    return root


def test_cache_lives_where_bqw_cache_dir_says(cache_dir):
    assert cache_mod.default_root() == cache_dir / "ingest"
    ingest(workers=1)
    # the documents' entries (parse, tokens) in a pack with its index, and the run's bundle
    assert list((cache_dir / "ingest" / "doc").glob("*.pack"))
    index = DocStore.index(cache_dir / "ingest")
    assert len(index) == 2 and all(loc[0].endswith(".pack") for loc in index.values())
    assert list((cache_dir / "ingest" / "bundle").rglob("tokens-*.arrow"))


def test_default_cache_is_under_data_interim(monkeypatch):
    monkeypatch.delenv("BQW_CACHE_DIR", raising=False)
    assert cache_mod.default_root() == config.INTERIM_DIR / "cache" / "ingest"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("ab", "c"), ("a", "bc")),  # parts are length-prefixed, not just joined
        (("x",), ("x", "")),
        ((1,), ("2",)),
    ],
)
def test_cache_key_separates_parts(a, b):
    assert cache_key(*a) != cache_key(*b)
    assert cache_key(*a) == cache_key(*a)
    assert len(cache_key(*a)) == 64


def test_parse_key_covers_bytes_kind_notes_and_versions(monkeypatch):
    base = parse_key(SHA, kind="markdown", notes=False)
    assert parse_key("cd" * 32, kind="markdown", notes=False) != base
    assert parse_key(SHA, kind="html", notes=False) != base
    assert parse_key(SHA, kind="markdown", notes=True) != base
    monkeypatch.setattr("bqw_research.corpus.clean.CLEANING_VERSION", "999")
    assert parse_key(SHA, kind="markdown", notes=False) != base
    monkeypatch.undo()
    monkeypatch.setattr("bqw_research.corpus.parse.PARSER_VERSION", "999")
    assert parse_key(SHA, kind="markdown", notes=False) != base


def test_tokens_key_covers_engine_lexicon_and_pos():
    p = parse_key(SHA, kind="markdown", notes=False)
    base = tokens_key(p, engine_version="jieba;lexicon=1", pos=True)
    assert tokens_key(p, engine_version="jieba;lexicon=2", pos=True) != base
    assert tokens_key(p, engine_version="jieba;lexicon=1", pos=False) != base
    assert (
        tokens_key(
            parse_key("cd" * 32, kind="markdown", notes=False),
            engine_version="jieba;lexicon=1",
            pos=True,
        )
        != base
    )


def test_engine_version_names_dictionary_and_lexicon_hashes():
    from bqw_research.scale.digests import file_sha256
    from bqw_research.tokens import engine_version

    version = engine_version("rjieba")
    assert file_sha256(config.DOMAIN_LEXICON) in version
    assert "dict=" in version and "rjieba=" in version
    assert engine_version("jieba") != version


def test_values_round_trip_and_corrupt_entries_read_as_misses(tmp_path):
    store = Cache(tmp_path)
    store.put("doc", "k" * 64, {"text": "百千万工程"})
    assert store.get("doc", "k" * 64) == {"text": "百千万工程"}
    assert store.get("doc", "z" * 64) is None
    store.path("doc", "k" * 64, "pkl").write_bytes(b"not a pickle")
    assert store.get("doc", "k" * 64) is None
    assert not list(tmp_path.rglob(".tmp-*"))  # writes are atomic: no leftovers
    with pytest.raises(ValueError, match="unknown cache kind"):
        store.path("nonsense", "k", "pkl")


def test_clear_cache(cache_dir):
    ingest(workers=1)
    clear_cache("bundle")
    assert not (cache_dir / "ingest" / "bundle").exists()
    assert (cache_dir / "ingest" / "doc").exists()
    clear_cache()
    assert not (cache_dir / "ingest").exists()


def test_warm_rerun_is_served_whole_and_identical(cache_dir, corpus_copy):
    cold = ingest(corpus_copy, workers=1)
    warm = ingest(corpus_copy, workers=1)
    assert not cold.stats["bundle_hit"] and warm.stats["bundle_hit"]
    for name in ("corpus", "paragraphs", "sentences", "tokens", "emphasis"):
        pd.testing.assert_frame_equal(getattr(warm, name), getattr(cold, name))
    assert warm.corpus.attrs == cold.corpus.attrs


def test_editing_one_article_reparses_only_that_article(cache_dir, corpus_copy):
    first = ingest(corpus_copy, workers=1)
    n = len(first.corpus)
    target = sorted(corpus_copy.glob("*.txt"))[0]
    target.write_text(
        target.read_text(encoding="utf-8") + "\n\n新增一段：县域经济加快发展。\n", encoding="utf-8"
    )
    again = ingest(corpus_copy, workers=1)
    assert not again.stats["bundle_hit"]
    assert again.stats["parse_hits"] == n - 1
    assert again.stats["token_hits"] == n - 1
    assert "新增一段：县域经济加快发展。" in set(again.paragraphs["text"])


def test_lexicon_change_retokenises_but_does_not_reparse(cache_dir, corpus_copy, monkeypatch):
    first = ingest(corpus_copy, workers=1)
    n = len(first.corpus)
    monkeypatch.setattr(
        ingest_mod, "engine_version", lambda engine, **kw: f"{engine};lexicon=edited"
    )
    again = ingest(corpus_copy, workers=1)
    assert not again.stats["bundle_hit"]
    assert again.stats["parse_hits"] == n
    assert again.stats["token_hits"] == 0


def test_cleaning_version_change_reparses_everything(cache_dir, corpus_copy, monkeypatch):
    first = ingest(corpus_copy, workers=1)
    monkeypatch.setattr("bqw_research.corpus.clean.CLEANING_VERSION", "next")
    again = ingest(corpus_copy, workers=1)
    assert again.stats["parse_hits"] == 0
    assert again.stats["token_hits"] == 0
    pd.testing.assert_frame_equal(again.tokens, first.tokens)  # same code, same values


def test_cache_off_writes_nothing(cache_dir):
    ingest(workers=1, cache=False)
    assert not (cache_dir / "ingest").exists()


def test_genre_rules_edit_rebuilds_the_bundle_only(cache_dir, corpus_copy, tmp_path, monkeypatch):
    first = ingest(corpus_copy, workers=1)
    rules = tmp_path / "genre_rules.csv"
    rules.write_text(config.GENRE_RULES.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(config, "GENRE_RULES", rules)
    assert ingest(corpus_copy, workers=1).stats["bundle_hit"]  # same bytes, same bundle
    rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = ingest(corpus_copy, workers=1)
    assert not again.stats["bundle_hit"]
    assert again.stats["parse_hits"] == again.stats["token_hits"] == len(first.corpus)


def test_file_digests_remember_unchanged_files_and_rehash_changed_ones(tmp_path, monkeypatch):
    import hashlib
    import os

    from bqw_research.cache import Cache, FileDigests

    store = Cache(tmp_path / "cache")
    article = tmp_path / "a.md"
    article.write_text("百千万工程", encoding="utf-8")
    old = 1_600_000_000_000_000_000  # a modification time long ago: not "racy"
    os.utime(article, ns=(old, old))
    first = FileDigests(store, "corpus")
    digest, size = first.sha256(str(article))
    assert digest == hashlib.sha256("百千万工程".encode()).hexdigest() and size == 15
    assert first.hashed == 1
    first.save()
    again = FileDigests(store, "corpus")
    assert again.sha256(str(article))[0] == digest and again.hashed == 0  # not read again
    # Same size, new content and a new modification time: hashed again.
    article.write_text("乡村振兴工", encoding="utf-8")
    os.utime(article, ns=(old + 10**9, old + 10**9))
    changed = FileDigests(store, "corpus")
    assert changed.sha256(str(article))[0] == hashlib.sha256("乡村振兴工".encode()).hexdigest()
    assert changed.hashed == 1


def test_file_digests_do_not_remember_files_changed_just_now(tmp_path):
    from bqw_research.cache import Cache, FileDigests

    store = Cache(tmp_path / "cache")
    article = tmp_path / "a.md"
    article.write_text("百千万工程", encoding="utf-8")  # modified now: within the racy window
    memo = FileDigests(store, "corpus")
    memo.sha256(str(article))
    memo.save()
    assert FileDigests(store, "corpus").known == {}
    later = FileDigests(store, "corpus")
    later.sha256(str(article))
    assert later.hashed == 1


@pytest.mark.parametrize(("engine", "pos"), [("exact", True), ("exact", False), ("rjieba", True)])
def test_tables_rebuilt_from_document_entries_equal_fresh_ones(cache_dir, corpus_copy, engine, pos):
    # The bundle is gone (e.g. an option changed) but every document entry holds: the
    # tables are rebuilt from the stored parses and token spans, value for value.
    fresh = ingest(corpus_copy, workers=1, cache=False, engine=engine, pos=pos)
    ingest(corpus_copy, workers=1, engine=engine, pos=pos)
    clear_cache("bundle")
    again = ingest(corpus_copy, workers=1, engine=engine, pos=pos)
    assert not again.stats["bundle_hit"]
    assert again.stats["parse_hits"] == again.stats["token_hits"] == len(fresh.corpus)
    for name in ("corpus", "paragraphs", "sentences", "tokens", "emphasis"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(fresh, name), obj=name)


def test_doc_store_packs_read_back_and_bad_locations_are_misses(tmp_path):
    store = DocStore(tmp_path)
    store.put("k1", {"parsed": "县域经济"})
    store.put("k2", {"parsed": "镇村"})
    assert not list((tmp_path / "doc").glob("*.idx")) if (tmp_path / "doc").exists() else True
    store.flush()  # one pack and one index for the whole batch
    assert len(list((tmp_path / "doc").glob("*.pack"))) == 1
    index = DocStore.index(tmp_path)
    assert store.get("k1", index["k1"])["parsed"] == "县域经济"
    assert store.get("k2", index["k2"])["parsed"] == "镇村"
    assert store.get("k1", index["k2"]) is None  # an entry carries its key
    assert store.get("k1", None) is None
    assert store.get("k1", ("nowhere.pack", 0, 10)) is None
    # a newer pack wins for the same key
    store.put("k1", {"parsed": "乡村振兴"})
    store.flush()
    newer = DocStore.index(tmp_path)
    assert store.get("k1", newer["k1"])["parsed"] == "乡村振兴"
