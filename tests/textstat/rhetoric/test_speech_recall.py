"""Speech acts and citation edges: the rules added for recall (branch speech-recall).

Every sentence is written for the test in the style of official reporting; each case
names the codebook rule (``speakers_and_citations.md``, version 1) it checks, and the
negative cases show what must stay out (nominal uses, the document's own voice).
"""

from __future__ import annotations

import pytest
from support.speech_tables import acts_of, edges_of

# ------------------------------------------------------------------------- lexicons


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a congratulatory letter read out is relayed words (宣读 is a relay verb)
        (
            [["中共中央政治局委员、中宣部部长王明在开幕式上宣读了习近平主席的贺信。"]],
            {("王明", "习近平")},
        ),
        # …but sending one is the sender's own act, not a citation by anybody
        (
            [["国务院副总理张强表示，习近平主席第一时间致贺信，体现了对两国关系的高度重视。"]],
            set(),
        ),
        # 赞赏 endorses like 赞扬 and 高度评价
        (
            [["总统卡洛斯会见代表团。", "卡洛斯高度赞赏习近平主席提出的全球发展倡议。"]],
            {("卡洛斯", "习近平")},
        ),
        # the provincial committee's and government's expectations, in a speaker's words
        (
            [["市委书记李明强调，要把省委、省政府的殷切期望转化为推动发展的实际行动。"]],
            {("李明", "省委"), ("李明", "省政府")},
        ),
        # a summit whose outcomes are carried out, by its name
        (
            [["秘书长盖瑞表示，阿方愿继续落实首届中阿峰会成果。"]],
            {("盖瑞", "首届中阿峰会")},
        ),
        # a summit only as a date is no source
        ([["秘书长盖瑞表示，首届中阿峰会以来，双方合作不断深化。"]], set()),
    ],
)
def test_lexicon_additions_give_edges(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


def test_transliterated_name_with_tong():
    # 通 is a syllable of the transliteration tables (佩通坦): the name is read after 总理
    paras = [["泰国总理佩通坦今天出席活动。", "佩通坦随后表示，将尊重法院的决定。"]]
    assert acts_of(*paras) == [(1, 2, "佩通坦", "表示")]


# ---------------------------------------------------------------------- speech acts


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 正如X指出 opens with a connective: X speaks
        (
            [["正如习近平总书记深刻指出：“只要我们坚定信心，就一定能够打开新天地！”"]],
            [(1, 1, "习近平", "指出")],
        ),
        # a meeting convened earlier in the same sentence is what 会议 refers to
        (
            [
                [
                    "国务院总理李强主持召开国务院常务会议，会议指出，要稳住外贸外资基本盘。",
                ]
            ],
            [(1, 1, "李强", "主持"), (1, 1, "国务院常务会议", "指出")],
        ),
        # 希望 opening a sentence with no subject carries on the previous speaker's words
        (
            [["国务院副总理张强指出，两国友谊历久弥坚。", "希望双方加强交流，深化务实合作。"]],
            [(1, 1, "张强", "指出")],
        ),
        # …while a reporting verb opening the next sentence is a new act of the same speaker
        (
            [["国务院副总理张强指出，两国友谊历久弥坚。", "强调要加强交流，深化务实合作。"]],
            [(1, 1, "张强", "指出"), (1, 2, "张强", "强调")],
        ),
        # a 对-phrase before 表示 may hold 的
        (
            [["美国资产管理集团某某公司6月30日发布报告，对不断上升的政府债务表示担忧。"]],
            [(1, 1, "美国资产管理集团某某公司", "表示")],
        ),
        # nominal uses stay out: 提出的重要要求, 总书记的嘱托
        (
            [["全市上下要牢记总书记的嘱托，落实省委提出的重要要求。"]],
            [],
        ),
    ],
)
def test_speech_acts_recall_rules(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


def test_presiding_cites_nothing_it_presides():
    # 主持 has no content: the meeting speaking after it is not cited by the presider
    paras = [["国务院总理李强主持召开国务院常务会议，会议指出，要落实党中央决策部署。"]]
    assert edges_of(*paras) == {("国务院常务会议", "党中央")}


def test_home_city_names_a_city_body_without_its_city():
    paras = [
        ["深圳召开大会。", "深圳各区迅速行动。", "深圳市民积极参与。"],
        ["市委宣传部表示，推动党的二十届四中全会精神深入人心。"],
    ]
    assert acts_of(*paras) == [(2, 1, "深圳市委宣传部", "表示")]
    assert edges_of(*paras) == {("深圳市委宣传部", "二十届四中全会")}


def test_no_home_city_when_an_article_names_several():
    paras = [
        ["深圳召开大会。", "广州各区迅速行动。", "佛山市民积极参与。"],
        ["市委宣传部表示，推动党的二十届四中全会精神深入人心。"],
    ]
    assert acts_of(*paras) == [(2, 1, "市委宣传部", "表示")]


# -------------------------------------------------------------- declared meetings


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a meeting whose name declares the relay, led by its city; the declaration is
        # not part of the node
        (
            [
                [
                    "11月14日，韶关市学习贯彻党的二十届四中全会精神省委宣讲团宣讲报告会暨全市领导干部专题研讨班开班式举行。"
                ]
            ],
            {("韶关省委宣讲团宣讲报告会暨全市领导干部专题研讨班开班式", "二十届四中全会")},
        ),
        # the city inside the name (…韶关市委宣讲团…), a venue after the name
        (
            [
                [
                    "11月13日，学习贯彻党的二十届四中全会精神韶关市委宣讲团宣讲报告会在韶关大剧院举行。"
                ]
            ],
            {("韶关市委宣讲团宣讲报告会", "二十届四中全会")},
        ),
        # a city-level meeting whose city the paragraph never names: no node
        (
            [["11月13日，学习贯彻党的二十届四中全会精神市委宣讲团宣讲报告会在市区举行。"]],
            set(),
        ),
        # a named event held, relaying in the next clause
        (
            [
                [
                    "11月28日晚，以“山海相约”为主题的2025年广东海洋文化节在汕尾开幕，深入贯彻落实党的二十届四中全会精神。"
                ]
            ],
            {("2025年广东海洋文化节", "二十届四中全会")},
        ),
        # an event only named inside a relayed source (…出席第十五届全国运动会开幕式重要讲话)
        (
            [
                [
                    "会议强调，要深入学习贯彻习近平总书记视察广东和出席第十五届全国运动会开幕式重要讲话精神。"
                ]
            ],
            set(),
        ),
    ],
)
def test_declared_meetings_relay(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a central document by its title, after its issuers, relayed by the meeting that
        # convened (同时套开…: the convener stays the subject)
        (
            [
                [
                    "11月25日，韶关市委常委会召开会议，传达学习省委常委会会议精神；同时套开全市安全生产委员会会议，传达学习中央办公厅、国务院办公厅《关于全面加强安全生产工作的意见》精神。"
                ]
            ],
            {
                ("韶关市委常委会", "省委常委会"),
                ("韶关市委常委会", "关于全面加强安全生产工作的意见"),
            },
        ),
        # a document the meeting adopts is its own product, not a cited source
        (
            [["韶关市委常委会召开会议，审议通过了《中共韶关市委关于加强基层治理的决定》。"]],
            set(),
        ),
    ],
)
def test_central_documents_by_title(paragraphs, expected):
    assert edges_of(*paragraphs) == expected
