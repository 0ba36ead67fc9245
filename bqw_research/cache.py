"""A content-addressed cache for ingest results.

Every entry is stored under a key that is the SHA-256 of everything its value
depends on, so a change anywhere invalidates exactly the entries it affects
and nothing else:

- ``parse``: the raw file bytes (SHA-256), the parser kind (markdown/html),
  ``notes``, :data:`~bqw_research.clean.CLEANING_VERSION`,
  :data:`~bqw_research.parse.PARSER_VERSION` and the source of ``io``,
  ``clean`` and ``parse`` (so an edit counts even without a version bump);
- ``sentences``: the ``parse`` key and the sentence splitter (its pattern and code);
- ``tokens``: the ``parse`` key, the sentence splitter, ``pos``, and
  :func:`~bqw_research.tokens.engine_version` (jieba's version, the SHA-256 of
  jieba's ``dict.txt`` and of the domain lexicon file, the engine) and the
  source of ``tokens`` and ``fastseg``;
- ``minhash``: the clean text (SHA-256) and the near-duplicate signature code;
- ``bundle``: the assembled tables of one ingest — the ordered list of
  ``(doc_id, path, parse key)``, the bytes of table files, of the manifest and
  of ``genre_rules.csv``, every option, and the source of ``corpus`` and
  ``ingest``.

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
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.feather as feather

from . import config

#: Bump when the layout of cached values changes (part of every key).
CACHE_FORMAT = "1"

KINDS = ("parse", "sentences", "tokens", "minhash", "bundle")


def cache_key(*parts: object) -> str:
    """SHA-256 (hex) of the parts, each converted with ``str`` and separated unambiguously."""
    h = hashlib.sha256(f"bqw-cache-{CACHE_FORMAT}".encode())
    for part in parts:
        data = str(part).encode("utf-8")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


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
    from .clean import CLEANING_VERSION
    from .parse import PARSER_VERSION

    return cache_key(
        "parse",
        raw_sha256,
        kind,
        int(notes),
        CLEANING_VERSION,
        PARSER_VERSION,
        code_version("io", "clean", "parse"),
    )


def sentences_key(parse: str) -> str:
    """Key of one document's sentences, given its parse key."""
    return cache_key("sentences", parse, sentence_version())


def tokens_key(parse: str, *, engine_version: str, pos: bool) -> str:
    """Key of one document's tokens, given its parse key."""
    return cache_key(
        "tokens",
        parse,
        sentence_version(),
        engine_version,
        int(pos),
        code_version("tokens", "fastseg"),
    )


def minhash_key(text_sha256: str) -> str:
    """Key of one clean text's MinHash signature."""
    return cache_key("minhash", text_sha256, minhash_version())


def default_root() -> Path:
    """``config.cache_dir() / "ingest"`` (honours ``BQW_CACHE_DIR``)."""
    return config.cache_dir() / "ingest"


class Cache:
    """Files under ``root/<kind>/<key[:2]>/<key>.<ext>``, written atomically.

    Values are pickles (``put``/``get``) or Arrow IPC (Feather v2) tables
    (``put_table``/``get_table``, memory-mapped on read). A corrupt or
    truncated entry reads as a miss.
    """

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    def path(self, kind: str, key: str, ext: str) -> Path:
        if kind not in KINDS:
            raise ValueError(f"unknown cache kind {kind!r}; one of {KINDS}")
        return self.root / kind / key[:2] / f"{key}.{ext}"

    def _write(self, target: Path, write) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

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
        self._write(
            self.path(kind, key, "pkl"),
            lambda fh: pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL),
        )

    def get_table(self, kind: str, key: str, name: str = "") -> pa.Table | None:
        path = self.path(kind, key + (f"-{name}" if name else ""), "arrow")
        if not path.exists():
            return None
        try:
            return feather.read_table(path, memory_map=True)
        except Exception:
            return None

    def put_table(self, kind: str, key: str, table: pa.Table, name: str = "") -> None:
        path = self.path(kind, key + (f"-{name}" if name else ""), "arrow")
        self._write(path, lambda fh: feather.write_feather(table, fh, compression="uncompressed"))

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


def clear_cache(kind: str | None = None, *, root: str | Path | None = None) -> None:
    """Delete cached ingest results (all, or one kind)."""
    base = Path(root) if root is not None else default_root()
    targets = [base / kind] if kind else [base]
    for target in targets:
        shutil.rmtree(target, ignore_errors=True)
