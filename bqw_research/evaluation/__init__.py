"""Stage 5, evaluation: every measure scored against a hand-labelled set of real articles.

Each measure the notebooks report has a labelled set in ``data/labels/<measure>/``
(a TSV labelled by the codebook, with a README on how it was drawn and a ``part``
column: ``tune`` rows were looked at while the detector was tuned, ``untouched``
rows never were). :func:`validity_table` runs every registered evaluator and returns
one tidy row per measure × part with counts, precision, recall and F1; ``bqw
validate`` writes it to ``data/labels/validity.csv``, which the notebooks print.

Adding a measure: write ``evaluate_<measure>(corpus) -> DataFrame`` in its own module
(rows from :func:`.scores.score_rows`) and add it to :data:`EVALUATORS`.
"""

from bqw_research.evaluation.labels import label_set, labelled_corpus
from bqw_research.evaluation.scores import (
    Scores,
    binary_scores,
    score_rows,
    set_scores,
    wilson_interval,
    with_intervals,
)
from bqw_research.evaluation.validity import (
    EVALUATORS,
    VALIDITY_COLUMNS,
    read_validity,
    validity_table,
    write_validity,
)

__all__ = [
    "EVALUATORS",
    "VALIDITY_COLUMNS",
    "Scores",
    "binary_scores",
    "label_set",
    "labelled_corpus",
    "read_validity",
    "score_rows",
    "set_scores",
    "validity_table",
    "wilson_interval",
    "with_intervals",
    "write_validity",
]
