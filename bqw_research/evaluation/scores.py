"""Scoring a detector against hand labels: precision, recall and F1, per part of a set."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Scores:
    """Counts and rates of a detector against labels."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else float("nan")

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def binary_scores(predicted: pd.Series, gold: pd.Series) -> Scores:
    """TP, FP and FN of boolean ``predicted`` against boolean ``gold`` (aligned)."""
    predicted = predicted.astype(bool)
    gold = gold.astype(bool)
    return Scores(
        tp=int((predicted & gold).sum()),
        fp=int((predicted & ~gold).sum()),
        fn=int((~predicted & gold).sum()),
    )


def set_scores(predicted: Iterable[Hashable], gold: Iterable[Hashable]) -> Scores:
    """Scores of two multisets of items (e.g. ``(doc_id, formula)`` pairs).

    An item predicted twice but labelled once is one hit and one false alarm.
    """
    p, g = Counter(predicted), Counter(gold)
    tp = sum((p & g).values())
    return Scores(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


def score_rows(
    measure: str, unit: str, scores_by_part: dict[str, Scores], **extra: object
) -> pd.DataFrame:
    """One row per part (``tune``, ``untouched``, ``all``) in the layout of the validity table.

    ``unit`` says what was counted (``"sentence"``, ``"formula per article"`` …);
    ``extra`` columns (``n_articles``, ``target_precision`` …) are repeated on every row.
    """
    parts = dict(scores_by_part)
    if "all" not in parts and parts:
        total = Scores(0, 0, 0)
        for s in parts.values():
            total = total + s
        parts["all"] = total
    rows = [
        {
            "measure": measure,
            "unit": unit,
            "part": part,
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            **extra,
        }
        for part, s in parts.items()
    ]
    return pd.DataFrame(rows)
