"""How work is cut up: how many workers, and chunks of about equal size."""

from __future__ import annotations

import os
from collections.abc import Sequence


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def chunk_by_size(sizes: Sequence[int], n_chunks: int) -> list[list[int]]:
    """Runs of consecutive indices whose ``sizes`` add up to about equal totals.

    At most about ``n_chunks`` runs, in order, none empty; ``[]`` for no items.
    """
    if not sizes:
        return []
    target = max(1, sum(sizes) // max(1, n_chunks))
    chunks: list[list[int]] = [[]]
    acc = 0
    for i, size in enumerate(sizes):
        if acc >= target and chunks[-1]:
            chunks.append([])
            acc = 0
        chunks[-1].append(i)
        acc += max(0, size)
    return chunks


def file_sizes(paths: Sequence[str | os.PathLike[str]]) -> list[int]:
    """Each file's size in bytes (0 where it cannot be read: the worker reports why)."""
    out = []
    for p in paths:
        try:
            out.append(os.stat(p).st_size)
        except OSError:
            out.append(0)
    return out
