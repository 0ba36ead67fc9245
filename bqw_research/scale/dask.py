"""The same load on a Dask cluster: beyond one machine.

:class:`DaskMapper` maps the per-chunk step of ``load_corpus``
(:func:`bqw_research.corpus.load.load_chunk`, which runs
:func:`bqw_research.corpus.document.process_document` on each file) on a
cluster instead of local worker processes; planning and assembly stay on the
machine you call from, so the tables are identical::

    from dask.distributed import Client, LocalCluster
    from bqw_research import ingest
    from bqw_research.scale.dask import DaskMapper

    with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, Client(cluster) as client:
        res = ingest("~/articles", mapper=DaskMapper(client), cache=False)

On a real cluster the workers need this package installed in the same
version, the corpus folder at the same path on every worker (a shared file
system), and — with the cache on — a cache folder they can all write
(``cache="/shared/bqw-cache"``). Connect with ``Client("tcp://scheduler:8786")``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


class DaskMapper:
    """Maps a function over tasks as a ``dask.bag`` (one partition per task), results in order.

    ``client``: a ``dask.distributed.Client``; ``None`` uses Dask's default
    scheduler (the current client, if any).
    """

    def __init__(self, client: Any = None) -> None:
        self.client = client

    def map(self, fn: Callable[[Any], Any], tasks: list) -> Iterator[Any]:
        if not tasks:
            return iter(())
        import dask.bag as db

        bag = db.from_sequence(tasks, npartitions=len(tasks)).map(fn)
        results = bag.compute() if self.client is None else self.client.compute(bag).result()
        return iter(results)
