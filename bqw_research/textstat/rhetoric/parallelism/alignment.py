"""排比, stage 2: aligning members on their start or end to find shared slots.

Three or more members are aligned on one edge (codebook: "the same character offset from the
start … or from the end"); the first member may carry a lead-in and the last one a
continuation, which are trimmed where a word begins. Also the cheap prefilters of the search
(:func:`share_a_character`, :func:`share_a_slot`), which never change a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import eq

from bqw_research.textstat.rhetoric.parallelism.members import (
    char_tokens,
    word_starts,
)

#: Window of the alignment: shared positions this far from the aligned edge are candidates.
MAX_ANCHOR_OFFSET = 8


@dataclass(frozen=True)
class Aligned:
    """Members aligned on one edge: ``members`` in reading order (trimmed), ``positions``
    shared by all of them counted from the aligned edge, ``edge`` ``start`` or ``end``;
    ``trim`` characters of lead-in (or continuation) were cut from the first (last) one."""

    members: tuple[str, ...]
    positions: tuple[int, ...]
    edge: str
    trim: int = 0


def char_at(member: str, p: int, edge: str) -> str:
    return member[p] if edge == "start" else member[len(member) - 1 - p]


def align_members(cores: list[str], *, edge: str, lead_in: bool) -> Aligned | None:
    """Align ``cores`` on ``edge``; the member opposite the free end may be trimmed.

    On ``start`` the first member may carry a lead-in (trimmed when ``lead_in``); on
    ``end`` the last member may carry a continuation (always trimmed). Members other
    than that one define the shared positions; the trim keeps the most of them (the
    earliest such cut). The trimmed member is tagged only when a cut inside it could win.
    A cut falls where a word begins, or — on ``start`` — in the middle of a two-character
    token when the rest opens with the same two characters as every other member: jieba
    glues a one-character word of the lead-in to the frame word (我们|要以|更大的决心…
    against 以更实的举措…), while a longer word is not cut (依法治国 is not 依|法治国).
    """
    seq = cores if edge == "start" else [c[::-1] for c in reversed(cores)]
    refs = seq[1:]
    ref = refs[0]
    ref_pos = _shared_slots(refs)
    if not ref_pos:
        return None
    first = seq[0]
    size = len(first)
    hits = _trim_hits(first, ref, ref_pos, tries=size if (lead_in or edge == "end") else 1)
    best: int | None = None
    for t in sorted(hits, key=lambda t: (-len(hits[t]), t)):
        if (
            t == 0
            or (t if edge == "start" else size - t)
            in word_starts(cores[0] if edge == "start" else cores[-1])
            or (edge == "start" and hits[t][:2] == [0, 1] and _splits_a_pair(cores[0], t))
        ):
            best = t
            break
    if best is None:
        return None
    t, pos = best, hits[best]
    members = [first[t:], *refs]
    if edge == "end":
        members = [m[::-1] for m in reversed(members)]
    return Aligned(tuple(members), tuple(pos), edge, t)


def _splits_a_pair(text: str, t: int) -> bool:
    """Whether offset ``t`` falls in the middle of a two-character token of ``text``."""
    start, end, _ = char_tokens(text)[t]
    return end - start == 2 and t == start + 1


def _shared_slots(members: Sequence[str]) -> list[int]:
    """Positions within ``MAX_ANCHOR_OFFSET`` of the start where every member has the same
    character (members reversed: of the end)."""
    return [
        p
        for p, chars in enumerate(zip(*(m[:MAX_ANCHOR_OFFSET] for m in members), strict=False))
        if chars.count(chars[0]) == len(chars)
    ]


def _trim_hits(first: str, ref: str, ref_pos: list[int], *, tries: int) -> dict[int, list[int]]:
    """For each trim ``t < tries`` of ``first`` that keeps a shared position: the positions
    ``p`` of ``ref_pos`` (in order) where ``first[t + p] == ref[p]``. Found by searching
    ``first`` for each shared character, so a long first member costs little."""
    hits: dict[int, list[int]] = {}
    for p in ref_pos:
        char = ref[p]
        k = first.find(char, p)
        while k >= 0 and k - p < tries:
            hits.setdefault(k - p, []).append(p)
            k = first.find(char, k + 1)
    return hits


def slot_index(member: str, p: int, edge: str) -> int:
    return p if edge == "start" else len(member) - 1 - p


def contiguous_spans(positions: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs ``(first, last)`` of sorted positions."""
    out: list[tuple[int, int]] = []
    for p in positions:
        if out and p == out[-1][1] + 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


def sure_members(al: Aligned) -> tuple[str, ...]:
    """Members whose extent is certain: all but the one that may run on past the series."""
    return al.members[:-1] if al.edge == "start" else al.members[1:]


def shared_span(al: Aligned, p: int) -> tuple[int, int]:
    """The run of shared positions around ``p`` (non-anchor characters included: 一方)."""
    lo = hi = p
    shared = set(al.positions)
    while lo - 1 in shared:
        lo -= 1
    while hi + 1 in shared:
        hi += 1
    return lo, hi


def shared_width(al: Aligned, p: int) -> int:
    lo, hi = shared_span(al, p)
    return hi - lo + 1


def share_a_character(cores: list[str], *, size: int) -> list[bool]:
    """For each window ``cores[i : i + size]``: whether some character occurs in all of
    its members.

    A window without one cannot begin a series: every anchor (and every particle of a
    particle frame) is a character at an aligned position of all members, and the members
    compared are these cores or parts of them (a lead-in or continuation trimmed, a last
    clause). A prefilter of the search; it never changes a result.
    """
    chars = [set(c) for c in cores]
    return [
        bool(chars[i].intersection(*chars[i + 1 : i + size])) for i in range(len(cores) - size + 1)
    ]


def share_a_slot(cores: list[str], start: int, stop: int, *, edges: tuple[str, ...]) -> bool:
    """Whether the members of ``cores[start:stop]`` that :func:`align_members` compares on some
    edge share a position there (on ``start`` all but the first, on ``end`` all but the
    last); without one, no alignment exists. A prefilter of the search, like
    :func:`share_a_character`."""
    return ("start" in edges and _any_shared_slot(cores[start + 1 : stop])) or (
        "end" in edges and _any_shared_slot([c[::-1] for c in cores[start : stop - 1]])
    )


def _any_shared_slot(members: list[str]) -> bool:
    """``bool(_shared_slots(members))``, at C speed for the usual two members."""
    if len(members) == 2:
        a, b = members
        return any(map(eq, a[:MAX_ANCHOR_OFFSET], b[:MAX_ANCHOR_OFFSET]))
    return bool(_shared_slots(members))
