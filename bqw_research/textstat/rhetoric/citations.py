"""Leader citations: who speaks (speech acts), and whom they cite (citation edges).

Definitions follow the project's codebook (``speakers_and_citations.md``, version 1);
:mod:`.speech` finds the speakers and their speech acts. This module walks each
article sentence by sentence and finds the **cited sources**, each written as a
normalised node with its level (``citation_nodes.csv``: 习近平, 党中央, 二十届四中全会,
省委常委会, 省委十三届七次全会, 全省干部大会, 省委 …; a bare 全会 resolves to the last
plenum the article named). A source counts when it names words, spirit, guidance,
decisions or requirements — a noun of ``invocation_nouns.csv`` (精神, 讲话, 要求,
部署 …) follows it in its clause, or it is a text (思想, 《纲要》) — and is not a venue
(在…全会上), a time frame (在…之际/时刻) or a fixed loyalty formula
(``citation_masks.csv``). An edge ``speaker → source`` comes from

1. **speech**: a source after a speech verb in the sentence belongs to that act's
   speaker (and to the outer speaker of a nested act, who also cites the nested
   speaker when that one is a central or provincial node);
2. **relay**: with no speech act before it, a source in a clause with a relay verb
   (``citation_frames.csv``: 传达, 学习, 贯彻, 按照, 以…为指引 …) belongs to the clause's
   named subject — a meeting (X市委常委会召开扩大会议，传达学习…) or a person
   (庄悦群主持召开会议，就深入学习贯彻…);
3. **continuation**: sentences of the same paragraph after a speech act (要…。要…)
   carry on its speaker until a new subject or a narrative sentence (a date, 召开,
   出席 …).
4. **a quotation before a bare attribution** (“……。……。” then 市建筑工务署有关负责人
   表示。, a sentence that is only its speaker and verb): the quotation's sentences are
   that speaker's words, and their sources are its edges (not a previous speaker's
   continuation).

Self-edges are dropped. Learned speaker names (:func:`speaker_names`) pass a precision
check before they are offered to the tokenizer: a surname from ``surnames.csv`` (or a
transliterated name) seen right after an office title or right before a name-first
title, never across a word boundary (学习贯彻总书记 gives no 习贯彻).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from bqw_research.textstat.rhetoric.common import (
    as_sentences,
    attach_group,
    is_corpus,
    read_lexicon,
)
from bqw_research.textstat.rhetoric.scan import scanning_in_full
from bqw_research.textstat.rhetoric.speech import (
    BODY,
    MEETING,
    PERSON,
    Act,
    Clause,
    DocState,
    Mention,
    clauses_of,
    context_city,
    learn_names,
    person_mentions,
    sentence_acts,
    speech_lexicons,
    speech_verbs,
)
from bqw_research.textstat.rhetoric.speech_context import (
    according_to_subjects,
    declared_groups,
    declared_subjects,
    department_subjects,
    home_city,
    paragraph_cities,
    run_in_subjects,
)
from bqw_research.textstat.rhetoric.speech_state import antecedent, update_state

MENTION_COLUMNS = ["doc_id", "para_id", "sent_id", "start", "end", "name", "title", "kind", "cited"]
ACT_COLUMNS = [
    "doc_id",
    "para_id",
    "sent_id",
    "speaker",
    "title",
    "kind",
    "verb",
    "act",
    "text",
    "level",
]
EDGE_COLUMNS = [
    "doc_id",
    "para_id",
    "sent_id",
    "speaker",
    "speaker_title",
    "verb",
    "cited",
    "cited_kind",
    "cited_level",
    "speaker_level",
    "via",
]
_NARRATIVE = re.compile(r"^\d{1,2}月\d{1,2}日|^[^，。；：]*(?:出席|召开|举行|参加|会见|列席)")
_TIME_FRAME = re.compile(r"^在[^，。；：]*(?:时刻|之际|关键时期|重要节点)")
_HEARING = ("聆听", "观看")
#: A meeting right after the verb that holds or attends it (召开A、B; 出席…).
_CONVENED = re.compile(r"(?:召开|举行|出席|参加|列席)了?(?:[^，。；：召举出参列]{2,30}、)*$")
#: Openings of a relay clause whose subject follows it (根据…指示，应急管理部派…).
_RELAY_OPENERS = ("根据", "按照", "遵照", "为贯彻", "为落实", "为深入贯彻")
#: Heads-of-state consensus, named by the partner country from the paragraph (中塞, 中伊).
_CONSENSUS = re.compile(r"两国元首(?:重要|战略)?共识")
_PARTNER = re.compile(
    r"中([^\W\d中])(?:两国|关系|友谊|合作)|([^\W\d中])中(?:友谊|关系|合作)|([^\W\d中])方"
)
#: A bare 全会 is a source only when its words follow at once: 全会精神, 全会“城乡融合”要求,
#: 全会关于…的战略定位 (not 向全会作说明, where it is the audience).
_BARE_PLENUM = re.compile(
    r"(?<![中次会])全会(?!《)(?:的|关于[^，。；：]{0,24}的|“[^”]{1,24}”的?|提出的[^，。；：]{0,8})?"
    r"(?:工作|有关|各项)?(?:精神|部署|要求|决策|战略|建议|定位)"
)


#: The words that cite a person by name (张三的重要指示, 李四要求).
_PERSON_WORDS = re.compile("指示|批示|要求|讲话")


@dataclass(frozen=True)
class Source:
    """A cited source in a sentence, as a normalised node."""

    start: int
    end: int
    node: str
    level: str
    kind: str  # person | institution | meeting | document


@dataclass(frozen=True)
class Sentence:
    """One analysed sentence of an article."""

    doc_id: Any
    para_id: Any
    sent_id: Any
    text: str
    persons: list[Mention]
    clauses: list[Clause]
    acts: list[Act]
    governing: list[Mention | None]


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=1)
def _source_lexicons() -> dict[str, Any]:
    nouns = read_lexicon("invocation_nouns")["noun"]
    masks = read_lexicon("citation_masks")["phrase"]
    return {
        "nouns": re.compile("|".join(sorted(map(re.escape, nouns), key=len, reverse=True))),
        "masks": re.compile("|".join(sorted(map(re.escape, masks), key=len, reverse=True))),
    }


# ---------------------------------------------------------------------------- sources


def clause_span(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the clause around ``pos`` (clauses end at ，；：。！？)."""
    start = max(text.rfind(c, 0, pos) for c in "，,；;：:。！？!?") + 1
    ends = [i for i in (text.find(c, pos) for c in "，,；;：:。！？!?") if i >= 0]
    return start, min(ends) if ends else len(text)


def names_words(text: str, end: int) -> bool:
    """Whether an invocation noun (精神, 讲话, 要求 …) follows ``end`` in its clause."""
    _s, c_end = clause_span(text, end)
    return _source_lexicons()["nouns"].search(text, end, c_end) is not None


def _excluded(text: str, start: int, end: int) -> bool:
    """A venue (在…全会上), a time frame (在…之际) or a hearing (聆听…讲话)."""
    c_start, _c_end = clause_span(text, start)
    before = text[c_start:start]
    if re.search(r"在(?:党的)?$", before) and text.startswith(("上", "期间"), end):
        return True
    if text.startswith("上", end) and "在" in before[-8:]:
        return True
    if _CONVENED.search(before) and not names_words(text, end):
        return True  # 先后召开中央城市工作会议: an event held, not words relayed
    clause = text[c_start:_c_end]
    return bool(_TIME_FRAME.match(clause)) or any(h in clause for h in _HEARING)


def consensus_partner(context: str) -> str:
    """The partner country (one-character abbreviation) last named in ``context``:
    中塞关系, 伊中友谊, 塞方, or a full country name (法国 → 法)."""
    lx = speech_lexicons()
    found = [
        (m.start(), g)
        for m in _PARTNER.finditer(context)
        for g in m.groups()
        if g and g in lx["country_full"]
    ]
    for name, abbr in lx["country_abbr"].items():
        if abbr != "中" and len(name) >= 2:
            found += [(m.start(), abbr) for m in re.finditer(re.escape(name), context)]
    return max(found)[1] if found else ""


@lru_cache(maxsize=1)
def source_nodes() -> tuple[tuple[Any, ...], ...]:
    """The node patterns of cited sources (role source or both), in lexicon order."""
    return tuple(row for row in speech_lexicons()["nodes"] if row[3] != "speaker")


@lru_cache(maxsize=4096)
def person_source(name: str) -> re.Pattern[str]:
    """``name`` cited by its words: 张三的重要指示, 李四要求 (a look-ahead on
    :data:`_PERSON_WORDS`)."""
    return re.compile(re.escape(name) + f"(?=(?:的)?(?:重要)?(?:{_PERSON_WORDS.pattern}))")


def bare_plenum(text: str, pos: int, state: DocState) -> tuple[str, str] | None:
    """The node of a 全会 named without its session at ``pos``: the last plenum of the
    article, or under 省委 (省委全会精神) the last provincial one (none if not named)."""
    if text.endswith("省委", 0, pos):
        node = state.plenums.get("省")
        return (node, "省") if node else None
    return state.plenum


def cited_sources(text: str, state: DocState, *, context: str = "") -> list[Source]:
    """Named sources in ``text`` that name words or decisions (see module doc).

    ``context``: the paragraph's text up to this sentence (a heads-of-state consensus
    is named after the partner country it names).
    """
    masked = _source_lexicons()["masks"].sub(lambda m: "□" * len(m.group(0)), text)
    out: list[Source] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, node: str, level: str, kind: str) -> None:
        if any(a < e and s < b for a, b in taken) or _excluded(masked, s, e):
            return
        out.append(Source(s, e, node, level, kind))
        taken.append((s, e))

    city = None
    chars = set(masked)
    for rx, node, level, _role, needs in source_nodes():
        if not rx.may_match(chars):
            continue
        for m in rx.finditer(masked):
            if needs == "words" and not names_words(masked, m.end()):
                continue
            groups = {k: v or "" for k, v in m.groupdict().items()}
            if "{ctxcity}" in node:
                city = context_city(masked, m.start())
                if not city:
                    continue
                groups["ctxcity"] = city
            kind = MEETING if "会" in node else ("document" if level == "中央" else BODY)
            if node == "习近平":
                kind = PERSON
            lev = groups.get("x", "") if level == "{x}" else level
            add(m.start(), m.end(), node.format(**groups), {"省委": "省"}.get(lev, lev), kind)
    for m in _CONSENSUS.finditer(masked):
        partner = consensus_partner(context + masked[: m.start()])
        if partner:
            add(m.start(), m.end(), f"中{partner}{m.group(0)}", "国际", "consensus")
    for m in _BARE_PLENUM.finditer(masked) if state.plenum else ():
        plenum = bare_plenum(masked, m.start(), state)
        if plenum:
            add(m.start(), m.start() + 2, plenum[0], plenum[1], MEETING)
    full = scanning_in_full()
    if full or _PERSON_WORDS.search(masked):  # the look-ahead below needs one of them
        for name in state.known:
            if name == "习近平" or (name not in masked and not full):
                continue
            for m in person_source(name).finditer(masked):
                add(m.start(), m.end(), name, state.levels.get(name, ""), PERSON)
    return sorted(out, key=lambda s: s.start)


def has_frame(text: str, start: int) -> bool:
    """A relay verb (传达, 学习, 贯彻, 以…为指引 …) in the clause around ``start``."""
    c_start, c_end = clause_span(text, start)
    if text.startswith(("以及", "及", "和", "并"), c_start) and c_start > 0:
        c_start = clause_span(text, c_start - 1)[0]  # 传达学习…精神，以及省委…精神
    clause = text[c_start:c_end]
    return any(f in clause for f in speech_lexicons()["frames"])


# -------------------------------------------------------------------------- documents


def sorted_sentences(x: pd.DataFrame) -> pd.DataFrame:
    """The sentences of ``x`` (a corpus or a sentence table) in reading order."""
    sents = as_sentences(x) if is_corpus(x) else x
    return sents.sort_values(["doc_id", "para_id", "sent_id"], kind="mergesort")


def is_side(m: Any) -> bool:
    """A country's side (中方, 塞方): in a speaker's words it is the speaker's voice."""
    return isinstance(m, Mention) and m.kind == BODY and len(m.name) == 2 and m.name[1] == "方"


def own_city_commitment(openings: list[str], cont: Mention, city: str | None) -> bool:
    """A sentence that opens with the paragraph's city and 将 after a city leader's words
    (潮州市委书记何晓军指出，…。潮州将认真落实…): the leader speaks for the city."""
    return (
        bool(openings)
        and city is not None
        and cont.kind == PERSON
        and cont.level == "市"
        and openings[0].startswith((city + "将", city + "市将"))
    )


def _ends_continuation(s: Sentence, cont: Mention, city: str | None = None) -> bool:
    """A sentence that ends a run of continuation: a new named subject, a narrative
    sentence (a date, 召开, 出席 …), a place as subject (肇庆将…), or the first person
    after a person's words (a person's quotation ends; a meeting's readout says 我们)."""
    named = [c.subject for c in s.clauses if isinstance(c.subject, Mention)]
    if any(not is_side(m) for m in named) or _NARRATIVE.search(s.text):
        return True
    lx = speech_lexicons()
    openings = [s.text[c.body :] for c in s.clauses]
    if own_city_commitment(openings[:1], cont, city):
        openings = openings[1:]
    if any(o.startswith(lx["cities"]) or o.startswith("广东") for o in openings):
        return True
    return cont.kind == PERSON and bool(openings) and openings[0].startswith("我")


def opens_with_china_side(s: Sentence) -> bool:
    """The sentence's first named subject is 中方 (中方愿同塞方一道，落实好…)."""
    named = [c.subject for c in s.clauses if isinstance(c.subject, Mention)]
    return bool(named) and is_side(named[0]) and named[0].name == "中方"


def _nested_in(s: Sentence, cont: Mention | None) -> bool:
    """Acts of central leaders or bodies inside a lower speaker's continuation (其间，
    总书记发表一系列重要讲话…) are nested in it: the continuation goes on."""
    return (
        cont is not None
        and bool(s.acts)
        and cont.level != "中央"
        and all(a.speaker.level == "中央" for a in s.acts)
        and not _NARRATIVE.search(s.text)
    )


def _unnamed_voice_first(s: Sentence) -> bool:
    """A speech verb before the first act: its acts are nested in an unnamed voice."""
    verbs = speech_verbs(s.text)
    return bool(s.acts) and bool(verbs) and verbs[0][0] < s.acts[0].start


def analyse(
    x: pd.DataFrame,
) -> Iterator[tuple[Sentence, DocState, list[Source], Mention | None, bool]]:
    """Walk every article: each sentence analysed, with the article's state, its cited
    sources, the speaker a continuation would carry on, and whether the sentence's acts
    are nested in that continuation."""
    sents = sorted_sentences(x)
    for doc, part in sents.groupby("doc_id", sort=True):
        texts = part["text"].astype(str).tolist()
        state = DocState(known=learn_names(texts))
        home = home_city(texts)
        para_cities = paragraph_cities(part["para_id"].tolist(), texts)
        para_prev: Any = None
        prev_subject: Mention | None = None
        cont: Mention | None = None
        para_text = doc_text = ""
        for para, sid, text in zip(
            part["para_id"], part["sent_id"], part["text"].astype(str), strict=True
        ):
            if para != para_prev:
                if state.last_person is not None and state.last_person.name not in para_text:
                    state.last_person = None  # 他/她 reach back to the paragraph before only
                para_prev, prev_subject, cont, para_text = para, None, None, ""
                para_speaker: Mention | None = None  # the paragraph's last speaker
            city = context_city(para_text, len(para_text)) or home
            persons = person_mentions(text, state)
            clauses = clauses_of(text, persons, state, city)
            clauses = declared_subjects(text, clauses, city, para_cities.get(para))
            clauses = run_in_subjects(text, clauses, persons)
            clauses = according_to_subjects(text, clauses)
            clauses = department_subjects(text, clauses, state)
            clauses = declared_groups(text, clauses)
            acts, governing = sentence_acts(text, clauses, prev_subject)
            sources = cited_sources(text, state, context=doc_text[-400:])
            sentence = Sentence(doc, para, sid, text, persons, clauses, acts, governing)
            nested = _nested_in(sentence, cont)
            if not nested and cont is not None and _ends_continuation(sentence, cont, city):
                cont = None
            chinese = para_speaker is not None and para_speaker.level in ("中央", "省", "市", "县")
            if cont is None and not acts and chinese and opens_with_china_side(sentence):
                cont = para_speaker  # 中方 is a Chinese speaker's voice after an aside
            yield sentence, state, sources, cont, nested
            update_state(state, text, clauses)
            if acts and not nested:
                cont = None if _unnamed_voice_first(sentence) else acts[0].speaker
                para_speaker = cont
            subjects = [c.subject for c in clauses if isinstance(c.subject, Mention)]
            prev_subject = antecedent(acts) or (subjects[-1] if subjects else prev_subject)
            para_text += text
            doc_text += text


def mention_rows(s: Sentence, sources: list[Source]) -> list[tuple]:
    """Rows of :data:`MENTION_COLUMNS` of one sentence: its people and clause subjects."""
    rows = []
    spans = [(src.start, src.end) for src in sources]
    subjects = [c.subject for c in s.clauses if isinstance(c.subject, Mention)]
    seen = set()
    for m in sorted([*s.persons, *subjects], key=lambda mt: (mt.start, mt.end)):
        if (m.start, m.end, m.name) in seen:
            continue
        seen.add((m.start, m.end, m.name))
        cited = any(a <= m.start < b for a, b in spans)
        rows.append(
            (s.doc_id, s.para_id, s.sent_id, m.start, m.end, m.name, m.title, m.kind, cited)
        )
    return rows


def speaker_mentions(x: pd.DataFrame) -> pd.DataFrame:
    """People and bodies named in each sentence: ``doc_id, para_id, sent_id, start, end,
    name, title, kind, cited`` (``cited``: the mention is also a cited source there)."""
    return speaker_detections(x).mentions.copy()


def find_mentions(text: str, *, known: dict[str, str] | None = None) -> list[Mention]:
    """People named in ``text`` (after a title, before a name-first title, or in ``known``).

    ``known`` (name → title) is updated in place, so that later sentences of the same
    article resolve the bare name.
    """
    state = DocState(known={} if known is None else known)
    return person_mentions(text, state)


def speaker_names(x: pd.DataFrame, *, min_docs: int = 1) -> list[str]:
    """Distinct names of people an article gives with an office title, sorted.

    These are the names :func:`.speech.learn_names` accepts, so each has passed a
    precision check before it may reach the tokenizer: a surname of ``surnames.csv``
    (or a transliterated foreign name) right after an office title or right before a
    name-first title, never across a word boundary (学习贯彻总书记 gives no 习贯彻), no
    common word of jieba's dictionary (全面, 关于) unless tagged as a name there, and seen
    in at least ``min_docs`` articles. Useful to keep leaders' names whole before
    counting tokens (``tokens_compound(toks, speaker_names(corpus))``): jieba splits some
    of them (何国森 → 何国 + 森).
    """
    sents = sorted_sentences(x)
    docs: dict[str, int] = {}
    for _doc, part in sents.groupby("doc_id", sort=True):
        for name in learn_names(part["text"].astype(str).tolist()):
            docs[name] = docs.get(name, 0) + 1
    return sorted(n for n, k in docs.items() if len(n) >= 2 and k >= min_docs)


# ------------------------------------------------------------------------ speech acts


def act_rows(s: Sentence) -> list[tuple]:
    """Rows of :data:`ACT_COLUMNS` of one sentence: one per speech act."""
    acts_of = speech_lexicons()["verb_acts"]
    rows = []
    for a in s.acts:
        sp = a.speaker
        act = acts_of.get(a.verbs[0], "quote")
        verb = "+".join(dict.fromkeys(a.verbs))
        rows.append(
            (
                s.doc_id,
                s.para_id,
                s.sent_id,
                sp.name,
                sp.title,
                sp.kind,
                verb,
                act,
                s.text,
                sp.level,
            )
        )
    return rows


def citations(x: pd.DataFrame) -> pd.DataFrame:
    """Speech acts: one row per sentence and named speaker, verbs joined with ``+``.

    Returns ``doc_id, para_id, sent_id, speaker, title, kind, verb, act, text, level``;
    ``act`` is the class of the first verb (say, assert, direct, evaluate, speech,
    preside), ``level`` the speaker's (中央, 省, 市, 县, 国际 …).
    """
    return speaker_detections(x).acts.copy()


# ----------------------------------------------------------------------------- edges


def _quote_owner(s: Sentence) -> tuple[int, Act | None]:
    """An opening quotation and the act attributed after it (“……”张三说)."""
    if not s.text.startswith("“"):
        return 0, None
    close = s.text.find("”")
    after = [a for a in s.acts if a.start > close] if close > 0 else []
    return (close, after[0]) if after else (0, None)


def relay_subjects(clauses: list[Clause]) -> list[Mention]:
    """The named subjects an opening relay clause governs (根据…指示，应急管理部派…，
    甘肃省委主要负责同志…: both relay), up to the end of the sentence."""
    return [c.subject for c in clauses if isinstance(c.subject, Mention)]


_WITH = re.compile(r"(?:与|同|和)[^，。；：]{0,30}$")


def other_party(s: Sentence, k: int, govs: list[Mention]) -> list[Mention]:
    """The other party of a clause opening with 双方 (张三拜访…，与…厅长李四座谈，双方就
    落实…进行交流): the people named after 与/同/和 earlier in the sentence."""
    if not s.text.startswith("双方", s.clauses[k].body):
        return []
    names = {g.name for g in govs}
    return [
        p
        for p in s.persons
        if p.end <= s.clauses[k].start
        and p.name not in names
        and _WITH.search(s.text, clause_span(s.text, p.start)[0], p.start)
    ]


def presides_only(act: Act) -> bool:
    """An act of presiding only (主持): it has no content of its own (codebook v1), so the
    meeting it presides over, speaking later in the sentence, is not cited by it."""
    return all(speech_lexicons()["verb_acts"].get(v) == "preside" for v in act.verbs)


def sentence_edges(
    s: Sentence, sources: list[Source], cont: Mention | None, *, nested: bool = False
):
    """Edges ``(speaker Mention, Source, via)`` of one sentence (see module doc).

    ``nested``: the sentence's acts are nested in the continuation of ``cont``, who
    cites what they say and the nested speakers themselves.
    """
    out = []
    if nested and cont is not None:
        for a in s.acts:
            node = Source(
                a.speaker.start, a.speaker.end, a.speaker.name, a.speaker.level, a.speaker.kind
            )
            out.append((cont, node, "continuation"))
    subject_spans = [(a.speaker.start, a.speaker.end) for a in s.acts]
    close, owner = _quote_owner(s)
    has_subject = any(isinstance(c.subject, Mention) and not is_side(c.subject) for c in s.clauses)
    phrases = [  # title chains (省委宣讲团成员、…团长余钢) are not cited
        (c.body, c.subject.start) for c in s.clauses if isinstance(c.subject, Mention)
    ]
    for src in sources:
        named_in = [a.speaker for a in s.acts if a.speaker.start <= src.start < a.speaker.end]
        if any(sp.kind != PERSON and has_frame(s.text, src.start) for sp in named_in):
            out += [(sp, src, "relay") for sp in named_in]  # 学习贯彻…精神中央宣讲团…宣讲
            continue
        if any(a <= src.start < b for a, b in [*subject_spans, *phrases]):
            continue
        before = [a for a in s.acts if a.start < src.start and not presides_only(a)]
        if nested and cont is not None:
            out.append((cont, src, "continuation"))
        if before:
            out += [(a.speaker, src, "speech") for a in before]
            k = next(i for i, c in enumerate(s.clauses) if c.start <= src.start < c.end)
            gov = s.governing[k]
            if gov is not None and gov.name in {a.speaker.name for a in s.acts}:
                out.append((gov, src, "speech"))
        elif owner is not None and src.start < close:
            out.append((owner.speaker, src, "speech"))
        else:
            k = next(i for i, c in enumerate(s.clauses) if c.start <= src.start < c.end)
            govs = [s.governing[k]] if s.governing[k] is not None else []
            if not govs and s.text.startswith(_RELAY_OPENERS, s.clauses[k].body):
                govs = relay_subjects(s.clauses[k + 1 :])
            if cont is not None:
                govs = [g for g in govs if not is_side(g)]
            if govs and has_frame(s.text, src.start):
                out += [(g, src, "relay") for g in [*govs, *other_party(s, k, govs)]]
            elif cont is not None and not has_subject and not s.acts:
                out.append((cont, src, "continuation"))
    for i, inner in enumerate(s.acts[1:], 1):
        if inner.speaker.level in ("中央", "省") and inner.speaker.kind in (PERSON, MEETING):
            node = Source(
                inner.speaker.start,
                inner.speaker.end,
                inner.speaker.name,
                inner.speaker.level,
                inner.speaker.kind,
            )
            out += [  # co-subjects of one predicate (…分别致辞) share its start: no edge
                (a.speaker, node, "speech")
                for a in s.acts[:i]
                if not presides_only(a) and a.start != inner.start
            ]
    return [(sp, src, via) for sp, src, via in out if sp.name != src.node]


def edge_rows(
    s: Sentence, sources: list[Source], cont: Mention | None, *, nested: bool = False
) -> list[tuple]:
    """Rows of :data:`EDGE_COLUMNS` of one sentence (:func:`sentence_edges`)."""
    verbs = {a.speaker.name: "+".join(dict.fromkeys(a.verbs)) for a in s.acts}
    return [
        (
            s.doc_id,
            s.para_id,
            s.sent_id,
            sp.name,
            sp.title,
            verbs.get(sp.name, "") if via == "speech" else "",
            src.node,
            src.kind,
            src.level,
            sp.level,
            via,
        )
        for sp, src, via in sentence_edges(s, sources, cont, nested=nested)
    ]


def citation_chains(x: pd.DataFrame) -> pd.DataFrame:
    """Edges speaker → cited source node, one row per sentence, speaker and node.

    Returns ``doc_id, para_id, sent_id, speaker, speaker_title, verb, cited, cited_kind,
    cited_level, speaker_level, via`` (``via``: speech, relay or continuation; ``verb``:
    the speaker's verbs in that sentence, empty for relay and continuation).
    """
    return speaker_detections(x).edges.copy()


# ------------------------------------------------------------------ one shared walk


@dataclass(frozen=True)
class SpeakerDetections:
    """Speech acts, citation edges and mentions of one sentence table, found in one walk
    (:func:`citations`, :func:`citation_chains`, :func:`speaker_mentions`)."""

    acts: pd.DataFrame
    edges: pd.DataFrame
    mentions: pd.DataFrame


#: The detections of the last few inputs, by :func:`content_key` (see
#: :func:`speaker_detections`).
_DETECTIONS: OrderedDict[str, SpeakerDetections] = OrderedDict()
DETECTIONS_KEPT = 2


def content_key(sents: pd.DataFrame) -> str:
    """SHA-256 of what the detector reads from a sentence table: the values (``repr``,
    so 1, 1.0 and "1" differ) and dtypes of ``doc_id, para_id, sent_id, text``, in
    order, and whether :func:`.scan.full_scan` is in force."""
    h = hashlib.sha256(b"full" if scanning_in_full() else b"fast")
    for col in ("doc_id", "para_id", "sent_id", "text"):
        h.update(f"\x00{col}:{sents[col].dtype}:".encode())
        h.update(repr(sents[col].tolist()).encode())
    return h.hexdigest()


_CLOSING = re.compile(r"[。！？!?…]*”?[。！？!?]?$")


def bare_attribution(s: Sentence) -> Act | None:
    """The one act of a sentence that is only its attribution, nothing said after the
    verb (市建筑工务署有关负责人表示。, 张三说。): its words are the quotation before it."""
    if len(s.acts) != 1 or s.text.startswith("“"):
        return None
    ends = [e for start, e, _v in speech_verbs(s.text) if start >= s.acts[0].start]
    return s.acts[0] if ends and _CLOSING.fullmatch(s.text[max(ends) :]) else None


def quotation_before(run: list[tuple[Sentence, list[Source], int]]):
    """The paragraph's sentences just read that form one whole quotation (the first
    opens with “, the last ends with ”, no other ” between): ``run``'s tail, or ``[]``."""
    if not run or not run[-1][0].text.rstrip().endswith("”"):
        return []
    for k in range(len(run) - 1, -1, -1):
        if run[k][0].text.startswith("“"):
            quote = "".join(r[0].text for r in run[k:])
            return run[k:] if quote.count("”") == 1 and quote.count("“") == 1 else []
    return []


def quoted_edges(s: Sentence, owner: Act, quoted: list[tuple[Sentence, list[Source], int]]):
    """Edge rows of the sources in a quotation attributed by ``s`` to ``owner``, and of
    the central or provincial speakers nested in it (“习近平总书记强调，……。”张三说。)."""
    sp = owner.speaker
    verb = "+".join(dict.fromkeys(owner.verbs))
    rows = []
    for q, sources, _first in quoted:
        spans = [(a.speaker.start, a.speaker.end) for a in q.acts]
        nested = [
            Source(a.speaker.start, a.speaker.end, a.speaker.name, a.speaker.level, a.speaker.kind)
            for a in q.acts
            if a.speaker.level in ("中央", "省") and a.speaker.kind in (PERSON, MEETING)
        ]
        free = [src for src in sources if not any(a <= src.start < b for a, b in spans)]
        for src in [*nested, *free]:
            if src.node != sp.name:
                row = (s.doc_id, q.para_id, q.sent_id, sp.name, sp.title, verb, src.node)
                rows.append((*row, src.kind, src.level, sp.level, "speech"))
    return rows


def detect_speakers(sents: pd.DataFrame) -> SpeakerDetections:
    """Walk a sorted sentence table once (:func:`analyse`) and build the three tables."""
    acts, edges, mentions = [], [], []
    run: list[tuple[Sentence, list[Source], int]] = []  # the paragraph so far
    for s, _state, sources, cont, nested in analyse(sents):
        if run and (run[-1][0].doc_id, run[-1][0].para_id) != (s.doc_id, s.para_id):
            run = []
        acts += act_rows(s)
        owner = bare_attribution(s)
        quoted = quotation_before(run) if owner is not None else []
        if owner is not None and quoted:  # the quotation is the owner's, not a continuation
            first = quoted[0][2]
            edges[first:] = [r for r in edges[first:] if r[-1] != "continuation"]
            edges += quoted_edges(s, owner, quoted)
            run = []
        run.append((s, sources, len(edges)))
        edges += edge_rows(s, sources, cont, nested=nested)
        mentions += mention_rows(s, sources)
    chains = pd.DataFrame(edges, columns=EDGE_COLUMNS)
    chains = chains.drop_duplicates(["doc_id", "para_id", "sent_id", "speaker", "cited"])
    return SpeakerDetections(
        acts=pd.DataFrame(acts, columns=ACT_COLUMNS),
        edges=chains.reset_index(drop=True),
        mentions=pd.DataFrame(mentions, columns=MENTION_COLUMNS),
    )


def speaker_detections(x: pd.DataFrame) -> SpeakerDetections:
    """The speech acts, edges and mentions of ``x`` (a corpus or a sentence table).

    The walk over the articles is the detector's whole cost and the three tables come
    from the same walk, so it runs once per input: the last :data:`DETECTIONS_KEPT`
    results are kept by the SHA-256 of the input's content (:func:`content_key`), and
    :func:`citations`, :func:`citation_chains`, :func:`speaker_mentions` and
    :func:`textstat_citations` of the same sentences share them (the rhetoric profile's
    ``rhetoric_detections`` then ``citation_chains``, as notebook 03 does, walk once).
    The tables are shared: callers that change them should copy them first, as the
    public functions do.
    """
    sents = sorted_sentences(x)
    key = content_key(sents)
    found = _DETECTIONS.get(key)
    if found is None:
        found = detect_speakers(sents)
        _DETECTIONS[key] = found
        while len(_DETECTIONS) > DETECTIONS_KEPT:
            _DETECTIONS.popitem(last=False)
    _DETECTIONS.move_to_end(key)
    return found


def textstat_citations(
    x: pd.DataFrame, *, group: Any = None, acts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Speech acts per group and speaker: ``group, speaker, title, kind, n_acts, n_docs, verbs``.

    ``verbs`` lists the verbs used with their counts (强调×3 指出×1), most frequent first;
    an act with several verbs (主持+讲话) counts each. ``acts``: :func:`citations` of the
    same input, when already known.
    """
    cols = ["group", "speaker", "title", "kind", "n_acts", "n_docs", "verbs"]
    sents = as_sentences(x) if is_corpus(x) else x
    keys = ["doc_id", "para_id", "sent_id"]
    units = attach_group(sents, group)[[*keys, "group"]]
    acts = (citations(sents) if acts is None else acts).merge(units, on=keys, how="inner")
    if acts.empty:
        return pd.DataFrame(columns=cols)
    verbs = acts["verb"].astype(str).tolist()
    titles, kinds, docs = (acts[c].tolist() for c in ("title", "kind", "doc_id"))
    rows = []
    for (g, sp), idx in acts.groupby(["group", "speaker"], sort=True).indices.items():
        counts = Counter(v for i in idx for v in verbs[i].split("+"))
        ranked = sorted(counts.items(), key=lambda vn: (-vn[1], vn[0]))
        n_docs = len({docs[i] for i in idx if not pd.isna(docs[i])})
        verb_list = " ".join(f"{v}×{n}" for v, n in ranked)
        rows.append((g, sp, titles[idx[0]], kinds[idx[0]], len(idx), n_docs, verb_list))
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(
        ["group", "n_acts", "speaker"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)


__all__ = [
    "ACT_COLUMNS",
    "BODY",
    "EDGE_COLUMNS",
    "MENTION_COLUMNS",
    "Mention",
    "SpeakerDetections",
    "citation_chains",
    "citations",
    "find_mentions",
    "speaker_detections",
    "speaker_mentions",
    "speaker_names",
    "textstat_citations",
]
