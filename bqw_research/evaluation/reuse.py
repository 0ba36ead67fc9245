"""The text-reuse measure scored against ``data/labels/reuse/reuse.tsv``.

Matching rule (the labelling rule: ``data/labels/reuse/README.md``):

* **Text.** The development corpus (``folder == "corpus-dev"``) as loaded, every
  article: :func:`~bqw_research.textstat.textstat_reuse` runs on all of it with its
  defaults (common k-grams are counted corpus-wide, as in use), except
  ``earliest_source=False`` — the set labels article pairs, so each pair's own passages
  are scored, not only those from the earliest source.
* **Item.** One labelled passage pair: an unordered article pair and a span in each
  article (offsets into ``text``). Rows labelled ``1`` are reused passages; ``0`` rows
  (boilerplate, stock formulae, titles, strings under 20 Han characters) and the random
  pairs without any row are there so that predictions on them count as false alarms.
* **Match.** A predicted row matches a labelled ``1`` row when the article pair is the
  same (either order) and, in the first article of the labelled pair, the spans overlap
  by at least half of the *longer* of the two spans (a fragment of a passage, or a
  passage swallowing far more than was labelled, does not match), and they overlap in
  the second article too. Each labelled row and each predicted row matches at most once
  (greedy, in table order).
* **Scores.** Matched labelled rows are hits; unmatched ``1`` rows are misses; predicted
  rows on labelled article pairs that match no ``1`` row are false alarms. Predictions
  on article pairs outside the set are ignored. Per part (article pairs are split
  tune/untouched).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.scores import Scores, score_rows

MEASURE = "reuse"
UNIT = "reused passage pair"
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.9


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return min(a1, b1) - max(a0, b0)


def oriented(predicted: pd.DataFrame, doc_a: str) -> list[tuple[int, int, int, int]]:
    """Predicted spans of one article pair as ``(a0, a1, b0, b1)`` with ``a`` = ``doc_a``."""
    out = []
    for r in predicted.itertuples(index=False):
        if r.source_doc == doc_a:
            out.append((r.source_start, r.source_end, r.echo_start, r.echo_end))
        else:
            out.append((r.echo_start, r.echo_end, r.source_start, r.source_end))
    return out


def pair_scores(labels: pd.DataFrame, spans: list[tuple[int, int, int, int]]) -> Scores:
    """Hits, false alarms and misses of the predicted ``spans`` on one labelled article pair."""
    gold = [
        (int(r.a_start), int(r.a_end), int(r.b_start), int(r.b_end))
        for r in labels.itertuples(index=False)
        if r.label == "1"
    ]
    used: set[int] = set()
    tp = 0
    for g in gold:
        for k, p in enumerate(spans):
            if k in used:
                continue
            longer = max(g[1] - g[0], p[1] - p[0])
            if _overlap(g[0], g[1], p[0], p[1]) >= 0.5 * longer and _overlap(*g[2:], *p[2:]) > 0:
                used.add(k)
                tp += 1
                break
    return Scores(tp=tp, fp=len(spans) - tp, fn=len(gold) - tp)


def reuse_scores(labels: pd.DataFrame, reuse: pd.DataFrame) -> dict[str, Scores]:
    """Scores per part of a :func:`~bqw_research.textstat.textstat_reuse` table against the set."""
    key = reuse.apply(lambda r: frozenset((r["source_doc"], r["echo_doc"])), axis=1)
    by_part: dict[str, Scores] = {"tune": Scores(0, 0, 0), "untouched": Scores(0, 0, 0)}
    for _, pair in labels.groupby("pair_id", sort=True):
        doc_a, doc_b, part = pair.iloc[0][["doc_a", "doc_b", "part"]]
        predicted = reuse[key == frozenset((doc_a, doc_b))] if len(reuse) else reuse
        by_part[part] = by_part[part] + pair_scores(pair, oriented(predicted, doc_a))
    return by_part


def evaluate_reuse(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Validity rows of :func:`~bqw_research.textstat.textstat_reuse`, per part.
    Matching rule: module docstring."""
    from bqw_research.textstat.reuse import textstat_reuse

    labels = label_set(MEASURE)
    corpus = tables["corpus"]
    if "folder" in corpus.columns:
        corpus = corpus[corpus["folder"] == "corpus-dev"]
    reuse = textstat_reuse(corpus, earliest_source=False)
    return score_rows(
        MEASURE,
        UNIT,
        reuse_scores(labels, reuse),
        target_precision=TARGET_PRECISION,
        target_recall=TARGET_RECALL,
        n_articles=len(set(labels["doc_a"]) | set(labels["doc_b"])),
    )
