"""Scoring the quoted-phrase detector: occurrence keys, the matching rule, real figures."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.evaluation.occurrences import part_scores, without_borderline
from bqw_research.evaluation.quoted_phrases import (
    UNIT,
    UNIT_CLEAR,
    evaluate_quoted_phrases,
    predicted_items,
)

SENTS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a"],
        "para_id": [1, 1, 2],
        "sent_id": [1, 2, 1],
        "text": [
            "“五一”假期，各地深入实施“百千万工程”。",
            "以“建功‘十五五’、走好第一方阵”为主题，“十五五”开局。",
            "他说：“我们一定完成任务。”“百千万工程”成效显著。",
        ],
    }
)


def test_items_number_every_span_and_keep_only_coined_ones():
    found = predicted_items(SENTS)
    assert ("a", "五一", 1) not in found  # a holiday
    assert ("a", "百千万工程", 1) in found and ("a", "百千万工程", 2) in found
    # the nested ‘十五五’ is read, and numbered before the later “十五五”
    assert ("a", "十五五", 1) in found and ("a", "十五五", 2) in found
    assert ("a", "我们一定完成任务。", 1) not in found  # reported words


def test_borderline_rows_are_scored_neither_way_in_the_clear_unit():
    labels = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a"],
            "phrase": ["百千万工程", "五一", "焕新"],
            "occurrence": ["1", "1", "1"],
            "label": ["1", "0", "1"],
            "note": ["", "", "borderline: catchword"],
            "part": ["tune", "tune", "tune"],
        }
    )
    clear, border = without_borderline(labels)
    assert border == {("a", "焕新", 1)}
    predicted = [("a", "百千万工程", 1), ("a", "五一", 1), ("a", "焕新", 1)]
    s = part_scores([p for p in predicted if p not in border], clear, column="phrase")["tune"]
    assert (s.tp, s.fp, s.fn) == (1, 1, 0)
    s = part_scores(predicted, labels, column="phrase")["tune"]
    assert (s.tp, s.fp, s.fn) == (2, 1, 0)


@pytest.mark.skipif(
    not config.SHARED_CORPUS_DEV.is_dir(),
    reason=f"development corpus not found at {config.SHARED_CORPUS_DEV}",
)
def test_untouched_part_figures():
    from bqw_research.evaluation.labels import labelled_corpus

    rows = evaluate_quoted_phrases(labelled_corpus()).set_index(["unit", "part"])
    assert set(rows.index.get_level_values("unit")) == {UNIT, UNIT_CLEAR}
    # measured 2026-12-01: tune P 67/76 = 0.882, R 67/68 = 0.985; untouched P 21/36 = 0.583,
    # R 21/21 — far below the 0.85 precision target on the untouched part. 2026-12-03, with the
    # second tune batch (labelled blind, 8 articles): tune P 140/200 = 0.700, R 140/144 = 0.972
    untouched = rows.loc[(UNIT, "untouched")]
    assert untouched["precision"] >= 0.58 and untouched["recall"] >= 1.0
    tune = rows.loc[(UNIT, "tune")]
    assert tune["precision"] >= 0.70 and tune["recall"] >= 0.97
