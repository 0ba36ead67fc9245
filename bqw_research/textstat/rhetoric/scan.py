"""Regex scanning that skips positions where a pattern cannot start.

Python's ``re`` finds a pattern fast only when it opens with a literal or a plain
character class; a pattern that opens with an optional group or a look-behind
(``(?:中共)?省委…``, ``(?<![小据])说``) or an alternation of such patterns (the speech
verbs) is tried at every position of the text. :func:`first_chars` reads from the
parsed pattern the characters a match can start with, and :class:`Scanner` looks
only at those positions (one C-speed character-class search), trying the pattern
itself there with ``match`` — which sees the text before the position, so
look-behinds behave as in ``finditer``. The matches are the same as ``finditer``'s:
a non-empty match can only start at one of those characters, and a pattern that can
match the empty string, or opens with something not understood here (``.``, ``\\d``,
a negated class, a back-reference, a wide range), is scanned in full.

:func:`full_scan` turns the skipping off (tests compare both ways).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from re import _constants as sre  # the stdlib's own parser of patterns
from re import _parser as sre_parse

#: A range wider than this (``[\u4e00-\u9fff]``) makes the first characters "any".
MAX_RANGE = 256
_ZERO_WIDTH = {sre.ASSERT, sre.ASSERT_NOT, sre.AT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_full_scan = False

First = tuple[frozenset[str] | None, bool]  # (characters or None = any, can be empty)


def _first_of_class(items: list) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < MAX_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # NEGATE, CATEGORY (\d, \w), a wide range
            return None
    return frozenset(chars)


def _first_of_item(op, av) -> First:
    if op is sre.LITERAL:
        return frozenset(chr(av)), False
    if op is sre.IN:
        return _first_of_class(av), False
    if op in _ZERO_WIDTH:
        return frozenset(), True
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return (None, False) if add_flags & re.IGNORECASE else _first_of_seq(sub)
    if op is sre.ATOMIC_GROUP:
        return _first_of_seq(av)
    if op is sre.BRANCH:
        firsts = [_first_of_seq(alt) for alt in av[1]]
        if any(f is None for f, _n in firsts):
            return None, False
        return frozenset().union(*(f for f, _n in firsts)), any(n for _f, n in firsts)
    if op in _REPEATS:
        low, high, sub = av
        if high == 0:
            return frozenset(), True
        chars, empty = _first_of_seq(sub)
        return chars, empty or low == 0
    return None, False  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, GROUPREF_EXISTS …


def _first_of_seq(items) -> First:
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_of_item(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def opens_with_literal(rx: re.Pattern[str]) -> bool:
    """Whether ``re`` finds ``rx`` fast itself: it opens with a literal, a character
    class or an alternation of literals (``中央八项规定``, ``习近平…|总书记``)."""
    items = sre_parse.parse(rx.pattern, rx.flags)
    if not items:
        return False
    op, av = items[0]
    if op is sre.BRANCH:
        return all(alt and alt[0][0] is sre.LITERAL for alt in av[1])
    return op is sre.LITERAL or op is sre.IN


def first_chars(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every non-empty match of ``rx`` starts with, or ``None`` when
    unknown or when ``rx`` can match the empty string (then every position counts)."""
    if rx.flags & re.IGNORECASE:
        return None
    chars, empty = _first_of_seq(sre_parse.parse(rx.pattern, rx.flags))
    return None if empty or chars is None else chars


@dataclass(frozen=True)
class Scanner:
    """A compiled pattern that ``finditer`` and ``match`` only at its possible starts.

    ``starts``: a class of the first characters, ``None`` when the search is left to
    ``re`` (``first`` unknown, or ``re`` finds the pattern's opening fast itself).
    """

    rx: re.Pattern[str]
    first: frozenset[str] | None
    starts: re.Pattern[str] | None

    @classmethod
    def of(cls, rx: re.Pattern[str] | str) -> Scanner:
        """A scanner of ``rx`` (a pattern or its source)."""
        rx = re.compile(rx) if isinstance(rx, str) else rx
        first = first_chars(rx)
        if first is None or not first or opens_with_literal(rx):
            return cls(rx, first, None)
        return cls(rx, first, re.compile("[" + "".join(map(re.escape, sorted(first))) + "]"))

    def may_match(self, chars: set[str] | frozenset[str]) -> bool:
        """Whether a text made of ``chars`` may hold a match (``False`` only when none
        of the characters a match starts with is among them)."""
        return self.first is None or _full_scan or not self.first.isdisjoint(chars)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of ``rx.finditer(text)``, in order."""
        if self.starts is None or _full_scan:
            return self.rx.finditer(text)
        return self._at_starts(text)

    def _at_starts(self, text: str) -> Iterator[re.Match[str]]:
        pos = 0
        while (cand := self.starts.search(text, pos)) is not None:
            m = self.rx.match(text, cand.start())
            if m is None:
                pos = cand.start() + 1
            else:
                yield m
                pos = m.end()  # never empty: ``first`` is None for such patterns

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """``rx.match(text, pos, endpos)``, without trying where no match can start."""
        end = len(text) if endpos is None else min(endpos, len(text))
        if (
            self.first is not None
            and not _full_scan
            and (pos >= end or text[pos] not in self.first)
        ):
            return None
        return self.rx.match(text, pos, end)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """``rx.search(text, pos)`` (the first match from ``pos``)."""
        if self.starts is None or _full_scan:
            return self.rx.search(text, pos)
        while (cand := self.starts.search(text, pos)) is not None:
            m = self.rx.match(text, cand.start())
            if m is not None:
                return m
            pos = cand.start() + 1
        return None


@contextmanager
def full_scan() -> Iterator[None]:
    """Within this block every :class:`Scanner` tries every position (the reference)."""
    global _full_scan
    before, _full_scan = _full_scan, True
    try:
        yield
    finally:
        _full_scan = before


def scanning_in_full() -> bool:
    """Whether :func:`full_scan` is in force (callers that memoise key on it)."""
    return _full_scan
