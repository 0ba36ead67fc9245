"""Scoring a detector against hand labels: precision and recall, the way the notebooks print them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Scores:
    """Counts and rates of a yes/no detector against labels."""

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


def binary_scores(predicted: pd.Series, gold: pd.Series) -> Scores:
    """TP, FP and FN of boolean ``predicted`` against boolean ``gold`` (aligned)."""
    predicted = predicted.astype(bool)
    gold = gold.astype(bool)
    return Scores(
        tp=int((predicted & gold).sum()),
        fp=int((predicted & ~gold).sum()),
        fn=int((~predicted & gold).sum()),
    )
