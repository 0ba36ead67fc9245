"""Issue 12's regional rules: levels kept apart, venues, look-alike names, leaders, pairings,
whole-word themes and rates per 10,000 Han characters (real sentences or close to them)."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat import regions as R


def paras(*texts: str, doc_id: str = "d1", section: str | list[str] = "") -> pd.DataFrame:
    sections = section if isinstance(section, list) else [section] * len(texts)
    return pd.DataFrame(
        {
            "doc_id": doc_id,
            "para_id": range(1, len(texts) + 1),
            "section": sections,
            "text": list(texts),
        }
    )


# ------------------------------------------------------------------ place names, whole words


@pytest.mark.parametrize(
    "text",
    [
        "表示2026年将继续扩大在乌克兰东北部苏梅州和哈尔科夫州的“安全区”",  # Sumy, Ukraine
        "中国式现代化必定对法治中国建设提出更高要求。",  # 高 + 要求, not 高要
        "要把握所提出的高标准、高要求，使两者良性互动",
        "推动西南山区特色农业发展",  # 西南 + 山区, not 南山区
        "澳大利亚南澳大利亚州州长访华",  # South Australia, not 南澳县
        "山西五台山景区游客如织",  # not 台山市
        "中国南极中山站完成越冬考察",  # Antarctic station, not 中山市
        "英德两国领导人举行会谈",  # Britain and Germany, not 英德市
    ],
)
def test_look_alikes_name_no_guangdong_place(text):
    assert R.find_places(text) == []


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        ("梅州市委书记陈敏到兴宁调研", ["梅州市", "梅州市"]),
        ("深圳市南山区科技园", ["深圳市", "深圳市"]),
        ("台山市海宴镇", ["江门市"]),
        ("前海加快打造深港深度融合发展引领区", ["深圳市", "深圳市"]),
        ("横琴粤澳深度合作区实有澳资企业7189家", ["珠海市"]),
        ("高要区推进百千万工程", ["肇庆市"]),
    ],
)
def test_real_place_names_still_found(text, cities):
    assert [m.city for m in R.find_places(text)] == cities


def test_every_look_alike_contains_the_name_it_hides():
    table = R.lookalikes()
    assert {"string", "contains", "kind", "note", "source"} <= set(table.columns)
    assert all(c in s for s, c in zip(table["string"], table["contains"], strict=True))
    assert table["source"].str.len().gt(0).all()


# ------------------------------------------------------------------ levels and venues


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("中共中央政治局10月28日召开会议，中共中央总书记习近平主持会议。", "central"),
        ("习近平总书记在广东考察时强调，广东要增创新优势、实现新突破。", "province"),
        ("11月27日，中国共产党广东省第十三届委员会第七次全体会议在广州召开。", "province"),
        ("省委常委会召开会议，省委书记黄坤明主持会议。", "province"),
    ],
)
def test_central_and_provincial_levels_are_kept_apart(text, level):
    out = R.attribute_paragraphs(paras(text))
    assert out["level"].tolist() == [level]
    assert out["city"].isna().all()


@pytest.mark.parametrize(
    "text",
    [
        "第137届广交会将于4月15日至5月5日在广州分三期举办。",
        "全省市厅级主要领导干部专题研讨班开班式在广州举行。",
    ],
)
def test_a_venue_alone_gives_no_city_but_stays_mentioned(text):
    out = R.attribute_paragraphs(paras(text))
    assert out["city"].isna().all()
    assert out["mentioned"].iloc[0] == ["广州市"]


def test_provincial_festival_venue_does_not_outweigh_province_in_heading():
    heads = R.attribute_sections(
        paras("本届广交会展览总面积155万平方米。", section="第137届广交会将在广州分三期举办")
    )
    assert heads["city"].isna().all()


def test_city_meeting_keeps_its_city_when_it_quotes_national_leaders():
    df = paras(
        "11月11日，深圳市委常委会召开扩大会议，市委书记孟凡利主持会议。",
        "会议指出，习近平总书记亲临广东视察，出席十五运会开幕式并宣布运动会开幕。",
    )
    assert R.attribute_paragraphs(df)["city"].tolist() == ["深圳市", "深圳市"]


def test_city_reaction_outweighs_one_quoted_instruction():
    df = paras(
        "习近平总书记在广东考察时强调，做好广东工作，必须加强党的领导。"
        "习近平总书记的重要讲话在深圳党员干部中引发热烈反响。为深圳长期健康稳定高质量发展提供坚强保证。",
        section="深圳社科专家：以走在前列的担当坚定不移挑好大梁",
    )
    assert R.attribute_paragraphs(df)["city"].tolist() == ["深圳市"]


def test_a_leader_name_is_not_a_mention():
    df = paras(
        "汕头市委书记温湛滨、韶关市委书记陈少荣作交流发言。",
        "温湛滨强调，要坚持党的全面领导；陈少荣强调，要坚持正确用人导向。",
    )
    assert R.attribute_paragraphs(df)["mentioned"].iloc[1] == []


def test_one_route_name_gives_its_first_city():
    out = R.attribute_paragraphs(paras("秋阳夕照，伶仃洋面浮光跃金，深中通道如银龙入海。"))
    assert out[["city", "mentioned"]].values.tolist() == [["深圳市", ["中山市"]]]


# ------------------------------------------------------------------ leaders with 一/先 in their name


@pytest.mark.parametrize(
    ("first", "second", "city"),
    [
        ("阳江市委书记卢一先主持会议。", "卢一先强调，要抓好百千万工程。", "阳江市"),
        ("阳江市委书记卢一先，市长谭海涛出席。", "卢一先指出，要久久为功。", "阳江市"),
        ("珠海市委书记陈勇说，要奋进十五五。", "陈勇强调，要展现新担当。", "珠海市"),
    ],
)
def test_leader_names_are_learned_with_their_city(first, second, city):
    out = R.attribute_paragraphs(paras(first, "（本报讯）", second))
    assert out["city"].iloc[2] == city


# ------------------------------------------------------------------ headings


def test_section_headings_are_attributed_in_document_order():
    df = paras(
        "全会召开后，各地迅速传达。",
        "市委常委会传达学习全会精神。",
        "市委常委会召开会议。",
        "市委常委会召开会议。",
        section=["", "深圳", "佛山", "深圳"],
    )
    heads = R.attribute_sections(df)
    assert list(heads.columns) == R.SECTION_COLUMNS
    assert heads[["section_no", "section", "city", "level"]].values.tolist() == [
        [2, "深圳", "深圳市", "city"],
        [3, "佛山", "佛山市", "city"],
        [4, "深圳", "深圳市", "city"],
    ]


# ------------------------------------------------------------------ pairings


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("深圳南山—江门合作产业园正式揭牌，首批项目签约落地。", ("深圳市", "江门市")),
        ("广州与梅州共建的广梅产业园新增投产项目12个。", ("广州市", "梅州市")),
    ],
)
def test_cooperation_parks_are_pairing_cues(text, pair):
    edges = R.textstat_pairings(paras(text))
    assert {tuple(sorted(p)) for p in zip(edges["source"], edges["target"], strict=True)} >= {
        tuple(sorted(pair))
    }
    assert set(edges["relation"]) == {"pairing"}


# ------------------------------------------------------------------ themes, whole words, Han rates


def _themes_of(text: str) -> pd.DataFrame:
    df = paras(text)
    att = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "para_id": [1],
            "city": ["广州市"],
            "region": ["珠三角"],
            "level": ["city"],
            "mentioned": [[]],
        }
    )
    out = R.textstat_themes(att, df)
    return out[out["group"] == "广州市"].set_index("theme")


@pytest.mark.parametrize(
    ("text", "theme", "n"),
    [
        ("要积极增创新优势、实现新突破。", "reform_innovation", 0),
        ("推动科技创新和产业创新深度融合。", "reform_innovation", 3),  # 科技, 创新, 创新
        ("省生态环境厅召开会议。", "ecology", 0),
        ("加强生态保护，建设美丽广州。", "ecology", 1),
        ("持续优化营商环境。", "ecology", 0),
    ],
)
def test_theme_terms_match_whole_words_only(text, theme, n):
    assert _themes_of(text).loc[theme, "n"] == n


def test_theme_rates_are_per_10k_han_characters():
    out = _themes_of("推动科技创新，2025年增长12.5%。")
    assert out["chars"].iloc[0] == 9  # 推动科技创新 + 年增长: digits and punctuation left out
    assert out.loc["reform_innovation", "per_10k"] == pytest.approx(2 / 9 * 10_000)
