"""The content-addressed cache: where it lives, what it keys on, what a change invalidates."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow as pa
import pytest

import bqw_research.ingest as ingest_mod
from bqw_research import cache as cache_mod
from bqw_research import config
from bqw_research.cache import Cache, cache_key, clear_cache, parse_key, tokens_key
from bqw_research.ingest import ingest

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
    assert list((cache_dir / "ingest" / "parse").rglob("*.pkl"))
    assert list((cache_dir / "ingest" / "tokens").rglob("*.arrow"))


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
    monkeypatch.setattr("bqw_research.clean.CLEANING_VERSION", "999")
    assert parse_key(SHA, kind="markdown", notes=False) != base
    monkeypatch.undo()
    monkeypatch.setattr("bqw_research.parse.PARSER_VERSION", "999")
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
    from bqw_research.lexicon import file_sha256
    from bqw_research.tokens import engine_version

    version = engine_version("rjieba")
    assert file_sha256(config.DOMAIN_LEXICON) in version
    assert "dict=" in version and "rjieba=" in version
    assert engine_version("jieba") != version


def test_values_round_trip_and_corrupt_entries_read_as_misses(tmp_path):
    store = Cache(tmp_path)
    store.put("parse", "k" * 64, {"text": "百千万工程"})
    assert store.get("parse", "k" * 64) == {"text": "百千万工程"}
    assert store.get("parse", "z" * 64) is None
    table = pa.table({"token": ["县域", "经济"], "token_id": [1, 2]})
    store.put_table("tokens", "t" * 64, table)
    assert store.get_table("tokens", "t" * 64).equals(table)
    store.path("parse", "k" * 64, "pkl").write_bytes(b"not a pickle")
    assert store.get("parse", "k" * 64) is None
    assert not list(tmp_path.rglob(".tmp-*"))  # writes are atomic: no leftovers
    with pytest.raises(ValueError, match="unknown cache kind"):
        store.path("nonsense", "k", "pkl")


def test_clear_cache(cache_dir):
    ingest(workers=1)
    clear_cache("tokens")
    assert not (cache_dir / "ingest" / "tokens").exists()
    assert (cache_dir / "ingest" / "parse").exists()
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
    monkeypatch.setattr(ingest_mod, "engine_version", lambda engine: f"{engine};lexicon=edited")
    again = ingest(corpus_copy, workers=1)
    assert not again.stats["bundle_hit"]
    assert again.stats["parse_hits"] == n
    assert again.stats["sentence_hits"] == n
    assert again.stats["token_hits"] == 0


def test_cleaning_version_change_reparses_everything(cache_dir, corpus_copy, monkeypatch):
    first = ingest(corpus_copy, workers=1)
    monkeypatch.setattr("bqw_research.clean.CLEANING_VERSION", "next")
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
