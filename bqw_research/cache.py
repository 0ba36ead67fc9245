"""A content-addressed cache for ingest results.

Every entry is stored under a key that is the SHA-256 of everything its value
depends on, so a change anywhere invalidates exactly the entries it affects
and nothing else:

- ``doc`` (one file per document, under its *parse key*): the raw file bytes
  (SHA-256), the parser kind (markdown/html), ``notes``,
  :data:`~bqw_research.clean.CLEANING_VERSION`,
  :data:`~bqw_research.parse.PARSER_VERSION` and the source of ``io``,
  ``clean`` and ``parse`` (so an edit counts even without a version bump).
  It holds the parsed document, and beside it values with keys of their own:
- the document's tokens, under a *tokens key*: the parse key, the sentence
  splitter (its pattern and code), ``pos``,
  :func:`~bqw_research.tokens.engine_version` (jieba's version, the SHA-256 of
  jieba's ``dict.txt`` and of the domain lexicon file, the engine) and the
  source of ``tokens``, ``fastseg`` and ``jitseg`` — up to four variants
  (engines, with and without POS); the compiled engines store each token as
  its span of the text and its tag (10 bytes), and the table is rebuilt from
  them; sentences are split again (cheaper than storing them);
- the MinHash signature, under the clean text's SHA-256 and the signature code;
- ``bundle``: the assembled tables of one ingest — the ordered list of
  ``(doc_id, path, parse key)``, the bytes of table files, of the manifest and
  of ``genre_rules.csv``, every option, and the source of ``corpus`` and
  ``ingest`` — as Arrow files a rerun memory-maps;
- ``stat``: per corpus folder, each file's SHA-256 remembered by its ``stat``
  (:class:`FileDigests`), so a rerun does not read unchanged files.

Editing the domain lexicon therefore re-tokenises every document but parses
none; editing one article re-parses and re-tokenises that article only (and
re-assembles the bundle). Entries live under
``bqw_research.config.cache_dir() / "ingest"`` — ``data/interim/cache`` by
default, or the folder named by the ``BQW_CACHE_DIR`` environment variable.
Nothing is ever read back under a key it was not written under, so a stale
entry is just unused disk space: :func:`clear_cache` removes it.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import pickle
import shutil
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import config
from .lexicon import file_sha256

#: Bump when the layout of cached values changes (part of every key).
CACHE_FORMAT = "1"

KINDS = ("doc", "bundle", "stat")


def _hasher(*parts: object):
    """SHA-256 fed with the parts, each converted with ``str`` and length-prefixed."""
    h = hashlib.sha256(f"bqw-cache-{CACHE_FORMAT}".encode())
    _feed(h, parts)
    return h


def _feed(h, parts) -> None:
    for part in parts:
        data = str(part).encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)


def cache_key(*parts: object) -> str:
    """SHA-256 (hex) of the parts, each converted with ``str`` and separated unambiguously."""
    return _hasher(*parts).hexdigest()


@lru_cache(maxsize=1)
def sentence_version() -> str:
    """The sentence splitter's identity: its regular expression and code."""
    from . import corpus

    return cache_key(corpus._SENT_RE.pattern, inspect.getsource(corpus.split_sentences))


@lru_cache(maxsize=1)
def minhash_version() -> str:
    """The near-duplicate signature's identity: the code that computes it."""
    from . import corpus

    return cache_key(
        inspect.getsource(corpus._shingle_hashes), inspect.getsource(corpus.minhash_signatures)
    )


@lru_cache(maxsize=8)
def code_version(*modules: str) -> str:
    """SHA-256 over the source files of ``bqw_research`` modules (e.g. ``"parse"``).

    Part of the keys next to the explicit version constants, so that an edit
    to the code that produced a value invalidates it even when nobody bumped
    a version.
    """
    import importlib

    h = hashlib.sha256()
    for name in modules:
        module = importlib.import_module(f"bqw_research.{name}")
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()


def parse_key(raw_sha256: str, *, kind: str, notes: bool) -> str:
    """Key of one file's parse (clean text, paragraphs, emphasis, metadata)."""
    from . import clean, parse

    h = _parse_prefix(kind, int(notes), clean.CLEANING_VERSION, parse.PARSER_VERSION).copy()
    _feed(h, (raw_sha256,))
    return h.hexdigest()


@lru_cache(maxsize=16)
def _parse_prefix(kind: str, notes: int, cleaning_version: str, parser_version: str):
    """Everything in a parse key but the file's hash (computed once per process)."""
    return _hasher(
        "parse", kind, notes, cleaning_version, parser_version, code_version("io", "clean", "parse")
    )


def tokens_key(parse: str, *, engine_version: str, pos: bool) -> str:
    """Key of one document's tokens, given its parse key."""
    return cache_key(
        "tokens",
        parse,
        sentence_version(),
        engine_version,
        int(pos),
        code_version("tokens", "fastseg", "jitseg"),
    )


def minhash_key(text_sha256: str) -> str:
    """Key of one clean text's MinHash signature."""
    return cache_key("minhash", text_sha256, minhash_version())


def default_root() -> Path:
    """``config.cache_dir() / "ingest"`` (honours ``BQW_CACHE_DIR``)."""
    return config.cache_dir() / "ingest"


def write_atomic(target: Path, data: bytes) -> None:
    """Write atomically: a name no other process or thread uses, then a rename."""
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


class Cache:
    """Files under ``root/<kind>/<key[:2]>/<key>.<ext>``, written atomically.

    Values are pickles (``put``/``get``); a corrupt or truncated entry reads
    as a miss. (The ingest's Arrow tables and per-document packs are written
    by :mod:`bqw_research.ingest` and :class:`DocStore` under the same root.)
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    def path(self, kind: str, key: str, ext: str) -> Path:
        if kind not in KINDS:
            raise ValueError(f"unknown cache kind {kind!r}; one of {KINDS}")
        return self.root / kind / key[:2] / f"{key}.{ext}"

    def get(self, kind: str, key: str) -> Any | None:
        path = self.path(kind, key, "pkl")
        try:
            with path.open("rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # corrupt entry: treat as a miss, it will be rewritten
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        write_atomic(
            self.path(kind, key, "pkl"), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        )

    def size(self) -> dict[str, int]:
        """Bytes on disk per kind."""
        out = {}
        for kind in KINDS:
            folder = self.root / kind
            out[kind] = (
                sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
                if folder.exists()
                else 0
            )
        return out


class FileDigests:
    """SHA-256 of files' bytes, remembered between runs by each file's ``stat``.

    A file whose size, modification time (ns), inode and device are what they
    were when it was hashed is not read again — the rule ``git`` uses for its
    index. Files changed less than :attr:`RACY_SECONDS` before the memo was
    written are not remembered (a write in the same clock tick could otherwise
    go unseen), so they are hashed again next time. The memo is one pickle per
    corpus folder under the cache's ``stat`` kind; delete it (or pass
    ``store=None``) to hash everything.
    """

    RACY_SECONDS = 2.0

    def __init__(self, store: Cache | None, scope: str) -> None:
        self.store = store
        self.key = cache_key("stat", scope)
        loaded = store.get("stat", self.key) if store is not None else None
        self.known: dict[str, tuple] = loaded if isinstance(loaded, dict) else {}
        self.fresh: dict[str, tuple] = {}
        self.hashed = 0

    def sha256(self, path: str) -> tuple[str, int]:
        """``(hex digest, size)`` of the file; raises ``OSError`` when it cannot be read."""
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
            self.store.put("stat", self.key, keep)


class DocStore:
    """Per-document entries written in *packs*: one file per batch of documents, and its index.

    Creating a file costs far more than writing its bytes (about 0.2 ms each
    on a common Linux file system), so a worker keeps the entries of its batch
    (:meth:`put`) and writes them at the end as one pack (:meth:`flush`):
    ``doc/<name>.pack`` (the pickled entries one after another) and then
    ``doc/<name>.idx`` (each entry's key, offset and length), both atomically.
    :meth:`index` reads every ``.idx`` (later packs win) into a map from key
    to location, which the calling process hands to the workers with their
    files. An entry carries its own key, and one whose key does not match is
    a miss, as is one that cannot be read.
    """

    def __init__(self, root: str | Path) -> None:
        self.folder = Path(root) / "doc"
        self.pending: list[tuple[str, bytes]] = []

    def get(self, key: str, location: tuple[str, int, int] | None) -> Any | None:
        if location is None:
            return None
        name, offset, length = location
        try:
            with open(self.folder / name, "rb") as fh:
                fh.seek(offset)
                value = pickle.loads(fh.read(length))
        except Exception:  # missing, truncated or corrupt: a miss
            return None
        return value if isinstance(value, dict) and value.get("key") == key else None

    def put(self, key: str, value: dict) -> None:
        self.pending.append((key, pickle.dumps({**value, "key": key}, pickle.HIGHEST_PROTOCOL)))

    def flush(self) -> None:
        """Write the pending entries as one pack and its index."""
        if not self.pending:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{self.pending[0][0][:16]}-{os.getpid()}-{os.urandom(4).hex()}"
        index, offset = {}, 0
        for key, data in self.pending:
            index[key] = (offset, len(data))
            offset += len(data)
        write_atomic(self.folder / f"{name}.pack", b"".join(d for _, d in self.pending))
        # the index last: a pack without one is never read
        write_atomic(self.folder / f"{name}.idx", pickle.dumps(index, pickle.HIGHEST_PROTOCOL))
        self.pending = []

    @staticmethod
    def index(root: str | Path) -> dict[str, tuple[str, int, int]]:
        """Every entry's location (pack file, offset, length); newer packs win."""
        folder = Path(root) / "doc"
        found: list[tuple[int, str, dict]] = []
        try:
            listing = list(os.scandir(folder))
        except OSError:
            return {}
        for item in listing:
            if not item.name.endswith(".idx"):
                continue
            try:
                with open(item.path, "rb") as fh:
                    found.append((item.stat().st_mtime_ns, item.name[:-4], pickle.load(fh)))
            except Exception:
                continue
        out: dict[str, tuple[str, int, int]] = {}
        for _, name, entries in sorted(found, key=lambda f: (f[0], f[1])):
            for key, (offset, length) in entries.items():
                out[key] = (f"{name}.pack", offset, length)
        return out


def clear_cache(kind: str | None = None, *, root: str | Path | None = None) -> None:
    """Delete cached ingest results (all, or one kind)."""
    base = Path(root) if root is not None else default_root()
    targets = [base / kind] if kind else [base]
    for target in targets:
        shutil.rmtree(target, ignore_errors=True)
