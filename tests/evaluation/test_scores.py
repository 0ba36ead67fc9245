import math

import pandas as pd
import pytest

from bqw_research.evaluation import Scores, binary_scores, score_rows, set_scores


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ([("d1", "两个维护"), ("d1", "四个意识")], [("d1", "两个维护")], Scores(1, 1, 0)),
        ([("d1", "双碳")], [("d1", "双碳"), ("d2", "三农")], Scores(1, 0, 1)),
        # counted as multisets: one label, two predictions → one hit, one false alarm
        ([("d1", "一带一路")] * 2, [("d1", "一带一路")], Scores(1, 1, 0)),
        ([], [("d1", "八项规定")], Scores(0, 0, 1)),
    ],
)
def test_set_scores_counts_hits_false_alarms_and_misses(predicted, gold, expected):
    assert set_scores(predicted, gold) == expected


def test_binary_scores_on_aligned_series():
    s = binary_scores(pd.Series([1, 1, 0, 0]), pd.Series([1, 0, 1, 0]))
    assert (s.tp, s.fp, s.fn) == (1, 1, 1)
    assert s.precision == 0.5 and s.recall == 0.5 and s.f1 == 0.5


def test_rates_are_nan_without_predictions_or_labels():
    assert math.isnan(Scores(0, 0, 3).precision)
    assert math.isnan(Scores(0, 2, 0).recall)


def test_score_rows_adds_the_total_of_the_parts():
    rows = score_rows(
        "排比", "sentence", {"tune": Scores(8, 2, 2), "untouched": Scores(4, 0, 1)}, n_articles=5
    )
    assert list(rows["part"]) == ["tune", "untouched", "all"]
    total = rows.set_index("part").loc["all"]
    assert (total.tp, total.fp, total.fn) == (12, 2, 3)
    assert total.precision == pytest.approx(12 / 14)
    assert set(rows["n_articles"]) == {5}


def test_writing_some_measures_keeps_the_other_measures_rows(tmp_path):
    from bqw_research.evaluation import read_validity, write_validity

    path = tmp_path / "validity.csv"
    write_validity(
        pd.concat(
            [
                score_rows("idioms", "idiom per article", {"tune": Scores(5, 1, 1)}),
                score_rows("parallelism", "sentence", {"tune": Scores(3, 0, 2)}),
            ]
        ),
        path,
    )
    write_validity(score_rows("parallelism", "sentence", {"tune": Scores(4, 0, 1)}), path)
    table = read_validity(path=path)
    assert list(dict.fromkeys(table["measure"])) == ["idioms", "parallelism"]  # EVALUATORS order
    par = table[(table["measure"] == "parallelism") & (table["part"] == "tune")]
    assert par["tp"].tolist() == [4]
    assert table[table["measure"] == "idioms"]["tp"].tolist() == [5, 5]  # tune and all, kept


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (8, 10, 0.490, 0.943),  # Wilson 95 %: (0.4902, 0.9433)
        (10, 10, 0.722, 1.0),  # all hits: the interval is not degenerate
        (0, 10, 0.0, 0.278),
        (95, 100, 0.888, 0.978),
    ],
)
def test_wilson_interval(k, n, low, high):
    from bqw_research.evaluation import wilson_interval

    lo, hi = wilson_interval(k, n)
    assert lo == pytest.approx(low, abs=1e-3) and hi == pytest.approx(high, abs=1e-3)
    assert lo <= k / n <= hi


def test_wilson_interval_of_nothing_is_undefined():
    from bqw_research.evaluation import wilson_interval

    assert all(math.isnan(x) for x in wilson_interval(0, 0))


def test_stored_validity_has_intervals_of_precision_and_recall(tmp_path):
    from bqw_research.evaluation import read_validity, write_validity

    path = tmp_path / "validity.csv"
    write_validity(
        score_rows("reuse", "reused passage pair", {"untouched": Scores(10, 6, 2)}), path
    )
    header = path.read_text(encoding="utf-8").splitlines()[1]
    assert "precision_low" in header and "recall_high" in header
    row = read_validity(path=path).iloc[0]
    assert row["precision_low"] == pytest.approx(0.386, abs=1e-3)
    assert row["precision_ci"] == "0.39–0.82" and row["recall_ci"] == "0.55–0.95"
