"""排比, stage 3b: judging aligned members — is this a series under the strict rule?

:func:`judge_aligned` applies R1–R4 to one alignment (anchors from
``parallelism.anchors``, minimum length, the short particle frame, plausible trims,
numbering and statistics); :func:`match_series` tries both edges and combines a shared
modifier at the start with a shared noun at the end into a two-point frame.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bqw_research.textstat.rhetoric.parallelism.alignment import (
    Aligned,
    align_members,
    char_at,
    contiguous_spans,
    shared_span,
    shared_width,
    sure_members,
)
from bqw_research.textstat.rhetoric.parallelism.anchors import (
    DIGIT,
    MAX_CHAR_OFFSET,
    cut_to_words,
    edge_anchor_word,
    is_anchor_char,
    is_bound_opener,
    is_list_word,
    is_suffix,
    mostly_a_word,
    same_class_before,
    starts_word,
    varies_by_name_or_number,
)
from bqw_research.textstat.rhetoric.parallelism.members import (
    non_anchor_chars,
    tagged_words,
)

_NUMBERING = re.compile(
    r"^\s*[“‘「『]?(?:[一二三四五六七八九十0-9]+[”’」』]?是|第[一二三四五六七八九十]+[，、是]|"
    r"[（(][一二三四五六七八九十0-9]+[)）]|[0-9]+[.．、]|[①-⑳])"
)


#: Members up to this length may share a single interior character as their anchor.
MAX_SHORT_MEMBER = 10

#: Members up to this length may open with a one-character anchor that is part of a word.
MAX_CHAR_OPENER_MEMBER = 6

#: The longest members of a particle-only frame (codebook: "each member up to 6 characters").
MAX_PARTICLE_MEMBER = 6

#: How far from the aligned edge the anchor of a trimmed member may begin.
MAX_TRIMMED_OFFSET = 2

#: Minimum member length (codebook R4), and the verb–object allowance.
MIN_MEMBER = 4
MIN_VERB_MEMBER = 3

#: The longer member of such a series is a phrase (比抓落实的能力), not a clause the short
#: members govern together (有基础、有条件、有底气、有责任继续用好这关键一招).
MAX_VERB_MEMBER = 8


def _long_enough(al: Aligned, anchors: list[int]) -> bool:
    """Codebook R4: members of four characters or more; three under a repeated verb (jieba
    tags the 比 of 比决心、比干劲 as a preposition) when one member is a phrase of five to
    eight characters."""
    sure = sure_members(al)
    if all(len(m) >= MIN_MEMBER for m in sure):
        return True
    if al.edge != "start" or 0 not in anchors or any(len(m) < MIN_VERB_MEMBER for m in sure):
        return False
    opener = al.members[0][: contiguous_spans(anchors)[0][1] + 1]
    tagged = tagged_words(opener)
    longer = any(MIN_MEMBER + 1 <= len(m) <= MAX_VERB_MEMBER for m in al.members)
    return longer and len(tagged) == 1 and tagged[0][1] in ("v", "p")


def _particle_frame(al: Aligned) -> bool:
    """The short particle frame: members ≤ 6 characters of equal length with their
    particles in the same places (想人民之所想 ≠ 牢记国之大者), not all led by a verb or noun."""
    sure = sure_members(al)
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
    return not all(tagged_words(m[:length])[0][1] in ("v", "n") for m in al.members)


#: The longest final predicate after a shared adverb or modal (X不断完善: 完善).
MAX_PREDICATE_TAIL = 2

#: jieba's tags of an adverb standing before the final predicate (不断, 进一步, 共同).
PREDICATE_ADVERB_TAGS = frozenset({"d", "ad", "vd"})
#: A negated modal (不会, 不能, 未曾) opens with a negation; jieba tags it a verb.
NEGATIONS = frozenset("不未没")


def _predicate_slot(al: Aligned, anchors: list[int]) -> bool:
    """Subject–predicate clauses, however long their subjects, that share an adverb of two
    or more characters (or a negated modal) right before a final predicate of one or two characters
    (回收网络不断完善，加工利用不断强化，体制机制不断健全; 行动不会放缓，努力不会减弱): the anchor
    stands in the predicate slot after the subject (codebook R2(a), the decision table's
    X更加Y; round-4 decision 1, lexical adverbs and modals as anchors)."""
    spans = contiguous_spans(anchors)
    if al.edge != "end" or len(spans) != 1:
        return False
    lo, hi = spans[0]
    if hi == lo or not 1 <= lo <= MAX_PREDICATE_TAIL or shared_span(al, lo) != (lo, hi):
        return False
    word = "".join(char_at(al.members[0], p, "end") for p in range(hi, lo - 1, -1))
    tagged = tagged_words(word)
    if len(tagged) != 1:
        return False
    return tagged[0][1] in PREDICATE_ADVERB_TAGS or (tagged[0][1] == "v" and word[0] in NEGATIONS)


#: The distributive frame 一X一Y: 一 in the first and third slots.
DISTRIBUTIVE_SLOTS = (0, 2)


def _distributive(al: Aligned) -> bool:
    """The distributive frame 一X一Y (一户一处景、一村一幅画、一域一风光): 一 in slots one and
    three of every member of four characters or more, the characters after each 一
    varying. A frame, not a count (round-4 decision 14); codebook R2(b)'s two-point frame
    words (从X到Y)."""
    if al.edge != "start" or not set(DISTRIBUTIVE_SLOTS) <= set(al.positions):
        return False
    if al.members[0][0] != "一" or al.members[0][2] != "一":
        return False
    if any(len(m) < MIN_MEMBER for m in al.members):
        return False
    return all(len({m[p + 1] for m in al.members}) > 1 for p in DISTRIBUTIVE_SLOTS)


def _shared_text(al: Aligned, anchors: list[int]) -> str:
    """Display of the anchor: ``劳动最…``, ``…不容动摇``, ``__有…``."""
    ref = sure_members(al)[0]
    width = max(anchors) + 1
    slots = [char_at(ref, p, al.edge) if p in anchors else "_" for p in range(width)]
    if al.edge == "end":
        return "…" + "".join(reversed(slots))
    return "".join(slots) + "…"


def _plausible_trim(al: Aligned, anchors: list[int]) -> bool:
    """A trimmed member is believed only when its anchor is near the aligned edge (within
    ``MAX_TRIMMED_OFFSET``) and it is at most twice as long as the longest other member."""
    trimmed = al.members[0] if al.edge == "start" else al.members[-1]
    others = al.members[1:] if al.edge == "start" else al.members[:-1]
    return min(anchors) <= MAX_TRIMMED_OFFSET and len(trimmed) <= 2 * max(map(len, others))


def is_enumeration(members: Sequence[str], raws: Sequence[str]) -> bool:
    """Whether the members are numbered items (一是…二是…, （1）…), all hold figures
    (statistics), or alternate pair connectives (既有…，也有…: pairs)."""
    if sum(bool(_NUMBERING.match(r)) for r in raws) >= 2:
        return True
    if all(DIGIT.search(m) for m in members):
        return True
    pair = {c for c, k in non_anchor_chars().items() if k == "pair"}
    lead = {m[0] for m in members}
    return lead <= pair and len(lead) > 1


def judge_aligned(al: Aligned, raws: list[str]) -> tuple[str, str] | None:
    """``(verdict, shared)`` for aligned members: verdict ``ok``, or ``noun-start`` /
    ``noun-end`` when the only anchor is one noun at that edge of every member (a list,
    unless the other edge shares a noun too: a two-point frame)."""
    members = al.members
    sure = sure_members(al)
    if is_enumeration(members, raws):
        return None
    anchors = [p for p in al.positions if is_anchor_char(al, p)]
    if not anchors and _distributive(al):
        return ("ok", _shared_text(al, list(DISTRIBUTIVE_SLOTS)))
    if not anchors:
        particles = [
            p
            for p in al.positions
            if non_anchor_chars().get(char_at(members[0], p, al.edge)) == "particle"
        ]
        if particles and _particle_frame(al) and _long_enough(al, particles):
            return ("ok", _shared_text(al, particles))
        return None
    longest = max(len(m) for m in sure)
    if longest > MAX_CHAR_OPENER_MEMBER and al.edge == "start":
        anchors = cut_to_words(al, anchors)
        if not anchors:
            return None
    elif (
        al.edge == "start" and anchors == [0] and not (mostly_a_word(al, 0) or is_bound_opener(al))
    ):
        return None
    if not _long_enough(al, anchors):
        return None
    spans = contiguous_spans(anchors)
    opening = spans[0][0] == 0
    if (
        longest > MAX_SHORT_MEMBER
        and not opening
        and len(anchors) < 3
        and not _predicate_slot(al, anchors)
    ):
        return None
    if (
        shared_width(al, anchors[0]) == 1
        and not opening
        and 0 not in al.positions
        and (
            anchors[0] > MAX_CHAR_OFFSET
            or not starts_word(al, anchors[0])
            or (al.trim and not same_class_before(al, anchors[0]))
        )
    ):
        return None
    if al.trim and not _plausible_trim(al, anchors):
        return None
    if varies_by_name_or_number(al, anchors):
        return None
    # a figure right after an opening anchor in every member: statistics (新增…N)
    after = spans[0][1] + 1
    if (
        opening
        and al.edge == "start"
        and all(len(m) > after and DIGIT.match(m[after]) for m in members)
    ):
        return None
    shared = _shared_text(al, anchors)
    edge_word = edge_anchor_word(al, anchors)
    if edge_word and edge_word[0] == "end" and is_suffix(al, edge_word[1]):
        return None
    if edge_word and is_list_word(al, *edge_word):
        return (f"noun-{edge_word[0]}", shared)
    return ("ok", shared)


def match_series(
    cores: list[str], raws: list[str], *, edges: tuple[str, ...], lead_in: bool
) -> tuple[str, str, tuple[str, ...]] | None:
    """``(rule, shared, members)`` when the members form a series, else None."""
    if any(not c for c in cores):
        return None
    verdicts: dict[str, tuple[str, str, Aligned]] = {}
    for edge in edges:
        al = align_members(cores, edge=edge, lead_in=lead_in)
        if al is None:
            continue
        judged = judge_aligned(al, raws)
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
