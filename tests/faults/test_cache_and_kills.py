"""Fault injection: concurrent runs on one cache, damaged cache files, ``kill -9``.

Each case runs ``bqw ingest`` as a separate process (``ingest_digest.py``) on a small
real corpus (the shipped articles plus copies with a one-line edit each, so that two
workers get several chunks) and checks that the tables it writes are the clean run's,
value for value, and that nothing is left running or behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pandas as pd
import pytest

from bqw_research import config

HERE = Path(__file__).parent
RUNNER = HERE / "ingest_digest.py"
COPIES = 6  # copies of each shipped article: 14 files in all


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("articles")
    articles = sorted(p for p in config.RAW_DIR.iterdir() if p.suffix == ".txt")
    for article in articles:
        text = article.read_text(encoding="utf-8")
        shutil.copy(article, root / article.name)
        for i in range(1, COPIES):
            edited = text + f"\n\n（第{i}次转载，编辑有删改。）\n"
            (root / f"{article.stem}_copy{i}.txt").write_text(edited, encoding="utf-8")
    return root


def _start(corpus: Path, out: Path, cache: Path | None, marker: str, *options: str):
    env = dict(os.environ, BQW_FAULT_MARKER=marker)
    args = [*options] if cache is not None else [*options, "--no-cache"]
    if cache is not None:
        env["BQW_CACHE_DIR"] = str(cache)
    return subprocess.Popen(
        [sys.executable, str(RUNNER), str(corpus), str(out / "tables"), str(out / "d.json"), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen, out: Path) -> dict:
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr[-2000:]
    return json.loads((out / "d.json").read_text(encoding="utf-8"))


def _run(corpus: Path, out: Path, cache: Path | None, *options: str) -> dict:
    return _finish(_start(corpus, out, cache, uuid.uuid4().hex, *options), out)


def _alive(marker: str) -> list[int]:
    """Processes whose environment holds ``BQW_FAULT_MARKER=marker``."""
    found = []
    needle = f"BQW_FAULT_MARKER={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                status = (entry / "status").read_text()
                if "\nState:\tZ" not in status:  # a zombie has already ended
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> dict:
    """The tables of a run without any cache."""
    return _run(corpus, tmp_path_factory.mktemp("clean"), None, "--workers", "1")


@pytest.mark.parametrize("delay", [0.0, 0.7])
def test_concurrent_ingests_on_one_cache_both_give_the_clean_tables(corpus, clean, tmp_path, delay):
    cache = tmp_path / "cache"
    first = _start(corpus, tmp_path / "a", cache, uuid.uuid4().hex, "--workers", "2")
    time.sleep(delay)
    second = _start(corpus, tmp_path / "b", cache, uuid.uuid4().hex, "--workers", "2")
    assert _finish(first, tmp_path / "a") == clean
    assert _finish(second, tmp_path / "b") == clean
    # and the cache they wrote together serves a third run the same tables
    assert _run(corpus, tmp_path / "c", cache, "--workers", "2") == clean
    assert not list(cache.rglob(".tmp-*")), "a temporary file was left in the cache"


def _kind(path: Path, cache: Path) -> str:
    """A cache file's kind: ``entries`` (one article's rows or spans) or the bundle file's name."""
    rel = path.relative_to(cache).parts
    name = re.sub(r"-[0-9a-f]{16,}", "", path.name)  # tokens-<segmenter key>.arrow
    return f"bundles/{name}" if "bundles" in rel else "/".join(rel[:2])


@pytest.fixture(scope="module")
def warm_cache(corpus, tmp_path_factory) -> Path:
    cache = tmp_path_factory.mktemp("warm") / "cache"
    _run(corpus, tmp_path_factory.mktemp("warm-run"), cache, "--workers", "2")
    return cache


def test_every_kind_of_cache_file_is_covered(warm_cache):
    kinds = {_kind(p, warm_cache) for p in warm_cache.rglob("*") if p.is_file()}
    expected = {"tables/entries", "bundles/index.pkl", "bundles/index.pkl.sum"} | {
        f"bundles/{t}.arrow{s}"
        for t in ("text", "paragraphs", "sentences", "tokens")
        for s in ("", ".sum")
    }
    assert expected <= kinds, sorted(expected - kinds)


@pytest.mark.parametrize("where", ["start", "middle"])
def test_a_flipped_byte_in_any_cache_file_never_reaches_the_tables(
    corpus, clean, warm_cache, tmp_path, where
):
    # one file of each kind, each damaged in its own copy of the warm cache
    files = sorted(p for p in warm_cache.rglob("*") if p.is_file())
    by_kind: dict[str, Path] = {}
    for path in files:
        by_kind.setdefault(_kind(path, warm_cache), path)
    assert len(by_kind) >= 3
    for kind, path in sorted(by_kind.items()):
        cache = tmp_path / f"cache-{len(list(tmp_path.iterdir()))}"
        shutil.copytree(warm_cache, cache)
        damaged = cache / path.relative_to(warm_cache)
        data = bytearray(damaged.read_bytes())
        if not data:
            continue
        at = {"start": 0, "middle": len(data) // 2, "end": len(data) - 1}[where]
        data[at] ^= 0x5A
        damaged.write_bytes(bytes(data))
        got = _run(corpus, tmp_path / f"run-{kind.replace('/', '_')}", cache, "--workers", "2")
        assert got == clean, f"a flipped byte in {kind} ({path.name}) changed the tables"
        # the rerun repaired the cache: the next run is clean as well
        again = _run(corpus, tmp_path / f"again-{kind.replace('/', '_')}", cache)
        assert again == clean, f"{kind}: the damage outlived the rerun"


@pytest.mark.parametrize("after", [0.8, 2.0, 4.0])
def test_kill_9_leaves_nothing_running_and_the_rerun_is_clean(corpus, clean, tmp_path, after):
    cache = tmp_path / "cache"
    marker = uuid.uuid4().hex
    proc = _start(corpus, tmp_path / "killed", cache, marker, "--workers", "2")
    time.sleep(after)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while _alive(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _alive(marker) == [], "worker processes outlived the killed run"
    shm = Path("/dev/shm")
    if shm.is_dir():
        assert not [p for p in shm.iterdir() if p.name.startswith("bqw")], "shared memory left"
    assert _run(corpus, tmp_path / "rerun", cache, "--workers", "2") == clean
    # a table the killed run wrote is whole (tables are renamed into place)
    for table in (tmp_path / "killed").rglob("*.parquet"):
        pd.read_parquet(table)
