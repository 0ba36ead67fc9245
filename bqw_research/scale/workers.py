"""Run one function over many tasks: in this process, or in worker processes.

Every parallel path of the package maps a per-document (or per-chunk)
function through a :class:`Mapper`; the function is the same whichever mapper
runs it, so the results are too. :class:`ProcessMapper` forks workers that
inherit what the parent prepared (e.g. a tokenizer's dictionary), frees no
shared page by garbage collection, and asks the kernel to end every worker
when the parent dies; :mod:`bqw_research.scale.dask` maps on a Dask cluster.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Protocol

from bqw_research.scale.cache import settle_bundles
from bqw_research.scale.plan import default_workers


class Mapper(Protocol):
    """Maps ``fn`` over ``tasks`` and yields the results in task order."""

    def map(self, fn: Callable[[Any], Any], tasks: list) -> Iterator[Any]: ...


class SerialMapper:
    """In this process, one task after the other."""

    def map(self, fn: Callable[[Any], Any], tasks: list) -> Iterator[Any]:
        for task in tasks:
            yield fn(task)


def _die_with_parent() -> None:  # pragma: no cover - runs in the worker
    """Ask Linux to end this worker when its parent dies (a killed run leaves no orphans)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class ProcessMapper:
    """Worker processes (forked on Linux, so they share what the parent prepared)."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, int(workers))

    def map(self, fn: Callable[[Any], Any], tasks: list) -> Iterator[Any]:
        if self.workers <= 1 or len(tasks) < 2:
            yield from SerialMapper().map(fn, tasks)
            return
        settle_bundles()  # no background write may hold a lock while the workers fork
        methods = multiprocessing.get_all_start_methods()
        fork = "fork" in methods and sys.platform.startswith("linux")
        context = multiprocessing.get_context("fork" if fork else "spawn")
        # Objects alive now (a tokenizer's dictionary) are left out of the workers'
        # garbage collections, which would otherwise touch, and so copy, every page
        # they share with this process.
        gc.freeze()
        try:
            with ProcessPoolExecutor(
                max_workers=min(self.workers, len(tasks)),
                mp_context=context,
                initializer=_die_with_parent,
            ) as pool:
                yield from pool.map(fn, tasks)
        finally:
            gc.unfreeze()


def make_mapper(workers: int | None) -> Mapper:
    """A :class:`ProcessMapper` (``None``: one worker per CPU), or in-process for ``workers=1``."""
    n = default_workers() if workers is None else max(1, int(workers))
    return SerialMapper() if n <= 1 else ProcessMapper(n)


def progress_bar(items: Iterable, *, total: int, desc: str, show: bool) -> Iterator:
    """``items`` with a tqdm progress bar when ``show``."""
    if not show:
        yield from items
        return
    from tqdm.auto import tqdm

    with tqdm(total=total, desc=desc, unit="file") as bar:
        for item in items:
            bar.update(getattr(item, "n_files", 1))
            yield item
