"""File digests: SHA-256 of a file's bytes, remembered between runs by its ``stat``.

Files are opened with :func:`open_regular`, which refuses anything but a
regular file without blocking: a named pipe in a corpus folder would otherwise
hang the read forever, and a link to ``/dev/zero`` would read without end.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time

from bqw_research.scale.cache import Store, cache_key

#: Names of the kinds of file that are not regular files, by ``stat`` test.
_KINDS = (
    (stat.S_ISDIR, "folder"),
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
)
#: Flags of :func:`open_regular`: read-only, never waiting for a writer, no controlling tty.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def file_kind(mode: int) -> str:
    """What a ``stat`` mode is, for messages: ``"regular file"``, ``"named pipe"``, …"""
    if stat.S_ISREG(mode):
        return "regular file"
    return next((name for test, name in _KINDS if test(mode)), "special file")


class NotRegularFile(OSError):
    """A path that is not a regular file (``str(err)``: ``"not a regular file: named pipe"``)."""


def open_regular(path: str | os.PathLike[str]) -> tuple[int, os.stat_result]:
    """A read-only descriptor of a regular file and its ``fstat``; the caller closes it.

    The path is ``stat``-ed first, so a device is never opened (opening one
    can have side effects); it is opened with ``O_NONBLOCK``, so a named pipe
    swapped in since cannot block, and the descriptor is ``fstat``-ed, so what
    is read is what was checked. Raises :class:`NotRegularFile` for anything
    but a regular file, ``OSError`` when the file cannot be opened.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(f"not a regular file: {file_kind(mode)}")
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(f"not a regular file: {file_kind(st.st_mode)}")
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def file_sha256(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a regular file's bytes, read in 1 MiB pieces (see :func:`open_regular`)."""
    h = hashlib.sha256()
    fd, _ = open_regular(path)
    with open(fd, "rb") as fh:
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
        """``(hex digest, size)`` of the file; raises ``OSError`` when it cannot be read
        or is not a regular file."""
        path = os.fspath(path)
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(f"not a regular file: {file_kind(st.st_mode)}")
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


__all__ = ["FileDigests", "NotRegularFile", "file_kind", "file_sha256", "open_regular"]
