"""Compiled dictionaries and the one text matcher behind ``textstat_dictionary`` and the themes.

Whole-word matching: the text is searched with the word boundaries of the package's own
segmentation written into it (an invisible separator between tokens), so a term matches
only from the start of a word to the end of a word — 创新 is never counted inside
增创新 when the segmentation made 增创新 one word — while a term of several words
(产业转移合作园 = 产业 转移 合作园) still matches across them. Without whole words (the
themes' historical rule) terms are plain substrings, leftmost-longest, and only the
``not_in`` words and exclusions keep them out of longer words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bqw_research.textstat.dictionary.load import dictionary
from bqw_research.textstat.rhetoric.common import CJK, inside_word, split_pipe

__all__ = ["HIT_COLUMNS", "Category", "compile_dictionary", "text_hits"]

#: Token boundary written into the searched text in whole-word mode (never in Chinese text).
SEP = "\x1f"
_GAP = f"(?:{SEP})?"
_OPEN = f"(?<![^{SEP}\n])"  # at the start of the text, a line or a word
_CLOSE = f"(?![^{SEP}\n])"  # at the end of the text, a line or a word
HIT_COLUMNS = ["unit", "category", "start", "end", "match"]


@dataclass(frozen=True)
class Category:
    """One category, compiled for tokens and for text."""

    name: str
    label: str
    words: frozenset[str]
    token_pattern: re.Pattern[str] | None  # wildcards and regexes, matched on whole tokens
    text_pattern: re.Pattern[str] | None  # words and wildcards, on the text
    regex: re.Pattern[str] | None  # the user's regexes, on the raw text
    exclude_words: tuple[str, ...]
    exclude_pattern: re.Pattern[str] | None
    not_in: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def token_matches(self, token: str) -> bool:
        """Whether a whole token belongs to the category (and is not excluded)."""
        hit = token in self.words or (
            self.token_pattern is not None and self.token_pattern.fullmatch(token) is not None
        )
        return hit and not self.excludes(token)

    def excludes(self, match: str, text: str = "", start: int = 0) -> bool:
        """Whether an exclusion (or the term's ``not_in``) rules out ``match`` at ``start`` of ``text``."""
        if match in self.exclude_words:
            return True
        if self.exclude_pattern is not None and self.exclude_pattern.fullmatch(match):
            return True
        if not text:
            return False
        return inside_word(text, start, match, (*self.exclude_words, *self.not_in.get(match, ())))


def compile_dictionary(dic: object, *, whole_word: bool = True) -> tuple[Category, ...]:
    """Compile a dictionary (anything :func:`dictionary` reads) into its categories, in order.

    Categories already compiled are returned as they are.
    """
    if isinstance(dic, tuple) and all(isinstance(c, Category) for c in dic):
        return dic
    table = dictionary(dic)
    out = []
    for name, sub in table.groupby("category", sort=False):
        keep, drop = sub[~sub["exclude"]], sub[sub["exclude"]]
        words = keep[keep["kind"] == "word"]["term"]
        wild = keep[keep["kind"] == "wildcard"]["term"]
        regex = keep[keep["kind"] == "regex"]["term"]
        text_alts = [_term_regex(t, whole_word=whole_word) for t in _longest_first(words)]
        text_alts += [_wildcard_regex(t, whole_word=whole_word) for t in _longest_first(wild)]
        text_re = "|".join(text_alts)
        if whole_word and text_re:
            text_re = f"{_OPEN}(?:{text_re}){_CLOSE}"
        out.append(
            Category(
                name=str(name),
                label=str(sub["label"].iloc[0]),
                words=frozenset(words),
                token_pattern=_alternation(
                    [_wildcard_regex(t, whole_word=None) for t in wild] + list(regex)
                ),
                text_pattern=re.compile(text_re) if text_re else None,
                regex=_alternation(list(regex)),
                exclude_words=tuple(drop[drop["kind"] == "word"]["term"]),
                exclude_pattern=_alternation(
                    [
                        _wildcard_regex(t, whole_word=None)
                        for t in drop[drop["kind"] == "wildcard"]["term"]
                    ]
                    + list(drop[drop["kind"] == "regex"]["term"])
                ),
                not_in={
                    t: split_pipe(w) for t, w in zip(keep["term"], keep["not_in"], strict=True) if w
                },
            )
        )
    return tuple(out)


def _longest_first(terms: pd.Series) -> list[str]:
    return sorted(set(terms), key=lambda t: (-len(t), t))


def _alternation(alts: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{a})" for a in alts)) if alts else None


def _term_regex(term: str, *, whole_word: bool | None) -> str:
    """A literal term; in whole-word mode it may span word boundaries (several words)."""
    if whole_word:
        return _GAP.join(re.escape(c) for c in term)
    return re.escape(term)


def _wildcard_regex(term: str, *, whole_word: bool | None) -> str:
    """``*`` → inside one word (whole-word text), Han characters (plain text) or anything (a token)."""
    star = {True: f"[^{SEP}\n]*", False: f"[{CJK}]*", None: ".*"}[whole_word]
    return star.join(_term_regex(p, whole_word=whole_word) for p in term.split("*"))


def text_hits(
    units: Sequence[str] | Sequence[Sequence[str]],
    categories: Sequence[Category],
    *,
    whole_word: bool = True,
) -> pd.DataFrame:
    """Every counted match: ``unit, category, start, end, match`` (offsets in the unit's text).

    ``units`` are texts, or — for whole words — each unit's tokens in order (their
    concatenation is the text). Matches are non-overlapping within a category,
    leftmost-longest; a category's regexes add matches that overlap none of its others
    (in whole-word mode a regex must match one whole token).
    """
    texts = ["".join(u) for u in units] if whole_word else [str(u) for u in units]
    raw = "\n".join(texts)
    starts = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]]) if texts else np.zeros(0, int)
    if whole_word:
        searched = "\n".join(SEP.join(u) for u in units)
        codes = np.frombuffer(searched.encode("utf-32-le"), dtype=np.uint32)
        seps = codes == ord(SEP)
        shift = np.concatenate([[0], np.cumsum(seps)])  # separators before each position
        # every token with its offset: only a category with regexes needs them
        words = _word_spans(units, starts) if any(c.regex is not None for c in categories) else []
    else:
        searched, shift, words = raw, None, None
    rows = []
    for cat in categories:
        spans = []
        if cat.text_pattern is not None:
            for m in cat.text_pattern.finditer(searched):
                a, b = m.start(), m.end()
                if shift is not None:
                    a, b = a - int(shift[a]), b - int(shift[b])
                spans.append((a, b))
        if cat.regex is not None:
            spans = _non_overlapping(spans, _regex_spans(cat.regex, raw, words))
        for a, b in spans:
            match = raw[a:b]
            if not cat.excludes(match, raw, a):
                rows.append((a, b, cat.name, match))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in HIT_COLUMNS})
    hits = pd.DataFrame(rows, columns=["start", "end", "category", "match"])
    unit = np.searchsorted(starts, hits["start"].to_numpy(), side="right") - 1
    hits["unit"] = unit
    hits["start"] -= starts[unit]
    hits["end"] -= starts[unit]
    return hits[HIT_COLUMNS]


def _word_spans(units: Sequence[Sequence[str]], starts: np.ndarray) -> list[tuple[str, int]]:
    """Every token with its offset in the joined text."""
    out = []
    for tokens, start in zip(units, starts.tolist(), strict=True):
        at = start
        for token in tokens:
            out.append((token, at))
            at += len(token)
    return out


def _regex_spans(
    regex: re.Pattern[str], raw: str, words: list[tuple[str, int]] | None
) -> list[tuple[int, int]]:
    """Matches of a category's regexes: whole tokens (``words`` given) or anywhere in ``raw``."""
    if words is None:
        return [(m.start(), m.end()) for m in regex.finditer(raw) if m.end() > m.start()]
    matching = {t for t in {t for t, _ in words} if t and regex.fullmatch(t)}
    return [(at, at + len(t)) for t, at in words if t in matching]


def _non_overlapping(
    first: list[tuple[int, int]], extra: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``first`` plus the spans of ``extra`` overlapping nothing kept so far."""
    kept = sorted(first)
    for a, b in extra:
        if all(b <= s or a >= e for s, e in kept):
            kept.append((a, b))
    return sorted(kept)
