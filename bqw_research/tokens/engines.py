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
tags; after either engine, a number and its magnitude are joined (330多万, not 330 +
多万: :func:`join_numbers`). :class:`Segmenter` is what the per-document step
(:func:`bqw_research.corpus.document.document_tokens`) calls: it segments a
document's sentences joined by newlines in one call (a sentence boundary is
never inside a jieba block, so this equals segmenting sentence by sentence)
and lays the tokens out into ``para_id, sent_id, token_id, token(, pos)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from bqw_research.scale.cache import cache_key, code_version
from bqw_research.tokens.lexicon import UserWords, read_user_words
from bqw_research.tokens.versions import DEFAULT_ENGINE, ENGINES, check_engine, engine_version

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "Segmenter",
    "engine_version",
    "join_numbers",
    "segment",
    "tokenizer",
]

_SPACE_RE = re.compile(r"\s")


def segment(
    text: str,
    *,
    pos: bool = False,
    hmm: bool = True,
    engine: str = DEFAULT_ENGINE,
    user_words: UserWords = (),
) -> list:
    """Segment one string; whitespace-only tokens are dropped.

    Returns a list of tokens, or of ``(token, pos)`` pairs with ``pos=True``: the
    engine's tokens with numbers joined to their magnitude (:func:`join_numbers`).
    ``hmm=False`` (no HMM for unknown words) runs jieba itself whatever the engine.
    ``user_words`` (:func:`bqw_research.tokens.lexicon.read_user_words`) are kept
    whole like the domain lexicon's words.
    """
    check_engine(engine)
    starts, ends, tags, names = join_numbers(
        text, *_engine_spans(text, pos, hmm, engine, user_words)
    )
    words = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    if not pos:
        return words
    return [(w, names[t]) for w, t in zip(words, tags.tolist(), strict=True)]


def _engine_spans(
    text: str, pos: bool, hmm: bool, engine: str, user_words: UserWords = ()
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list[str]]:
    """The engine's own token spans of ``text`` (tags and tag names with ``pos``)."""
    if engine == "exact" and hmm:
        from bqw_research.tokens.compiled.segmenter import get_jit_segmenter

        seg = get_jit_segmenter(user_words)
        if pos:
            starts, ends, tags = seg.spans_pos(text)
            return starts, ends, tags, list(seg.tag_names)
        starts, ends = seg.spans(text)
        return starts, ends, None, []
    return _jieba_spans(text, pos, user_words, hmm=hmm)


def _jieba_words(text: str, pos: bool, hmm: bool, user_words: UserWords) -> list:
    from bqw_research.tokens.reference import get_pos_tokenizer, get_tokenizer

    if pos:
        cut = get_pos_tokenizer(user_words).cut(text, HMM=hmm)
        return [(w.word, w.flag) for w in cut if w.word.strip()]
    return [w for w in get_tokenizer(user_words).cut(text, HMM=hmm) if w.strip()]


# --------------------------------------------------------------------------- numbers

#: Characters of a magnitude that jieba leaves apart from the digits before it
#: (330多万 → 330 + 多万, 1.2万亿 → 1.2 + 万亿): 多/余 "more than" and the numeral units.
MAGNITUDE_CHARS = "多余十百千万亿"
_DIGIT_CHARS = "0123456789.０１２３４５６７８９．"
_ANY_DIGIT = re.compile("[0-9０-９]")


def _char_class(text: str, chars: str) -> np.ndarray:
    """Cumulative count (length ``len(text) + 1``) of the characters of ``text`` in ``chars``."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    hit = np.isin(cps, np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32))
    out = np.zeros(len(cps) + 1, dtype=np.int64)
    np.cumsum(hit, out=out[1:])
    return out


def join_numbers(
    text: str,
    starts: np.ndarray,
    ends: np.ndarray,
    tags: np.ndarray | None = None,
    names: list[str] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list[str]]:
    """Join a token of digits with a following magnitude token into one number token.

    jieba cuts 330多万 into 330 + 多万 and 1.2万亿 into 1.2 + 万亿, so 多万, 万亿 … turn up
    as words in frequency tables. A token made only of :data:`MAGNITUDE_CHARS` that
    directly follows a token made only of digits (and a decimal point) is joined to it;
    the joined token keeps the first token's tag (``m``). Applied after both engines,
    so they still agree.
    """
    names = list(names or [])
    if len(starts) < 2 or not _ANY_DIGIT.search(text):  # no digits: nothing to join
        return starts, ends, tags, names
    digit = _char_class(text, _DIGIT_CHARS)
    magnitude = _char_class(text, MAGNITUDE_CHARS)
    length = ends - starts
    is_digits = digit[ends] - digit[starts] == length
    is_magnitude = magnitude[ends] - magnitude[starts] == length
    join = np.zeros(len(starts), dtype=bool)
    join[1:] = is_magnitude[1:] & is_digits[:-1] & (starts[1:] == ends[:-1])
    if not join.any():
        return starts, ends, tags, names
    keep = ~join
    new_ends = ends.copy()
    new_ends[np.flatnonzero(join) - 1] = ends[join]
    return starts[keep], new_ends[keep], None if tags is None else tags[keep], names


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
    text: str, pos: bool, user_words: UserWords = (), *, hmm: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, list]:
    """Spans of jieba's own tokens of ``text`` (found in order; whitespace tokens dropped)."""
    toks = _jieba_words(text, pos, hmm, user_words)
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
        check_engine(self.engine)

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
        starts, ends, tags, names = join_numbers(
            text, *_engine_spans(text, self.pos, True, self.engine, self.user_words)
        )
        return pack_spans(starts, ends, tags, names if self.pos else None)

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
