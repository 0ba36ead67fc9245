"""textstat_events on real round-up paragraphs: rows, dates, cities, types, what is left out."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.events import EVENT_COLUMNS, textstat_events


def _corpus(paragraphs: list[str], *, published: str | None = "2025-12-01", sections=None):
    paras = pd.DataFrame(
        {
            "doc_id": "roundup",
            "para_id": range(1, len(paragraphs) + 1),
            "section": sections or [""] * len(paragraphs),
            "text": paragraphs,
        }
    )
    corpus = pd.DataFrame(
        {
            "doc_id": ["roundup"],
            "title": ["广东各地怎么干"],
            "published": [pd.Timestamp(published) if published else pd.NaT],
        }
    )
    return corpus, paras


def _events(paragraphs, **kw):
    corpus, paras = _corpus(paragraphs, **kw)
    return textstat_events(corpus, paragraphs=paras)


def test_a_meeting_with_its_leader_from_the_next_sentence():
    ev = _events(
        ["11月20日，广州市委召开省级老同志座谈会，听取意见建议。广州市委书记郭永航主持会议并讲话。"]
    )
    row = ev.iloc[0]
    assert len(ev) == 1
    assert (row.date_start, row.city, row.level, row.type) == (
        "2025-11-20",
        "广州",
        "city",
        "meeting",
    )
    assert (row.actor, row.actor_title) == ("郭永航", "市委书记")


def test_a_delegation_names_its_counterpart():
    ev = _events(
        ["11月20日至21日，茂名市委书记、市人大常委会主任庄悦群率茂名市党政代表团来珠考察交流。"]
    )
    assert ev[["city", "counterpart", "type", "date_end"]].values.tolist() == [
        ["茂名", "珠海", "delegation", "2025-11-21"]
    ]


def test_named_cities_of_a_list_get_a_row_each():
    ev = _events(
        ["11月28日，广州、深圳、佛山等地市委书记第一时间主持会议，专题传达学习，部署贯彻落实。"]
    )
    assert ev["city"].tolist() == ["广州", "深圳", "佛山"]
    assert set(ev["type"]) == {"meeting"}


def test_a_second_body_convened_at_once_is_a_second_row():
    ev = _events(["11月28日，广州市委常委会召开会议，套开市委理论学习中心组学习会。"])
    assert ev["type"].tolist() == ["meeting", "study"]
    assert ev["sentence"].nunique() == 1


@pytest.mark.parametrize(
    "text",
    [
        "过去一周（11月23—30日），广东各地市纷纷召开市委常委会会议、市委工作务虚会等会议。",
        "会议决定，二十届四中全会将于10月20日至23日在北京召开。",
        "会议强调，要抓好规划编制，11月底前召开专题会议。",
        "12月2日，《广东省人民政府关于实施“百千万工程”的决定》正式发布。",
        "11月28日，深圳地铁16号线二期正式开通运营。",
    ],
)
def test_generic_future_detail_document_and_actorless_statements_are_not_events(text):
    assert _events([text]).empty


def test_an_undated_detail_of_a_reported_visit_is_not_a_second_event():
    ev = _events(
        [
            "11月21日，东莞市委书记韦皓前往中堂镇，宣讲党的二十届四中全会精神。"
            "韦皓前往潢涌村史馆、新时代文明实践站等，调研潢涌历史文化及经济转型情况。"
        ]
    )
    assert len(ev) == 1 and ev.iloc[0].type == "lecture"


def test_a_bare_title_takes_the_city_of_its_section():
    ev = _events(
        ["11月24日，市委书记郭文海到三乡镇，深入乡村基层一线，宣讲党的二十届四中全会精神。"],
        sections=["中山：锚定目标、精准发力"],
    )
    assert ev[["city", "county", "actor"]].values.tolist() == [["中山", "三乡镇", "郭文海"]]


def test_without_publication_the_year_is_unknown():
    ev = _events(["11月21日，汕头市委常委会召开会议。"], published=None)
    assert ev.iloc[0].date_start == "XXXX-11-21"


def test_an_article_without_activities_gives_an_empty_table_with_the_columns():
    ev = _events(["“百千万工程”是一项系统工程，需要久久为功，才能“成色”更足。"])
    assert ev.empty and list(ev.columns) == EVENT_COLUMNS


def test_the_shipped_round_up(seed_corpus):
    ev = textstat_events(seed_corpus)
    assert list(ev.columns) == EVENT_COLUMNS
    assert set(ev["doc_id"]) == {d for d in seed_corpus["doc_id"] if d.startswith("000")}
    visit = ev[ev["type"] == "delegation"].iloc[0]
    assert (visit.city, visit.counterpart, visit.date_start) == ("茂名", "珠海", "XXXX-11-20")
    assert {"中央", "省", "广州", "汕头", "东莞", "佛山", "河源", "江门", "清远"} <= set(ev["city"])
    assert "百千万工程" in "|".join(ev["topics"])
