"""排比 (parallelism) scored against ``data/labels/parallelism/parallelism.tsv``.

Matching rule (codebook ``parallelism.md`` v1, "Comparison with a detector"):

* **Item.** One labelled row: a body sentence, or — for a 排比 that runs over consecutive
  sentences — the sentence group stored on the row of its first sentence (``pN.sM+k``).
* **Prediction.** :func:`~bqw_research.textstat.rhetoric.has_parallelism` is called on the
  row's ``sentence_text`` exactly as stored, with no further normalisation. A group's text
  is split at 。！？ into its sentences and the detector looks for series within each
  sentence and across them, so a group row is predicted true when the group holds a
  series; the later sentences of a group have no rows of their own and are not scored.
* **Gold.** ``label == "1"``. There are no grey rows: near misses (``borderline-…`` in
  the note) are ``0`` and count as false positives when detected.
* **Counts.** TP = true on a ``1`` row, FP = true on a ``0`` row, FN = false on a ``1``
  row, per ``part`` (``tune`` / ``untouched``) and over all rows. Every labelled article
  has rows (the set labels every sentence of what was drawn), so no article is scored
  without them.
"""

from __future__ import annotations

import pandas as pd

from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.scores import Scores, binary_scores, score_rows
from bqw_research.textstat.rhetoric import has_parallelism

#: Issue 12's targets for 排比 under the strict rule.
TARGET_PRECISION = 0.85
TARGET_RECALL = 0.85


def parallelism_predictions(labels: pd.DataFrame) -> pd.Series:
    """The detector's yes/no for each labelled row (aligned with ``labels``)."""
    return labels["sentence_text"].map(has_parallelism).astype(bool)


def parallelism_scores(labels: pd.DataFrame) -> dict[str, Scores]:
    """TP/FP/FN of the detector per part of a labelled table (``tune``, ``untouched``)."""
    predicted = parallelism_predictions(labels)
    gold = labels["label"].astype(str).str.strip() == "1"
    return {
        part: binary_scores(predicted[rows], gold[rows])
        for part, rows in ((p, labels["part"] == p) for p in ("tune", "untouched"))
    }


def evaluate_parallelism(tables: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Rows of the validity table for 排比 (unit: sentence or sentence group).

    ``tables`` (the labelled corpus) is accepted for the evaluator interface and not
    needed: the labelled rows carry their text.
    """
    labels = label_set("parallelism")
    return score_rows(
        "parallelism",
        "sentence",
        parallelism_scores(labels),
        target_precision=TARGET_PRECISION,
        target_recall=TARGET_RECALL,
        n_articles=labels["article"].nunique(),
    )
