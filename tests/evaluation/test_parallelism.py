"""排比 evaluator: the matching rule on hand-made rows, and the figures on the labelled set."""

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.evaluation import EVALUATORS, Scores
from bqw_research.evaluation.parallelism import (
    evaluate_parallelism,
    parallelism_predictions,
    parallelism_scores,
)


def _rows(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["sentence_text", "label", "part"]).assign(
        article="a", note=""
    )


def test_each_row_is_one_binary_item_scored_per_part():
    labels = _rows(
        ("政府有为、市场有效、企业有活力、社会有序。", "1", "tune"),  # TP
        ("推动制造业高端化、智能化、绿色化发展。", "0", "tune"),  # TN: word-level
        ("保障粮食安全、能源安全、产业链供应链安全。", "0", "untouched"),  # TN: category noun
        ("内化于心、外化于行。", "1", "untouched"),  # FN (a pair, mislabelled on purpose)
        ("从农村到城市、从沿海到内地、从东部到西部。", "0", "untouched"),  # FP
    )
    assert parallelism_scores(labels) == {"tune": Scores(1, 0, 0), "untouched": Scores(0, 1, 1)}


def test_a_sentence_group_row_is_one_item_over_its_sentences():
    group = "要坚持稳中求进。要坚持改革创新。要坚持人民至上。"
    labels = _rows((group, "1", "tune"), ("要坚持稳中求进。", "0", "tune"))
    assert parallelism_predictions(labels).tolist() == [True, False]


def test_the_text_is_used_as_stored():
    # no normalisation: the quotation marks stay, the detector reads through them
    labels = _rows(("“劳动最光荣、劳动最崇高、劳动最伟大、劳动最美丽”。", "1", "tune"))
    assert parallelism_scores(labels)["tune"] == Scores(1, 0, 0)


def test_registered_in_the_validity_table():
    assert EVALUATORS["parallelism"] is evaluate_parallelism


@pytest.mark.skipif(
    not config.SHARED_CORPUS_DEV.is_dir(),
    reason="the development corpus (../shared/corpus-dev) is absent",
)
def test_scores_on_the_labelled_set_hold():
    table = evaluate_parallelism().set_index("part")
    assert list(table.index) == ["tune", "untouched", "all"]
    # measured 2026-12-03 with round 4 of the labels, after the round-4 rules
    # (docs/rhetoric.md): tune P 98/109 = 0.899, R 98/107 = 0.916; untouched P 38/44 =
    # 0.864, R 38/56 = 0.679 — recall below issue 12's target of 0.85, so the figures got
    # are the floor.
    assert table.loc["tune", "precision"] >= 0.89 and table.loc["tune", "recall"] >= 0.91
    assert table.loc["untouched", "precision"] >= 38 / 44 - 1e-9
    assert table.loc["untouched", "recall"] >= 38 / 56 - 1e-9
