"""The scale layer: how work is cut up (``plan``), run (``workers``, ``dask``) and kept (``cache``).

Nothing here knows about articles: the corpus stage hands it a per-document
step to map and values to cache.
"""

from bqw_research.scale.cache import (
    Bundle,
    Store,
    cache_key,
    clear_cache,
    code_version,
    settle_bundles,
)
from bqw_research.scale.digests import (
    FileDigests,
    NotRegularFile,
    file_kind,
    file_sha256,
    open_regular,
)
from bqw_research.scale.plan import chunk_by_size, default_workers
from bqw_research.scale.workers import Mapper, ProcessMapper, SerialMapper, make_mapper

__all__ = [
    "Bundle",
    "FileDigests",
    "Mapper",
    "NotRegularFile",
    "ProcessMapper",
    "SerialMapper",
    "Store",
    "cache_key",
    "chunk_by_size",
    "clear_cache",
    "code_version",
    "default_workers",
    "file_kind",
    "file_sha256",
    "make_mapper",
    "open_regular",
    "settle_bundles",
]
