"""The reuse evaluator's matching rule: same article pair, spans overlapping by half the longer span."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.evaluation.reuse import oriented, pair_scores, reuse_scores

LABELS = pd.DataFrame(
    {
        "pair_id": ["p1", "p1", "p2"],
        "doc_a": ["省委会议", "省委会议", "天气"],
        "doc_b": ["汕头落实", "汕头落实", "汕头落实"],
        "a_start": ["100", "300", ""],
        "a_end": ["160", "330", ""],
        "b_start": ["40", "500", ""],
        "b_end": ["100", "530", ""],
        "label": ["1", "0", "0"],
        "part": ["tune", "tune", "untouched"],
    }
)


def reuse_row(source, echo, s0, s1, e0, e1):
    return {"source_doc": source, "echo_doc": echo, "source_start": s0, "source_end": s1,
            "echo_start": e0, "echo_end": e1}  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "tp", "fp", "fn"),
    [
        ([reuse_row("省委会议", "汕头落实", 100, 160, 40, 100)], 1, 0, 0),  # exact
        ([reuse_row("汕头落实", "省委会议", 40, 100, 105, 165)], 1, 0, 0),  # other order
        ([reuse_row("省委会议", "汕头落实", 100, 125, 40, 65)], 0, 1, 1),  # a fragment
        ([reuse_row("省委会议", "汕头落实", 100, 400, 40, 340)], 0, 1, 1),  # far too long
        ([reuse_row("省委会议", "汕头落实", 300, 330, 500, 530)], 0, 1, 1),  # boilerplate row
        ([], 0, 0, 1),
    ],
)
def test_matching_rule(rows, tp, fp, fn):
    predicted = pd.DataFrame(rows, columns=list(reuse_row("", "", 0, 0, 0, 0)))
    scores = pair_scores(LABELS[LABELS["pair_id"] == "p1"], oriented(predicted, "省委会议"))
    assert (scores.tp, scores.fp, scores.fn) == (tp, fp, fn)


def test_predictions_on_a_random_pair_are_false_alarms_and_others_ignored():
    predicted = pd.DataFrame(
        [
            reuse_row("天气", "汕头落实", 0, 30, 0, 30),
            reuse_row("其他", "汕头落实", 0, 30, 0, 30),  # pair not in the set
        ]
    )
    by_part = reuse_scores(LABELS, predicted)
    assert (by_part["untouched"].fp, by_part["tune"].fn) == (1, 1)
