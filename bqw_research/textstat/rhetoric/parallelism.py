"""Parallelism (排比) by the codebook's strict rule: three or more consecutive members that
share one frame and repeat an anchor in the same slot.

The rule (``../shared/codebook/parallelism.md``, version 1) is applied as follows.

*Members.* A sentence is cut into members at three levels: segments (at ，、；：—, and
between two quotations “…”“…”), clauses (at ，；：— only, keeping 、-lists inside) and
coarse members (at ；, and at 。！？ when several sentences are given, for series that run
over consecutive sentences: 要…。要…。要…。). Members are compared on their Chinese
characters and digits only (quotation marks and punctuation are dropped).

*Anchor in the same slot.* Three or more consecutive members are aligned either on their
starts or on their ends (codebook: "the same character offset from the start … or from the
end"). The first member may carry a lead-in before the series (着力|稳就业; 河源强调，|要…)
and, when the members are aligned on their ends, the last one a continuation after it
(…|绿色化|发展); the cut falls where a word begins, at the alignment that shares the most
positions, and a trimmed member is believed only when its anchor lies within two characters
of the aligned edge and it is at most twice as long as the longest other member. The shared
positions within eight characters of the aligned edge are the candidate anchor. They are
not an anchor (see ``data/lexicons/rhetoric/parallelism_non_anchors.csv``) when they are:

* digits, ranks (第二大), numerals and classifiers, date units, derivational affixes
  (化 性 感 式 型 器 者); function words, pair connectives (既 也 又) and administrative units
  (市 县 …) when they stand alone as one-character words;
* inside a person, place or organisation name (jieba tags ``nr``, ``ns``, ``nt``) in every
  member (江门提出|阳江主动|湛江提出);
* only a particle (的 之 所), unless the members form the short particle frame: up to six
  characters, of equal length, with their particles in the same places, and not all opening
  with a verb or noun (以昂扬的斗志、饱满的热情、务实的作风);
* one noun (or adjective word) at one edge only — the category noun of a list
  (生态效益、经济效益、社会效益) or a modifier shared by noun phrases (重点场所、重点区域); a noun
  shared at both edges is a two-point frame and counts (城市规划水平、城市建设水平、城市精细化管理水平);
  a head after a varying one-character word is a coined set and counts (“硬联通”、“软联通”);
* one ending character that is inside a longer word in most members (a suffix: 领导力);
* an opening that is not a word of its own: in members longer than six characters it is cut
  back to where a word ends in every member (坚定信念 | 坚定不移), in shorter ones a
  one-character opener must be a word in most members (新型显示、新型储能、新材料 is not);
* one character inside the members, unless a shared frame word opens them (在思想上统一),
  or it begins a word in every member within two characters of the aligned edge (政府有为,
  坚定信念信心不动摇) and, in a trimmed member, follows words of one word class;
* two characters inside members longer than ten characters (recurrence, not a frame);
* the shared text of members that vary only by a name or a numeral before or after it
  (广州提出…；深圳提出…; 广州市委书记郭永航、韶关市委书记陈少荣; 一级…、二级…);
* shared text after alternating pair connectives (既有…，也有…，既有…: pairs);
* an opening followed by a figure in every member, or any anchor of members that all hold
  figures (statistics: 新增…N).

*Phrases, not words.* Members must have at least four characters; three are allowed when
every member opens with the same verb and one member is longer (比决心、比干劲、比……的能力).
Series whose members open with numbering (一是、二是; （1）; 第一) are enumerations.

A text contains 排比 when any run is found (:func:`has_parallelism`); that is what
``bqw_research.evaluation.parallelism`` scores against the labelled set.

Known limits (see docs/rhetoric.md): word classes come from jieba's tags, which are noisy
(全面 tagged a noun, 安宁 a place), so some list/frame decisions follow the tagger; a
one-character opener inside a word is not an anchor (高质量发展、高品质生活、高效能治理 and
政治安全、社会安定、人民安宁 are missed); a two-character anchor inside members longer than ten
characters is not believed (全面总结…经济工作，深入分析…经济形势 is missed); named sets of noun
items with a two-point frame (全球发展倡议、全球安全倡议) and lists on a suffix that the
segmenter keeps apart (…领导力、…引领力) are counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import eq, itemgetter
from typing import Any

import pandas as pd

from bqw_research.textstat.rhetoric.common import (
    CJK,
    as_sentences,
    attach_group,
    is_corpus,
    n_chars,
    read_lexicon,
)
from bqw_research.tokens import segment

_QUOTE_JOIN = r"(?<=[”’」』])(?=[“‘「『])"
_SEG_SPLIT = re.compile(rf"[，、；：,;:—]+|{_QUOTE_JOIN}")
_CLAUSE_SPLIT = re.compile(rf"[，；：,;:—]+|{_QUOTE_JOIN}")
_COARSE_SPLIT = re.compile(r"(?<=[；;])")
_SENTENCE = re.compile(r"[^。！？!?]+(?:[。！？!?]+[”’」』]*)?|[。！？!?]+[”’」』]*")
_NON_CORE = re.compile(f"[^{CJK}0-9A-Za-z]")
_DIGIT = re.compile(r"[0-9]")
_NUMBERING = re.compile(
    r"^\s*[“‘「『]?(?:[一二三四五六七八九十0-9]+[”’」』]?是|第[一二三四五六七八九十]+[，、是]|"
    r"[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、]|[①-⑳])"
)
_ORDINAL = re.compile(r"第[一二三四五六七八九十百千0-9]+大?")

#: Window of the alignment: shared positions this far from the aligned edge are candidates.
MAX_ANCHOR_OFFSET = 8
#: Members up to this length may share a single interior character as their anchor.
MAX_SHORT_MEMBER = 10
#: Members up to this length may open with a one-character anchor that is part of a word.
MAX_CHAR_OPENER_MEMBER = 6
#: The longest members of a particle-only frame (codebook: "each member up to 6 characters").
MAX_PARTICLE_MEMBER = 6
#: How far from the aligned edge the anchor of a trimmed member may begin.
MAX_TRIMMED_OFFSET = 2
#: How far from the aligned edge a one-character anchor inside the members may sit
#: (政府有为: 有 two from the start; 坚定信念信心不动摇: 不 two from the end).
MAX_CHAR_OFFSET = 2
#: Minimum member length (codebook R4), and the verb–object allowance.
MIN_MEMBER = 4
MIN_VERB_MEMBER = 3
#: The longer member of such a series is a phrase (比抓落实的能力), not a clause the short
#: members govern together (有基础、有条件、有底气、有责任继续用好这关键一招).
MAX_VERB_MEMBER = 8

_NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt"})
_NOUN_TAGS = frozenset({"n", "ng", "nz", "vn", "an", "nr", "nrfg", "nrt", "ns", "nt", "j"})

RUN_COLUMNS = ["doc_id", "para_id", "sent_id", "scope", "rule", "n_items", "shared", "items"]
SUMMARY_COLUMNS = [
    "group",
    "n_sentences",
    "n_runs",
    "n_clause_runs",
    "n_sentence_runs",
    "runs_per_100_sentences",
    "share_sentences_with_run",
    "per_10k_chars",
]


@dataclass(frozen=True)
class ParallelRun:
    """A detected run.

    ``scope`` is ``clause`` (within one sentence) or ``sentence`` (over consecutive
    sentences); ``rule`` says how the members are aligned: ``prefix`` (a shared opening),
    ``frame`` (a shared slot inside, or both edges), ``suffix`` (a shared ending);
    ``start`` is the index of the sentence where the run begins (among the sentences
    given); ``items`` are the members (Chinese characters and digits only, lead-in and
    continuation trimmed); ``shared`` shows the anchor (``_`` for a varying character,
    ``…`` for a varying rest).
    """

    scope: str
    rule: str
    start: int
    items: tuple[str, ...]
    shared: str


@lru_cache(maxsize=1)
def non_anchor_chars() -> dict[str, str]:
    """Characters that are never an anchor on their own, with their kind (the lexicon
    ``parallelism_non_anchors.csv``: particle, function, affix, numeral, place, pair)."""
    table = read_lexicon("parallelism_non_anchors")
    return dict(zip(table["item"], table["kind"], strict=True))


@lru_cache(maxsize=65_536)
def _core(text: str) -> str:
    return _NON_CORE.sub("", text)


@lru_cache(maxsize=65_536)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(segment(text, pos=True)) if text else ()


@lru_cache(maxsize=65_536)
def _char_tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """For each character of ``text``: ``(token start, token end, tag)`` of its token."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for word, tag in _tagged(text):
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
    return [s for s in (_core(p) for p in _SEG_SPLIT.split(sentence)) if s]


def split_clauses(sentence: str) -> list[str]:
    """Clauses of a sentence (split at ，；：— and between quotations), without punctuation."""
    return [s for s in (_core(p) for p in _CLAUSE_SPLIT.split(sentence)) if s]


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: each ends at 。！？ (a run of them), with a closing quotation mark."""
    return [s for s in _SENTENCE.findall(text) if s.strip()]


# ------------------------------------------------------------------------ alignment


@dataclass(frozen=True)
class _Aligned:
    """Members aligned on one edge: ``members`` in reading order (trimmed), ``positions``
    shared by all of them counted from the aligned edge, ``edge`` ``start`` or ``end``;
    ``trim`` characters of lead-in (or continuation) were cut from the first (last) one."""

    members: tuple[str, ...]
    positions: tuple[int, ...]
    edge: str
    trim: int = 0


def _char_at(member: str, p: int, edge: str) -> str:
    return member[p] if edge == "start" else member[len(member) - 1 - p]


def _align(cores: list[str], *, edge: str, lead_in: bool) -> _Aligned | None:
    """Align ``cores`` on ``edge``; the member opposite the free end may be trimmed.

    On ``start`` the first member may carry a lead-in (trimmed when ``lead_in``); on
    ``end`` the last member may carry a continuation (always trimmed). Members other
    than that one define the shared positions; the trim keeps the most of them (the
    earliest such cut). The trimmed member is tagged only when a cut inside it could win.
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
        if t == 0 or (t if edge == "start" else size - t) in _word_starts(
            cores[0] if edge == "start" else cores[-1]
        ):
            best = t
            break
    if best is None:
        return None
    t, pos = best, hits[best]
    members = [first[t:], *refs]
    if edge == "end":
        members = [m[::-1] for m in reversed(members)]
    return _Aligned(tuple(members), tuple(pos), edge, t)


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


@lru_cache(maxsize=65_536)
def _word_starts(text: str) -> frozenset[int]:
    """Offsets where a word begins in ``text`` (and its end): where a lead-in may end."""
    return frozenset({start for start, _, _ in _char_tokens(text)} | {len(text)})


def _index(member: str, p: int, edge: str) -> int:
    return p if edge == "start" else len(member) - 1 - p


def _spans(positions: list[int]) -> list[tuple[int, int]]:
    """Contiguous runs ``(first, last)`` of sorted positions."""
    out: list[tuple[int, int]] = []
    for p in positions:
        if out and p == out[-1][1] + 1:
            out[-1] = (out[-1][0], p)
        else:
            out.append((p, p))
    return out


def _is_rank(member: str, i: int) -> bool:
    """Whether character ``i`` of ``member`` is part of a rank (第二大, 第一)."""
    return any(m.start() <= i < m.end() for m in _ORDINAL.finditer(member))


def _token(member: str, i: int) -> tuple[int, int, str]:
    return _char_tokens(member)[i]


def _is_anchor_char(al: _Aligned, p: int) -> bool:
    """Whether shared position ``p`` may be (part of) an anchor: not a digit, rank, affix
    or numeral; not a function word, pair connective or administrative unit standing
    alone (市 of 市长 … is a word's part, 城市 keeps it); not a name in every member."""
    c = _char_at(al.members[0], p, al.edge)
    if not re.match(f"[{CJK}]", c):
        return False
    idx = [(m, _index(m, p, al.edge)) for m in al.members]
    if any(_is_rank(m, i) for m, i in idx):
        return False
    kind = non_anchor_chars().get(c)
    if kind in ("particle", "affix", "numeral"):
        return False
    if kind is not None and any(_token(m, i)[1] - _token(m, i)[0] == 1 for m, i in idx):
        return False
    return not all(_token(m, i)[2] in _NAME_TAGS for m, i in idx)


def _is_list_word(al: _Aligned, side: str, text: str) -> bool:
    """Whether shared ``text`` at ``side`` makes the members a list.

    At the end: a category noun (…效益, …中心); a one-character noun only when all
    members are noun phrases (党委带头学 is not a list); never after a one-character word
    that varies (设施“硬联通”、规则标准“软联通”、人文交流“心联通”: a coined set). At the start:
    a noun or adjective that is a word of its own opening members that are noun phrases
    throughout (重点场所、重点区域; 重大战略、重大任务; not 高质量发展、高品质生活).
    """
    tagged = _tagged(text)
    allowed = _NOUN_TAGS if side == "end" else _NOUN_TAGS | {"a"}
    if len(tagged) != 1 or tagged[0][1] not in allowed:
        return False
    sure = _unambiguous(al)
    if side == "end":
        before = [_token(m, len(m) - len(text) - 1) for m in sure if len(m) > len(text)]
        if before and all(end - start == 1 for start, end, _ in before):
            return False
        return len(text) > 1 or all(_is_noun_phrase(m) for m in al.members)
    whole = all(_token(m, 0)[:2] == (0, len(text)) for m in sure)
    return (
        tagged[0][1] != "vn"
        and (tagged[0][1] != "a" or whole)
        and all(_is_noun_phrase(m) for m in sure)
    )


def _is_suffix(al: _Aligned, text: str) -> bool:
    """Whether a one-character shared ending is part of a longer word in most members:
    a suffix (领导力、引领力、组织力、号召力), not a word of its own (带头学、全面学).
    Most, not all, because the segmenter cuts the same word differently in context."""
    if len(text) != 1:
        return False
    inside = [(tok := _token(m, len(m) - 1))[1] - tok[0] > 1 for m in al.members]
    return 2 * sum(inside) > len(inside)


def _is_noun_phrase(member: str) -> bool:
    """No verb (other than a verbal noun), adverb, preposition or conjunction in ``member``."""
    return not any(tag[0] in "vdpc" and tag != "vn" for _, tag in _tagged(member))


def _unambiguous(al: _Aligned) -> tuple[str, ...]:
    """Members whose extent is certain: all but the one that may run on past the series."""
    return al.members[:-1] if al.edge == "start" else al.members[1:]


def _long_enough(al: _Aligned, anchors: list[int]) -> bool:
    """Codebook R4: members of four characters or more; three under a repeated verb (jieba
    tags the 比 of 比决心、比干劲 as a preposition) when one member is a phrase of five to
    eight characters."""
    sure = _unambiguous(al)
    if all(len(m) >= MIN_MEMBER for m in sure):
        return True
    if al.edge != "start" or 0 not in anchors or any(len(m) < MIN_VERB_MEMBER for m in sure):
        return False
    opener = al.members[0][: _spans(anchors)[0][1] + 1]
    tagged = _tagged(opener)
    longer = any(MIN_MEMBER + 1 <= len(m) <= MAX_VERB_MEMBER for m in al.members)
    return longer and len(tagged) == 1 and tagged[0][1] in ("v", "p")


def _particle_frame(al: _Aligned) -> bool:
    """The short particle frame: members ≤ 6 characters of equal length with their
    particles in the same places (想人民之所想 ≠ 牢记国之大者), not all led by a verb or noun."""
    sure = _unambiguous(al)
    length = len(sure[0])
    if length > MAX_PARTICLE_MEMBER or any(len(m) != length for m in sure):
        return False
    if any(len(m) < length for m in al.members):
        return False
    kinds = non_anchor_chars()
    builds = {
        tuple(k for k, c in enumerate(m[:length]) if kinds.get(c) == "particle") for m in al.members
    }
    if len(builds) > 1:
        return False
    return not all(_tagged(m[:length])[0][1] in ("v", "n") for m in al.members)


def _shared_text(al: _Aligned, anchors: list[int]) -> str:
    """Display of the anchor: ``劳动最…``, ``…不容动摇``, ``__有…``."""
    ref = _unambiguous(al)[0]
    width = max(anchors) + 1
    slots = [_char_at(ref, p, al.edge) if p in anchors else "_" for p in range(width)]
    if al.edge == "end":
        return "…" + "".join(reversed(slots))
    return "".join(slots) + "…"


def _mostly_a_word(al: _Aligned, p: int) -> bool:
    """Whether the character at ``p`` is a word of its own in most members: a one-character
    opener (更加充实、更有保障、更可持续 has 更 alone twice; 新型显示、新型储能、新材料 never)."""
    alone = [(tok := _token(m, _index(m, p, al.edge)))[1] - tok[0] == 1 for m in al.members]
    return 2 * sum(alone) > len(alone)


def _cut_to_words(al: _Aligned, anchors: list[int]) -> list[int]:
    """The opening part of the anchor cut back to where a word ends in every member
    (坚定信念 | 坚定不移 share 坚定, which is not a word of 坚定不移); other positions kept."""
    first, last = _spans(anchors)[0]
    if first != 0:
        return anchors
    rest = [p for p in anchors if p > last]

    def boundary(m: str, k: int) -> int:
        return k + 1 if al.edge == "start" else len(m) - 1 - k

    while last >= 0 and not all(boundary(m, last) in _word_starts(m) for m in al.members):
        last -= 1
    return [*range(last + 1), *rest]


def _plausible_trim(al: _Aligned, anchors: list[int]) -> bool:
    """A trimmed member is believed only when its anchor is near the aligned edge (within
    ``MAX_TRIMMED_OFFSET``) and it is at most twice as long as the longest other member."""
    trimmed = al.members[0] if al.edge == "start" else al.members[-1]
    others = al.members[1:] if al.edge == "start" else al.members[:-1]
    return min(anchors) <= MAX_TRIMMED_OFFSET and len(trimmed) <= 2 * max(map(len, others))


def _varying_parts(al: _Aligned, anchors: list[int]) -> tuple[list[str], list[str]]:
    """What each member has before and after the shared text around its anchor (the
    shared numeral of 一些企业… is not a varying part)."""
    lo, _ = _shared_span(al, min(anchors))
    _, hi = _shared_span(al, max(anchors))
    heads, tails = [], []
    for m in al.members:
        a, b = sorted((_index(m, lo, al.edge), _index(m, hi, al.edge)))
        heads.append(m[:a])
        tails.append(m[b + 1 :])
    return heads, tails


def _is_name_or_number(text: str) -> bool:
    """Whether ``text`` is only names (nr/ns/nt) or only numerals (一级, 二级)."""
    tagged = _tagged(text)
    if not tagged:
        return False
    if all(tag in _NAME_TAGS for _, tag in tagged):
        return True
    kinds = non_anchor_chars()
    return all(_DIGIT.match(c) or kinds.get(c) == "numeral" for c in text)


def _varies_by_name_or_number(al: _Aligned, anchors: list[int]) -> bool:
    """An enumeration: what varies before (or after) the anchor is a name or a numeral in
    every member (广州提出…；深圳提出…; 广州市委书记郭永航、韶关市委书记陈少荣; 一级…、二级…).
    Only the certain members are read on the side where one may run on."""
    heads, tails = _varying_parts(al, anchors)
    if al.edge == "start":
        tails = tails[:-1]
    else:
        heads = heads[1:]
    return any(part and all(_is_name_or_number(x) for x in part) for part in (heads, tails))


def _same_class_before(al: _Aligned, p: int) -> bool:
    """Whether the words just before position ``p`` have one word class (noun, verb …) in
    every member: the same build (凝聚|更广泛共识、开辟|更广阔道路; not 小院|高墙、打压|高技术)."""
    classes = set()
    for m in al.members:
        i = _index(m, p, al.edge)
        if i == 0:
            return False
        classes.add(_token(m, i - 1)[2][0])
    return len(classes) == 1


def _shared_span(al: _Aligned, p: int) -> tuple[int, int]:
    """The run of shared positions around ``p`` (non-anchor characters included: 一方)."""
    lo = hi = p
    shared = set(al.positions)
    while lo - 1 in shared:
        lo -= 1
    while hi + 1 in shared:
        hi += 1
    return lo, hi


def _shared_width(al: _Aligned, p: int) -> int:
    lo, hi = _shared_span(al, p)
    return hi - lo + 1


def _starts_word(al: _Aligned, p: int) -> bool:
    """Whether the shared text around position ``p`` begins a word in every member
    (有 of 有为, 一方 of 一方发展; not 力 of 能力 | 全力 | 大力)."""
    lo, hi = _shared_span(al, p)
    return all(
        min(_index(m, lo, al.edge), _index(m, hi, al.edge)) in _word_starts(m) for m in al.members
    )


def _edge_word(al: _Aligned, anchors: list[int]) -> tuple[str, str] | None:
    """The shared text around a one-span anchor when it sits at an edge of every member
    (start or end): ``(side, text)``, a candidate shared modifier (``start``: 重点…) or
    category noun (``end``: …效益)."""
    spans = _spans(anchors)
    if len(spans) != 1:
        return None
    lo, hi = spans[0]
    shared = set(al.positions)
    while lo - 1 in shared:
        lo -= 1
    while hi + 1 in shared:
        hi += 1
    sure = _unambiguous(al)
    cuts = [sorted((_index(m, lo, al.edge), _index(m, hi, al.edge))) for m in sure]
    a, b = cuts[0]
    if all(x == 0 for x, _ in cuts):
        return ("start", sure[0][a : b + 1])
    if all(y == len(m) - 1 for m, (_, y) in zip(sure, cuts, strict=True)):
        return ("end", sure[0][a : b + 1])
    return None


def _judge(al: _Aligned, raws: list[str]) -> tuple[str, str] | None:
    """``(verdict, shared)`` for aligned members: verdict ``ok``, or ``noun-start`` /
    ``noun-end`` when the only anchor is one noun at that edge of every member (a list,
    unless the other edge shares a noun too: a two-point frame)."""
    members = al.members
    sure = _unambiguous(al)
    if sum(bool(_NUMBERING.match(r)) for r in raws) >= 2:
        return None
    if all(_DIGIT.search(m) for m in members):
        return None
    pair = {c for c, k in non_anchor_chars().items() if k == "pair"}
    lead = {m[0] for m in members}
    if lead <= pair and len(lead) > 1:
        return None
    anchors = [p for p in al.positions if _is_anchor_char(al, p)]
    if not anchors:
        particles = [
            p
            for p in al.positions
            if non_anchor_chars().get(_char_at(members[0], p, al.edge)) == "particle"
        ]
        if particles and _particle_frame(al) and _long_enough(al, particles):
            return ("ok", _shared_text(al, particles))
        return None
    longest = max(len(m) for m in sure)
    if longest > MAX_CHAR_OPENER_MEMBER and al.edge == "start":
        anchors = _cut_to_words(al, anchors)
        if not anchors:
            return None
    elif al.edge == "start" and anchors == [0] and not _mostly_a_word(al, 0):
        return None
    if not _long_enough(al, anchors):
        return None
    spans = _spans(anchors)
    opening = spans[0][0] == 0
    if longest > MAX_SHORT_MEMBER and not opening and len(anchors) < 3:
        return None
    if (
        _shared_width(al, anchors[0]) == 1
        and not opening
        and 0 not in al.positions
        and (
            anchors[0] > MAX_CHAR_OFFSET
            or not _starts_word(al, anchors[0])
            or (al.trim and not _same_class_before(al, anchors[0]))
        )
    ):
        return None
    if al.trim and not _plausible_trim(al, anchors):
        return None
    if _varies_by_name_or_number(al, anchors):
        return None
    # a figure right after an opening anchor in every member: statistics (新增…N)
    after = spans[0][1] + 1
    if (
        opening
        and al.edge == "start"
        and all(len(m) > after and _DIGIT.match(m[after]) for m in members)
    ):
        return None
    shared = _shared_text(al, anchors)
    edge_word = _edge_word(al, anchors)
    if edge_word and edge_word[0] == "end" and _is_suffix(al, edge_word[1]):
        return None
    if edge_word and _is_list_word(al, *edge_word):
        return (f"noun-{edge_word[0]}", shared)
    return ("ok", shared)


def _match(
    cores: list[str], raws: list[str], *, edges: tuple[str, ...], lead_in: bool
) -> tuple[str, str, tuple[str, ...]] | None:
    """``(rule, shared, members)`` when the members form a series, else None."""
    if any(not c for c in cores):
        return None
    verdicts: dict[str, tuple[str, str, _Aligned]] = {}
    for edge in edges:
        al = _align(cores, edge=edge, lead_in=lead_in)
        if al is None:
            continue
        judged = _judge(al, raws)
        if judged is None:
            continue
        verdict, shared = judged
        if verdict == "ok":
            rule = (
                "prefix"
                if edge == "start" and 0 in al.positions and shared[0] != "_"
                else ("suffix" if edge == "end" and shared[-1] != "_" else "frame")
            )
            return (rule, shared, al.members)
        verdicts[edge] = (verdict, shared, al)
    sides = {verdict for verdict, _, _ in verdicts.values()}
    if sides == {"noun-start", "noun-end"}:
        (_, s1, al), (_, s2, _) = verdicts["start"], verdicts["end"]
        return ("frame", f"{s1.rstrip('…')}…{s2.lstrip('…')}", al.members)
    return None


def _share_a_character(cores: list[str], *, size: int) -> list[bool]:
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


def _share_a_slot(cores: list[str], start: int, stop: int, *, edges: tuple[str, ...]) -> bool:
    """Whether the members of ``cores[start:stop]`` that :func:`_align` compares on some
    edge share a position there (on ``start`` all but the first, on ``end`` all but the
    last); without one, no alignment exists. A prefilter of the search, like
    :func:`_share_a_character`."""
    return ("start" in edges and _any_shared_slot(cores[start + 1 : stop])) or (
        "end" in edges and _any_shared_slot([c[::-1] for c in cores[start : stop - 1]])
    )


def _any_shared_slot(members: list[str]) -> bool:
    """``bool(_shared_slots(members))``, at C speed for the usual two members."""
    if len(members) == 2:
        a, b = members
        return any(map(eq, a[:MAX_ANCHOR_OFFSET], b[:MAX_ANCHOR_OFFSET]))
    return bool(_shared_slots(members))


def _runs(
    raws: list[str],
    *,
    min_items: int,
    edges: tuple[str, ...],
    lead_in: bool,
    prefilter: bool = True,
) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    """Maximal non-overlapping runs ``(start, end_exclusive, rule, shared, members)``."""
    cores = [_core(r) for r in raws]
    common = _share_a_character(cores, size=min_items) if prefilter else []
    out = []
    n = len(raws)
    i = 0
    while i <= n - min_items:
        j = i + min_items
        if prefilter and not (common[i] and _share_a_slot(cores, i, j, edges=edges)):
            i += 1
            continue
        found = _match(cores[i:j], raws[i:j], edges=edges, lead_in=lead_in)
        if found is None:
            i += 1
            continue
        while j < n:
            more = _match(cores[i : j + 1], raws[i : j + 1], edges=edges, lead_in=lead_in)
            if more is None:
                break
            found = more
            j += 1
        out.append((i, j, *found))
        i = j
    return out


def _lead_in_offsets(raw: str) -> tuple[int, ...]:
    """Where a coarse member may begin inside the first unit: at its start, after one or
    two characters (要更加注重… → 更加注重…), or at any clause start (河源强调，要…)."""
    offsets = {0, 1, 2}
    pos = 0
    for clause in _CLAUSE_SPLIT.split(raw)[:-1]:
        pos += len(_core(clause))
        offsets.add(pos)
    return tuple(sorted(offsets))


def _last_clause(raw: str) -> str:
    clauses = [c for c in _CLAUSE_SPLIT.split(raw) if _core(c)]
    return clauses[-1] if clauses else ""


def _units(sentences: list[str], *, across: bool) -> list[list[tuple[int, str]]]:
    """Coarse members ``(sentence index, text)``: semicolon members and sentences, in
    groups within which a run is sought (all sentences, or one sentence at a time)."""
    groups: list[list[tuple[int, str]]] = []
    for k, sent in enumerate(sentences):
        members = [(k, m) for m in _COARSE_SPLIT.split(sent) if _core(m)]
        if across and groups:
            groups[-1].extend(members)
        else:
            groups.append(members)
    return groups


def _coarse_runs(
    units: list[tuple[int, str]], *, min_items: int, prefilter: bool = True
) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    """Runs over coarse members compared on their openings (lead-in allowed on the
    first) and on their last clauses; indices are into ``units``."""
    raws = [u for _, u in units]
    cores = [_core(r) for r in raws]
    common = _share_a_character(cores, size=min_items) if prefilter else []
    out = []
    n = len(raws)
    i = 0
    while i <= n - min_items:
        if prefilter and not common[i]:
            i += 1
            continue
        first = cores[i]
        options = []
        if not prefilter or _share_a_slot(cores, i, i + min_items, edges=("start",)):
            for t in _lead_in_offsets(raws[i]):
                if t < len(first):
                    options.append([first[t:], *cores[i + 1 :]])
        best = None
        for trimmed in options:
            j = i + min_items
            found = _match(trimmed[: j - i], raws[i:j], edges=("start",), lead_in=False)
            if found is None:
                continue
            while j < n and (
                more := _match(
                    trimmed[: j + 1 - i], raws[i : j + 1], edges=("start",), lead_in=False
                )
            ):
                found, j = more, j + 1
            best = (i, j, *found)
            break
        if best is None:
            lasts = [_core(_last_clause(r)) for r in raws[i : i + min_items]]
            found = _match(lasts, raws[i : i + min_items], edges=("start",), lead_in=False)
            if found is not None:
                best = (i, i + min_items, *found)
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best[1]
    return out


def detect_parallelism(
    sentences: str | list[str],
    *,
    min_items: int = 3,
    across_sentences: bool = True,
    prefilter: bool = True,
) -> list[ParallelRun]:
    """Series of three or more members sharing a frame and an anchor (codebook v1).

    ``sentences`` is a text (split at 。！？) or a list of consecutive sentences (of one
    paragraph: a series over sentences does not cross a paragraph). Runs are sought
    among the segments and clauses of each sentence, among its semicolon members, and,
    when ``across_sentences``, among consecutive sentences (要…。要…。要…。). A run found
    at one level is not reported again at another.

    ``prefilter=False`` runs the straightforward search (every window of members is
    compared, and the clauses of a sentence without 、 again after its segments): the
    reference the tests hold the default, faster path to; the result is the same.
    """
    if min_items < 2:
        raise ValueError(f"min_items must be at least 2 (a series), got {min_items}")
    if isinstance(sentences, str):
        sentences = split_sentences(sentences)
    out: list[ParallelRun] = []

    def add(scope: str, rule: str, start: int, items: tuple[str, ...], shared: str) -> None:
        text = "".join(items)
        if any(
            r.start == start and (text in "".join(r.items) or "".join(r.items) in text) for r in out
        ):
            return
        out.append(ParallelRun(scope, rule, start, items, shared))

    for k, sent in enumerate(sentences):
        # without 、 the clauses are the segments again: the same runs, which add() drops
        same = prefilter and "、" not in sent
        for splitter in (_SEG_SPLIT,) if same else (_SEG_SPLIT, _CLAUSE_SPLIT):
            raws = [p for p in splitter.split(sent) if _core(p)]
            if len(raws) < min_items:
                continue
            for _s, _e, rule, shared, items in _runs(
                raws, min_items=min_items, edges=("start", "end"), lead_in=True, prefilter=prefilter
            ):
                add("clause", rule, k, items, shared)
    for units in _units(sentences, across=across_sentences):
        for s, e, rule, shared, items in _coarse_runs(
            units, min_items=min_items, prefilter=prefilter
        ):
            owners = {units[x][0] for x in range(s, e)}
            add("sentence" if len(owners) > 1 else "clause", rule, units[s][0], items, shared)
    return sorted(out, key=lambda r: (r.start, r.scope, r.items))


def has_parallelism(text: str, **options: Any) -> bool:
    """Whether :func:`detect_parallelism` finds at least one run in ``text``."""
    return bool(detect_parallelism(text, **options))


def _paragraphs(sents: pd.DataFrame) -> Iterator[tuple[Any, Any, list[Any], list[str]]]:
    """``(doc_id, para_id, sent_ids, texts)`` per paragraph, in ``doc_id, para_id`` order
    with sentences by ``sent_id``: what a group-by gives (rows without a key dropped),
    read from plain lists because a DataFrame per paragraph costs more than the search."""
    keys = ["doc_id", "para_id", "sent_id"]
    sents = sents.dropna(subset=keys[:2]).sort_values(keys, kind="mergesort")
    columns = zip(
        sents["doc_id"].tolist(),
        sents["para_id"].tolist(),
        sents["sent_id"].tolist(),
        sents["text"].astype(str).tolist(),
        strict=True,
    )
    for (doc, para), part in groupby(columns, key=itemgetter(0, 1)):
        rows = list(part)
        yield doc, para, [r[2] for r in rows], [r[3] for r in rows]


def parallelism_runs(x: pd.DataFrame, **options: Any) -> pd.DataFrame:
    """Every run in a corpus or sentence table, located by its first sentence.

    Series over sentences are sought among consecutive sentences of one paragraph
    (ordered by ``sent_id``), as the codebook's sentence groups are. Returns ``doc_id,
    para_id, sent_id, scope, rule, n_items, shared, items`` (``items`` joined by `` | ``).
    """
    sents = as_sentences(x) if is_corpus(x) else x
    rows = []
    for doc, para, ids, texts in _paragraphs(sents):
        for run in detect_parallelism(texts, **options):
            rows.append(
                (
                    doc,
                    para,
                    ids[run.start],
                    run.scope,
                    run.rule,
                    len(run.items),
                    run.shared,
                    " | ".join(run.items),
                )
            )
    return pd.DataFrame(rows, columns=RUN_COLUMNS)


def textstat_parallelism(
    x: pd.DataFrame, *, group: Any = None, runs: pd.DataFrame | None = None, **options: Any
) -> pd.DataFrame:
    """Parallelism per group: runs, runs per 100 sentences, share of sentences starting a run.

    Returns ``group, n_sentences, n_runs, n_clause_runs, n_sentence_runs,
    runs_per_100_sentences, share_sentences_with_run, per_10k_chars``.
    """
    sents = as_sentences(x) if is_corpus(x) else x
    if runs is None:
        runs = parallelism_runs(sents, **options)
    units = attach_group(sents, group)
    keys = ["doc_id", "para_id", "sent_id"]
    flagged = runs.merge(units[[*keys, "group"]], on=keys, how="inner")
    sizes = (
        units.assign(_len=units["text"].astype(str).map(n_chars))
        .groupby("group")
        .agg(n_sentences=("doc_id", "size"), chars=("_len", "sum"))
        .reset_index()
    )
    agg = (
        flagged.assign(
            _c=(flagged["scope"] == "clause").astype(int),
            _s=(flagged["scope"] == "sentence").astype(int),
            _key=flagged["doc_id"].astype(str)
            + ":"
            + flagged["para_id"].astype(str)
            + ":"
            + flagged["sent_id"].astype(str),
        )
        .groupby("group")
        .agg(
            n_runs=("scope", "size"),
            n_clause_runs=("_c", "sum"),
            n_sentence_runs=("_s", "sum"),
            n_flag=("_key", "nunique"),
        )
        .reset_index()
    )
    out = sizes.merge(agg, on="group", how="left").fillna(
        {"n_runs": 0, "n_clause_runs": 0, "n_sentence_runs": 0, "n_flag": 0}
    )
    for c in ("n_runs", "n_clause_runs", "n_sentence_runs", "n_flag"):
        out[c] = out[c].astype("int64")
    out["runs_per_100_sentences"] = 100 * out["n_runs"] / out["n_sentences"]
    out["share_sentences_with_run"] = out["n_flag"] / out["n_sentences"]
    out["per_10k_chars"] = (10_000 * out["n_runs"] / out["chars"].where(out["chars"] > 0)).fillna(
        0.0
    )
    return out[SUMMARY_COLUMNS].sort_values("group", kind="mergesort").reset_index(drop=True)
