"""Scoring a detector against hand labels: precision, recall and F1, per part of a set."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: z of a two-sided 95 % interval.
Z95 = 1.959964


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


def wilson_interval(k: int, n: int, *, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``k / n`` (95 % by default; NaN when n = 0).

    Unlike ``p ± z·se`` it stays inside [0, 1] and is not degenerate at 0 or n hits, which
    matters for the small labelled parts (10 reused passages, 12 citation edges).
    """
    if n <= 0:
        return float("nan"), float("nan")
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def with_intervals(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` (rows with ``tp``, ``fp``, ``fn``) with the 95 % Wilson intervals of
    precision and recall: ``precision_low``, ``precision_high``, ``recall_low``,
    ``recall_high`` (NaN where the rate is undefined, e.g. accuracy rows; the stored
    table rounds them to three decimals)."""
    out = table.copy()
    counts = out[["tp", "fp", "fn"]].apply(pd.to_numeric, errors="coerce")
    for rate, other in (("precision", "fp"), ("recall", "fn")):
        has = out[rate].notna() if rate in out.columns else pd.Series(False, index=out.index)
        bounds = [
            wilson_interval(int(tp), int(tp + x)) if ok else (np.nan, np.nan)
            for tp, x, ok in zip(counts["tp"], counts[other], has, strict=True)
        ]
        out[f"{rate}_low"] = [b[0] for b in bounds]
        out[f"{rate}_high"] = [b[1] for b in bounds]
    return out


def interval_text(low: float, high: float) -> str:
    """``"0.73–0.94"`` for display (empty when undefined)."""
    return "" if pd.isna(low) or pd.isna(high) else f"{low:.2f}–{high:.2f}"
