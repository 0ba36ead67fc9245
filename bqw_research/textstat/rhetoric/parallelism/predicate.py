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
