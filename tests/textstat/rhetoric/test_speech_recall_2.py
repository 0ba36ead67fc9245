"""Speech acts and citation edges: the rules of the second recall round (branch
speech-recall-2).

Every sentence is written for the test in the style of official reporting; each case
names the codebook rule (``speakers_and_citations.md``, version 1) it checks, with
negative cases for what must stay out.
"""

from __future__ import annotations

import pytest
from support.speech_tables import edges_of
from support.speech_tables import speakers_of as acts_of

# ------------------------------------------------- a quotation, then its attribution


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a one-sentence quotation, then a sentence that is only speaker and verb
        (
            [
                [
                    "“我们将深入学习贯彻习近平总书记重要讲话精神，加快补齐农村基础设施短板。”",
                    "市交通运输局有关负责人表示。",
                ]
            ],
            {("市交通运输局", "习近平")},
        ),
        # a quotation over two sentences, a central speaker nested in it
        (
            [
                [
                    "“习近平总书记强调，要把乡村振兴作为新时代‘三农’工作总抓手。",
                    "我们将按照省委部署要求，把产业做强做优。”",
                    "镇党委书记李文华说。",
                ]
            ],
            {("李文华", "习近平"), ("李文华", "省委")},
        ),
        # the quotation is the new speaker's words, not the previous speaker's continuation
        (
            [
                [
                    "市委书记王建国主持会议并讲话。",
                    "“要认真落实党的二十届四中全会精神，奋力推动高质量发展。”",
                    "区委书记赵明说。",
                ]
            ],
            {("赵明", "二十届四中全会")},
        ),
        # an attribution that says something of its own is not bare: the quote stays unowned
        (
            [
                [
                    "“要认真落实党的二十届四中全会精神。”",
                    "区委书记赵明表示，下一步将加快项目建设。",
                ]
            ],
            set(),
        ),
        # a quotation interrupted by narration is not one whole quotation
        (
            [
                [
                    "“要认真落实党的二十届四中全会精神。”",
                    "会上，各部门交流了经验。",
                    "区委书记赵明说。",
                ]
            ],
            set(),
        ),
    ],
)
def test_quotation_before_a_bare_attribution(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


# ------------------------------------------------------ a name run into a lead-in


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a bold lead-in merged with the paragraph: the known name after it speaks
        (
            [
                [
                    "市委党校教授陈明远：让改革开放的旗帜更加鲜艳陈明远说，改革开放是决定当代中国命运的关键一招。"
                ]
            ],
            {(1, 1, "陈明远")},
        ),
        # 习近平总书记 after a lead-in, with 在…时 before the verb
        (
            [["产业升级按下快进键习近平总书记在广东考察时强调，要加快发展新质生产力。"]],
            {(1, 1, "习近平")},
        ),
        # the name is the object of a verb before it: no act
        (
            [["各方普遍支持习近平主席提出的全球发展倡议，愿同中方加强合作。"]],
            set(),
        ),
        # 受…嘱托 and a nominal 重要讲话 after the name: no act
        (
            [["受习近平总书记嘱托，中央代表团看望慰问各族干部群众。"]],
            set(),
        ),
        (
            [["现场观众认真聆听了习近平总书记重要讲话，深受鼓舞。"]],
            set(),
        ),
        # a clause whose subject is a document or a place does not take a run-in name
        (
            [["该片全景记录习近平主席主持峰会的历史时刻。"]],
            set(),
        ),
    ],
)
def test_name_run_into_a_lead_in(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


# ------------------------------------------- 中方 after an aside in a readout


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # an aside on the heads of state ends the run; 中方 resumes the Chinese speaker
        (
            [
                [
                    "在会见蒙古国客人时，国务院副总理张国强表示，中蒙是山水相连的好邻居。",
                    "习近平主席同蒙古国总统多次会晤，为两国关系发展指明了方向。",
                    "中方愿同蒙方一道，落实好两国元首重要共识，推动中蒙关系不断向前发展。",
                ]
            ],
            {("张国强", "中蒙两国元首重要共识")},
        ),
        # the partner named in the sentence (同塔方) names the consensus
        (
            [
                [
                    "在会见塔吉克斯坦客人时，全国政协副主席刘为民说，两国友谊源远流长。",
                    "中方愿同塔方一道，落实好两国元首重要共识。",
                ]
            ],
            {("刘为民", "中塔两国元首重要共识")},
        ),
        # a foreign speaker's paragraph: 中方 is no voice of theirs
        (
            [
                [
                    "白俄罗斯外长鲁坚科表示，白方高度重视发展对华关系。",
                    "习近平主席同卢卡申科总统多次举行会晤。",
                    "中方愿同白方一道，落实好两国元首重要共识。",
                ]
            ],
            {("中方", "中白两国元首重要共识")},
        ),
        # 中方 in a new paragraph, with no speaker before it, stays 中方
        (
            [
                ["外交部部长王毅表示，中方愿同各方加强合作。"],
                ["中方愿同文方一道，落实好两国元首重要共识。"],
            ],
            {("中方", "中文两国元首重要共识")},
        ),
    ],
)
def test_china_side_resumes_the_speaker(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


# ------------------------------------------- a city leader speaking for the city


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 韶关将… right after 韶关's secretary speaks: his commitment, a continuation
        (
            [
                [
                    "韶关市委书记王新华指出，生态是韶关最大的优势。",
                    "韶关将认真落实党的二十届四中全会精神，加快建设绿色发展示范区。",
                ]
            ],
            {("王新华", "二十届四中全会")},
        ),
        # another city as subject: the reporter's narration, the run ends
        (
            [
                [
                    "韶关市委书记王新华指出，生态是韶关最大的优势。",
                    "清远将认真落实党的二十届四中全会精神，加快建设绿色发展示范区。",
                ]
            ],
            set(),
        ),
        # the city without 将 (韶关召开…): the run ends
        (
            [
                [
                    "韶关市委书记王新华指出，生态是韶关最大的优势。",
                    "韶关各级党组织认真落实党的二十届四中全会精神。",
                ]
            ],
            set(),
        ),
    ],
)
def test_city_leader_speaks_for_the_city(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


# ----------------------------------------------------- the national legislature


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 全国人大及其常委会 is a named body: it relays what it takes as guidance
        (
            [
                [
                    "过去一年，全国人大及其常委会坚持以习近平新时代中国特色社会主义思想为指导，"
                    "以有效监督推动党中央决策部署贯彻落实。"
                ]
            ],
            {("全国人大及其常委会", "习近平"), ("全国人大及其常委会", "党中央")},
        ),
        # deputies are people, not the body
        (
            [["全国人大代表们认真学习贯彻习近平总书记重要讲话精神。"]],
            set(),
        ),
        # a part of the organ (委员长会议, 机关) is not the organ
        (
            [["全国人大常委会机关认真学习贯彻习近平总书记重要讲话精神。"]],
            set(),
        ),
    ],
)
def test_national_legislature_relays(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


# ------------------------------------------- 大臣 titles; 据X…的消息 is no subject


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a minister styled 大臣, alone or in a chain joined by 兼
        (
            [["英国财政大臣罗伯茨表示，两国经贸合作潜力巨大。"]],
            {(1, 1, "罗伯茨")},
        ),
        (
            [["某国首相兼外交大臣哈米德在会上表示，各方应尽快停火。"]],
            {(1, 1, "哈米德")},
        ),
        # 据X…的消息: X is the source; the country after it is the subject, no act of X's
        (
            [
                [
                    "丹麦外交大臣拉斯穆森当天出席会议。",
                    "据拉斯穆森会后发布的消息，丹麦已向美方提出，希望尽快举行会谈。",
                ]
            ],
            set(),
        ),
        # 据X介绍 still makes X the speaker
        (
            [["据市农业农村局局长黄志强介绍，今年全市粮食播种面积稳中有增。"]],
            {(1, 1, "黄志强")},
        ),
    ],
)
def test_minister_titles_and_according_to(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


# ------------------------------------------------ 他/她 across paragraphs


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # the person named in the paragraph before: 他 resolves
        (
            [
                ["市委书记张卫东到企业调研。"],
                ["他强调，要加快推进产业转型升级。"],
            ],
            {(2, 1, "张卫东")},
        ),
        # a paragraph about someone else (unnamed or untitled) in between: no stale antecedent
        (
            [
                ["市委书记张卫东到企业调研。"],
                ["今年以来，全市工业投资同比增长12%。"],
                ["一位年轻的车间主任正在调试设备，他表示，订单已经排到了年底。"],
            ],
            set(),
        ),
    ],
)
def test_pronouns_reach_one_paragraph_back(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


# ------------------------------------------------- bodies joined as 等N部门


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a central body closed by 等N部门 speaks in the clause after it
        (
            [
                [
                    "今天，全国总工会等12部门联合部署开展夏季送清凉活动，要求各地切实保障户外劳动者权益。"
                ]
            ],
            {(1, 1, "全国总工会")},
        ),
        # several listed bodies speak together
        (
            [["近日，国家体育总局、全国妇联等5部门联合印发通知，要求广泛开展全民健身活动。"]],
            {(1, 1, "国家体育总局"), (1, 1, "全国妇联")},
        ),
        # no speech verb: no act
        (
            [["全国总工会等12部门联合开展夏季送清凉活动。"]],
            set(),
        ),
        # a listed part that is no body name: no subject
        (
            [["各有关方面等多个部门联合开展检查，要求立即整改。"]],
            set(),
        ),
    ],
)
def test_bodies_closed_by_departments(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


# --------------------------------------------------- 双方: the other party relays


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 双方就落实…进行交流: the visitor and the host named after 与 both relay
        (
            [
                [
                    "12月2日，韶关市委书记王新华带队拜访省交通运输厅，与省交通运输厅党组书记、厅长陈志强座谈，"
                    "双方就认真落实省委十三届七次全会部署要求进行交流。"
                ]
            ],
            {("王新华", "省委十三届七次全会"), ("陈志强", "省委十三届七次全会")},
        ),
        # no 双方: only the subject relays
        (
            [
                [
                    "12月2日，韶关市委书记王新华带队拜访省交通运输厅，与省交通运输厅党组书记、厅长陈志强座谈，"
                    "就认真落实省委十三届七次全会部署要求进行交流。"
                ]
            ],
            {("王新华", "省委十三届七次全会")},
        ),
    ],
)
def test_both_parties_relay(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


# --------------------------------------- after an adverb, an organ is no subject


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 高度评价上合组织…，强调…: the representatives (unnamed) speak, not 评价上合组织
        (
            [
                [
                    "多国代表在会上发言，高度评价上合组织峰会成果，强调习近平主席提出的全球治理倡议顺应时代潮流。"
                ]
            ],
            set(),
        ),
        # without the adverb the organ opens the clause and speaks
        (
            [["上合组织表示，各方高度评价峰会成果。"]],
            {(1, 1, "上合组织")},
        ),
    ],
)
def test_no_organ_after_an_adverb(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


# ------------------------------------------- a meeting held is no source cited


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 召开A、B: the meetings are events the speaker holds, not words relayed
        (
            [
                [
                    "习近平总书记强调，十年来先后召开中央城镇化工作会议、中央城市工作会议，谋划城市发展。"
                ]
            ],
            set(),
        ),
        # …but a meeting's 精神 after 召开的 is relayed
        (
            [["市委书记李明强调，要认真贯彻近日召开的中央城市工作会议精神。"]],
            {("李明", "中央城市工作会议")},
        ),
        # and a meeting relayed without 召开 stays a source
        (
            [["市委书记李明强调，要全面落实中央经济工作会议部署。"]],
            {("李明", "中央经济工作会议")},
        ),
    ],
)
def test_a_meeting_held_is_no_source(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


# ------------------------------------------- 党中央关于…的战略部署


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 党中央关于…的(战略)部署 is the centre's decisions, cited
        (
            [["省委书记王明强调，要深入落实党中央关于推动新时代西部大开发的战略部署。"]],
            {("王明", "党中央")},
        ),
        # 中共中央关于…的建议 is a document's title, not the node 党中央
        (
            [["省委书记王明强调，要深入学习中共中央关于制定国民经济和社会发展规划的建议。"]],
            set(),
        ),
    ],
)
def test_central_decisions_on_a_topic(paragraphs, expected):
    assert edges_of(*paragraphs) - {("王明", "中央十五五规划建议")} == expected


# ------------------------------------------- a numbered central meeting: 会议 relays


def test_chairpersons_meeting_is_the_meeting_that_relays():
    paragraphs = [
        [
            "政协第十四届全国委员会第四十次主席会议10日在京召开。",
            "全国政协主席李华主持并讲话。",
        ],
        ["会议传达学习贯彻习近平总书记近期重要讲话和重要指示精神。"],
    ]
    assert edges_of(*paragraphs) == {("全国政协主席会议", "习近平")}
    # with no meeting named before, 会议 names nobody
    assert edges_of(paragraphs[1]) == set()


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a Party group (党组) is a named body that relays
        (
            [["中共水利部党组10日召开会议，传达学习习近平总书记重要讲话精神。"]],
            {("中共水利部党组", "习近平")},
        ),
        # 党组 inside a longer phrase after the subject: still one body
        (
            [["各级党组要认真学习习近平总书记重要讲话精神。"]],
            set(),
        ),
    ],
)
def test_party_groups_relay(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


def test_title_in_brackets_before_a_name():
    paragraphs = [
        [
            "省委党校（省行政学院）常务副校长（副院长）刘志明表示，要深入学习贯彻习近平总书记重要讲话精神。"
        ]
    ]
    assert acts_of(*paragraphs) == {(1, 1, "刘志明")}
    assert edges_of(*paragraphs) == {("刘志明", "习近平")}


@pytest.mark.parametrize(
    ("paragraphs", "acts", "edges"),
    [
        # a lecture group whose name declares its relay preaches it
        (
            [
                [
                    "连日来，学习贯彻党的二十届四中全会精神中央宣讲团成员在各地宣讲，并与干部群众互动交流。"
                ]
            ],
            {(1, 1, "中央宣讲团")},
            {("中央宣讲团", "二十届四中全会")},
        ),
        # the group's meeting is a meeting, not the group speaking
        (
            [["学习贯彻党的二十届四中全会精神中央宣讲团动员会在京召开。"]],
            set(),
            set(),
        ),
        # a person's title that declares the relay is no citation by that person
        (
            [
                [
                    "省委宣讲团成员、市委书记、学习贯彻党的二十届四中全会精神市委宣讲团团长张明作宣讲报告。"
                ]
            ],
            {(1, 1, "张明")},
            set(),
        ),
    ],
)
def test_declared_lecture_groups(paragraphs, acts, edges):
    assert acts_of(*paragraphs) == acts
    assert edges_of(*paragraphs) == edges


def test_politburo_written_in_full_and_lecture_group_as_subject():
    politburo = [
        [
            "中共中央政治局4月25日召开会议，分析研究当前经济形势和经济工作。",
            "会议强调，要深入学习贯彻习近平总书记重要讲话精神。",
        ]
    ]
    assert acts_of(*politburo) == {(1, 2, "中央政治局")}
    assert edges_of(*politburo) == {("中央政治局", "习近平")}
    # a member's title is no meeting
    member = [["中共中央政治局委员、市委书记王明表示，要认真落实党中央决策部署。"]]
    assert acts_of(*member) == {(1, 1, "王明")}
    group = [["中央宣讲团围绕学习贯彻党的二十届四中全会精神，在当地作了宣讲。"]]
    assert edges_of(*group) == {("中央宣讲团", "二十届四中全会")}


def test_an_institutions_name_is_no_decision_cited():
    paragraphs = [["市委书记王明强调，党中央决策议事协调机构要准确把握职责定位。"]]
    assert edges_of(*paragraphs) == set()
