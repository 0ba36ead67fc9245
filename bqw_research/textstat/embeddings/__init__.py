"""Word embeddings trained on the user's corpus (gensim Word2Vec): one verb per module.

:mod:`.train` (:func:`textstat_embeddings`: seeded, deterministic, cached vectors from the
token table), :mod:`.nearest` (:func:`textstat_nearest`: nearest words of any term) and
:mod:`.expand` (:func:`textstat_expand_dictionary`: ranked candidate terms for each category
of a dictionary, and :func:`accept_candidates` to add the ones the researcher keeps).
"""

from bqw_research.textstat.embeddings.expand import (
    EXPANSION_COLUMNS,
    accept_candidates,
    textstat_expand_dictionary,
)
from bqw_research.textstat.embeddings.nearest import NEAREST_COLUMNS, textstat_nearest
from bqw_research.textstat.embeddings.train import Embeddings, textstat_embeddings

__all__ = [
    "EXPANSION_COLUMNS",
    "NEAREST_COLUMNS",
    "Embeddings",
    "accept_candidates",
    "textstat_embeddings",
    "textstat_expand_dictionary",
    "textstat_nearest",
]
