"""The content-addressed cache: where it lives, what it keys on, what a change invalidates."""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.corpus import load_corpus
from bqw_research.corpus.document import DocumentOptions, document_key
from bqw_research.pipeline import ingest
from bqw_research.scale import cache as cache_mod
from bqw_research.scale.cache import (
    Bundle,
    Store,
    cache_key,
    clear_cache,
    fast_checksum,
    settle_bundles,
)
from bqw_research.scale.digests import FileDigests
from bqw_research.tokens import Segmenter, engine_version

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
    assert cache_mod.default_root() == cache_dir / "tables"
    ingest(workers=1)
    settle_bundles()  # the bundle is written behind the load
    # one entry per document and per token table, and the run's bundle
    assert len(list((cache_dir / "tables" / "entries").rglob("*"))) > 4
    assert list((cache_dir / "tables" / "bundles").rglob("tokens-*.arrow"))
    assert not list(cache_dir.rglob(".tmp-*"))  # writes are atomic: no leftovers


def test_default_cache_is_under_data_interim(monkeypatch):
    monkeypatch.delenv("BQW_CACHE_DIR", raising=False)
    assert cache_mod.default_root() == config.INTERIM_DIR / "cache" / "tables"


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


def test_document_key_covers_bytes_kind_notes_and_versions(monkeypatch):
    plain = DocumentOptions()
    key = document_key(SHA, kind="markdown", options=plain)
    assert key == document_key(SHA, kind="markdown", options=plain)
    assert key != document_key("cd" * 32, kind="markdown", options=plain)
    assert key != document_key(SHA, kind="html", options=plain)
    assert key != document_key(SHA, kind="markdown", options=DocumentOptions(notes=True))
    monkeypatch.setattr("bqw_research.corpus.document.PARSER_VERSION", "next")
    assert key != document_key(SHA, kind="markdown", options=plain)


def test_segmenter_key_covers_engine_and_pos():
    keys = {Segmenter(engine=e, pos=p).key for e in ("exact", "jieba") for p in (False, True)}
    assert len(keys) == 4


def test_engine_version_names_dictionary_and_lexicon_hashes():
    from bqw_research.scale.digests import file_sha256

    version = engine_version("exact")
    assert f"lexicon={file_sha256(config.DOMAIN_LEXICON)}" in version
    assert "dict=" in version and "numba=" in version and "engine=exact" in version


def test_values_round_trip_and_damaged_entries_read_as_misses(tmp_path):
    store = Store(tmp_path)
    store.put("k" * 64, {"text": "百千万工程"})
    assert store.get("k" * 64) == {"text": "百千万工程"}
    assert store.get("z" * 64) is None
    path = store.path("k" * 64)
    data = bytearray(path.read_bytes())
    data[-3] ^= 0x40  # one flipped bit in the value
    path.write_bytes(bytes(data))
    with pytest.warns(RuntimeWarning, match="checksum mismatch"):
        assert store.get("k" * 64) is None
    assert not list(tmp_path.rglob(".tmp-*"))


def test_bundle_files_are_verified_before_use(tmp_path):
    bundle = Bundle(tmp_path, "b" * 64)
    bundle.write("x.arrow", b"0123456789" * 100)
    assert bundle.verify("x.arrow")
    data = bytearray(bundle.path("x.arrow").read_bytes())
    data[500] ^= 1
    bundle.path("x.arrow").write_bytes(bytes(data))
    with pytest.warns(RuntimeWarning, match="damaged cache file"):
        assert not bundle.verify("x.arrow")
    assert not bundle.verify("missing.arrow")
    assert fast_checksum(b"abc") != fast_checksum(b"abd")


def test_clear_cache(cache_dir):
    ingest(workers=1)
    assert (cache_dir / "tables").exists()
    clear_cache()
    assert not (cache_dir / "tables").exists()


def test_warm_rerun_is_served_whole_and_identical(cache_dir, corpus_copy):
    cold = ingest(corpus_copy, workers=1)
    warm = ingest(corpus_copy, workers=1)
    assert not cold.stats["bundle_hit"] and warm.stats["bundle_hit"]
    for name in ("corpus", "paragraphs", "sentences", "tokens", "emphasis", "cleaning"):
        pd.testing.assert_frame_equal(getattr(warm, name), getattr(cold, name))
    keep = ("problems", "source", "notes")
    assert {k: warm.corpus.attrs[k] for k in keep} == {k: cold.corpus.attrs[k] for k in keep}


def test_a_damaged_bundle_is_rebuilt_not_returned(cache_dir, corpus_copy):
    cold = ingest(corpus_copy, workers=1)
    settle_bundles()
    for tokens_file in (cache_dir / "tables" / "bundles").rglob("tokens-*.arrow"):
        data = bytearray(tokens_file.read_bytes())
        data[len(data) // 2] ^= 0xFF
        tokens_file.write_bytes(bytes(data))
    with pytest.warns(RuntimeWarning, match="damaged"):
        again = ingest(corpus_copy, workers=1)
    assert not again.stats["bundle_hit"]
    pd.testing.assert_frame_equal(again.tokens, cold.tokens)


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
        "bqw_research.tokens.engines.engine_version", lambda engine: f"{engine};lexicon=edited"
    )
    again = ingest(corpus_copy, workers=1)
    assert again.stats["bundle_hit"]  # the corpus tables do not depend on the lexicon …
    assert again.stats.get("token_hits", 0) == 0  # … but the tokens were made again
    pd.testing.assert_frame_equal(again.tokens, first.tokens)  # (same lexicon, same values)
    cold = ingest(corpus_copy, workers=1, cache=False)
    assert len(cold.corpus) == n


def test_cleaning_version_change_reparses_everything(cache_dir, corpus_copy, monkeypatch):
    first = ingest(corpus_copy, workers=1)
    monkeypatch.setattr("bqw_research.corpus.document.CLEANING_VERSION", "next")
    again = ingest(corpus_copy, workers=1)
    assert again.stats["parse_hits"] == 0
    assert again.stats["token_hits"] == 0
    pd.testing.assert_frame_equal(again.tokens, first.tokens)  # same code, same values


def test_cache_off_writes_nothing(cache_dir):
    ingest(workers=1, cache=False)
    assert not (cache_dir / "tables").exists()


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


def test_file_digests_remember_unchanged_files_and_rehash_changed_ones(tmp_path):
    store = Store(tmp_path / "cache")
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
    store = Store(tmp_path / "cache")
    article = tmp_path / "a.md"
    article.write_text("百千万工程", encoding="utf-8")  # modified now: within the racy window
    memo = FileDigests(store, "corpus")
    memo.sha256(str(article))
    memo.save()
    assert FileDigests(store, "corpus").known == {}
    later = FileDigests(store, "corpus")
    later.sha256(str(article))
    assert later.hashed == 1


@pytest.mark.parametrize(("engine", "pos"), [("exact", True), ("exact", False), ("jieba", True)])
def test_tables_rebuilt_from_document_entries_equal_fresh_ones(cache_dir, corpus_copy, engine, pos):
    # The bundle is gone (e.g. an option changed) but every document entry holds: the
    # tables are rebuilt from the stored rows and token spans, value for value.
    fresh = ingest(corpus_copy, workers=1, cache=False, engine=engine, pos=pos)
    ingest(corpus_copy, workers=1, engine=engine, pos=pos)
    settle_bundles()
    shutil.rmtree(cache_dir / "tables" / "bundles")
    again = ingest(corpus_copy, workers=1, engine=engine, pos=pos)
    assert not again.stats["bundle_hit"]
    assert again.stats["parse_hits"] == again.stats["token_hits"] == len(fresh.corpus)
    for name in ("corpus", "paragraphs", "sentences", "tokens", "emphasis", "cleaning"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(fresh, name), obj=name)


def test_write_behind_entries_are_whole_and_readable_after_close(tmp_path):
    from bqw_research.scale.cache import WriteBehind

    store = Store(tmp_path)
    value = {"text": "百千万工程", "n": 3}
    with WriteBehind(store) as behind:
        behind.put("a" * 64, value)
        value["n"] = 4  # pickled at put: later changes are not written
    assert store.get("a" * 64) == {"text": "百千万工程", "n": 3}
    assert not list(tmp_path.rglob(".tmp-*"))


def test_write_behind_raises_the_first_failed_write_on_close(tmp_path):
    from bqw_research.scale.cache import WriteBehind

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    behind = WriteBehind(Store(blocker))  # entries would go under a regular file
    behind.put("b" * 64, "x")
    with pytest.raises(OSError):
        behind.close()


#: A child process: wait until both children are ready, then ingest and print what it did.
_INGEST_TOGETHER = """
import json, sys, time, warnings
from pathlib import Path
warnings.simplefilter("ignore")
from bqw_research.pipeline import ingest
folder, ready, me = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
(ready / me).touch()
deadline = time.monotonic() + 120
while len(list(ready.iterdir())) < 2 and time.monotonic() < deadline:
    time.sleep(0.01)
result = ingest(folder, workers=1)
print(json.dumps([result.stats["bundle_hit"], len(result.tokens)]))
"""


def test_loads_started_together_build_once(cache_dir, corpus_copy, tmp_path):
    """Two processes loading the same folder into an empty cache at the same moment: one
    builds the bundle (and its token table) under the build lock, the other waits and
    reads it (without the lock both would build)."""
    import json
    import subprocess
    import sys

    ready = tmp_path / "ready"
    ready.mkdir()
    env = {**os.environ, "BQW_CACHE_DIR": str(cache_dir)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _INGEST_TOGETHER, str(corpus_copy), str(ready), str(i)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    results = sorted(json.loads(p.communicate(timeout=300)[0]) for p in procs)
    assert [hit for hit, _ in results] == [False, True]
    assert results[0][1] == results[1][1] > 0


def test_the_build_lock_excludes_other_holders_and_is_reentrant(tmp_path):

    bundle = Bundle(tmp_path, "k" * 64)
    order: list[str] = []
    entered = threading.Event()

    def other() -> None:
        with bundle.building():
            order.append("other")

    with bundle.building():
        with bundle.building():  # the same thread again: no deadlock
            order.append("outer")
        thread = threading.Thread(target=lambda: (entered.set(), other()))
        thread.start()
        entered.wait(5)
        thread.join(0.3)
        assert thread.is_alive()  # still waiting for the lock
        order.append("released")
    thread.join(5)
    assert order == ["outer", "released", "other"]


def test_the_build_lock_steps_aside_where_it_cannot_be_made(tmp_path):
    """A cache root that cannot hold the lock file (here: a file where the folder should be)
    builds without it instead of failing the load."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    ran = []
    with Bundle(blocker, "k" * 64).building():
        ran.append(True)
    assert ran == [True]


def test_the_build_lock_steps_aside_when_the_file_system_cannot_lock(tmp_path, monkeypatch):
    """flock failing (NFS without a lock daemon: ENOLCK) builds without the lock, and an
    error raised by the build is not chained to the lock's."""
    import errno

    def no_lock(fd, op):
        if op == cache_mod.fcntl.LOCK_EX:
            raise OSError(errno.ENOLCK, "No locks available")

    if not cache_mod.BUILD_LOCKS:
        pytest.skip("no fcntl here")
    monkeypatch.setattr(cache_mod.fcntl, "flock", no_lock)
    with pytest.raises(ValueError) as err, Bundle(tmp_path, "k" * 64).building():
        raise ValueError("the build failed")
    assert err.value.__context__ is None


def _lock_is_free(bundle: Bundle) -> bool:
    """Whether another open file of the bundle's lock could take it now."""
    fd = os.open(bundle.folder.with_name(f"{bundle.folder.name}.lock"), os.O_RDWR | os.O_CREAT)
    try:
        cache_mod.fcntl.flock(fd, cache_mod.fcntl.LOCK_EX | cache_mod.fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


@pytest.mark.skipif(not cache_mod.BUILD_LOCKS, reason="no fcntl here")
def test_a_bundle_written_behind_keeps_the_build_lock_until_it_is_written(tmp_path):
    bundle = Bundle(tmp_path, "w" * 64)
    gate = threading.Event()

    def write() -> None:
        gate.wait(10)
        bundle.write("index.pkl", b"whole")

    with bundle.building():
        bundle.write_behind(write)
    # the load has gone on, the files are not written yet: other builders must wait
    assert not _lock_is_free(bundle)
    assert not bundle.path("index.pkl").exists()
    gate.set()
    bundle.settle()
    assert bundle.path("index.pkl").read_bytes() == b"whole"
    assert _lock_is_free(bundle)


def test_a_bundle_that_cannot_be_written_behind_is_a_warning_not_an_error(tmp_path):
    bundle = Bundle(tmp_path, "f" * 64)

    def write() -> None:
        raise OSError(28, "No space left on device")

    with pytest.warns(RuntimeWarning, match="could not write the cache.*No space left"):
        with bundle.building():
            bundle.write_behind(write)
        bundle.settle()
    if cache_mod.BUILD_LOCKS:
        assert _lock_is_free(bundle)


def _hold_the_writer(tmp_path) -> threading.Event:
    """Keep the one background writer busy until the returned event is set."""
    gate = threading.Event()
    Bundle(tmp_path / "gate", "g" * 64).write_behind(lambda: gate.wait(30))
    return gate


def test_a_load_saves_what_it_returned_not_later_edits(cache_dir, corpus_copy, tmp_path):
    gate = _hold_the_writer(tmp_path)  # the load's bundle waits behind it
    first = load_corpus(corpus_copy, workers=1)
    assert not list((cache_dir / "tables" / "bundles").rglob("index.pkl"))  # not written yet
    first.attrs["source"] = "edited by the caller"
    first.loc[0, "title"] = "改过的标题"
    first.attrs["problems"].append({"path": "x.md", "reason": "added by the caller"})
    gate.set()
    again = load_corpus(corpus_copy, workers=1)
    assert again.attrs["load"]["bundle_hit"]
    assert again.attrs["source"] == str(corpus_copy)
    assert again.loc[0, "title"] != "改过的标题"
    assert all(p["path"] != "x.md" for p in again.attrs["problems"])


def test_a_forked_child_writes_its_own_bundles(tmp_path):
    """A child forked while the parent's writer is busy has no writer thread: it must
    start its own (and not wait for the parent's pending writes)."""
    gate = _hold_the_writer(tmp_path)
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            bundle = Bundle(tmp_path, "c" * 64)
            bundle.write_behind(lambda: bundle.write("index.pkl", b"child"))
            bundle.settle()
            settle_bundles()
            code = 0 if bundle.path("index.pkl").read_bytes() == b"child" else 1
        finally:
            os._exit(code)
    try:
        for _ in range(200):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the child waited for its parent's writer")
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        gate.set()
        settle_bundles()


def test_clear_cache_waits_for_bundles_being_written(cache_dir, corpus_copy):
    ingest(corpus_copy, workers=1)
    clear_cache()
    assert not (cache_dir / "tables").exists()
    assert not ingest(corpus_copy, workers=1).stats["bundle_hit"]


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 63, 64, 1000, 4099])
@pytest.mark.parametrize("block", [8, 24, 1 << 23])
def test_file_checksum_is_fast_checksum_of_the_contents(tmp_path, size, block):
    data = hashlib.sha256(str(size).encode()).digest() * (size // 32 + 1)
    data = (data + "百千万工程".encode())[:size]
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    with open(path, "rb") as fh:
        assert cache_mod.file_checksum(fh, block=block) == fast_checksum(data)
