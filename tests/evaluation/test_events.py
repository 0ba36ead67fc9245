"""Scoring the event table: the codebook's matching rule, and its figures on real articles."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.evaluation.events import (
    UNIT,
    UNIT_ACTOR,
    UNIT_CITY,
    UNIT_DATE,
    UNIT_TYPE,
    event_errors,
    event_matches,
    field_accuracy,
    labelled_articles,
    normalise_city,
    sentence_key,
)

SENT_A = "11月28日，广州、深圳等地市委书记第一时间主持会议，专题传达学习，部署贯彻落实，以实际行动交出了第一时间的“广东执行力”。"
SENT_B = "11月28日，广州市委常委会召开会议，套开市委理论学习中心组学习会。"
SENT_C = "日前，清远市委书记殷昭举到清城区石角镇龙塘镇调研督导“百千万工程”。"


def _labels(rows):
    cols = ["article", "sentence", "date_start", "city", "actor", "type"]
    return pd.DataFrame(rows, columns=cols)


def _predicted(rows):
    cols = ["doc_id", "sentence", "date_start", "city", "actor", "type"]
    return pd.DataFrame(rows, columns=cols)


LABELS = _labels(
    [
        ("d", SENT_A, "2025-11-28", "广州", "", "meeting"),
        ("d", SENT_A, "2025-11-28", "深圳", "", "meeting"),
        ("d", SENT_B, "2025-11-28", "广州", "郭永航", "meeting"),
        ("d", SENT_B, "2025-11-28", "广州", "郭永航", "study"),
        ("d", SENT_C, "before:2025-12-01", "清远", "殷昭举", "inspection"),
    ]
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("**11月28日**，广州“十五五”", "11月28日，广州十五五"),
        ("\u3000\u300011月 28日_", "11月28日"),
    ],
)
def test_sentence_keys_ignore_spaces_marks_and_quotes(a, b):
    assert sentence_key(a) == sentence_key(b)
    assert len(sentence_key(SENT_A)) == 40


@pytest.mark.parametrize(
    ("city", "norm"),
    [
        ("省", "PROVINCE"),
        ("province", "PROVINCE"),
        ("中央", "CENTRAL"),
        ("广州市", "广州"),
        ("广州", "广州"),
    ],
)
def test_cities_are_normalised(city, norm):
    assert normalise_city(city) == norm


def test_events_match_on_sentence_and_city_as_multisets():
    predicted = _predicted(
        [
            (
                "d",
                SENT_A + "会议指出",
                "2025-11-28",
                "广州市",
                "",
                "meeting",
            ),  # same key; 深圳 missed
            ("d", SENT_B, "2025-11-28", "广州", "郭永航", "meeting"),
            ("d", SENT_C, "", "清远", "殷昭举", "inspection"),
            ("d", SENT_C, "", "省", "", "other"),  # a false alarm
        ]
    )
    s = event_matches(predicted, LABELS)
    # 套开 needs two rows for (B, 广州): one predicted → one matched, one missed
    assert (s.tp, s.fp, s.fn) == (3, 1, 2)
    errors = event_errors(predicted, LABELS)
    assert sorted(errors["side"]) == ["labelled", "labelled", "predicted"]


def test_the_same_sentence_in_another_article_does_not_match():
    predicted = _predicted([("other", SENT_C, "", "清远", "", "inspection")])
    assert event_matches(predicted, LABELS).tp == 0


def test_field_accuracy_on_matched_sentences():
    predicted = _predicted(
        [
            ("d", SENT_A, "2025-11-27", "广州", "", "meeting"),  # wrong date
            ("d", SENT_B, "2025-11-28", "广州", "郭永航", "meeting"),
            ("d", SENT_B, "2025-11-28", "广州", "", "study"),
            ("d", SENT_C, "", "清远", "殷昭举", "other"),  # wrong type
        ]
    )
    acc = field_accuracy(predicted, LABELS)
    # dates: two labelled A rows wrong, two B rows right; the before: row is not scored
    assert (acc[UNIT_DATE].tp, acc[UNIT_DATE].fp) == (2, 2)
    # cities: 深圳 of sentence A was not predicted
    assert (acc[UNIT_CITY].tp, acc[UNIT_CITY].fp) == (4, 1)
    assert (acc[UNIT_TYPE].tp, acc[UNIT_TYPE].fp) == (3, 1)
    assert (acc[UNIT_ACTOR].tp, acc[UNIT_ACTOR].fp) == (3, 0)


@pytest.mark.parametrize(("predicted_rows", "tp", "city_right"), [(6, 6, 6), (3, 3, 3), (7, 6, 6)])
def test_a_list_of_named_embassies_is_matched_row_by_row(predicted_rows, tp, city_right):
    # codebook D14: 中国驻A、B……等国使领馆也举办招待会 is one CENTRAL row per named embassy
    sentence = "连日来，我驻卡塔尔、巴林、也门、波兰、日本、多哥等国使馆也举办了国庆招待会等活动。"
    labels = _labels([("n", sentence, "before:2025-10-05", "CENTRAL", "", "other")] * 6)
    predicted = _predicted([("n", sentence, "", "中央", "", "other")] * predicted_rows)
    scores = event_matches(predicted, labels)
    assert (scores.tp, scores.fp, scores.fn) == (tp, predicted_rows - tp, 6 - tp)
    assert field_accuracy(predicted, labels)[UNIT_CITY].tp == city_right


def test_the_labelled_articles_include_those_without_events():
    articles = labelled_articles()
    labels = pd.read_csv(
        config.LABELS_DIR / "events" / "events.tsv",
        sep="\t",
        dtype=str,
        keep_default_na=False,
        quoting=3,
    )
    assert set(labels["article"]) < set(articles["article"])
    assert (articles.groupby("part").size() == pd.Series({"tune": 41, "untouched": 18})).all()
    assert articles["n_events"].astype(int).sum() == len(labels)


#: Figures measured on the untouched part (batches 1, 3, 6 and 7) after the ninth round
#: (docs/events.md): event F1 0.846 (88 of 95 predicted, 88 of 113 labelled: below the 0.9
#: target), date 62/62, city 88/90, type 87/88.
UNTOUCHED_MIN = {
    UNIT: ("f1", 2 * 88 / (95 + 113)),
    UNIT_DATE: ("accuracy", 1.0),
    UNIT_CITY: ("accuracy", 88 / 90),
    UNIT_TYPE: ("accuracy", 87 / 88),
}


@pytest.mark.slow
def test_untouched_figures_do_not_fall_below_those_reported():
    from bqw_research.evaluation import labelled_corpus
    from bqw_research.evaluation.events import evaluate_events

    try:
        tables = labelled_corpus()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    if not config.SHARED_CORPUS.is_dir():
        pytest.skip(f"sample corpus not found at {config.SHARED_CORPUS}")
    rows = evaluate_events(tables)
    untouched = rows[rows["part"] == "untouched"].set_index("unit")
    for unit, (column, floor) in UNTOUCHED_MIN.items():
        assert untouched.loc[unit, column] >= floor - 1e-9, unit
