"""Compiled kernels: ``numba.njit`` with its on-disk cache kept once per user.

numba reads ``NUMBA_CACHE_DIR`` when it compiles, so :func:`njit_cached` sets it
(unless the user did) to :func:`bqw_research.config.numba_cache_dir` before
numba is imported: a kernel is compiled once per machine and user, whatever
corpus or ``$BQW_CACHE_DIR`` is used, and loaded from there afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from bqw_research import config

__all__ = ["njit_cached"]


def njit_cached(fn: Callable[..., Any], **options: Any) -> Callable[..., Any]:
    """``numba.njit(cache=True, nogil=True, **options)(fn)``; in memory when no cache can be written."""
    os.environ.setdefault("NUMBA_CACHE_DIR", str(config.numba_cache_dir()))
    import numba

    try:
        return numba.njit(cache=True, nogil=True, **options)(fn)
    except Exception:  # pragma: no cover - e.g. no writable cache: compile in memory
        return numba.njit(nogil=True, **options)(fn)
