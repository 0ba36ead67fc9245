"""The metaphor measure (war, campaign and race terms) scored against
``data/labels/metaphors/metaphors.tsv``.

Matching rule (``docs/rhetoric.md``, *Metaphors — rule v1*):

* **Text.** The corpus table's sentences of each labelled article (``folder ==
  "corpus-dev"``), read in ``para_id, sent_id`` order.
* **Item.** One occurrence of a lexicon term, keyed ``(doc_id, term, occurrence)``:
  ``occurrence`` numbers the leftmost-longest matches of *all* lexicon terms (no
  exclusions) that are this term, in reading order — the inventory the labeller read.
  A detector match is mapped to its key by its place (sentence and offset). Strings are
  compared exactly, with no normalisation.
* **Scores.** A counted match (:func:`~bqw_research.textstat.rhetoric.metaphor_matches`)
  whose row is labelled ``1`` (figurative) is a hit; one labelled ``0`` (literal) or
  without a row is a false alarm; every ``1`` row not counted is a miss. Every
  occurrence has a row, so recall is meaningful (relative to the lexicon).
* **Borderline rows** (``note`` starting ``borderline:``) count in the main unit; the
  ``without borderline rows`` unit drops them from gold and from the predictions.
* Predictions in articles outside the set are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.occurrences import (
    Item,
    labelled_sentences,
    number_occurrences,
    occurrence_rows,
)
from bqw_research.textstat.rhetoric.common import compile_terms, find_terms
from bqw_research.textstat.rhetoric.lexicon_counts import metaphor_lexicon, metaphor_matches

MEASURE = "metaphors"
UNIT = "metaphor term occurrence (figurative use)"
UNIT_CLEAR = "metaphor term occurrence, borderline rows left out"
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.9


def occurrence_keys(sentences: pd.DataFrame, terms: pd.Series) -> dict[tuple, Item]:
    """``(doc_id, para_id, sent_id, start) → (doc_id, term, occurrence)`` for every
    leftmost-longest match of ``terms`` in ``sentences`` (in reading order)."""
    pattern = compile_terms(terms.astype(str))
    places, pairs = [], []
    for doc, para, sent, text in sentences[["doc_id", "para_id", "sent_id", "text"]].itertuples(
        index=False
    ):
        for start, _end, term in find_terms(str(text), pattern):
            places.append((doc, para, sent, start))
            pairs.append((doc, term))
    return dict(zip(places, number_occurrences(pairs), strict=True))


def predicted_items(sentences: pd.DataFrame) -> list[Item]:
    """The detector's counted matches in ``sentences`` as occurrence keys."""
    keys = occurrence_keys(sentences, metaphor_lexicon()["term"])
    hits = metaphor_matches(sentences)
    places = zip(hits["doc_id"], hits["para_id"], hits["sent_id"], hits["start"], strict=True)
    return [keys[p] for p in places]


def evaluate_metaphors(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Validity rows of :func:`~bqw_research.textstat.rhetoric.metaphor_matches`: all rows
    (``UNIT``) and without the borderline rows (``UNIT_CLEAR``), per part. Matching rule:
    module docstring."""
    labels = label_set(MEASURE)
    predicted = predicted_items(labelled_sentences(tables, labels["doc_id"].unique()))
    return occurrence_rows(
        MEASURE,
        (UNIT, UNIT_CLEAR),
        labels,
        predicted,
        column="term",
        target_precision=TARGET_PRECISION,
        target_recall=TARGET_RECALL,
    )
