"""Segmentation engines, and the one way a document's sentences become its token table.

Two engines, both with jieba's dictionary and models plus the domain lexicon
(and the user's own words, ``user_words``, given at call time):

* ``"exact"`` (the default): :mod:`bqw_research.tokens.compiled`, a compiled
  replica of jieba 0.42.1 that gives the **same** tokens (and, with
  ``pos=True``, the same POS tags) as ``"jieba"``, 20–100× faster;
* ``"jieba"``: jieba itself (:mod:`bqw_research.tokens.reference`), the
  reference the compiled engine is tested against.

With ``pos=False`` the tokens are ``jieba.Tokenizer.cut``'s; with ``pos=True``
they are ``jieba.posseg``'s (its own HMM cuts unknown words differently), with
tags. :class:`Segmenter` is what the per-document step
(:func:`bqw_research.corpus.document.document_tokens`) calls: it segments a
document's sentences joined by newlines in one call (a sentence boundary is
never inside a jieba block, so this equals segmenting sentence by sentence)
and lays the tokens out into ``para_id, sent_id, token_id, token(, pos)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.metadata import version
from pathlib import Path

import jieba
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bqw_research import config
from bqw_research.scale.cache import cache_key, code_version
from bqw_research.scale.digests import file_sha256
from bqw_research.tokens.lexicon import UserWords, read_user_words

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "Segmenter",
    "engine_version",
    "segment",
    "tokenizer",
]

ENGINES = ("exact", "jieba")
#: The engine :func:`segment`, :func:`bqw_research.tokens` and ``load_corpus`` use unless told.
DEFAULT_ENGINE = "exact"

_SPACE_RE = re.compile(r"\s")


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")


def segment(
    text: str,
    *,
    pos: bool = False,
    hmm: bool = True,
    engine: str = DEFAULT_ENGINE,
    user_words: UserWords = (),
) -> list:
    """Segment one string; whitespace-only tokens are dropped.

    Returns a list of tokens, or of ``(token, pos)`` pairs with ``pos=True``.
    ``hmm=False`` (no HMM for unknown words) runs jieba itself whatever the engine.
    ``user_words`` (:func:`bqw_research.tokens.lexicon.read_user_words`) are kept
    whole like the domain lexicon's words.
    """
    _check_engine(engine)
    if engine == "exact" and hmm:
        from bqw_research.tokens.compiled.segmenter import get_jit_segmenter

        seg = get_jit_segmenter(user_words)
        return seg.cut_pos(text) if pos else seg.cut(text)
    from bqw_research.tokens.reference import get_pos_tokenizer, get_tokenizer

    if pos:
        cut = get_pos_tokenizer(user_words).cut(text, HMM=hmm)
        return [(w.word, w.flag) for w in cut if w.word.strip()]
    return [w for w in get_tokenizer(user_words).cut(text, HMM=hmm) if w.strip()]


@lru_cache(maxsize=1)
def _dict_sha() -> str:
    # The tokenizer uses jieba's default dictionary (jieba.DEFAULT_DICT is None).
    return file_sha256(Path(jieba.__file__).with_name("dict.txt"))


def engine_version(engine: str = DEFAULT_ENGINE) -> str:
    """What an engine's tokens depend on, for cache keys: jieba's version, the SHA-256 of
    its dictionary and of the domain lexicon, the engine and (compiled) numba's version."""
    _check_engine(engine)
    parts = [
        f"jieba={jieba.__version__}",
        f"dict={_dict_sha()}",
        f"lexicon={file_sha256(config.DOMAIN_LEXICON)}",
        f"engine={engine}",
    ]
    if engine == "exact":
        parts.append(f"numba={version('numba')}")
    return ";".join(parts)


# --------------------------------------------------------------------------- spans


def pack_spans(starts: np.ndarray, ends: np.ndarray, tags: np.ndarray | None, names) -> bytes:
    """Token spans (code-point offsets) and tag ids as compact bytes (what the cache keeps)."""
    n = len(starts)
    header = "\x00".join(names or []).encode("utf-8")
    parts = [
        np.array([n, len(header)], dtype=np.int64).tobytes(),
        header,
        starts.astype(np.int32).tobytes(),
        ends.astype(np.int32).tobytes(),
    ]
    if tags is not None:
        parts.append(tags.astype(np.int16).tobytes())
    return b"".join(parts)


def unpack_spans(data: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list[str]]:
    """The inverse of :func:`pack_spans`."""
    n, h = (int(v) for v in np.frombuffer(data, np.int64, 2))
    at = 16
    names = data[at : at + h].decode("utf-8").split("\x00") if h else []
    at += h
    starts = np.frombuffer(data, np.int32, n, at).astype(np.int64)
    ends = np.frombuffer(data, np.int32, n, at + 4 * n).astype(np.int64)
    tags = None
    if len(data) > at + 8 * n:
        tags = np.frombuffer(data, np.int16, n, at + 8 * n).astype(np.int64)
    return starts, ends, tags, names


def _jieba_spans(
    text: str, pos: bool, user_words: UserWords
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list]:
    """Spans of jieba's own tokens of ``text`` (found in order; whitespace tokens dropped)."""
    toks = segment(text, pos=pos, engine="jieba", user_words=user_words)
    words = [t[0] for t in toks] if pos else toks
    starts = np.empty(len(words), dtype=np.int64)
    cursor = 0
    for i, w in enumerate(words):
        at = text.find(w, cursor)
        starts[i] = at
        cursor = at + len(w)
    ends = starts + np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    if not pos:
        return starts, ends, None, []
    names = sorted({t for _, t in toks})
    index = {t: i for i, t in enumerate(names)}
    tags = np.fromiter((index[t] for _, t in toks), dtype=np.int64, count=len(toks))
    return starts, ends, tags, names


def _utf8_offsets(text: str) -> np.ndarray:
    """Byte offset in ``text.encode("utf-8")`` of every code point (and of the end)."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    width = 1 + (cps >= 0x80).astype(np.int64) + (cps >= 0x800) + (cps >= 0x10000)
    out = np.zeros(len(cps) + 1, dtype=np.int64)
    np.cumsum(width, out=out[1:])
    return out


def span_strings(text: str, starts: np.ndarray, ends: np.ndarray) -> pa.Array:
    """``[text[a:b] for a, b in spans]`` as one Arrow ``large_string`` array, from buffers.

    The spans are in order and do not overlap.
    """
    n = len(starts)
    if n == 0:
        return pa.array([], pa.large_string())
    byte_at = _utf8_offsets(text)
    bounds = np.empty(2 * n, dtype=np.int64)
    bounds[0::2] = byte_at[starts]
    bounds[1::2] = byte_at[ends]
    data = text.encode("utf-8", "surrogatepass")
    pieces = pa.LargeStringArray.from_buffers(2 * n - 1, pa.py_buffer(bounds), pa.py_buffer(data))
    return pieces.take(pa.array(np.arange(0, 2 * n - 1, 2, dtype=np.int64)))


def joined_text(sentences: pa.Table) -> str:
    """A document's sentences joined by newlines (what a segmenter cuts in one call)."""
    return "\n".join(sentences.column("text").to_pylist())


def tokens_table(sentences: pa.Table, spans: bytes) -> pa.Table:
    """Lay spans of :func:`joined_text` out into ``para_id, sent_id, token_id, token(, pos)``."""
    text = joined_text(sentences)
    starts, ends, tags, names = unpack_spans(spans)
    lengths = pc.utf8_length(sentences.column("text")).to_numpy().astype(np.int64)
    sent_start = np.zeros(len(lengths), dtype=np.int64)
    if len(lengths) > 1:
        np.cumsum(lengths[:-1] + 1, out=sent_start[1:])
    sidx = np.searchsorted(sent_start, starts, side="right") - 1
    n = len(starts)
    new = np.ones(n, dtype=bool)
    new[1:] = sidx[1:] != sidx[:-1]
    first = np.maximum.accumulate(np.where(new, np.arange(n), 0)) if n else np.zeros(0, np.int64)
    cols = {
        "para_id": sentences.column("para_id").to_numpy().astype(np.int64)[sidx],
        "sent_id": sentences.column("sent_id").to_numpy().astype(np.int64)[sidx],
        "token_id": np.arange(n, dtype=np.int64) - first + 1,
        "token": span_strings(text, starts, ends),
    }
    if tags is not None:
        cols["pos"] = pa.array(names, pa.large_string()).take(pa.array(tags))
    return pa.table(cols)


@dataclass(frozen=True)
class Segmenter:
    """One engine in one mode (with or without POS tags), as the per-document step uses it.

    Small and picklable: worker processes build the engine once (forked
    workers inherit the parent's, see :meth:`prepare`).
    """

    engine: str = DEFAULT_ENGINE
    pos: bool = False
    #: The user's own words (:func:`bqw_research.tokens.lexicon.read_user_words`).
    user_words: UserWords = ()

    def __post_init__(self) -> None:
        _check_engine(self.engine)

    @cached_property
    def key(self) -> str:
        """Everything the tokens depend on: engine, dictionary, lexicon, user words, mode, code.

        A new user word is a new key, so no cached token table made without it
        is ever read for it.
        """
        return cache_key(
            "segmenter",
            engine_version(self.engine),
            self.pos,
            *([self.user_words] if self.user_words else []),
            code_version(
                "bqw_research.tokens.engines",
                "bqw_research.tokens.reference",
                "bqw_research.tokens.compiled.kernels",
                "bqw_research.tokens.compiled.posseg",
                "bqw_research.tokens.compiled.hmm",
                "bqw_research.tokens.compiled.segmenter",
                "bqw_research.corpus.sentences",
            ),
        )

    def prepare(self) -> None:
        """Build the engine now (jieba's dictionary, the compiled kernels), e.g. before forking."""
        segment(
            "严於信在韶关调研，2024年。",
            pos=self.pos,
            engine=self.engine,
            user_words=self.user_words,
        )
        _ = self.key

    def spans(self, sentences: pa.Table) -> bytes:
        """The tokens of a document's sentences, as packed spans of :func:`joined_text`."""
        text = joined_text(sentences)
        if self.engine == "exact":
            from bqw_research.tokens.compiled.segmenter import get_jit_segmenter

            seg = get_jit_segmenter(self.user_words)
            if self.pos:
                starts, ends, tags = seg.spans_pos(text)
                return pack_spans(starts, ends, tags, seg.tag_names)
            starts, ends = seg.spans(text)
            return pack_spans(starts, ends, None, None)
        return pack_spans(*_jieba_spans(text, self.pos, self.user_words))

    def table(self, sentences: pa.Table, spans: bytes) -> pa.Table:
        """The token table of a document from its sentences and :meth:`spans`."""
        return tokens_table(sentences, spans)


def tokenizer(
    *,
    pos: bool = False,
    engine: str = DEFAULT_ENGINE,
    user_words: str | Path | Iterable[str] | None = None,
) -> Segmenter:
    """The :class:`Segmenter` for ``pos``, ``engine`` and ``user_words`` (a list of words or
    a file: :func:`bqw_research.tokens.lexicon.read_user_words`), e.g. for
    ``load_corpus(tokenizers=…)``."""
    return Segmenter(engine=engine, pos=pos, user_words=read_user_words(user_words))
