"""排比, stage 3c: subject–predicate members whose subjects differ in length.

The codebook's subject–predicate class (X有Y, X更加Y, X最Y) puts the anchor in "the same
place in the shared frame": right after the subject. When the subjects differ in length
(获得感成色更足、幸福感更可持续、安全感更有保障; 产业更强、城乡更美、人民生活更幸福) that place is at
neither the same offset from the start nor from the end, so the edge alignment of
``parallelism.alignment`` misses it. Here each member is read as subject + predicate word
+ rest, with the predicate word from ``data/lexicons/rhetoric/parallelism_predicate_anchors.csv``
(degree adverbs and 有, each sourced to the codebook).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bqw_research.textstat.rhetoric.common import read_lexicon
from bqw_research.textstat.rhetoric.parallelism.judging import MIN_MEMBER, is_enumeration
from bqw_research.textstat.rhetoric.parallelism.members import char_tokens, tagged_words

#: The longest subject of a member other than the first (a topic noun phrase, not a clause).
MAX_SUBJECT = 6
#: The shortest subject: a word, not a one-character fragment.
MIN_SUBJECT = 2
#: jieba's tags of places and organisations: subjects that are only these make a round-up.
PLACE_TAGS = frozenset({"ns", "nt"})


@lru_cache(maxsize=1)
def predicate_anchors() -> tuple[str, ...]:
    """Predicate words that may follow subjects of different lengths, longest first."""
    items = read_lexicon("parallelism_predicate_anchors")["item"].tolist()
    return tuple(sorted(items, key=lambda w: (-len(w), w)))


def share_a_predicate(cores: list[str]) -> bool:
    """Whether some predicate word occurs in every member (a prefilter of the search)."""
    return any(all(w in c for c in cores) for w in predicate_anchors())


def predicate_at(member: str, word: str) -> int | None:
    """Offset of the first token of ``member`` that is exactly ``word``, or None."""
    for start, end, _ in dict.fromkeys(char_tokens(member)):
        if member[start:end] == word:
            return start
    return None


def _subject_ok(subject: str) -> bool:
    """A subject is a noun phrase of ``MIN_SUBJECT``–``MAX_SUBJECT`` characters: no verb
    other than a verbal noun, no adverb, preposition or conjunction."""
    if not MIN_SUBJECT <= len(subject) <= MAX_SUBJECT:
        return False
    return not any(tag[0] in "vdpcu" and tag != "vn" for _, tag in tagged_words(subject))


def match_predicate(cores: list[str], raws: list[str]) -> tuple[str, str, tuple[str, ...]] | None:
    """``("frame", "…W…", members)`` when every member is subject + predicate word W +
    rest, with subjects of different lengths.

    Members after the first (the first may carry a lead-in, kept as it is) must have a
    noun-phrase subject of two to six characters, not all of them only place or
    organisation names (round-ups: 广州更…、深圳更…; person tags are not used, jieba tags
    幸福感 as one), at least four characters, and something after W;
    the first member must hold W after at least two characters and be at most twice as
    long as the longest other member. When W sits at one offset in every member the edge
    alignment has judged them already, with all its rules.
    """
    if is_enumeration(cores, raws):
        return None
    first, rest = cores[0], cores[1:]
    if len(first) > 2 * max(map(len, rest)) or any(len(m) < MIN_MEMBER for m in rest):
        return None
    for word in predicate_anchors():
        if not all(word in m for m in cores):
            continue
        offsets = [predicate_at(m, word) for m in cores]
        if any(k is None for k in offsets):
            continue
        if offsets[0] < MIN_SUBJECT or any(
            k + len(word) >= len(m) for m, k in zip(cores, offsets, strict=True)
        ):
            continue
        subjects = [m[:k] for m, k in zip(rest, offsets[1:], strict=True)]
        if len(set(offsets)) == 1 or not all(map(_subject_ok, subjects)):
            continue
        if all(all(tag in PLACE_TAGS for _, tag in tagged_words(s)) for s in subjects):
            continue
        return ("frame", f"…{word}…", tuple(cores))
    return None


#: Tags of an adverbial opener before a governing verb (坚定, 毫不动摇, 进一步, 更好); words
#: jieba tags otherwise (大力 and 全面 as nouns) are listed in ``parallelism_openers.csv``.
OPENER_TAGS = frozenset({"d", "ad", "a", "l", "i", "z", "vd"})
#: Tags of the shared governing word (jieba tags 深化 ``j`` and 落实 ``a`` as well as ``v``).
VERB_TAGS = frozenset({"v", "vn", "j", "a"})


@lru_cache(maxsize=1)
def opener_words() -> frozenset[str]:
    """Adverbial openers that jieba's tags miss (``parallelism_openers.csv``, each sourced)."""
    return frozenset(read_lexicon("parallelism_openers")["item"])


#: The longest adverbial opener before the shared verb.
MAX_OPENER = 4


def _verb_words(member: str) -> list[tuple[int, str]]:
    """``(offset, word)`` of the verbs of two or more characters in ``member``."""
    return [
        (start, member[start:end])
        for start, end, tag in dict.fromkeys(char_tokens(member))
        if tag in VERB_TAGS and end - start >= 2 and member[start:end] not in opener_words()
    ]


#: One-character adverbs that link a clause to the one before (没有A，就没有B: a condition).
LINKING = frozenset("就才也又还都便则却再亦")


def _opener_ok(opener: str) -> bool:
    """Empty, or at most ``MAX_OPENER`` characters of adverbial words only, not a linking
    adverb (就没有…: the consequence of a condition, not a member of a series)."""
    if len(opener) > MAX_OPENER or opener in LINKING:
        return False
    words = opener_words()
    return all(tag in OPENER_TAGS or w in words for w, tag in tagged_words(opener))


def share_a_verb(cores: list[str]) -> bool:
    """Whether a verb of the first member occurs in every other member (a prefilter:
    a two-character string of the first member must be in every member before it is
    tagged)."""
    first, rest = cores[0], cores[1:]
    if not any(all(first[i : i + 2] in m for m in rest) for i in range(len(first) - 1)):
        return False
    return any(all(w in m for m in rest) for _, w in _verb_words(first))


def match_governed(cores: list[str], raws: list[str]) -> tuple[str, str, tuple[str, ...]] | None:
    """``("frame", "…V…", members)`` when every member opens with the same verb V, after
    adverbial openers of different lengths (坚定维护…，毫不动摇维护…，维护…: decision 21 of
    ``data/labels/parallelism/README.md``, the anchor in the same slot of the frame).

    V is a word of two or more characters tagged as a verb (``VERB_TAGS``) in every
    member, not followed by 的 (重要的事情: an attribute, not a governing verb); before it an
    opener of at most four characters of adverbial words (``OPENER_TAGS``) or nothing;
    after it at least two characters; the openers are not all alike (same offsets are
    the edge alignment's to judge). 畅通贸易往来，提升贸易便利化水平 share 贸易 after
    different verbs: no frame.
    """
    if is_enumeration(cores, raws) or any(len(m) < MIN_MEMBER for m in cores):
        return None
    if len(cores[0]) > 2 * max(map(len, cores[1:])) or not share_a_verb(cores):
        return None
    verbs = [_verb_words(m) for m in cores]
    for _, verb in verbs[0]:
        offsets = []
        for m, found in zip(cores, verbs, strict=True):
            ks = [k for k, w in found if w == verb and _opener_ok(m[:k])]
            end = ks[0] + len(verb) if ks else 0
            if not ks or end + MIN_SUBJECT > len(m) or m[end] == "的":
                break
            offsets.append(ks[0])
        else:
            if len(set(offsets)) > 1:
                return ("frame", f"…{verb}…", tuple(cores))
    return None


#: An ordinal opening a subject (第一层, 第2类): the members are numbered items.
ORDINAL = re.compile("第[0-9一二三四五六七八九十百]+")
#: The copula, with the one-character adverbs that may stand before it (就是, 也是, 都是).
COPULA = "是"
COPULA_ADVERBS = frozenset("就也都更正才即")
#: jieba tags of subjects that make a calendar or a list, not a frame (今天是…，明天是…).
CALENDAR_TAGS = frozenset({"t", "tg", "m", "mq"})


#: The emphatic copula of identity (保护生态环境就是保护生产力): its subject may be a verb
#: phrase, since the frame X就是Y equates two actions.
IDENTITY = "就是"


def _copula_parts(member: str, *, identity: bool = False) -> tuple[str, str] | None:
    """``(subject, predicate)`` of ``X(就|也…)是Y``: the text before the copula (and its
    adverb) and after it, or None. With ``identity`` (every member has 就是) the subject
    is any phrase of two to six characters (相信X就是相信Y); else a noun phrase."""
    k = member.find(COPULA, MIN_SUBJECT)
    if k < 0 or k + len(COPULA) + MIN_SUBJECT > len(member):
        return None
    subject = member[: k - 1] if member[k - 1] in COPULA_ADVERBS else member[:k]
    if identity:
        ok = member[k - 1 : k + 1] == IDENTITY and MIN_SUBJECT <= len(subject) <= MAX_SUBJECT
    else:
        ok = _subject_ok(subject)
    return (subject, member[k + len(COPULA) :]) if ok else None


def match_copula(cores: list[str], raws: list[str]) -> tuple[str, str, tuple[str, ...]] | None:
    """``("frame", "…是…", members)`` when every member is a noun-phrase subject, the copula
    (after 就, 也 …) and a predicate: 环境就是民生，青山就是美丽，蓝天也是幸福 (the copula in
    the same slot of the frame, right after the subject, whatever the subject's length and
    the adverb before it). Not a series: subjects that are only place or organisation
    names (a round-up), numbered (第一层) or calendar words (今天是…，明天是…), subjects that
    all end in one noun (原因、主要原因、根本原因: kinds of it), or predicates that are only
    personal names (会长是张三，副会长是李四: a roster)."""
    if any(len(m) < MIN_MEMBER for m in cores):
        return None
    if is_enumeration(cores, raws) or not all(COPULA in m for m in cores):
        return None
    parts = [_copula_parts(m) for m in cores]
    if any(p is None for p in parts) and all(IDENTITY in m for m in cores):
        parts = [_copula_parts(m, identity=True) for m in cores]
    if any(p is None for p in parts):
        return None
    subjects, predicates = zip(*parts, strict=True)
    if any(ORDINAL.match(s) for s in subjects):
        return None  # 第一层是…，第二层是…: numbered items
    if all(all(tag in PLACE_TAGS for _, tag in tagged_words(s)) for s in subjects):
        return None
    if any(all(tag in CALENDAR_TAGS for _, tag in tagged_words(s)) for s in subjects):
        return None  # 今天是星期一，明天是星期二: a calendar
    if len({s[-2:] for s in subjects}) == 1:
        return None  # 原因是…，主要原因是…，根本原因是…: kinds of one noun, a list
    if all(all(tag.startswith("nr") for _, tag in tagged_words(p)) for p in predicates):
        return None  # 会长是张三，副会长是李四: a roster of names
    return ("frame", "…是…", tuple(cores))
