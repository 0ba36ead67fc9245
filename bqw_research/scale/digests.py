"""File digests: SHA-256 of a file's bytes, remembered between runs by its ``stat``."""

from __future__ import annotations

import hashlib
import os
import time

from bqw_research.scale.cache import Store, cache_key


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, read in 1 MiB pieces."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class FileDigests:
    """SHA-256 of files' bytes, remembered between runs by each file's ``stat``.

    A file whose size, modification time (ns), inode and device are what they
    were when it was hashed is not read again — the rule ``git`` uses for its
    index. Files changed less than :attr:`RACY_SECONDS` before the memo was
    written are not remembered (a write in the same clock tick could otherwise
    go unseen), so they are hashed again next time. The memo is one entry per
    ``scope`` (e.g. a corpus folder) in a :class:`~bqw_research.scale.cache.Store`;
    without a store every file is hashed.
    """

    RACY_SECONDS = 2.0

    def __init__(self, store: Store | None, scope: str) -> None:
        self.store = store
        self.key = cache_key("file digests", scope)
        loaded = store.get(self.key) if store is not None else None
        self.known: dict[str, tuple] = loaded if isinstance(loaded, dict) else {}
        self.fresh: dict[str, tuple] = {}
        self.hashed = 0

    def sha256(self, path: str | os.PathLike[str]) -> tuple[str, int]:
        """``(hex digest, size)`` of the file; raises ``OSError`` when it cannot be read."""
        path = os.fspath(path)
        st = os.stat(path)
        sig = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev)
        known = self.known.get(path)
        if known is not None and known[0] == sig:
            self.fresh[path] = known
            return known[1], st.st_size
        digest = file_sha256(path)
        self.hashed += 1
        self.fresh[path] = (sig, digest)
        return digest, st.st_size

    def save(self) -> None:
        """Remember the files seen in this run (only those not changed very recently)."""
        if self.store is None:
            return
        limit = time.time_ns() - int(self.RACY_SECONDS * 1e9)
        keep = {p: v for p, v in self.fresh.items() if v[0][1] < limit}
        if keep != self.known:
            self.store.put(self.key, keep)


__all__ = ["FileDigests", "file_sha256"]
