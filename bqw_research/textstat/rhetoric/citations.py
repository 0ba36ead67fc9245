"""Leader citations: who speaks (指出/强调/要求/表示 …), and whom they cite.

Speakers are found by pattern, never by a list of names: an office title from
``offices.csv`` followed by a two- or three-character name that starts with a surname
from ``surnames.csv`` (省委书记黄坤明, 市委副书记、市长吴泽桐), or a name followed by a
name-first title (习近平总书记). The end of a name is decided by what follows it: the
name must be followed by punctuation, a non-CJK character, a speech verb or a word from
``name_boundaries.csv`` (主持, 出席, 前往 …). A name once seen with a title is then found
alone in the rest of the article (黄坤明指出). Institutions and meetings (省委, 党中央,
会议) come from ``authorities.csv``.

A speech act is a speech verb (``speech_verbs.csv``); its speaker is the nearest person
mentioned before it in the sentence who is not being cited, or an institution at most
two characters before the verb (会议强调, 会议还指出) if that comes later, else the last person of the previous sentences of the same
paragraph (韦皓前往…。…强调要…). A mention preceded within a few characters by a
citation frame (贯彻, 落实, 按照 … in ``citation_frames.csv``) is *cited*; the edges
speaker → cited authority form citation chains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from bqw_research.textstat.rhetoric.common import (
    CJK,
    as_sentences,
    attach_group,
    compile_terms,
    find_terms,
    is_corpus,
    read_lexicon,
    split_pipe,
)

MENTION_COLUMNS = ["doc_id", "para_id", "sent_id", "start", "end", "name", "title", "kind", "cited"]
ACT_COLUMNS = ["doc_id", "para_id", "sent_id", "speaker", "title", "kind", "verb", "act", "text"]
EDGE_COLUMNS = [
    "doc_id",
    "para_id",
    "sent_id",
    "speaker",
    "speaker_title",
    "verb",
    "cited",
    "cited_kind",
]
_IS_CJK = re.compile(f"[{CJK}]")


@dataclass(frozen=True)
class Mention:
    """A person or institution mentioned in a sentence."""

    start: int
    end: int
    name: str
    title: str
    kind: str  # person | institution | meeting
    cited: bool = False


@lru_cache(maxsize=1)
def _lexicons() -> dict[str, Any]:
    offices = read_lexicon("offices")
    verbs = read_lexicon("speech_verbs")
    auth = read_lexicon("authorities")
    title_first = sorted(
        offices.loc[offices["order"] == "title_first", "title"], key=len, reverse=True
    )
    name_first = sorted(
        offices.loc[offices["order"] == "name_first", "title"], key=len, reverse=True
    )
    t_alt = "|".join(map(re.escape, title_first))
    n_alt = "|".join(map(re.escape, name_first))
    return {
        "surnames": frozenset(read_lexicon("surnames")["surname"]),
        "boundaries": tuple(sorted(read_lexicon("name_boundaries")["word"], key=len, reverse=True)),
        "frames": tuple(read_lexicon("citation_frames")["word"]),
        "verbs": dict(zip(verbs["verb"], verbs["act"], strict=True)),
        "verb_re": compile_terms(verbs["verb"]),
        "verb_excl": {
            v: split_pipe(w) for v, w in zip(verbs["verb"], verbs["not_in"], strict=True)
        },
        "title_first": re.compile(f"((?:{t_alt})(?:、(?:{t_alt}))*)"),
        "name_first": re.compile(f"([{CJK}]{{2,3}})({n_alt})"),
        "name_first_titles": tuple(name_first),
        "auth": dict(zip(auth["name"], auth["kind"], strict=True)),
        "auth_re": compile_terms(auth["name"]),
    }


def _name_ok(name: str, rest: str, lx: dict[str, Any]) -> bool:
    if not name or name[0] not in lx["surnames"] or not all(_IS_CJK.match(c) for c in name):
        return False
    if not rest or not _IS_CJK.match(rest[0]):
        return True
    return rest.startswith(lx["boundaries"]) or rest.startswith(tuple(lx["verbs"]))


_CLAUSE_END = re.compile(r"[，。；！？：,;!?:]")


def _is_cited(text: str, start: int, lx: dict[str, Any], *, reach: int = 40) -> bool:
    """A citation frame (贯彻, 按照 …) earlier in the same clause, within ``reach`` chars."""
    window = text[max(0, start - reach) : start]
    cut = [m.end() for m in _CLAUSE_END.finditer(window)]
    if cut:
        window = window[cut[-1] :]
    return any(f in window for f in lx["frames"])


def find_mentions(text: str, *, known: dict[str, str] | None = None) -> list[Mention]:
    """Persons (by title pattern, or a ``known`` name → title) and institutions in ``text``.

    ``known`` is updated in place with names found together with a title, so that later
    sentences of the same article resolve the bare name.
    """
    lx = _lexicons()
    known = {} if known is None else known
    out: list[Mention] = []
    for m in lx["title_first"].finditer(text):
        rest = text[m.end() :]
        for length in (3, 2):
            name = rest[:length]
            if len(name) == length and _name_ok(name, rest[length:], lx):
                title = m.group(1).split("、")[-1]
                known.setdefault(name, title)
                out.append(Mention(m.start(), m.end() + length, name, title, "person"))
                break
    for m in lx["name_first"].finditer(text):
        cand, title = m.group(1), m.group(2)
        for k in range(len(cand) - 1):  # prefer the longest name that starts with a surname
            name = cand[k:]
            if name[0] in lx["surnames"] and len(name) >= 2:
                known.setdefault(name, title)
                out.append(Mention(m.start(1) + k, m.end(), name, title, "person"))
                break
    taken = [(mt.start, mt.end) for mt in out]
    alone = compile_terms(known)
    for s, e, name in find_terms(text, alone):
        if not any(a <= s < b for a, b in taken):
            out.append(Mention(s, e, name, known[name], "person"))
            taken.append((s, e))
    # a bare name-first title (总书记要求…) refers to the person last seen with it
    for t in lx["name_first_titles"]:
        holders = [n for n, tt in known.items() if tt == t]
        for m in re.finditer(re.escape(t), text):
            if holders and not any(a <= m.start() < b for a, b in taken):
                out.append(Mention(m.start(), m.end(), holders[-1], t, "person"))
                taken.append((m.start(), m.end()))
    for s, e, name in find_terms(text, lx["auth_re"]):
        if not any(a <= s < b for a, b in taken):
            out.append(Mention(s, e, name, "", lx["auth"][name]))
    out = [
        Mention(mt.start, mt.end, mt.name, mt.title, mt.kind, _is_cited(text, mt.start, lx))
        for mt in out
    ]
    return sorted(out, key=lambda mt: (mt.start, mt.end))


def _speech_verbs(text: str) -> list[tuple[int, int, str]]:
    lx = _lexicons()
    return find_terms(text, lx["verb_re"], lx["verb_excl"])


def _iter_sentences(x: pd.DataFrame):
    sents = as_sentences(x) if is_corpus(x) else x
    sents = sents.sort_values(["doc_id", "para_id", "sent_id"], kind="mergesort")
    for doc, part in sents.groupby("doc_id", sort=True):
        known: dict[str, str] = {}
        last_person: dict[Any, Mention] = {}
        for para, sid, text in zip(
            part["para_id"], part["sent_id"], part["text"].astype(str), strict=True
        ):
            mentions = find_mentions(text, known=known)
            yield doc, para, sid, text, mentions, last_person.get(para)
            persons = [m for m in mentions if m.kind == "person" and not m.cited]
            if persons:
                last_person[para] = persons[-1]


def speaker_mentions(x: pd.DataFrame) -> pd.DataFrame:
    """All person/institution mentions: ``doc_id, para_id, sent_id, start, end, name, title,
    kind, cited``."""
    rows = [
        (doc, para, sid, m.start, m.end, m.name, m.title, m.kind, m.cited)
        for doc, para, sid, _text, mentions, _prev in _iter_sentences(x)
        for m in mentions
    ]
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def speaker_names(x: pd.DataFrame, *, kinds: tuple[str, ...] = ("person",)) -> list[str]:
    """The distinct names of people found by pattern (office title + name), sorted.

    Useful to keep leaders' names whole before counting tokens
    (``tokens_compound(toks, speaker_names(corpus))``): jieba splits some of them
    (何国森 → 何国 + 森) because part of the name is a dictionary word.
    """
    mentions = speaker_mentions(x)
    names = mentions.loc[mentions["kind"].isin(kinds), "name"].astype(str)
    return sorted({n for n in names if len(n) >= 2})


def _speaker_for(verb_start: int, mentions: list[Mention], prev: Mention | None) -> Mention | None:
    before = [m for m in mentions if m.end <= verb_start and not m.cited]
    inst = [m for m in before if m.kind != "person" and verb_start - m.end <= 2]
    persons = [m for m in before if m.kind == "person"]
    if inst and (not persons or inst[-1].start > persons[-1].start):
        return inst[-1]
    if persons:
        return persons[-1]
    return prev


def citations(x: pd.DataFrame) -> pd.DataFrame:
    """Speech acts: one row per speech verb with a resolved speaker.

    Returns ``doc_id, para_id, sent_id, speaker, title, kind, verb, act, text``.
    """
    lx = _lexicons()
    rows = []
    for doc, para, sid, text, mentions, prev in _iter_sentences(x):
        for s, _e, verb in _speech_verbs(text):
            sp = _speaker_for(s, mentions, prev)
            if sp is not None:
                rows.append(
                    (doc, para, sid, sp.name, sp.title, sp.kind, verb, lx["verbs"][verb], text)
                )
    return pd.DataFrame(rows, columns=ACT_COLUMNS)


def citation_chains(x: pd.DataFrame) -> pd.DataFrame:
    """Edges speaker → cited authority (市委书记X强调…贯彻习近平总书记…精神 = X cites 习近平).

    For each speech act, every mention after the verb in the same sentence that is
    introduced by a citation frame (贯彻, 落实, 按照 …) is an edge. Returns ``doc_id,
    para_id, sent_id, speaker, speaker_title, verb, cited, cited_kind`` (distinct rows).
    """
    rows = []
    last_act: dict[tuple[Any, Any], tuple[Mention, str]] = {}
    for doc, para, sid, text, mentions, prev in _iter_sentences(x):
        verbs = _speech_verbs(text)
        acts = []
        for s, _e, verb in verbs:
            sp = _speaker_for(s, mentions, prev)
            if sp is not None:
                acts.append((s, sp, verb))
        if not verbs and (doc, para) in last_act:
            # reported speech running on into the next sentence of the paragraph
            sp, verb = last_act[(doc, para)]
            acts.append((-1, sp, verb))
        for s, sp, verb in acts:
            for m in mentions:
                if m.start > s and m.cited and m.name != sp.name:
                    rows.append((doc, para, sid, sp.name, sp.title, verb, m.name, m.kind))
        if acts:
            last_act[(doc, para)] = (acts[-1][1], acts[-1][2])
    return pd.DataFrame(rows, columns=EDGE_COLUMNS).drop_duplicates().reset_index(drop=True)


def textstat_citations(
    x: pd.DataFrame, *, group: Any = None, acts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Speech acts per group and speaker: ``group, speaker, title, kind, n_acts, n_docs, verbs``.

    ``verbs`` lists the verbs used with their counts (强调×3 指出×1), most frequent first.
    ``acts``: :func:`citations` of the same input, when already known.
    """
    cols = ["group", "speaker", "title", "kind", "n_acts", "n_docs", "verbs"]
    sents = as_sentences(x) if is_corpus(x) else x
    keys = ["doc_id", "para_id", "sent_id"]
    units = attach_group(sents, group)[[*keys, "group"]]
    acts = (citations(sents) if acts is None else acts).merge(units, on=keys, how="inner")
    if acts.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (g, sp), part in acts.groupby(["group", "speaker"], sort=True):
        vc = part["verb"].value_counts()
        vc = vc.sort_index().sort_values(ascending=False, kind="mergesort")
        rows.append(
            (
                g,
                sp,
                part["title"].iloc[0],
                part["kind"].iloc[0],
                len(part),
                part["doc_id"].nunique(),
                " ".join(f"{v}×{n}" for v, n in vc.items()),
            )
        )
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(
        ["group", "n_acts", "speaker"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
