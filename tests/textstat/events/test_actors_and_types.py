"""Actors (cities, province, centre, leaders, places visited), activity types, statements."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.events import activity_type, activity_types, event_statements
from bqw_research.textstat.events.actors import (
    county_places,
    learn_leaders,
    statement_actors,
    visited_places,
)
from bqw_research.textstat.events.cues import TYPES


@pytest.mark.parametrize(
    ("frame", "level", "city", "name"),
    [
        ("11月28日，梅州市委书记马正勇率队到东莞市", "city", "梅州", "马正勇"),
        ("11月28日，汕尾市委书记逯峰带队拜访省生态环境厅", "city", "汕尾", "逯峰"),
        ("11月14日，阳江市委书记卢一先带队督导检查", "city", "阳江", "卢一先"),
        ("11月26日上午，揭阳全市“百千万工程”现场会在普宁市召开", "city", "揭阳", ""),
        ("11月25日，阳江市副厅级以上老同志座谈会召开", "city", "阳江", ""),
        ("12月12日，由广东省农业农村厅主办的种业博览会在广州开幕", "province", "省", ""),
        ("29日，国务院总理李强在京会见朝鲜外相崔善姬", "central", "中央", ""),
        ("全国人大常委会委员长赵乐际9月28日在北京调研", "central", "中央", "赵乐际"),
    ],
)
def test_the_first_actor_of_a_statement(frame, level, city, name):
    first = statement_actors(frame, {})[0]
    assert (first.level, first.city) == (level, city)
    if name:
        assert first.name == name


@pytest.mark.parametrize(
    "frame",
    [
        "2002年12月，时任浙江省委书记的同志来到宁波调研",
        "由上合组织睦邻友好合作委员会和陕西省人民政府共同主办",
    ],
)
def test_another_provinces_organs_are_not_the_province(frame):
    assert all(a.level != "province" for a in statement_actors(frame, {}))


def test_a_county_government_belongs_to_its_prefecture():
    actors = statement_actors("开幕式上，博罗县人民政府与广东天禾农资股份有限公司签约", {})
    assert (actors[0].city, actors[0].county) == ("惠州", "博罗县")


def test_a_bare_title_learns_its_city_from_the_section_heading():
    known = learn_leaders(["11月24日，市委书记郭文海到三乡镇宣讲。"], ["中山"])
    assert known["郭文海"].city == "中山"


@pytest.mark.parametrize(
    ("frame", "county"),
    [
        ("11月26日，佛山市委书记唐屹峰到顺德区，宣讲", "顺德区"),
        ("11月24日，市委书记郭文海到三乡镇，深入乡村基层一线", "三乡镇"),
        ("11月13日，市委书记唐屹峰到禅城区和南海区，深入企业", "禅城区和南海区"),
        (
            "11月25日上午，揭阳市委书记曾风保到惠来县、大南海石化工业区调研",
            "惠来县、大南海石化工业区",
        ),
        ("11月24日，肇庆市委书记张爱军到市医疗保障局调研", ""),
        ("11月17日至18日，省委书记黄坤明到深圳市，深入港口调研", ""),
    ],
)
def test_the_county_is_copied_as_written(frame, county):
    assert county_places(frame) == county


def test_a_compound_after_a_movement_verb_is_the_place_visited():
    assert [
        c for _, c, _ in visited_places("茂名市委书记庄悦群率茂名市党政代表团来珠考察交流")
    ] == ["珠海"]


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        ("深圳市委工作务虚会暨市委理论学习中心组（扩大）学习会召开", "meeting"),
        ("唐屹峰到顺德区，宣讲党的二十届四中全会精神并调研传统产业转型升级工作", "lecture"),
        ("第七届世界客商大会在广东省梅州市世界客商中心开幕", "other"),
        ("郭永航在穗会见新加坡社会政策统筹部长", "other"),
        ("中共中央政治局9月29日下午就系统推进我国宗教中国化进行第二十二次集体学习", "study"),
        ("云浮市人民政府与温氏食品集团股份有限公司签订框架协议", "signing"),
        ("陈岸明来到新会区大鳌镇新中渡口，调研督导渡运安全工作", "inspection"),
    ],
)
def test_the_type_is_the_first_named_activity(frame, expected):
    assert activity_type(frame).type == expected


def test_a_leader_leading_a_group_to_another_city_is_a_delegation():
    cue = activity_type("马正勇率队到东莞市，积极走访企业洽谈合作", led_to_city=True)
    assert cue.type == "delegation"


def test_the_typology_file_has_every_type_and_a_source_for_each_cue():
    table = activity_types()
    assert set(table["type"]) == set(TYPES)
    assert table["source"].str.len().gt(0).all()


def test_statements_end_only_at_the_full_stop():
    sentences = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "a"],
            "para_id": [1, 1, 1, 2],
            "sent_id": [1, 2, 3, 1],
            "text": [
                "怎么做好这件“美”事？",
                "2023年9月22日，全省生态环境保护大会在广州召开。",
                "黄坤明出席会议。",
                "会议强调，要久久为功",
            ],
        }
    )
    st = event_statements(sentences)
    assert st["text"].tolist() == [
        "怎么做好这件“美”事？2023年9月22日，全省生态环境保护大会在广州召开。",
        "黄坤明出席会议。",
        "会议强调，要久久为功",
    ]
    assert st["sent_id"].tolist() == [1, 3, 1]
