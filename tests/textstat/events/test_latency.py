"""Response latency: earliest report wins, cities with none, the year of undated articles."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.events import event_visits, textstat_response_latency, trigger_days


def _events(rows):
    cols = [
        "doc_id",
        "para_id",
        "sent_id",
        "sentence",
        "date_start",
        "date_precision",
        "level",
        "city",
        "type",
        "counterpart",
    ]
    return pd.DataFrame(rows, columns=cols)


EVENTS = _events(
    [
        (
            "b",
            3,
            1,
            "11月18日，佛山市委书记唐屹峰到三水区宣讲习近平总书记视察广东重要讲话精神。",
            "2025-11-18",
            "day",
            "city",
            "佛山",
            "lecture",
            "",
        ),
        (
            "a",
            5,
            1,
            "11月13日，佛山市委书记唐屹峰到禅城区宣讲习近平总书记视察广东重要讲话精神。",
            "2025-11-13",
            "day",
            "city",
            "佛山",
            "lecture",
            "",
        ),
        (
            "a",
            6,
            1,
            "11月20日，广州市委召开座谈会，学习贯彻视察广东重要讲话精神。",
            "2025-11-20",
            "day",
            "city",
            "广州",
            "meeting",
            "",
        ),
        (
            "a",
            7,
            1,
            "11月21日，汕头市委常委会召开会议。",
            "2025-11-21",
            "day",
            "city",
            "汕头",
            "meeting",
            "",
        ),
        (
            "a",
            8,
            1,
            "日前，清远市委书记调研视察广东精神落实情况。",
            "",
            "before publication",
            "city",
            "清远",
            "inspection",
            "",
        ),
        (
            "a",
            9,
            1,
            "11月1日，茂名市委召开会议，传达视察广东精神。",
            "2025-11-01",
            "day",
            "city",
            "茂名",
            "meeting",
            "",
        ),
        (
            "c",
            1,
            1,
            "11月20日至21日，茂名市党政代表团来珠考察交流，对接视察广东精神。",
            "XXXX-11-20",
            "range",
            "city",
            "茂名",
            "delegation",
            "珠海",
        ),
    ]
)


def test_each_citys_earliest_referring_activity_across_round_ups():
    lat = textstat_response_latency(
        EVENTS, trigger="2025-11-07", end="2025-11-08", terms=["视察广东"]
    )
    cities = lat[lat["kind"] == "city"].set_index("group")
    assert len(cities) == 21
    assert cities.loc["佛山", "first_date"] == "2025-11-13" and cities.loc["佛山", "days"] == 5
    assert cities.loc["佛山", "doc_id"] == "a"
    assert cities.loc["广州", "days"] == 12
    # 汕头 names no trigger term; 清远 has no day; 茂名's 11-01 meeting came before it
    assert not cities.loc[["汕头", "清远"], "responded"].any()
    assert cities.loc["茂名", "first_date"] == "2025-11-20" and cities.loc["茂名", "year_assumed"]


def test_region_rows_summarise_the_cities():
    lat = textstat_response_latency(
        EVENTS, trigger=("2025-11-07", "2025-11-08"), terms=["视察广东"]
    )
    prd = lat[(lat["kind"] == "region") & (lat["group"] == "珠三角")].iloc[0]
    assert (prd.n_responded, prd.n_cities, prd.days, prd.median_days) == (2, 9, 5.0, 8.5)


def test_without_terms_every_later_activity_answers():
    lat = textstat_response_latency(EVENTS, trigger="2025-11-07")
    assert lat.set_index("group").loc["汕头", "responded"]


def test_an_event_row_can_be_the_trigger():
    first, last = trigger_days({"date_start": "2025-11-07", "date_end": "2025-11-08"})
    assert (first.isoformat(), last.isoformat()) == ("2025-11-07", "2025-11-08")


def test_an_empty_event_table_gives_21_silent_cities():
    lat = textstat_response_latency(EVENTS.iloc[0:0], trigger="2025-11-07")
    assert (~lat.loc[lat["kind"] == "city", "responded"]).all()


def test_who_visits_whom():
    assert event_visits(EVENTS).values.tolist() == [["茂名市", "珠海市", 1, "delegation"]]


@pytest.mark.parametrize(
    ("trigger", "end"), [("XXXX-11-07", None), ("11月7日", None), ("2025-11-08", "2025-11-07")]
)
def test_a_trigger_without_calendar_days_is_refused(trigger, end):
    with pytest.raises(ValueError, match="trigger"):
        trigger_days(trigger, end)
