"""The numbered-formulae evaluator: the codebook's key, matching and scoring rules."""

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.evaluation import EVALUATORS
from bqw_research.evaluation.numbered_formulae import (
    FormulaScores,
    evaluate_numbered_formulae,
    formula_key,
    keys_match,
    matched_rows,
    row_keys,
    score_article,
)

#: Untouched-part figures reached when the detector was finished (checked once, at the end).
UNTOUCHED_MIN_PRECISION = 0.92
UNTOUCHED_MIN_RECALL = 0.94  # 0.96 before the shared 成语 dictionary (docs/rhetoric.md)


def rows(*items: tuple[str, str, str]) -> pd.DataFrame:
    """Labelled rows from ``(surface, canonical, note)``."""
    return pd.DataFrame(items, columns=["surface", "canonical", "note"])


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("四个意识", "4个意识"),
        ("二个维护", "2个维护"),
        ("两个维护", "2个维护"),
        ("“１３１０”", "1310"),
        ("１＋１＋９", "1+1+9"),
        ("4x4", "4×4"),
        ("一中心、四板块、一网格", "1中心4板块1网格"),
        ("二十条", "20条"),
        ("十四五", "十四五"),  # not a well-formed number: left as it is
        ("百千万工程", "百千万工程"),
        ("双碳", "双碳"),
        ("两个N%", "2个n%"),
        ("“1+N”", "1+n"),
    ],
)
def test_formula_key_normalises_as_the_codebook_says(text, key):
    assert formula_key(text) == key


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("1310具体部署", "1310", True),  # digit code + 4 non-numeral characters
        ("十大工程", "民生十大工程", True),
        ("双循环", "国内国际双循环", True),
        ("四个意识", "4个意识", True),
        ("两个", "两个维护", False),  # the shorter key is numeral + classifier only
        ("十大", "十大工程", False),
        ("两个维护", "两个维护两个确立", False),  # the longer key adds numerals
        ("八项规定", "深入贯彻中央八项规定精神", False),  # adds more than 4 characters
    ],
)
def test_keys_match_exactly_or_by_containment(a, b, match):
    assert keys_match(formula_key(a), formula_key(b)) is match


def test_an_exact_match_wins_over_containment():
    labelled = rows(("三保", "三保", ""), ("三保障", "三保障", ""))
    assert matched_rows(formula_key("三保"), row_keys(labelled)) == [0]
    assert matched_rows(formula_key("三保障"), row_keys(labelled)) == [1]


def test_surfaces_separated_by_bars_are_all_keys():
    labelled = rows(("能耗双控 | 碳排放双控", "双控", ""))
    assert row_keys(labelled)[0] == {"能耗双控", "碳排放双控", "双控"}
    assert matched_rows("碳排放双控", row_keys(labelled)) == [0]


def test_grey_rows_are_neither_hits_nor_misses_nor_false_alarms():
    labelled = rows(
        ("一带一路", "一带一路", "quoted"),
        ("双碳云脑", "双碳", "grey: only inside a platform name"),
    )
    s = score_article(["一带一路", "双碳", "两会"], labelled)
    # 双碳 matches only the grey row (neutral), 两会 matches nothing (spurious)
    assert s == FormulaScores(tp=1, fp=1, fn=0, correct=1)
    assert s.precision == 0.5
    assert s.recall == 1.0


def test_two_predictions_of_one_row_are_both_correct():
    labelled = rows(("国内国际两个市场、两种资源", "两个市场两种资源", "one slogan"))
    s = score_article(["两个市场两种资源", "国内国际两个市场两种资源"], labelled)
    assert (s.tp, s.fp, s.fn, s.correct) == (1, 0, 0, 2)


def test_predictions_are_deduplicated_by_key():
    labelled = rows(("四个意识", "四个意识", ""))
    s = score_article(["四个意识", "“四个意识”", "4个意识"], labelled)
    assert (s.tp, s.fp, s.correct) == (1, 0, 1)


def test_every_prediction_in_an_article_without_rows_is_spurious():
    s = score_article(["一带一路", "1310"], rows())
    assert (s.tp, s.fp, s.fn, s.correct) == (0, 2, 0, 0)
    assert s.recall != s.recall  # nothing to find: recall undefined (NaN)


def test_missed_rows_count_against_recall():
    labelled = rows(("两个确立", "两个确立", ""), ("两个维护", "两个维护", ""))
    s = score_article(["两个确立"], labelled)
    assert (s.tp, s.fn) == (1, 1)


def test_scores_add_up_with_correct_predictions():
    total = FormulaScores(2, 1, 0, correct=3) + FormulaScores(1, 0, 2, correct=1)
    assert total == FormulaScores(3, 1, 2, correct=4)
    assert total.precision == pytest.approx(4 / 5)


def test_the_evaluator_is_registered():
    assert EVALUATORS["numbered_formulae"] is evaluate_numbered_formulae


def test_untouched_scores_reach_the_figures_reported():
    if not config.SHARED_CORPUS_DEV.is_dir():
        pytest.skip(f"development corpus not found at {config.SHARED_CORPUS_DEV}")
    from bqw_research.evaluation import labelled_corpus

    table = evaluate_numbered_formulae(labelled_corpus()).set_index("part")
    assert table.loc["untouched", "precision"] >= UNTOUCHED_MIN_PRECISION
    assert table.loc["untouched", "recall"] >= UNTOUCHED_MIN_RECALL
    assert table.loc["tune", "precision"] >= 0.9 and table.loc["tune", "recall"] >= 0.9
    assert table.loc["all", "n_articles"] == 46
