"""排比, stage 3a: which shared positions of aligned members are an anchor.

Tests of the codebook's R2 on one alignment: not digits, ranks, affixes, numerals, lone
function words or parts of names; lists (a category noun or shared modifier at one edge),
suffixes, openings that are not words, members that vary only by a name or numeral.
"""

from __future__ import annotations

import re

from bqw_research.textstat.rhetoric.common import CJK
from bqw_research.textstat.rhetoric.parallelism.alignment import (
    Aligned,
    char_at,
    contiguous_spans,
    shared_span,
    slot_index,
    sure_members,
)
from bqw_research.textstat.rhetoric.parallelism.members import (
    non_anchor_chars,
    tagged_words,
    token_at,
    word_starts,
)

DIGIT = re.compile(r"[0-9]")

_ORDINAL = re.compile(r"第[一二三四五六七八九十百千0-9]+大?")

#: Members up to this length may end in a shared verb bound into a word (识变、应变、求变).
MAX_BOUND_MEMBER = 6

#: How far from the aligned edge a one-character anchor inside the members may sit
#: (政府有为: 有 two from the start; 坚定信念信心不动摇: 不 two from the end).
MAX_CHAR_OFFSET = 2

NAME_TAGS = frozenset({"nr", "nrfg", "nrt", "ns", "nt"})

#: jieba's tags of conjunctions (还是, 或者, 以及): inside the members (not opening them) they
#: are function words (codebook R2, like 和 and 与), never an anchor (round-4 decision 2:
#: X还是Y ×3 is no series); a conjunction opening every member (非但…反而…) is anaphora.
CONJUNCTION_TAGS = frozenset({"c"})

NOUN_TAGS = frozenset({"n", "ng", "nz", "vn", "an", "nr", "nrfg", "nrt", "ns", "nt", "j"})


def _is_rank(member: str, i: int) -> bool:
    """Whether character ``i`` of ``member`` is part of a rank (第二大, 第一)."""
    return any(m.start() <= i < m.end() for m in _ORDINAL.finditer(member))


def is_anchor_char(al: Aligned, p: int) -> bool:
    """Whether shared position ``p`` may be (part of) an anchor: not a digit, rank, affix
    or numeral; not a function word, pair connective or administrative unit standing
    alone (市 of 市长 … is a word's part, 城市 keeps it); not a name in every member."""
    c = char_at(al.members[0], p, al.edge)
    if not re.match(f"[{CJK}]", c):
        return False
    idx = [(m, slot_index(m, p, al.edge)) for m in al.members]
    if any(_is_rank(m, i) for m, i in idx):
        return False
    kind = non_anchor_chars().get(c)
    if kind in ("particle", "affix", "numeral"):
        return False
    if all(token_at(m, i)[2] in CONJUNCTION_TAGS and token_at(m, i)[0] > 0 for m, i in idx):
        return False  # 和平还是战争、对话还是对抗: a conjunction inside, not a frame word
    if kind is not None and any(token_at(m, i)[1] - token_at(m, i)[0] == 1 for m, i in idx):
        return False
    return not all(token_at(m, i)[2] in NAME_TAGS for m, i in idx)


def is_list_word(al: Aligned, side: str, text: str) -> bool:
    """Whether shared ``text`` at ``side`` makes the members a list.

    At the end: a category noun (…效益, …中心); a one-character noun only when all
    members are noun phrases (党委带头学 is not a list); never after a one-character word
    that varies, alone or forming one token with the ending (设施“硬联通”、规则标准“软联通”、
    人文交流“心联通”, where jieba keeps 硬联通 whole: a coined set; not …农产品、…农产品, where
    the character does not vary). At the start:
    a noun or adjective that is a word of its own opening members that are noun phrases
    throughout (重点场所、重点区域; 重大战略、重大任务; not 高质量发展、高品质生活).
    """
    tagged = tagged_words(text)
    allowed = NOUN_TAGS if side == "end" else NOUN_TAGS | {"a"}
    if len(tagged) != 1 or tagged[0][1] not in allowed:
        return False
    sure = sure_members(al)
    if side == "end":
        cut = [(m, len(m) - len(text) - 1) for m in sure if len(m) > len(text)]
        coined = [
            (start, end) in ((k, k + 1), (k, len(m)))
            for m, k in cut
            for start, end, _ in [token_at(m, k)]
        ]
        varying = {m[k] for m, k in cut}
        if coined and all(coined) and len(varying) == len(cut):
            return False
        return len(text) > 1 or all(is_noun_phrase(m) for m in al.members)
    whole = all(token_at(m, 0)[:2] == (0, len(text)) for m in sure)
    return (
        tagged[0][1] != "vn"
        and (tagged[0][1] != "a" or whole)
        and all(is_noun_phrase(m) for m in sure)
    )


def is_suffix(al: Aligned, text: str) -> bool:
    """Whether a one-character shared ending is part of a longer word in most members:
    a suffix (领导力、引领力、组织力、号召力), not a word of its own (带头学、全面学).
    Most, not all, because the segmenter cuts the same word differently in context.
    A verb (by jieba's base dictionary) that ends verbs in short members is not a suffix
    but their shared predicate (准确识变、科学应变、主动求变: codebook R2(a)); nouns that end
    in a character jieba also lists as a verb (联合会, 条令) stay suffixes."""
    if len(text) != 1:
        return False
    if char_class(text) == "v" and all(
        len(m) <= MAX_BOUND_MEMBER and token_at(m, len(m) - 1)[2] == "v" for m in al.members
    ):
        return False
    inside = [(tok := token_at(m, len(m) - 1))[1] - tok[0] > 1 for m in al.members]
    return 2 * sum(inside) > len(inside)


def is_noun_phrase(member: str) -> bool:
    """No verb (other than a verbal noun), adverb, preposition or conjunction in ``member``."""
    return not any(tag[0] in "vdpc" and tag != "vn" for _, tag in tagged_words(member))


def mostly_a_word(al: Aligned, p: int) -> bool:
    """Whether the character at ``p`` is a word of its own in most members: a one-character
    opener (更加充实、更有保障、更可持续 has 更 alone twice; 新型显示、新型储能、新材料 never)."""
    alone = [(tok := token_at(m, slot_index(m, p, al.edge)))[1] - tok[0] == 1 for m in al.members]
    return 2 * sum(alone) > len(alone)


def char_class(char: str) -> str:
    """jieba's tag of one character standing alone: its class in jieba's dictionary (共 d,
    增 v, 高 a, 国 n), read through the cached tagger rather than by loading dict.txt."""
    return tagged_words(char)[0][1]


#: Word classes (in jieba's base dictionary) of a character that is a content morpheme on
#: its own: verb, adjective, adverb (增, 高, 共); nouns, numerals and names are not.
CONTENT_MORPHEME_TAGS = frozenset({"v", "a", "d", "ad", "vd"})


def is_bound_opener(al: Aligned) -> bool:
    """Whether the members open with one shared content morpheme bound into a different
    word in each (共谋发展、共筑安全、共兴文明; 增进共识、增强信心、增添干劲; 高质量发展、高品质生活):
    codebook R2(a)'s content character in the first slot (更高质量、更有效率 has it as a word).

    The character must be a verb, adjective or adverb by jieba's base dictionary, and the
    second character must differ in every member — a shared longer opening is a word of its
    own and judged as such, and a repeated second character marks named items
    (新型显示、新型储能、新材料). Modifier + noun items are a list (R4), not a coined set:
    members that are noun phrases ending in a noun (重大部署、重要任务; 新质生产力、新兴服务业)."""
    if al.edge != "start" or 0 not in al.positions:
        return False
    if char_class(al.members[0][0]) not in CONTENT_MORPHEME_TAGS:
        return False
    seconds = [m[1] for m in al.members if len(m) > 1]
    if len(seconds) < len(al.members) or len(set(seconds)) < len(seconds):
        return False
    return not all(
        is_noun_phrase(m) and tagged_words(m)[-1][1] in NOUN_TAGS - {"vn", "an"}
        for m in sure_members(al)
    )


def cut_to_words(al: Aligned, anchors: list[int]) -> list[int]:
    """The opening part of the anchor cut back to where a word ends in every member
    (坚定信念 | 坚定不移 share 坚定, which is not a word of 坚定不移); other positions kept."""
    first, last = contiguous_spans(anchors)[0]
    if first != 0:
        return anchors
    rest = [p for p in anchors if p > last]

    def boundary(m: str, k: int) -> int:
        return k + 1 if al.edge == "start" else len(m) - 1 - k

    while last >= 0 and not all(_word_ends(m, boundary(m, last)) for m in al.members):
        last -= 1
    return [*range(last + 1), *rest]


#: jieba's tag of a set phrase (习用语) that it keeps whole though it is built of words
#: (共同提高, 不断完善); an idiom (成语, ``i``: 坚定不移) is not cut.
SET_PHRASE_TAG = "l"


def _word_ends(member: str, k: int) -> bool:
    """Whether a word ends before offset ``k`` of ``member``: a token boundary, or a cut
    inside a set phrase after a part that is a word of its own (共同|提高)."""
    if k in word_starts(member):
        return True
    start, _, tag = token_at(member, k)
    return tag == SET_PHRASE_TAG and len(tagged_words(member[start:k])) == 1


def _varying_parts(al: Aligned, anchors: list[int]) -> tuple[list[str], list[str]]:
    """What each member has before and after the shared text around its anchor (the
    shared numeral of 一些企业… is not a varying part)."""
    lo, _ = shared_span(al, min(anchors))
    _, hi = shared_span(al, max(anchors))
    heads, tails = [], []
    for m in al.members:
        a, b = sorted((slot_index(m, lo, al.edge), slot_index(m, hi, al.edge)))
        heads.append(m[:a])
        tails.append(m[b + 1 :])
    return heads, tails


def _is_name_or_number(text: str) -> bool:
    """Whether ``text`` is only names (nr/ns/nt) or only numerals (一级, 二级)."""
    tagged = tagged_words(text)
    if not tagged:
        return False
    if all(tag in NAME_TAGS for _, tag in tagged):
        return True
    kinds = non_anchor_chars()
    return all(DIGIT.match(c) or kinds.get(c) == "numeral" for c in text)


def varies_by_name_or_number(al: Aligned, anchors: list[int]) -> bool:
    """An enumeration: what varies before (or after) the anchor is a name or a numeral in
    every member (广州提出…；深圳提出…; 广州市委书记郭永航、韶关市委书记陈少荣; 一级…、二级…).
    Only the certain members are read on the side where one may run on."""
    heads, tails = _varying_parts(al, anchors)
    if al.edge == "start":
        tails = tails[:-1]
    else:
        heads = heads[1:]
    return any(part and all(_is_name_or_number(x) for x in part) for part in (heads, tails))


def same_class_before(al: Aligned, p: int) -> bool:
    """Whether the words just before position ``p`` have one word class (noun, verb …) in
    every member: the same build (凝聚|更广泛共识、开辟|更广阔道路; not 小院|高墙、打压|高技术)."""
    classes = set()
    for m in al.members:
        i = slot_index(m, p, al.edge)
        if i == 0:
            return False
        classes.add(token_at(m, i - 1)[2][0])
    return len(classes) == 1


def starts_word(al: Aligned, p: int) -> bool:
    """Whether the shared text around position ``p`` begins a word in every member
    (有 of 有为, 一方 of 一方发展; not 力 of 能力 | 全力 | 大力), or in all but one member that
    jieba keeps whole as one word (政治|安全、社会安定、人民|安宁: a subject–predicate
    compound in the dictionary)."""
    lo, hi = shared_span(al, p)
    inside = [
        m
        for m in al.members
        if min(slot_index(m, lo, al.edge), slot_index(m, hi, al.edge)) not in word_starts(m)
    ]
    return not inside or (
        len(inside) == 1 and len(al.members) > 2 and token_at(inside[0], 0)[1] == len(inside[0])
    )


def edge_anchor_word(al: Aligned, anchors: list[int]) -> tuple[str, str] | None:
    """The shared text around a one-span anchor when it sits at an edge of every member
    (start or end): ``(side, text)``, a candidate shared modifier (``start``: 重点…) or
    category noun (``end``: …效益)."""
    spans = contiguous_spans(anchors)
    if len(spans) != 1:
        return None
    lo, hi = spans[0]
    shared = set(al.positions)
    while lo - 1 in shared:
        lo -= 1
    while hi + 1 in shared:
        hi += 1
    sure = sure_members(al)
    cuts = [sorted((slot_index(m, lo, al.edge), slot_index(m, hi, al.edge))) for m in sure]
    a, b = cuts[0]
    if all(x == 0 for x, _ in cuts):
        return ("start", sure[0][a : b + 1])
    if all(y == len(m) - 1 for m, (_, y) in zip(sure, cuts, strict=True)):
        return ("end", sure[0][a : b + 1])
    return None
