"""The event lexicons: the activity typology and the cues of the event detector (data files).

* ``data/lexicons/events/activity_types.csv`` — the typology: ``type`` (the codebook's
  meeting, inspection, lecture, delegation, study, signing, other), ``typology`` (the
  issue's finer names: 常委会会议, 调研/督导, 考察交流/代表团 …), ``cue`` (a regular
  expression), ``reports`` (``yes`` when the cue alone says that the activity took
  place, as 调研 does; ``no`` for nouns such as 会议 that need a verb), ``source``.
* ``data/lexicons/events/event_cues.csv`` — everything else the detector reads, one
  ``kind`` per role: reporting verbs, objects of study to ignore, speech verbs,
  openers of detail, future and generic statements, provincial and national actors,
  movement verbs, second activities, relative dates, national host places, aggregates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from bqw_research import config

EVENT_LEXICON_DIR = config.LEXICON_DIR / "events"
ACTIVITY_TYPES = EVENT_LEXICON_DIR / "activity_types.csv"
EVENT_CUES = EVENT_LEXICON_DIR / "event_cues.csv"

#: The codebook's activity types, in the order of its table.
TYPES: tuple[str, ...] = (
    "meeting",
    "inspection",
    "lecture",
    "delegation",
    "study",
    "signing",
    "other",
)

_CUE_KINDS = (
    "predicate",
    "object",
    "speech",
    "opener",
    "future",
    "generic",
    "list",
    "province",
    "central",
    "central_title",
    "city_actor",
    "city_gathering",
    "bare_body",
    "destination",
    "delegation_lead",
    "second",
    "same_day",
    "attendance",
    "subgroup",
    "unit_list",
    "national_host",
    "aggregate",
    "other_province",
    "each_met",
)


def activity_types() -> pd.DataFrame:
    """The typology ``type, typology, cue, reports, note, source`` (validated)."""
    table = pd.read_csv(ACTIVITY_TYPES, dtype=str, keep_default_na=False)
    bad = sorted(set(table["type"]) - set(TYPES))
    if bad:
        raise ValueError(f"{ACTIVITY_TYPES}: unknown type(s) {bad}; known: {list(TYPES)}")
    if not set(table["reports"]) <= {"yes", "no"}:
        raise ValueError(f"{ACTIVITY_TYPES}: 'reports' must be yes or no")
    for cue in table["cue"]:
        re.compile(cue)
    return table


def event_cues() -> pd.DataFrame:
    """The detector's cues ``kind, pattern, note, source`` (validated)."""
    table = pd.read_csv(EVENT_CUES, dtype=str, keep_default_na=False)
    bad = sorted(set(table["kind"]) - set(_CUE_KINDS))
    if bad:
        raise ValueError(f"{EVENT_CUES}: unknown cue kind(s) {bad}")
    missing = sorted(set(_CUE_KINDS) - set(table["kind"]))
    if missing:
        raise ValueError(f"{EVENT_CUES}: no cue of kind(s) {missing}")
    return table


@dataclass(frozen=True)
class EventCues:
    """The cues compiled once: one pattern per kind, and the typology's cues per type."""

    patterns: dict[str, re.Pattern[str]]
    type_cues: tuple[tuple[str, str, re.Pattern[str]], ...]  # (type, typology, cue)
    reporting: re.Pattern[str]  # predicates and the activity cues that report alone

    def __getitem__(self, kind: str) -> re.Pattern[str]:
        return self.patterns[kind]


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=1)
def compiled_cues() -> EventCues:
    """:func:`activity_types` and :func:`event_cues`, compiled."""
    cues = event_cues()
    types = activity_types()
    patterns = {
        kind: re.compile(_alternation(cues.loc[cues["kind"] == kind, "pattern"].tolist()))
        for kind in _CUE_KINDS
    }
    type_cues = tuple(
        (t, name, re.compile(cue))
        for t, name, cue in zip(types["type"], types["typology"], types["cue"], strict=True)
    )
    reporting = _alternation(
        [
            *cues.loc[cues["kind"] == "predicate", "pattern"],
            *types.loc[types["reports"] == "yes", "cue"],
        ]
    )
    return EventCues(patterns, type_cues, re.compile(reporting))
