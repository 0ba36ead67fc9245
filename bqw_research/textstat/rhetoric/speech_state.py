"""What one sentence of the speech-act walk hands on to the next.

Called from :func:`.citations.analyse` after each sentence has been read by
:mod:`.speech` (codebook ``speakers_and_citations.md``, version 1):

* :func:`antecedent` — the speaker a zero subject or 他/她 in the next sentence
  refers to;
* :func:`update_state` — the meeting being reported (会议 refers to it next), the last
  plenum named (a bare 全会 resolves to it) and the last person subject.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bqw_research.textstat.rhetoric.speech import (
    MEETING,
    PERSON,
    Act,
    Clause,
    DocState,
    Mention,
    convened_meeting,
    speech_lexicons,
)


def antecedent(acts: list[Act]) -> Mention | None:
    """The speaker a zero subject or 他 in the next sentence refers to: the first speaker
    when the later acts stand in what that one says (逯峰表示，全会提出了…。希望… →
    逯峰), else the last."""
    if not acts:
        return None
    first = acts[0]
    content = speech_lexicons()["verb_acts"].get(first.verbs[0]) in ("say", "assert", "direct")
    return first.speaker if content else acts[-1].speaker


@lru_cache(maxsize=1)
def plenum_nodes() -> tuple[tuple[Any, ...], ...]:
    """The node patterns of plenums (全会) named without a context city, in lexicon order."""
    return tuple(
        row
        for row in speech_lexicons()["nodes"]
        if row[1].endswith("全会") and "{ctxcity}" not in row[1]
    )


def update_state(state: DocState, text: str, clauses: list[Clause]) -> None:
    """Remember the meeting being reported, the last plenum and the last person subject."""
    for cl in clauses:
        subj = cl.subject
        if isinstance(subj, Mention) and subj.kind == PERSON:
            state.last_person = subj
        if isinstance(subj, Mention) and subj.kind == MEETING:
            clause = text[cl.body : cl.end]
            if re.search("召开|举行|开幕|闭幕", clause):
                state.meeting = subj
        elif isinstance(subj, Mention) and subj.kind == PERSON:
            state.meeting = convened_meeting(text, cl.body, cl.end, state) or state.meeting
    plenums = []
    chars = set(text)
    for rx, node, level, _role, _needs in plenum_nodes():
        if not rx.may_match(chars):
            continue
        for m in rx.finditer(text):
            groups = {k: v or "" for k, v in m.groupdict().items()}
            plenums.append((m.start(), node.format(**groups), level))
    for _pos, node, level in sorted(plenums):
        state.plenums[level] = node
    if plenums:
        _pos, node, level = max(plenums)
        state.plenum = (node, level)
