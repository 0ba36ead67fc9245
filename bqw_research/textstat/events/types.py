"""The activity type of a statement: the first-named activity of the typology.

Every cue of ``activity_types.csv`` is looked for in the statement's frame (the words
before what was said, with objects of study blanked); the leftmost cue — the longest
at one place — names the type, so ``A暨B`` takes A's type and ``宣讲…并调研`` is a
lecture (codebook: type follows the first-named part). Two readings override it:

* the opening or closing of a hosted event (…大会开幕, 开幕式上) is ``other``, the
  大会/会议 being the event's name rather than a meeting held by the actor;
* a leader leading a group (率队, 带队) to another city is a ``delegation``;
* an activity followed by 后， (会谈后，…见证签署) only dates the next one and names no type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bqw_research.textstat.events.cues import compiled_cues

#: Typology names whose meeting nouns give way to an opening (…大会开幕 is ``other``).
_EVENT_NAME_NOUNS = {"会议", "论坛/展会/节庆"}
_OPENING = "开幕"
#: After a cue: the activity is a time reference (会谈后，两国元首共同见证签署…).
_AFTER = re.compile("(?:结束)?后[，,]")


@dataclass(frozen=True)
class ActivityCue:
    """One cue of the typology found in a text (offsets into it)."""

    start: int
    end: int
    type: str
    typology: str
    text: str


def activity_cues(frame: str) -> list[ActivityCue]:
    """Every typology cue in ``frame``, leftmost first (longest first at one place)."""
    found = [
        ActivityCue(m.start(), m.end(), t, name, m.group(0))
        for t, name, cue in compiled_cues().type_cues
        for m in cue.finditer(frame)
    ]
    return sorted(found, key=lambda c: (c.start, -(c.end - c.start)))


def activity_type(frame: str, *, led_to_city: bool = False) -> ActivityCue | None:
    """The type of the activity ``frame`` reports (None when it names none).

    ``led_to_city``: a leader leads a group to another Guangdong city (率队到东莞市).
    """
    cues = activity_cues(frame)
    # 会谈后，… / 会见结束后，…: the earlier activity only dates the one reported after it
    cues = [c for c in cues if _AFTER.match(frame, c.end) is None] or cues
    if not cues:
        return None
    first = cues[0]
    if led_to_city and first.type in {"inspection", "other", "delegation"}:
        return ActivityCue(first.start, first.end, "delegation", "考察交流/代表团", first.text)
    opening = next((c for c in cues if c.typology == _OPENING), None)
    if opening is not None and (first.typology in _EVENT_NAME_NOUNS or first.type == "other"):
        return opening
    return first
