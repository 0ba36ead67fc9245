"""Scoring the idiom detector: the codebook's matching rule, and its figures on real articles."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.evaluation.idioms import (
    UNIT,
    UNIT_CLEAR,
    UNIT_WORST,
    codebook_text,
    evaluate_idioms,
    idiom_scores,
    is_borderline,
    unscored_predictions,
)

LABELS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "a", "b"],
        "idiom": ["因地制宜", "贯彻落实", "久久为功", "实事求是"],
        "label": ["idiom", "not", "idiom", "idiom"],
    }
)


def test_a_hit_a_false_alarm_a_miss_and_an_unscored_prediction():
    predicted = [("a", "因地制宜"), ("a", "贯彻落实"), ("a", "千方百计"), ("b", "实事求是")]
    s = idiom_scores(predicted, LABELS)
    # 千方百计 has no row in a: not scored; 久久为功 was not predicted: a miss
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    worst = idiom_scores(predicted, LABELS, worst_case=True)
    assert (worst.tp, worst.fp, worst.fn) == (2, 2, 1)


def test_a_pair_is_counted_once_however_often_it_is_predicted():
    s = idiom_scores([("a", "因地制宜"), ("a", "因地制宜")], LABELS)
    assert (s.tp, s.fp, s.fn) == (1, 0, 2)


def test_strings_are_compared_exactly_and_per_article():
    # the right string in the wrong article, and a traditional-character form, do not match
    s = idiom_scores([("b", "因地制宜"), ("a", "實事求是")], LABELS)
    assert (s.tp, s.fp, s.fn) == (0, 0, 3)


def test_unscored_predictions_are_listed():
    predicted = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "idiom": ["因地制宜", "千方百计", "千方百计"], "n": [1, 2, 1]}
    )
    out = unscored_predictions(predicted, LABELS)
    assert out.values.tolist() == [["a", "千方百计", 2], ["b", "千方百计", 1]]


@pytest.mark.parametrize(
    ("note", "borderline"),
    [
        ("borderline: listed, but two free words", True),
        ("Borderline: x", True),
        ("", False),
        ("jieba token, >= 2 occurrences", False),
    ],
)
def test_borderline_notes(note, borderline):
    assert is_borderline(note) is borderline


def test_codebook_text_keeps_headings_and_lines_drops_markup():
    markdown = (
        '# 因地制宜推动发展\n\n<iframe\n src="https://example.org/v"\n></iframe>\n'
        "要**千方百计**稳就业，见[实事求是](https://example.org/a)一文。\n千方\n百计"
    )
    text = codebook_text(markdown)
    assert "因地制宜" in text and "千方百计稳就业" in text and "实事求是一文" in text
    assert "example.org" not in text and "iframe" not in text and "*" not in text
    assert text.count("千方百计") == 1  # the last two lines stay apart


def dev_corpus() -> pd.DataFrame:
    """The development folder as the evaluator needs it: doc_id, path, folder."""
    paths = sorted(config.SHARED_CORPUS_DEV.glob("*.md"))
    return pd.DataFrame(
        {"doc_id": [p.stem for p in paths], "path": [str(p) for p in paths], "folder": "corpus-dev"}
    )


@pytest.mark.skipif(
    not config.SHARED_CORPUS_DEV.is_dir(),
    reason=f"development corpus not found at {config.SHARED_CORPUS_DEV}",
)
def test_untouched_part_meets_the_targets():
    rows = evaluate_idioms({"corpus": dev_corpus()}).set_index(["unit", "part"])
    assert set(rows.index.get_level_values("unit")) == {UNIT, UNIT_WORST, UNIT_CLEAR}
    untouched = rows.loc[(UNIT, "untouched")]
    # measured 2026-12-01: P 79/82 = 0.963, R 79/88 = 0.898 (targets 0.9 / 0.8)
    assert untouched["precision"] >= 0.9
    assert untouched["recall"] >= 0.8
    assert rows.loc[(UNIT_WORST, "untouched"), "precision"] >= 0.9
    tune = rows.loc[(UNIT, "tune")]
    assert tune["precision"] >= 0.9 and tune["recall"] >= 0.8
