"""The validity table: every measure's precision and recall on its labelled set, per part."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from bqw_research import config
from bqw_research.evaluation.attribution import evaluate_attribution, evaluate_place_mentions
from bqw_research.evaluation.events import evaluate_events
from bqw_research.evaluation.idioms import evaluate_idioms
from bqw_research.evaluation.metaphors import evaluate_metaphors
from bqw_research.evaluation.numbered_formulae import evaluate_numbered_formulae
from bqw_research.evaluation.parallelism import evaluate_parallelism
from bqw_research.evaluation.quoted_phrases import evaluate_quoted_phrases
from bqw_research.evaluation.reuse import evaluate_reuse
from bqw_research.evaluation.scores import interval_text, with_intervals
from bqw_research.evaluation.speakers_and_citations import (
    evaluate_citation_edges,
    evaluate_speakers,
)
from bqw_research.evaluation.vocabulary import evaluate_vocabulary

#: Columns of the validity table, in order. ``genre``, ``accuracy``, ``target_f1`` and
#: ``target_accuracy`` are optional: filled only by measures scored per genre or with
#: field accuracies (events: accuracy of the date, city, actor and type of found events).
VALIDITY_COLUMNS = [
    "measure",
    "unit",
    "part",
    "tp",
    "fp",
    "fn",
    "precision",
    "recall",
    "f1",
    "precision_low",
    "precision_high",
    "recall_low",
    "recall_high",
    "target_precision",
    "target_recall",
    "n_articles",
    "genre",
    "accuracy",
    "target_f1",
    "target_accuracy",
]

#: measure name → evaluator(corpus_tables) → rows from :func:`.scores.score_rows`.
#: Each evaluator module documents its matching rule; registered here in report order.
EVALUATORS: dict[str, Callable[[dict[str, pd.DataFrame]], pd.DataFrame]] = {
    "attribution": evaluate_attribution,
    "place_mentions": evaluate_place_mentions,
    "idioms": evaluate_idioms,
    "numbered_formulae": evaluate_numbered_formulae,
    "parallelism": evaluate_parallelism,
    "speakers": evaluate_speakers,
    "citation_edges": evaluate_citation_edges,
    "events": evaluate_events,
    "vocabulary": evaluate_vocabulary,
    "metaphors": evaluate_metaphors,
    "quoted_phrases": evaluate_quoted_phrases,
    "reuse": evaluate_reuse,
}


def validity_table(
    corpus: dict[str, pd.DataFrame] | None = None, *, measures: list[str] | None = None
) -> pd.DataFrame:
    """Run the evaluators (all, or ``measures``) on the development corpus; one row per measure × part."""
    from bqw_research.evaluation.labels import labelled_corpus

    tables = corpus if corpus is not None else labelled_corpus()
    names = measures or list(EVALUATORS)
    unknown = sorted(set(names) - set(EVALUATORS))
    if unknown:
        raise KeyError(f"no evaluator for {unknown}; known: {sorted(EVALUATORS)}")
    frames = [EVALUATORS[name](tables) for name in names]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return (with_intervals(table) if len(table) else table).reindex(columns=VALIDITY_COLUMNS)


def write_validity(table: pd.DataFrame, path: Path | None = None) -> Path:
    """Write the table as CSV with a comment line saying when and from which labels.

    Rows of measures that ``table`` does not hold are kept from the file already there
    (``bqw validate --measure X`` refreshes X only); rows come out in :data:`EVALUATORS` order,
    with the 95 % Wilson intervals of precision and recall (:func:`.scores.with_intervals`).
    """
    path = path or config.VALIDITY_TABLE
    if path.is_file():
        kept = read_validity(path=path)
        kept = kept[~kept["measure"].isin(set(table["measure"]))]
        table = pd.concat([kept, table], ignore_index=True) if len(kept) else table
    table = with_intervals(table)
    order = {name: i for i, name in enumerate(EVALUATORS)}
    table = table.assign(_order=table["measure"].map(order).fillna(len(order)))
    table = table.sort_values("_order", kind="mergesort").drop(columns="_order")
    table = table.reindex(columns=VALIDITY_COLUMNS).dropna(axis=1, how="all")
    stamp = dt.date.today().isoformat()
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(
            f"# bqw validate, {stamp}: scores on data/labels/<measure>/ (part: tune/untouched/all)\n"
        )
        table.to_csv(f, index=False, float_format="%.3f")
    return path


def read_validity(measures: list[str] | None = None, *, path: Path | None = None) -> pd.DataFrame:
    """The stored validity table (``bqw validate`` writes it), optionally only some measures.

    The 95 % Wilson intervals of precision and recall (``precision_low`` …) are recomputed
    from the counts (a table written before they existed gets them too), and
    ``precision_ci`` / ``recall_ci`` hold them as text for display (``"0.73–0.94"``).
    """
    table = pd.read_csv(path or config.VALIDITY_TABLE, comment="#")
    if measures is not None:
        table = table[table["measure"].isin(measures)]
    table = with_intervals(table.reset_index(drop=True))
    for rate in ("precision", "recall"):
        low, high = f"{rate}_low", f"{rate}_high"
        table[f"{rate}_ci"] = [
            interval_text(lo, hi) for lo, hi in zip(table[low], table[high], strict=True)
        ]
        table[[low, high]] = table[[low, high]].round(3)  # as the stored table has them
    return table
