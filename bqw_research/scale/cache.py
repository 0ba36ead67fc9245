"""A content-addressed cache for corpus tables.

Every value is stored under a key that is the SHA-256 of everything it
depends on (:func:`cache_key`), so a change anywhere invalidates exactly the
values it affects and nothing else. Two kinds of value:

- **entries** (:class:`Store`): one file per key under ``entries/``, e.g. one
  article's rows (keyed by its bytes, the parser's options and the source code
  of the modules that made them, see
  :func:`bqw_research.corpus.document.document_key`) and each of its token
  tables (keyed by the article's key and the tokenizer's). Editing the domain
  lexicon therefore re-tokenises every article but parses none; editing one
  article re-parses and re-tokenises that article only.
- **bundles** (:class:`Bundle`): the assembled tables of one whole load
  (keyed by every file's digest, every option and the code), as Arrow files
  that a rerun memory-maps, so an unchanged folder loads in hundredths of a
  second.

Every file is written under a name no other writer uses and then renamed
(:func:`write_atomic`), so readers never see half a file and concurrent runs
can share one cache. Every value carries a checksum that is verified when it
is read; a value that fails is treated as missing (and rewritten).

The cache lives in ``bqw_research.config.cache_dir()`` (``$BQW_CACHE_DIR``, or
``data/interim/cache``); :func:`clear_cache` empties it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import json
import mmap
import os
import pickle
import shutil
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: bundles are built without a lock
    fcntl = None

from bqw_research import config

__all__ = [
    "BUILD_LOCKS",
    "CACHE_FORMAT",
    "Bundle",
    "Store",
    "WriteBehind",
    "cache_key",
    "clear_cache",
    "code_version",
    "default_root",
    "fast_checksum",
    "file_checksum",
    "settle_bundles",
    "write_atomic",
]

#: Bump when the layout of cached values changes (part of every key).
CACHE_FORMAT = "2"

#: Build locks each thread holds (Bundle.building is re-entrant within a thread).
_HELD = threading.local()

#: Bundles this process writes in the background (Bundle.write_behind), by folder, until
#: settled; each future's result is the message of a failed write, or None.
_PENDING: dict[str, Future] = {}
_PENDING_LOCK = threading.Lock()
_WRITER: list[ThreadPoolExecutor] = []


def _forget_writes_after_fork() -> None:
    """In a forked child: the parent's writer thread is not there, so nothing is pending
    and the next write starts a writer of the child's own."""
    global _PENDING_LOCK
    _PENDING_LOCK = threading.Lock()
    _PENDING.clear()
    _WRITER.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_writes_after_fork)

_MAGIC = b"BQW2"
_DIGEST = 16  # bytes of the BLAKE2b checksum of an entry


def cache_key(*parts: object) -> str:
    """SHA-256 (hex) of the parts, each converted with ``str`` and length-prefixed.

    Lone surrogates (a file name that is not UTF-8, as ``os`` hands it over)
    are encoded as they are, so such a name is a key like any other.
    """
    h = hashlib.sha256(f"bqw-cache-{CACHE_FORMAT}".encode())
    for part in parts:
        data = str(part).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=32)
def code_version(*modules: str) -> str:
    """SHA-256 over the source files of the named modules (``"bqw_research.corpus.parse"``).

    Part of the keys beside the explicit version constants, so that an edit to
    the code that produced a value invalidates it even when nobody bumped a
    version.
    """
    h = hashlib.sha256()
    for name in modules:
        # the file is found without running the module: keying a cached value must not
        # import what only computing it needs (jieba's POS tables take a process ~1.5 s)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError(f"no source file for module {name!r}")
        h.update(Path(spec.origin).read_bytes())
    return h.hexdigest()


def default_root() -> Path:
    """``config.cache_dir() / "tables"`` (honours ``$BQW_CACHE_DIR``)."""
    return config.cache_dir() / "tables"


def write_atomic(target: Path, data: bytes | memoryview) -> None:
    """Write ``data`` to ``target`` under a name no other writer uses, then rename it."""
    tmp = f"{target.parent}/.tmp-{os.getpid()}-{threading.get_ident()}-{target.name}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o644)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, flags, 0o644)
    try:
        with memoryview(data) as view:
            done = 0
            while done < len(view):
                done += os.write(fd, view[done:])
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise


class Store:
    """Values by key: ``root/entries/<key[:2]>/<key>``, each a checksum and a pickle.

    :meth:`get` returns ``None`` for a missing value, and for one whose
    checksum does not match its bytes (with a warning; it is rewritten the
    next time it is computed).
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    def path(self, key: str) -> Path:
        return self.root / "entries" / key[:2] / key

    def get(self, key: str) -> Any | None:
        try:
            with open(self.path(key), "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        head = len(_MAGIC) + _DIGEST
        body = memoryview(data)[head:]
        if data[: len(_MAGIC)] != _MAGIC or data[len(_MAGIC) : head] != _digest(body):
            warnings.warn(
                f"{self.path(key)}: damaged cache entry (checksum mismatch); recomputing it",
                RuntimeWarning,
                stacklevel=2,
            )
            return None
        try:
            return pickle.loads(body)
        except Exception:  # written by another version of a class: a miss
            return None

    def put(self, key: str, value: Any) -> None:
        write_atomic(self.path(key), self.encode(value))

    @staticmethod
    def encode(value: Any) -> bytes:
        """The bytes of an entry: magic, checksum, pickle of ``value``."""
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return b"".join([_MAGIC, _digest(body), body])

    def size(self) -> int:
        """Bytes on disk under the root."""
        if not self.root.exists():
            return 0
        return sum(p.stat().st_size for p in self.root.rglob("*") if p.is_file())


class WriteBehind:
    """A :class:`Store` whose entries are written to disk by one background thread.

    :meth:`put` pickles the value at once (later changes to it are not seen)
    and queues the file; creating many small files waits on the disk, and the
    caller goes on meanwhile. :meth:`get` reads the store (a value still
    queued is a miss). :meth:`close` (or leaving the ``with`` block) waits for
    every queued file and raises the first error a write met. Each file is
    still written atomically, so a killed run leaves whole entries or none.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.root = store.root
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bqw-cache")
        self._pending: list[Future] = []

    def get(self, key: str) -> Any | None:
        return self.store.get(key)

    def put(self, key: str, value: Any) -> None:
        data = self.store.encode(value)
        self._pending.append(self._pool.submit(write_atomic, self.store.path(key), data))

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def __enter__(self) -> WriteBehind:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: Whether :meth:`Bundle.building` can lock here (``fcntl``: not on Windows).
BUILD_LOCKS = fcntl is not None


def _lock_file(path: Path) -> int | None:
    """An open descriptor of ``path`` holding an exclusive ``flock``, or ``None`` when the
    file cannot be made or locked (read-only cache, NFS without a lock daemon …)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        try:  # a lock file made by another user, or a read-only mount: flock still works
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a separate open file: threads exclude each other too
    except OSError:
        os.close(fd)
        return None
    return fd


def _unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def _report(futures: list[Future]) -> None:
    """Wait for background writes and warn, in the caller's thread, of those that failed."""
    for future in futures:
        message = future.result()
        if message:
            warnings.warn(message, RuntimeWarning, stacklevel=3)


def settle_bundles() -> None:
    """Wait until every bundle this process writes in the background is written, warn of
    writes that failed, and end the writer thread (e.g. before forking workers: a child
    must not start while a thread of the parent holds a lock)."""
    with _PENDING_LOCK:
        futures = list(_PENDING.values())
        _PENDING.clear()
        writers = list(_WRITER)
        _WRITER.clear()
    for writer in writers:
        writer.shutdown(wait=True)
    _report(futures)


def _digest(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=_DIGEST).digest()


def fast_checksum(data: bytes | memoryview) -> str:
    """A checksum of ``data`` computed at memory speed (for large memory-mapped files).

    The sum of the data as 64-bit words (modulo 2**64), its length and its tail:
    any single changed byte changes it. It guards against damage, not against a
    deliberate forgery.
    """
    view = memoryview(data).cast("B")
    n = len(view) // 8
    total = int(np.frombuffer(view[: 8 * n], dtype=np.uint64).sum(dtype=np.uint64)) if n else 0
    tail = bytes(view[8 * n :]).hex()
    return f"{len(view)}-{total:016x}-{tail}"


def file_checksum(fh, *, block: int = 1 << 23) -> str:
    """:func:`fast_checksum` of an open file's contents, read in blocks of ``block`` bytes.

    The same value as ``fast_checksum(fh.read())`` without holding the file in memory (nor
    mapping it: a mapped file's pages count in the process's memory while they are read).
    """
    buffer = bytearray(max(8, block - block % 8))  # one buffer, filled again and again
    view = memoryview(buffer)
    total, size, tail = 0, 0, b""
    while True:
        n = 0
        while n < len(buffer) and (got := fh.readinto(view[n:])):
            n += got  # a short read is completed, so every block but the last is whole words
        if not n:
            break
        size += n
        whole = n - n % 8
        if whole:
            words = np.frombuffer(buffer, dtype=np.uint64, count=whole // 8)
            total = (total + int(words.sum(dtype=np.uint64))) % (1 << 64)
        tail = bytes(buffer[whole:n])  # only the last block can leave bytes over
    return f"{size}-{total:016x}-{tail.hex()}"


class Bundle:
    """The files of one assembled load, under ``root/bundles/<key>/``.

    Each file ``name`` is written atomically and followed by ``name.sum`` (its
    length and :func:`fast_checksum`); :meth:`read` returns the bytes of a
    file only when its checksum matches, else ``None``. Pickled values
    (:meth:`get` / :meth:`put`) are small; tables are Arrow IPC files that the
    reader memory-maps (:meth:`path` after :meth:`verify`).
    """

    def __init__(self, root: str | Path, key: str) -> None:
        self.folder = Path(root).absolute() / "bundles" / key  # a later chdir changes nothing
        self._lock_fd: int | None = None  # the build lock this instance holds

    def path(self, name: str) -> Path:
        return self.folder / name

    @contextlib.contextmanager
    def building(self) -> Iterator[None]:
        """Hold the bundle's build lock (``with bundle.building():``): one process at a time.

        A process that finds a value missing takes the lock, looks again (another
        process may have written it meanwhile) and only then computes it, so runs
        started together (the report's notebooks) compute a load once and the others
        wait for it instead of repeating the work. The lock is an advisory ``flock`` on
        ``<key>.lock`` beside the folder: the system releases it when its holder exits,
        killed or not. Re-entrant within a thread; a no-op where ``fcntl`` is missing
        (:data:`BUILD_LOCKS` is then false) or where the lock cannot be taken (a cache
        folder that cannot be written, a file system without ``flock``).
        """
        lock_path = self.folder.with_name(f"{self.folder.name}.lock")
        held: set[str] = _HELD.__dict__.setdefault("paths", set())
        fd = None if fcntl is None or str(lock_path) in held else _lock_file(lock_path)
        if fd is None:  # no lock here (see _lock_file): build without it
            yield
            return
        self._lock_fd = fd
        try:
            held.add(str(lock_path))
            yield
        finally:
            held.discard(str(lock_path))
            if self._lock_fd == fd:  # not handed to a background write (write_behind)
                self._lock_fd = None
                _unlock(fd)

    def write_behind(self, write: Callable[[], None]) -> None:
        """Run ``write()`` (which writes this bundle's files) in a background thread.

        The caller goes on with the tables it already has while the files go to
        disk. The build lock this instance holds (inside :meth:`building`) passes to
        that thread and is released when the files are written, so other processes
        still wait for the complete bundle instead of building it again; loads in
        this process wait for it too (:meth:`settle`), and so does the process
        before it exits. A write that fails leaves no bundle (its index is written
        last, see :func:`bqw_research.corpus.load`) and is reported as a warning by
        whoever waits for it (:meth:`settle`, :func:`settle_bundles`), in that
        caller's thread: the tables in hand are not affected, the next load reads
        the files again.
        """
        fd = self._lock_fd
        folder = str(self.folder)

        def run() -> str | None:
            try:
                write()
            except Exception as err:  # a cache that cannot be written is no error
                return (
                    f"{folder}: could not write the cache ({type(err).__name__}: {err}); "
                    "the tables are not affected, the next load reads the files again"
                )
            finally:
                if fd is not None:
                    _unlock(fd)
            return None

        with _PENDING_LOCK:
            if not _WRITER:
                _WRITER.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="bqw-bundle"))
            _PENDING[folder] = _WRITER[0].submit(run)  # raises: the lock stays with building()
        self._lock_fd = None  # handed over: the writer releases it

    def settle(self) -> None:
        """Wait until a background write of this bundle (:meth:`write_behind`) is done, and
        warn if it failed."""
        with _PENDING_LOCK:
            future = _PENDING.pop(str(self.folder), None)
        _report([future] if future is not None else [])

    def write(self, name: str, data: bytes | memoryview) -> None:
        write_atomic(self.path(name), data)
        write_atomic(self.path(f"{name}.sum"), fast_checksum(data).encode())

    def write_with(self, name: str, writer) -> None:
        """Let ``writer(path)`` write file ``name`` (to a name no other writer uses), then
        checksum it and move it into place."""
        target = self.path(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{name}")
        try:
            writer(tmp)
            with open(tmp, "rb") as fh:
                checksum = file_checksum(fh)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        write_atomic(self.path(f"{name}.sum"), checksum.encode())

    def verify(self, name: str) -> bool:
        """Whether ``name`` and its checksum are there and agree (memory-mapped, not copied).

        A file whose checksum does not match is reported with a warning.
        """
        try:
            expected = self.path(f"{name}.sum").read_text()
            with open(self.path(name), "rb") as fh:
                if os.fstat(fh.fileno()).st_size == 0:
                    ok = expected == fast_checksum(b"")
                else:
                    with (
                        mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
                        memoryview(mapped) as view,
                    ):
                        ok = fast_checksum(view) == expected
        except (OSError, ValueError):
            return False
        if not ok:
            warnings.warn(
                f"{self.path(name)}: damaged cache file (checksum mismatch); rebuilding it",
                RuntimeWarning,
                stacklevel=3,
            )
        return ok

    def get(self, name: str) -> Any | None:
        if not self.verify(name):
            return None
        try:
            return pickle.loads(self.path(name).read_bytes())
        except Exception:
            return None

    def put(self, name: str, value: Any) -> None:
        self.write(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def put_json(self, name: str, value: Any) -> None:
        self.write(name, json.dumps(value, sort_keys=True).encode())


def clear_cache(*, root: str | Path | None = None) -> None:
    """Delete every cached table (after the bundles this process is writing are written)."""
    settle_bundles()
    shutil.rmtree(Path(root) if root is not None else default_root(), ignore_errors=True)
