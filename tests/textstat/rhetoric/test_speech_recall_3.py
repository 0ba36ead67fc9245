"""Speech acts: the rules of the sixth round (batch 3 of the labels, branch speech-batch3).

Every sentence is written for the test in the style of 新华社 / 新闻联播 reporting; each
case names the codebook rule (``speakers_and_citations.md``, version 1) or the labelled
set's decision it checks, with negative cases for what must stay out.
"""

from __future__ import annotations

import pytest
from support.speech_tables import speakers_in

# ------------------------------------------- 通过 ends a name (a preposition of means)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("美国总统特朗普通过社交媒体发文称，美方将对进口汽车加征关税。", {"特朗普"}),
        ("法国总统马克龙通过视频方式发表讲话说，欧洲必须加强自身防务。", {"马克龙"}),
        ("美国总统特朗普称，美方将对进口汽车加征关税。", {"特朗普"}),
        # 通过 as a verb of adoption after a meeting: no person is made of it
        ("会议审议通过了《关于加强基层治理的意见》。", set()),
    ],
)
def test_tongguo_ends_a_name(sentence, expected):
    assert speakers_in(sentence) == expected


# ------------------------------------ armed forces are bodies; a named office-holder wins


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("乌克兰武装部队15日称，过去一天前线地区发生170余次战斗。", {"乌克兰武装部队"}),
        (
            "联合国驻黎巴嫩临时部队14日说，维和人员在“蓝线”附近遭遇开火。",
            {"联合国驻黎巴嫩临时部队"},
        ),
        # the office-holder named after the body speaks, not the body (codebook: named person)
        ("乌克兰武装部队总司令瑟尔斯基9日称，乌军正面临严峻挑战。", {"瑟尔斯基"}),
        ("黎巴嫩真主党领导人卡西姆11日说，真主党不会放下武器。", {"卡西姆"}),
        # an unnamed spokesperson: the body still speaks (codebook: 发言人 of a body)
        ("欧盟委员会发言人20日称，欧盟将继续支持乌克兰。", {"欧盟委员会"}),
        # 有关部队 / 有关方面 are not named bodies
        ("随后，全军有关部队视频汇报，表示坚决完成任务。", set()),
        # 随着 opens an adverbial, not a subject
        (
            "苏丹外交部当天发表声明称，随着苏丹武装部队在前线取得进展，将提出路线图。",
            {"苏丹外交部"},
        ),
    ],
)
def test_armed_forces_and_office_holders(sentence, expected):
    assert speakers_in(sentence) == expected


# ------------------------------- a time word after a one-character organ (局, 部, 署)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("墨西哥国家地震局当天表示，震中位于格雷罗州。", {"墨西哥国家地震局"}),
        ("乌克兰武装部队总参谋部当天称，乌军击退俄军部分进攻。", {"乌克兰武装部队总参谋部"}),
        ("美国地质调查局当地时间3日表示，地震震级为里氏6.1级。", {"美国地质调查局"}),
        # a common word ending in 局 is still no body (格局 / 大局)
        ("发展格局当天表示出新的变化。", set()),
    ],
)
def test_time_word_after_one_character_organ(sentence, expected):
    assert speakers_in(sentence) == expected


# --------------------------------- 检察官 of a named jurisdiction (batch 3 decision 11)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("瑞士瓦莱州检察官2日表示，初步确定火灾由烟花引起。", {"瑞士瓦莱州检察官"}),
        ("法国巴黎检察官当天称，案件已进入司法调查程序。", {"法国巴黎检察官"}),
    ],
)
def test_prosecutor_of_a_jurisdiction(sentence, expected):
    assert speakers_in(sentence) == expected


# -------------------------------------------- a descriptive apposition before the name


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "总部位于法国巴黎的全球性商业组织——国际商会方面7日发表声明说，加征关税带来混乱。",
            {"国际商会方面"},
        ),
        (
            "全球最大的国际组织——联合国15日发表声明称，各方应保持克制。",
            {"联合国"},
        ),
        # a verb before the dash: the description is itself a predicate, nothing is taken
        (
            "报告指出——国际商会方面的数据显示，贸易增速放缓。",
            set(),
        ),
    ],
)
def test_apposition_before_the_speaker(sentence, expected):
    assert speakers_in(sentence) == expected
