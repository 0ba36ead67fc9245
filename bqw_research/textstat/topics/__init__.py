"""Topic models over the token table: one verb per module.

:mod:`.model` (:func:`textstat_topics`: seeded NMF or LDA over paragraphs or documents;
top terms, unit–topic shares, representative paragraphs), :mod:`.shares`
(:func:`textstat_topic_shares`: topic shares by region, city, outlet or month), on the
count matrix of :mod:`.matrix`.
"""

from bqw_research.textstat.topics.model import (
    REPRESENTATIVE_COLUMNS,
    TERM_COLUMNS,
    TopicModel,
    textstat_topics,
)
from bqw_research.textstat.topics.shares import SHARE_COLUMNS, textstat_topic_shares

__all__ = [
    "REPRESENTATIVE_COLUMNS",
    "SHARE_COLUMNS",
    "TERM_COLUMNS",
    "TopicModel",
    "textstat_topic_shares",
    "textstat_topics",
]
