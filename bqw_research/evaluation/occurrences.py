"""Shared pieces of the evaluators that score occurrences (metaphor terms, quoted phrases).

Both labelled sets identify an item by ``(doc_id, string, occurrence)``: the n-th time the
string is found in the article, reading its sentences in ``para_id, sent_id`` order. This
keying survives changes of the detector (which may drop or keep a match) as long as the
inventory of candidate occurrences is the same.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping

import pandas as pd

from bqw_research.evaluation.scores import Scores, score_rows, set_scores

#: The key of one labelled occurrence.
Item = tuple[str, str, int]
PARTS = ("tune", "untouched")


def labelled_sentences(tables: Mapping[str, pd.DataFrame], doc_ids: Iterable[str]) -> pd.DataFrame:
    """Sentences (``doc_id, para_id, sent_id, text``) of the labelled development articles,
    in reading order."""
    sents = tables["sentences"]
    wanted = set(doc_ids)
    rows = sents[sents["doc_id"].isin(wanted) & (sents["folder"] == "corpus-dev")]
    rows = rows.drop_duplicates(["doc_id", "para_id", "sent_id"])
    rows = rows.sort_values(["doc_id", "para_id", "sent_id"], kind="mergesort")
    return rows[["doc_id", "para_id", "sent_id", "text"]].reset_index(drop=True)


def number_occurrences(pairs: Iterable[tuple[str, str]]) -> list[Item]:
    """``(doc_id, string)`` pairs in reading order → ``(doc_id, string, n)`` with ``n`` the
    1-based count of that pair so far."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for doc, s in pairs:
        seen[(doc, s)] = seen.get((doc, s), 0) + 1
        out.append((doc, s, seen[(doc, s)]))
    return out


def gold_items(labels: pd.DataFrame, *, column: str) -> dict[Item, str]:
    """``(doc_id, <column>, occurrence) → label`` of a labelled set."""
    keys = zip(labels["doc_id"], labels[column], labels["occurrence"].astype(int), strict=True)
    return dict(zip(keys, labels["label"], strict=True))


def part_scores(
    predicted: Iterable[Item], labels: pd.DataFrame, *, column: str
) -> dict[str, Scores]:
    """Scores per part: gold = rows labelled ``1``; a prediction in an article of the part
    is a hit when its row is labelled 1, otherwise (row labelled 0, or no row) a false alarm.
    Predictions in articles outside the set are ignored."""
    found = list(predicted)
    out = {}
    for part in PARTS:
        rows = labels[labels["part"] == part]
        docs = set(rows["doc_id"])
        gold: list[Hashable] = [k for k, v in gold_items(rows, column=column).items() if v == "1"]
        out[part] = set_scores([p for p in found if p[0] in docs], gold)
    return out


def without_borderline(labels: pd.DataFrame) -> tuple[pd.DataFrame, set[Item]]:
    """The rows not marked ``borderline:`` and the keys of the borderline ones (which are
    then scored neither way)."""
    border = labels["note"].str.lower().str.startswith("borderline:")
    column = next(c for c in labels.columns if c in ("term", "phrase"))
    keys = set(gold_items(labels[border], column=column))
    return labels[~border], keys


def occurrence_rows(
    measure: str,
    units: tuple[str, str],
    labels: pd.DataFrame,
    predicted: list[Item],
    *,
    column: str,
    target_precision: float,
    target_recall: float,
) -> pd.DataFrame:
    """Validity rows of an occurrence measure: all labelled rows (``units[0]``) and the
    rows without the borderline ones (``units[1]``; predictions of borderline items are
    then neither hits nor false alarms), per part."""
    clear, border = without_borderline(labels)
    extra = {
        "target_precision": target_precision,
        "target_recall": target_recall,
        "n_articles": labels["doc_id"].nunique(),
    }
    return pd.concat(
        [
            score_rows(measure, units[0], part_scores(predicted, labels, column=column), **extra),
            score_rows(
                measure,
                units[1],
                part_scores([p for p in predicted if p not in border], clear, column=column),
                **extra,
            ),
        ],
        ignore_index=True,
    )
