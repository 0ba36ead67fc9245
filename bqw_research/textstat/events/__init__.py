"""Events: who did what, where and when — the event table, dates, actors, activity types.

:func:`textstat_events` reads the activities a corpus reports (one row each: date,
city and county, actor and title, type, counterpart, topics, the evidence sentence);
:func:`textstat_response_latency` measures how fast each city answered a trigger.
The typology and the detector's cues are data files (``data/lexicons/events/``);
the rule is the events codebook (``../shared/codebook/events.md``).
"""

from bqw_research.textstat.events.actors import CENTRAL, PROVINCE
from bqw_research.textstat.events.cues import TYPES, activity_types, event_cues
from bqw_research.textstat.events.dates import EventDate, find_event_date
from bqw_research.textstat.events.detect import EVENT_COLUMNS, statement_frame, textstat_events
from bqw_research.textstat.events.latency import (
    LATENCY_COLUMNS,
    VISIT_COLUMNS,
    event_visits,
    refers_to,
    textstat_response_latency,
    trigger_days,
)
from bqw_research.textstat.events.statements import event_statements
from bqw_research.textstat.events.types import activity_type

__all__ = [
    "CENTRAL",
    "EVENT_COLUMNS",
    "LATENCY_COLUMNS",
    "PROVINCE",
    "TYPES",
    "VISIT_COLUMNS",
    "EventDate",
    "activity_type",
    "activity_types",
    "event_cues",
    "event_statements",
    "event_visits",
    "find_event_date",
    "refers_to",
    "statement_frame",
    "textstat_events",
    "textstat_response_latency",
    "trigger_days",
]
