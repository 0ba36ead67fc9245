"""Numbered formulae (数字式提法: 两个维护, 一带一路, 双碳, 1310 …): a grammar of numeral
frames plus a curated list of known national and provincial formulae.

The definition is the project codebook's (``numbered_formulae.md``): a fixed label of
official discourse in which a numeral counts the members of a closed list of named items.
A formula is found in three ways, in this order; a later way never reports text that an
earlier one already covered, so each occurrence is reported once:

1. **lexicon** — ``data/lexicons/rhetoric/numbered_formulae.csv``: established national
   (中央) and provincial (省) formulae with their variants and a source each, found
   quoted or not (增强四个意识, 中央八项规定);
2. **quoted** — a short span in quotation marks that the numeral grammar
   (:func:`quoted_formula`) reads as a counted label (“三个作用”, “四链”, “一园两体系”,
   “20+8”, “80条”); quotation is the codebook's first sign of a fixed label (T3);
3. **frames** — unquoted patterns of ``formula_patterns.csv``: N+M digit codes
   (1+1+9, 9+2) and X大N labels used as a name (三大全球倡议) — an X大N right after the
   list it re-counts (A、B、C三大产业) is skipped.

Look-alikes the codebook rules out (scale programmes such as 百县千镇万村, lexical 双 such
as 双赢, names such as 两会) are listed in ``formula_lookalikes.csv``; ordinals, dates,
time spans, quantities and lone 一 are ruled out by the grammar.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from bqw_research.textstat.rhetoric.common import QUOTE_RE, read_lexicon, split_pipe
from bqw_research.textstat.rhetoric.fourchar import idiom_set

#: Chinese digits and their values (两 and 二 are both 2).
DIGIT_VALUE = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
DIGIT_VALUE |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: Orders of magnitude: as numerals of a label they give scale, not a count.
SCALE_CHARS = "百千万亿"
#: Longest quoted span (punctuation removed) read as a possible formula.
MAX_QUOTED_CHARS = 12

_HALF_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_RUN_RE = re.compile("[〇零一二两三四五六七八九十百千万亿]+|双")
_SEP_RE = re.compile(r"[、，,·・]")
_SPACE_RE = re.compile(r"\s+")
_DATE_RE = re.compile(r"\d[·・.．]\d")
_ALL_NUMERAL_RE = re.compile("[〇零一二两三四五六七八九十百千万亿双]+")
#: After a closing quote, these make the quoted span a name (ship, satellite, computer).
_IDENTIFIER_AFTER_RE = re.compile("号|轮|舰|艇|卫星")
_DIGIT_CODE_RE = re.compile(r"\d+(?:[+×][\dA-Za-z]{1,3})+")
_BARE_CODE_RE = re.compile(r"\d{3,6}")
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d")
_NICKNAME_RE = re.compile(r"[^\d]{0,4}(?:\d{1,3}|[一二三四五六七八九十]{1,3})条")
#: After a counted numeral, these begin a time span, date, ordinal or quantity unit.
_UNIT_AFTER_RE = re.compile(
    r"(?:年|月|日|号|天|周|岁|小时|分钟|秒|届|次|期|轮|代|运|连|字|普|元|倍|公里|米|吨|%|个字|人|家|名)"
)
_RANKING_WORDS = ("年度", "评选", "评出", "排行", "全球")
_CLAUSE_END = "，。；：！？,;:!?\n"


class Hit(NamedTuple):
    """One formula found in a text: where, how, and the formula string."""

    start: int
    end: int
    kind: str
    formula: str


def half_width(text: str) -> str:
    """Full-width ASCII (１３１０, ＋) as half-width, keeping every character's position."""
    return text.translate(_HALF_WIDTH)


def small_number(run: str) -> int | None:
    """The value of a run of Chinese numerals that reads as a whole number below 100.

    One digit (〇/零 → 0, 二/两 → 2 …), or 十 with an optional digit 2–9 before and an
    optional digit 1–9 after (十 → 10, 十四 → 14, 二十 → 20, 九十九 → 99); else ``None``
    (百千万, 十四五, 九三, 一十). This is the codebook's reading of numerals for matching.
    """
    if len(run) == 1:
        return 10 if run == "十" else DIGIT_VALUE.get(run)
    if run.count("十") != 1 or len(run) > 3:
        return None
    tens, _, ones = run.partition("十")
    t = DIGIT_VALUE.get(tens, -1) if tens else 1
    o = DIGIT_VALUE.get(ones, -1) if ones else 0
    if (tens and not 2 <= t <= 9) or (ones and not 1 <= o <= 9):
        return None
    return 10 * t + o


# --------------------------------------------------------------------------- data


def formula_lexicon() -> pd.DataFrame:
    """``numbered_formulae.csv``: ``canonical, variants, not_in, level, source, note``."""
    return read_lexicon("numbered_formulae")


def formula_lookalikes() -> pd.DataFrame:
    """``formula_lookalikes.csv``: ``term, class, source`` — strings that are never formulae."""
    return read_lexicon("formula_lookalikes")


def formula_patterns() -> pd.DataFrame:
    """``formula_patterns.csv``: ``kind, regex, skip_recount, example, source``."""
    return read_lexicon("formula_patterns")


@lru_cache(maxsize=4)
def _variant_regex(variants: tuple[tuple[str, str, tuple[str, ...]], ...]) -> re.Pattern[str]:
    alts = sorted({v for v, _, _ in variants}, key=lambda v: (-len(v), v))
    return re.compile("|".join(map(re.escape, alts)))


def lexicon_variants(lexicon: pd.DataFrame) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """``(variant, canonical, not_in)`` for every variant of every lexicon entry."""
    out = []
    for canonical, variants, not_in in zip(
        lexicon["canonical"], lexicon["variants"], lexicon["not_in"], strict=True
    ):
        for v in split_pipe(variants) or (canonical,):
            out.append((half_width(v), canonical, split_pipe(not_in)))
    return tuple(sorted(out))


# --------------------------------------------------------------------------- grammar


def numeral_runs(key: str) -> list[tuple[int, str]]:
    """``(position, run)`` of every run of Chinese numerals and every 双 in ``key``."""
    return [(m.start(), m.group(0)) for m in _RUN_RE.finditer(key)]


def counted(run: str) -> bool:
    """Whether a numeral run can count items: a number from 1 to 99, 双, or a digit with
    one scale character (四千行动: four 千-actions). 零 never counts (近零碳)."""
    if run == "双":
        return True
    value = small_number(run)
    if value is not None:
        return value > 0
    return (
        len(run) == 2 and run[0] in DIGIT_VALUE and run[0] not in "〇零一" and run[1] in SCALE_CHARS
    )


def scale_only(run: str) -> bool:
    """A run that only gives an order of magnitude: 百, 千万, 一百 (四个一百's 一百)."""
    body = run[1:] if run[0] == "一" and len(run) > 1 else run
    return all(ch in SCALE_CHARS for ch in body)


def ascending_scale(runs: list[str]) -> bool:
    """十…百…千…万: numerals that only climb the orders of magnitude (十带百坊千创客)."""
    order = "十百千万"
    return (
        len(runs) >= 2
        and all(r in order for r in runs)
        and list(runs) == sorted(runs, key=order.index)
    )


def quoted_formula(
    span: str, *, lookalikes: tuple[str, ...] = (), idioms: frozenset[str] = frozenset()
) -> str | None:
    """The formula a quoted span names (its text without punctuation), or ``None``.

    Accepted: digit codes (1310, 20+8, 1+N; not a year), document nicknames (“80条”,
    科创板八条), and labels whose numerals count: the first numeral opens the label or
    follows one prefix character (新三样; two before 双: 互促双强), every Chinese numeral
    run is a number below 100, 双, or a digit with one scale character, and at least one
    of them counts. Rejected: look-alikes, spans with other Arabic digits (measures,
    versions), ordinals (第…), malformed runs (十四五, 九三: plans and dates), pure or
    ascending scale (百千万, 十带百坊千创客), a numeral followed by a time or quantity unit
    (三年初见成效, 3个项目), a lone 一 (一网通办, 一个目标) and two-part 一X一Y
    (distributive 一企一策); three or more 一-parts are a planning structure (一核一带一区).
    """
    text = _SPACE_RE.sub("", half_width(span))
    if _DATE_RE.search(text):
        return None
    marked = _SEP_RE.sub("|", text)
    key = marked.replace("|", "")
    if not key or len(key) > MAX_QUOTED_CHARS or key in idioms:
        return None
    if any(t in key for t in lookalikes) or key.startswith("0") or key.endswith("号"):
        return None
    if _DIGIT_CODE_RE.fullmatch(key) or _NICKNAME_RE.fullmatch(key):
        return key
    if _BARE_CODE_RE.fullmatch(key):
        return None if _YEAR_RE.fullmatch(key) else key
    if any(ch.isascii() and ch.isdigit() for ch in key) or _ALL_NUMERAL_RE.fullmatch(key):
        return None
    runs = numeral_runs(marked)
    if not runs or runs[0][0] > (2 if runs[0][1] == "双" else 1):
        return None
    values = [r for _, r in runs]
    for at, run in runs:
        if at > 0 and marked[at - 1] == "第":
            return None
        if not counted(run) and not scale_only(run):
            return None
        if run != "双" and counted(run) and _UNIT_AFTER_RE.match(marked, at + len(run)):
            return None
    counts = [r for r in values if counted(r)]
    if not counts or ascending_scale(values):
        return None
    if all(r == "一" for r in counts) and len(counts) < 3:
        return None
    return key


def quoted_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, inner text)`` of every quoted span, nested quotes included."""
    for m in QUOTE_RE.finditer(text):
        g = next(i for i, s in enumerate(m.groups(), 1) if s is not None)
        yield m.start(g), m.end(g), m.group(g)
        inner = m.group(g)
        if len(inner) > MAX_QUOTED_CHARS:
            for s, e, t in quoted_spans(inner):
                yield m.start(g) + s, m.start(g) + e, t


def is_recount(text: str, start: int, end: int) -> bool:
    """An X大N that is not used as a name: an appositive re-count of the list just given
    in its clause (A、B、C三大产业, …等三大产业, “A”“B”两大工程), one of several
    (三大基地之一/之列), or a ranking (年度十大科学突破, 评选的十大…)."""
    clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_END) + 1
    before = text[clause_start:start]
    after = text[end : end + 6]
    return (
        "、" in before
        or before.endswith(("等", "”", "’", "）", ")"))
        or any(w in before for w in _RANKING_WORDS)
        or any(w in after for w in ("之一", "之列"))
        or after.startswith("性")
    )


# --------------------------------------------------------------------------- finding


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def lexicon_hits(text: str, variants: tuple[tuple[str, str, tuple[str, ...]], ...]) -> list[Hit]:
    """Leftmost-longest occurrences of lexicon variants, except inside a ``not_in`` word."""
    if not variants:
        return []
    info = {v: (c, n) for v, c, n in variants}
    hits = []
    for m in _variant_regex(variants).finditer(text):
        canonical, not_in = info[m.group(0)]
        if not any(overlapping(text, m.start(), m.end(), w) for w in not_in):
            hits.append(Hit(m.start(), m.end(), "lexicon", canonical))
    return hits


def overlapping(text: str, start: int, end: int, word: str) -> bool:
    """Whether an occurrence of ``word`` in ``text`` overlaps ``text[start:end]``."""
    i = text.find(word, max(0, start - len(word) + 1))
    return 0 <= i < end


class FormulaRules(NamedTuple):
    """The tables of the detector, prepared once: lexicon variants, look-alike terms,
    idioms and the unquoted frames ``(kind, regex, skip_recount)``."""

    variants: tuple[tuple[str, str, tuple[str, ...]], ...]
    lookalikes: tuple[str, ...]
    idioms: frozenset[str]
    frames: tuple[tuple[str, re.Pattern[str], bool], ...]


def formula_rules(
    *,
    patterns: pd.DataFrame | None = None,
    lexicon: pd.DataFrame | None = None,
    lookalikes: pd.DataFrame | None = None,
) -> FormulaRules:
    """:class:`FormulaRules` from the shipped tables, or from the tables given."""
    lex = formula_lexicon() if lexicon is None else lexicon
    looks = formula_lookalikes() if lookalikes is None else lookalikes
    pats = formula_patterns() if patterns is None else patterns
    frames = tuple(
        (kind, re.compile(rx), recount == "yes")
        for kind, rx, recount in zip(pats["kind"], pats["regex"], pats["skip_recount"], strict=True)
    )
    return FormulaRules(lexicon_variants(lex), tuple(looks["term"]), idiom_set(), frames)


def numbered_hits(text: str, *, rules: FormulaRules | None = None) -> list[Hit]:
    """Every numbered formula of ``text`` as :class:`Hit`, in text order, one per occurrence.

    ``rules``: from :func:`formula_rules` (built from the shipped tables when omitted;
    pass them when calling this for many texts).
    """
    rules = formula_rules() if rules is None else rules
    text = half_width(text)
    hits = lexicon_hits(text, rules.variants)
    taken = [(h.start, h.end) for h in hits]
    for s, e, span in quoted_spans(text):
        if not _free(taken, s, e) or _IDENTIFIER_AFTER_RE.match(text, e + 1):
            continue
        formula = quoted_formula(span, lookalikes=rules.lookalikes, idioms=rules.idioms)
        if formula is not None:
            hits.append(Hit(s, e, "quoted", formula))
            taken.append((s, e))
    for kind, rx, recount in rules.frames:
        for m in rx.finditer(text):
            g = 1 if m.groups() else 0
            s, e = m.start(g), m.end(g)
            if not _free(taken, s, e) or (recount and is_recount(text, s, e)):
                continue
            if any(overlapping(text, s, e, t) for t in rules.lookalikes):
                continue
            hits.append(Hit(s, e, kind, m.group(g)))
            taken.append((s, e))
    return sorted(hits)
