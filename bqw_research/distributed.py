"""The same ingest on a Dask cluster: beyond one machine.

:func:`ingest_dask` plans the work on the machine you call it from (finding
the files, their ``doc_id`` and the manifest), sends partitions of files — and
each CSV/JSONL/Parquet file of a dataset — to the workers as a ``dask.bag``,
where they are read, parsed, split and tokenised by the very functions the
single-machine :func:`bqw_research.ingest.ingest` runs, and assembles the
results on the client exactly as ``ingest`` does. The tables are identical to
the single-machine path (``tests/test_distributed.py`` checks this on a local
cluster of two worker processes).

On one machine::

    from dask.distributed import Client, LocalCluster
    from bqw_research.distributed import ingest_dask

    with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, Client(cluster) as client:
        res = ingest_dask("~/articles", client=client)

On a real cluster the workers need three things: this package installed in the
same version (``pip install`` the project on every worker image), the corpus
folder at the same path on every worker (a shared file system: NFS, a mounted
bucket), and — if you keep the cache on — a cache folder they can all write
(``cache="/shared/bqw-cache"``). Connect with ``Client("tcp://scheduler:8786")``.
"""

from __future__ import annotations

import time
from pathlib import Path

from .ingest import (
    DEFAULT_ENGINE,
    DEFAULT_MAX_BYTES,
    IngestResult,
    _assemble,
    _cached_result,
    _ChunkResult,
    _chunks,
    _locations,
    _Options,
    _plan,
    _process_chunk,
    _process_table,
    _TablePart,
)


def _partition(item: tuple[str, list], opts: _Options) -> tuple[str, object]:
    kind, paths = item
    if kind == "files":
        return kind, _process_chunk(paths, opts)
    return kind, [_process_table(p, opts) for p in paths]


def ingest_dask(
    path: str | Path | None = None,
    *,
    client=None,
    partitions: int | None = None,
    pos: bool = True,
    cache: bool | str | Path = False,
    engine: str = DEFAULT_ENGINE,
    manifest: str | Path | None = None,
    notes: bool = False,
    near_duplicates: float | None = 0.8,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestResult:
    """:func:`bqw_research.ingest.ingest` with the per-document work on a Dask cluster.

    Parameters
    ----------
    client:
        A ``dask.distributed.Client``; ``None`` uses the current default client
        (or Dask's local scheduler when there is none).
    partitions:
        Number of file partitions (default: 4 per worker, at least 1). Each
        table file (CSV/JSONL/Parquet) is a partition of its own.
    cache:
        Off by default: on a cluster, pass a folder every worker can write.
    path, pos, engine, manifest, notes, near_duplicates, max_bytes:
        As in :func:`~bqw_research.ingest.ingest`.
    """
    import dask.bag as db

    t0 = time.perf_counter()
    plan = _plan(
        path,
        pos=pos,
        cache=cache,
        engine=engine,
        manifest=manifest,
        notes=notes,
        near_duplicates=near_duplicates,
        max_bytes=max_bytes,
    )
    cached = _cached_result(plan)
    if cached is not None:
        cached.stats["seconds"] = time.perf_counter() - t0
        return cached
    if partitions is None:
        n_workers = len(client.scheduler_info().get("workers", {})) if client is not None else 1
        partitions = max(1, 4 * n_workers)
    items: list[tuple[str, list[str]]] = []
    if plan.files:
        chunks = _chunks(plan.files, plan.doc_ids, partitions, _locations(plan))
        items += [("files", c) for c in chunks]
    items += [("tables", [str(t)]) for t in plan.tables]
    bag = db.from_sequence(items, npartitions=max(1, len(items))).map(_partition, plan.opts)
    t_work = time.perf_counter()
    computed = bag.compute() if client is None else client.compute(bag).result()
    plan.stats["seconds_work"] = time.perf_counter() - t_work
    plan.stats["partitions"] = len(items)
    chunks: list[_ChunkResult] = []
    table_parts: list[_TablePart] = []
    for kind, out in computed:
        if kind == "files":
            chunks.append(out)
        else:
            table_parts.extend(out)
    result = _assemble(plan, chunks, table_parts)
    result.stats["seconds"] = time.perf_counter() - t0
    return result
