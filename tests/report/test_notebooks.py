"""The environment report kernels start in (``bqw_research.report.notebooks``)."""

import os

import pytest

from bqw_research.report.notebooks import INLINE_BACKEND, kernel_environment


@pytest.mark.parametrize(
    ("key", "inside"),
    [("MPLBACKEND", INLINE_BACKEND), ("MIMALLOC_PURGE_DELAY", "0")],
)
def test_kernel_environment_sets_and_restores(monkeypatch, key, inside):
    monkeypatch.setenv(key, "before") if key == "MPLBACKEND" else monkeypatch.delenv(
        key, raising=False
    )
    outside = os.environ.get(key)
    with kernel_environment():
        assert os.environ[key] == inside
    assert os.environ.get(key) == outside


def test_kernel_environment_keeps_a_users_allocator_setting(monkeypatch):
    monkeypatch.setenv("MIMALLOC_PURGE_DELAY", "250")
    with kernel_environment():
        assert os.environ["MIMALLOC_PURGE_DELAY"] == "250"
    assert os.environ["MIMALLOC_PURGE_DELAY"] == "250"
