"""The Dask path on a local cluster of two worker processes gives the single-machine tables."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.pipeline import ingest

distributed = pytest.importorskip("distributed")
from bqw_research.scale.dask import DaskMapper  # noqa: E402

TABLES = ["corpus", "paragraphs", "sentences", "tokens", "emphasis", "cleaning"]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture
def folder(tmp_path):
    """The shipped articles, an HTML page in a subfolder, a CSV of articles, a bad file."""
    root = tmp_path / "articles"
    shutil.copytree(config.RAW_DIR, root)
    (root / "2024").mkdir()
    (root / "2024" / "page.html").write_text(
        "<html><head><title>梅州柚</title></head><body><p>梅州柚产业集群崛起，"
        "<strong>县域经济</strong>高质量发展。</p><p>推进百千万工程走深走实！</p></body></html>",
        encoding="utf-8",
    )
    pd.DataFrame(
        {
            "id": ["t1", "t2"],
            "title": ["典型县", "典型镇"],
            "text": ["鹤山市是全省首批典型县之一。", "新丰县马头镇建设典型镇。"],
        }
    ).to_csv(root / "more.csv", index=False)
    (root / "empty.md").write_text("  \n", encoding="utf-8")
    return root


def assert_same(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)
    keep = ("problems", "source", "notes")
    assert {k: a.corpus.attrs[k] for k in keep} == {k: b.corpus.attrs[k] for k in keep}


def test_dask_path_equals_single_machine_path(client, folder, tmp_path, monkeypatch):
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.warns(UserWarning, match="empty"):
        on_cluster = ingest(folder, mapper=DaskMapper(client), cache=False)
    with pytest.warns(UserWarning, match="empty"):
        local = ingest(folder, workers=1, cache=False)
    assert_same(on_cluster, local)
    assert {"t1", "t2"} <= set(on_cluster.corpus["doc_id"])
    assert "2024/page" in set(on_cluster.tokens["doc_id"])


def test_dask_path_with_shared_cache_and_reference_engine(client, tmp_path):
    shared = tmp_path / "shared-cache"
    mapper = DaskMapper(client)
    cold = ingest(mapper=mapper, cache=shared, engine="jieba", pos=False)
    warm = ingest(mapper=mapper, cache=shared, engine="jieba", pos=False)
    assert not cold.stats["bundle_hit"] and warm.stats["bundle_hit"]
    assert list((shared / "entries").rglob("*"))  # written by the workers
    assert_same(cold, ingest(workers=1, cache=False, engine="jieba", pos=False))
    assert_same(warm, cold)


@pytest.mark.shared_corpus
def test_dask_path_on_shared_corpus(client, shared_corpus_path):
    assert_same(
        ingest(shared_corpus_path, mapper=DaskMapper(client), cache=False),
        ingest(shared_corpus_path, workers=1, cache=False),
    )
