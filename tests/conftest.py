"""Shared fixtures: the shipped corpus and the real-article sample corpus beside the project."""

from __future__ import annotations

import os

import matplotlib
import pytest

from bqw_research import config

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")
# Compiled kernels (numba) are cached where a normal run caches them, so a test
# session does not recompile them; everything else the tests cache goes to a
# temporary folder (below), never into the project's data/interim.
os.environ.setdefault("NUMBA_CACHE_DIR", str(config.cache_dir() / "numba"))


@pytest.fixture(autouse=True, scope="session")
def _session_cache(tmp_path_factory):
    """``BQW_CACHE_DIR`` → a temporary folder for the whole session (tests may override it)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("BQW_CACHE_DIR", str(tmp_path_factory.mktemp("bqw-cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def shared_corpus_path():
    """``../shared/corpus`` — skipped with a reason when absent (a user's fresh clone)."""
    if not config.SHARED_CORPUS.is_dir():
        pytest.skip(
            f"sample corpus not found at {config.SHARED_CORPUS} (it lives beside the project, not in it)"
        )
    return config.SHARED_CORPUS


@pytest.fixture(scope="session")
def shared_corpus(shared_corpus_path):
    """The 19 real articles, loaded once per test session."""
    from bqw_research import load_corpus

    return load_corpus(shared_corpus_path)


@pytest.fixture(scope="session")
def seed_corpus():
    """The shipped corpus (data/raw), loaded once per test session."""
    from bqw_research import load_corpus

    return load_corpus()


@pytest.fixture(scope="session")
def seed_paragraphs(seed_corpus):
    from bqw_research import corpus_paragraphs

    return corpus_paragraphs(seed_corpus)
