"""Dates of reported activities: calendar days, ranges, relative words, the year rule."""

from __future__ import annotations

import datetime as dt

import pytest

from bqw_research.textstat.events import find_event_date

PUBLISHED = dt.date(2025, 12, 1)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("11月20日，广州市委召开省级老同志座谈会。", "2025-11-20", "", "day"),
        ("11月18日下午，江门市委常委会召开会议。", "2025-11-18", "", "day"),
        (
            "11月20日至21日，茂名市委书记率茂名市党政代表团来珠考察交流。",
            "2025-11-20",
            "2025-11-21",
            "range",
        ),
        (
            "而在11月19日下午和20日上午，广东省委开了一场工作务虚会。",
            "2025-11-19",
            "2025-11-20",
            "range",
        ),
        (
            "中央代表团各分团27至28日在新疆多地看望慰问各族干部群众。",
            "2025-11-27",
            "2025-11-28",
            "range",
        ),
        ("29日，国务院总理李强在京会见朝鲜外相崔善姬。", "2025-11-29", "", "day"),
        ("今天（9月29日）上午，国务院新闻办举行发布会。", "2025-09-29", "", "day"),
        (
            "怎么做好这件“美”事？2023年9月22日，全省生态环境保护大会在广州召开。",
            "2023-09-22",
            "",
            "day",
        ),
        ("2022年12月，广东省委十三届二次全会召开。", "2022-12", "", "month"),
        ("2022年，广东省委十三届二次全会作出决定。", "2022", "", "year"),
        ("今年7月，省委书记黄坤明到肇庆调研。", "2025-07", "", "month"),
        ("今天，某地召开会议。", "2025-12-01", "", "day"),
        ("上周，汕头市委召开会议。", "2025-11-24", "2025-11-30", "week"),
        (
            "日前，清远市委书记殷昭举到清城区石角镇调研督导“百千万工程”。",
            "",
            "2025-12-01",
            "before publication",
        ),
    ],
)
def test_dates_are_resolved_against_publication(text, start, end, precision):
    date = find_event_date(text, PUBLISHED)
    assert (date.start, date.end, date.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "published", "start"),
    [
        # a December event reported in January belongs to the year before
        ("12月30日，省委常委会召开会议。", dt.date(2026, 1, 5), "2025-12-30"),
        ("1月3日，省委常委会召开会议。", dt.date(2026, 1, 5), "2026-01-03"),
        # a bare day after the publication day is in the month before
        ("30日，市委书记主持召开会议。", dt.date(2025, 12, 2), "2025-11-30"),
    ],
)
def test_the_year_and_month_never_fall_after_publication(text, published, start):
    assert find_event_date(text, published).start == start


def test_without_publication_the_year_stays_unknown():
    date = find_event_date("11月20日至21日，茂名市党政代表团来珠考察交流。", None)
    assert (date.start, date.end, date.precision) == ("XXXX-11-20", "XXXX-11-21", "range")
    assert find_event_date("日前，某市召开会议。", None).end == ""


@pytest.mark.parametrize(
    "text",
    [
        "国庆中秋8天假期，全社会跨区域人员流动量将达23.6亿人次。",
        "全省57个县（市）实现地区生产总值17877.01亿元、增长3.6%。",
    ],
)
def test_numbers_that_are_not_dates_give_no_date(text):
    assert not find_event_date(text, PUBLISHED).is_known


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("是2022年12月广东省委十三届二次全会提出的", "2022-12"),
        ("要在2022年12月底前完成", ""),  # a deadline inside a clause, not before an actor
    ],
)
def test_a_month_counts_only_opening_a_clause_or_before_an_actor(text, start):
    assert find_event_date(text, dt.date(2025, 11, 10)).start == start
