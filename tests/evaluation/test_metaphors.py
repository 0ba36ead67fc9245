"""Scoring the metaphor detector: occurrence keys, the matching rule, figures on real text."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.evaluation.metaphors import (
    UNIT,
    UNIT_CLEAR,
    evaluate_metaphors,
    occurrence_keys,
    predicted_items,
)
from bqw_research.evaluation.occurrences import number_occurrences, part_scores

SENTS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a"],
        "para_id": [1, 1, 2],
        "sent_id": [1, 2, 1],
        "text": [
            "俄军继续与乌军作战。",
            "各地打好污染防治攻坚战，奋力拼经济。",
            "大家拼搏奋斗，全力打赢脱贫攻坚战。",
        ],
    }
)


def test_occurrences_are_numbered_per_article_and_string_in_reading_order():
    pairs = [("a", "攻坚"), ("a", "拼"), ("a", "攻坚"), ("b", "攻坚")]
    assert number_occurrences(pairs) == [
        ("a", "攻坚", 1),
        ("a", "拼", 1),
        ("a", "攻坚", 2),
        ("b", "攻坚", 1),
    ]


def test_keys_count_every_lexicon_match_even_those_the_detector_drops():
    keys = occurrence_keys(SENTS, pd.Series(["作战", "攻坚", "拼", "打赢"]))
    assert keys[("a", 1, 1, 7)] == ("a", "作战", 1)
    assert keys[("a", 2, 1, 2)] == ("a", "拼", 2)  # 拼 of 拼搏 is the second 拼
    assert sorted(v for v in keys.values() if v[1] == "攻坚") == [
        ("a", "攻坚", 1),
        ("a", "攻坚", 2),
    ]


def test_the_detector_counts_only_figurative_uses():
    found = predicted_items(SENTS)
    assert ("a", "作战", 1) not in found  # soldiers in combat
    assert ("a", "拼", 1) in found  # 拼经济
    assert ("a", "拼", 2) not in found  # 拼搏 is an ordinary word
    assert {("a", "攻坚", 1), ("a", "攻坚", 2), ("a", "打赢", 1)} <= set(found)


def test_a_hit_a_false_alarm_a_miss_and_outside_articles_ignored():
    labels = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b"],
            "term": ["攻坚", "作战", "拼", "拼"],
            "occurrence": ["1", "1", "1", "1"],
            "label": ["1", "0", "1", "1"],
            "note": ["", "", "", "borderline: x"],
            "part": ["tune", "tune", "tune", "untouched"],
        }
    )
    predicted = [("a", "攻坚", 1), ("a", "作战", 1), ("a", "战役", 1), ("z", "拼", 1)]
    s = part_scores(predicted, labels, column="term")
    # 战役 has no row: a false alarm (every occurrence has a row); z is not in the set
    assert (s["tune"].tp, s["tune"].fp, s["tune"].fn) == (1, 2, 1)
    assert (s["untouched"].tp, s["untouched"].fp, s["untouched"].fn) == (0, 0, 1)


@pytest.mark.skipif(
    not config.SHARED_CORPUS_DEV.is_dir(),
    reason=f"development corpus not found at {config.SHARED_CORPUS_DEV}",
)
def test_untouched_part_figures():
    from bqw_research.evaluation.labels import labelled_corpus

    rows = evaluate_metaphors(labelled_corpus()).set_index(["unit", "part"])
    assert set(rows.index.get_level_values("unit")) == {UNIT, UNIT_CLEAR}
    # measured 2026-12-03 with batch 2: tune P 55/55, R 55/56; untouched P 25/29 = 0.862,
    # R 25/25 (below the 0.9 precision target on the untouched part)
    untouched = rows.loc[(UNIT, "untouched")]
    assert untouched["precision"] >= 25 / 29 - 1e-9 and untouched["recall"] >= 1.0
    tune = rows.loc[(UNIT, "tune")]
    assert tune["precision"] >= 0.9 and tune["recall"] >= 0.9
