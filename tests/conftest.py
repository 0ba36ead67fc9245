"""Shared fixtures: the shipped corpus and the real-article sample corpus beside the project."""

from __future__ import annotations

import os

import matplotlib
import pytest

from bqw_research import config

matplotlib.use("Agg")
os.environ.setdefault("MPLBACKEND", "Agg")


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
