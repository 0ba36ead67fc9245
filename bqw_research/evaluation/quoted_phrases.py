"""The quoted-phrase measure (coined phrases in quotation marks) scored against
``data/labels/quoted_phrases/quoted_phrases.tsv``.

Matching rule (``docs/rhetoric.md``, *Quoted phrases — rule v1*):

* **Text.** The corpus table's sentences of each labelled article (``folder ==
  "corpus-dev"``), read in ``para_id, sent_id`` order.
* **Item.** One quoted span, keyed ``(doc_id, phrase, occurrence)``: ``occurrence``
  numbers the spans with exactly this text among *all* spans the detector reads
  (:func:`~bqw_research.textstat.rhetoric.quoted_phrase_table`, every kind, nested spans
  after the span that holds them), in reading order — the inventory the labeller read.
  The phrase is the text between the marks, stripped of surrounding whitespace; no other
  normalisation.
* **Scores.** A span of kind ``term`` (what :func:`~bqw_research.textstat.rhetoric.
  textstat_quoted` counts by default) whose row is labelled ``1`` (coined) is a hit; one
  labelled ``0`` or without a row is a false alarm; every ``1`` row not of kind ``term``
  is a miss. Every quoted span has a row, so recall is meaningful.
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
from bqw_research.textstat.rhetoric.formulae import quoted_phrase_table

MEASURE = "quoted_phrases"
UNIT = "quoted span (coined phrase)"
UNIT_CLEAR = "quoted span, borderline rows left out"
TARGET_PRECISION = 0.85
TARGET_RECALL = 0.85


def predicted_items(sentences: pd.DataFrame) -> list[Item]:
    """The spans of kind ``term`` in ``sentences`` as occurrence keys."""
    table = quoted_phrase_table(sentences)
    table = table.sort_values(["doc_id", "para_id", "sent_id", "_at"], kind="mergesort")
    items = number_occurrences(zip(table["doc_id"], table["phrase"], strict=True))
    return [i for i, k in zip(items, table["kind"], strict=True) if k == "term"]


def evaluate_quoted_phrases(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Validity rows of the coined-phrase call of
    :func:`~bqw_research.textstat.rhetoric.quoted_phrases`: all rows (``UNIT``) and
    without the borderline rows (``UNIT_CLEAR``), per part. Matching rule: module docstring."""
    labels = label_set(MEASURE)
    predicted = predicted_items(labelled_sentences(tables, labels["doc_id"].unique()))
    return occurrence_rows(
        MEASURE,
        (UNIT, UNIT_CLEAR),
        labels,
        predicted,
        column="phrase",
        target_precision=TARGET_PRECISION,
        target_recall=TARGET_RECALL,
    )
