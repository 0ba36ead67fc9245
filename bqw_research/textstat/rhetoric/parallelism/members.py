"""排比, stage 1: cutting text into candidate members.

Sentences (at 。！？), segments (at ，、；：— and between quotations), clauses (at ，；：— only)
and coarse members (at ；, and sentences when a series may run over them); members are
compared on their Chinese characters and digits only (:func:`core_text`). The jieba tokens
of a member (:func:`tagged_words`, :func:`char_tokens`, :func:`word_starts`) tell the later
stages where words begin and which class they have.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bqw_research.textstat.rhetoric.common import (
    CJK,
    read_lexicon,
)
from bqw_research.tokens import segment

_QUOTE_JOIN = r"(?<=[”’」』])(?=[“‘「『])"

SEG_SPLIT = re.compile(rf"[，、；：,;:—]+|{_QUOTE_JOIN}")

CLAUSE_SPLIT = re.compile(rf"[，；：,;:—]+|{_QUOTE_JOIN}")

COARSE_SPLIT = re.compile(r"(?<=[；;])")

_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』]*)?|[。！？!?]+[”’」』]*")

_NON_CORE = re.compile(f"[^{CJK}0-9A-Za-z]")


@lru_cache(maxsize=1)
def non_anchor_chars() -> dict[str, str]:
    """Characters that are never an anchor on their own, with their kind (the lexicon
    ``parallelism_non_anchors.csv``: particle, function, affix, numeral, place, pair)."""
    table = read_lexicon("parallelism_non_anchors")
    return dict(zip(table["item"], table["kind"], strict=True))


@lru_cache(maxsize=65_536)
def core_text(text: str) -> str:
    return _NON_CORE.sub("", text)


@lru_cache(maxsize=65_536)
def tagged_words(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(segment(text, pos=True)) if text else ()


@lru_cache(maxsize=65_536)
def char_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """For each character of ``text``: ``(token start, token end, tag)`` of its token."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for word, tag in tagged_words(text):
        k = text.find(word, pos)
        if k < 0:
            continue
        out.extend([(pos, pos, "x")] * (k - pos))
        out.extend([(k, k + len(word), tag)] * len(word))
        pos = k + len(word)
    out.extend([(pos, pos, "x")] * (len(text) - pos))
    return tuple(out)


def split_segments(sentence: str) -> list[str]:
    """Segments of a sentence (split at ，、；：— and between quotations), without punctuation."""
    return [s for s in (core_text(p) for p in SEG_SPLIT.split(sentence)) if s]


def split_clauses(sentence: str) -> list[str]:
    """Clauses of a sentence (split at ，；：— and between quotations), without punctuation."""
    return [s for s in (core_text(p) for p in CLAUSE_SPLIT.split(sentence)) if s]


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: each ends at 。！？ (a run of them), with a closing quotation mark."""
    return [s for s in _SENTENCE.findall(text) if s.strip()]


@lru_cache(maxsize=65_536)
def word_starts(text: str) -> frozenset[int]:
    """Offsets where a word begins in ``text`` (and its end): where a lead-in may end."""
    return frozenset({start for start, _, _ in char_tokens(text)} | {len(text)})


def token_at(member: str, i: int) -> tuple[int, int, str]:
    return char_tokens(member)[i]


def lead_in_offsets(raw: str) -> tuple[int, ...]:
    """Where a coarse member may begin inside the first unit: at its start, after one or
    two characters (要更加注重… → 更加注重…), or at any clause start (河源强调，要…)."""
    offsets = {0, 1, 2}
    pos = 0
    for clause in CLAUSE_SPLIT.split(raw)[:-1]:
        pos += len(core_text(clause))
        offsets.add(pos)
    return tuple(sorted(offsets))


def last_clause(raw: str) -> str:
    clauses = [c for c in CLAUSE_SPLIT.split(raw) if core_text(c)]
    return clauses[-1] if clauses else ""


def coarse_units(sentences: list[str], *, across: bool) -> list[list[tuple[int, str]]]:
    """Coarse members ``(sentence index, text)``: semicolon members and sentences, in
    groups within which a run is sought (all sentences, or one sentence at a time)."""
    groups: list[list[tuple[int, str]]] = []
    for k, sent in enumerate(sentences):
        members = [(k, m) for m in COARSE_SPLIT.split(sent) if core_text(m)]
        if across and groups:
            groups[-1].extend(members)
        else:
            groups.append(members)
    return groups
