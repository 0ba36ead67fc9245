"""Leader citations by the codebook: speakers, speech acts and citation edges.

Sentences are from the tune part of the labelled set (data/labels/speakers_and_citations)
or written for the test; each case states the codebook rule it checks.
"""

from __future__ import annotations

import pytest
from support.speech_tables import acts_of, edges_of, table

from bqw_research.textstat import rhetoric as rh
from bqw_research.textstat.rhetoric.speech import plausible_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("省委书记黄坤明出席会议并讲话。", [("黄坤明", "省委书记")]),
        ("广州市委书记郭永航主持会议并讲话。", [("郭永航", "市委书记")]),
        # a title chain is kept whole, without the place at its start
        ("珠海市委副书记、市长吴泽桐对代表团表示欢迎。", [("吴泽桐", "市委副书记、市长")]),
        ("东莞市委书记韦皓前往中堂镇。", [("韦皓", "市委书记")]),
        ("习近平总书记视察广东时充分肯定。", [("习近平", "总书记")]),
        ("汕尾市委书记逯峰来到陆河县上护镇。", [("逯峰", "市委书记")]),  # rare surname 逯
        ("塞尔维亚国民议会副议长拉古什表示。", [("拉古什", "国民议会副议长")]),  # transliterated
        ("推动城市长远发展。", []),  # 市长 inside 城市长远 is not a title + name
        ("深入学习贯彻总书记重要讲话精神。", [("习近平", "总书记")]),  # no 习贯彻
        ("轮值主席国今天宣布。", []),  # 主席国 is a word, no name follows
    ],
)
def test_person_mentions(text, expected):
    found = [(m.name, m.title) for m in rh.find_mentions(text) if m.kind == "person"]
    assert found == expected


def test_bare_name_resolved_after_title():
    known: dict[str, str] = {}
    rh.find_mentions("省委书记黄坤明出席会议并讲话。", known=known)
    later = rh.find_mentions("黄坤明指出，要深入实施。", known=known)
    assert [(m.name, m.title, m.start) for m in later] == [("黄坤明", "省委书记", 0)]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 主持 and …并讲话 are speech acts; one row per sentence and speaker, verbs joined
        ([["省委书记黄坤明主持会议并讲话。"]], [(1, 1, "黄坤明", "主持+讲话")]),
        # 作报告 / 作说明 with a delegated subject (代表省委常委会): the person speaks
        (
            [["省委书记黄坤明代表省委常委会作报告，并就有关文件稿向全会作说明。"]],
            [(1, 1, "黄坤明", "作报告+作说明")],
        ),
        # 说 with a quotation, 说道 = 说, the subject kept across a clause (提及…时说道)
        (
            [["总书记在视察期间，提及此前视察过的清远、湛江时说道：“我很关心这些地方。”"]],
            [(1, 1, "习近平", "说")],
        ),
        # 会议 resolves to the meeting just reported, with its place (never a bare 会议)
        (
            [["11月10日下午，梅州市委常委会召开扩大会议。", "会议强调，要坚定信心。"]],
            [(1, 2, "梅州市委常委会", "强调")],
        ),
        # the city of a bare 市委常委会 comes from the paragraph
        (
            [
                [
                    "深圳始终以“先行示范”标准扛起责任。",
                    "市委常委会召开扩大会议，明确要求，高水平编制规划。",
                ]
            ],
            [(1, 2, "深圳市委常委会", "要求")],
        ),
        # nominal uses are no acts: …提出的重要要求, 总书记的嘱托, 重要讲话精神
        ([["要落实习近平总书记提出的重要要求，牢记总书记的嘱托。"]], []),
        ([["深入学习贯彻习近平总书记重要讲话精神。"]], []),
        # places, the document's own voice and unnamed speakers never speak
        ([["广东立即部署，强调全省上下要统一思想。"]], []),
        ([["我们要认真学习领会，专家认为要加快发展。"]], []),
        # a document as subject is not a speaker (党的二十届三中全会《决定》提出)
        ([["党的二十届三中全会《决定》提出“健全推进机制”。"]], []),
        # a named plenum is a body speaker
        ([["党的二十届三中全会指出，要积极应对人口老龄化。"]], [(1, 1, "二十届三中全会", "指出")]),
        # named bodies by their organ ending; 据X称 and 俄国防部 = 俄罗斯国防部
        (
            [
                [
                    "据洛杉矶警方称，抗议活动持续。",
                    "俄罗斯国防部称，俄军控制多个居民点。",
                    "俄国防部还称，战斗激烈。",
                ]
            ],
            [
                (1, 1, "洛杉矶警方", "称"),
                (1, 2, "俄罗斯国防部", "称"),
                (1, 3, "俄罗斯国防部", "称"),
            ],
        ),
        # an adverb before an organ ending is no body (精心组织)
        ([["精心组织多层次宣讲，推动全会精神深入人心。"]], []),
        # people sharing one subject each get a row
        (
            [["肇庆市委书记张爱军、潮州市委书记何晓军也分别作市委宣讲团首场主题报告。"]],
            [(1, 1, "张爱军", "作报告"), (1, 1, "何晓军", "作报告")],
        ),
        # 他 and a zero subject take the paragraph's last speaker
        (
            [
                [
                    "11月13日，市委书记陈少荣率队深入企业。",
                    "他强调，要加快发展。",
                    "强调要守住底线。",
                ]
            ],
            [(1, 2, "陈少荣", "强调"), (1, 3, "陈少荣", "强调")],
        ),
    ],
)
def test_speech_acts(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # the content of a speech act (唐屹峰强调，要…贯彻党的二十届四中全会精神)
        (
            [["佛山市委书记唐屹峰强调，全市各级各部门要深入学习贯彻党的二十届四中全会精神。"]],
            {("唐屹峰", "二十届四中全会")},
        ),
        # a relay sentence with a meeting as subject: its sources, normalised to nodes
        (
            [
                [
                    "11月10日下午，省委常委会召开扩大会议，专题传达学习习近平总书记重要讲话重要指示精神。"
                ]
            ],
            {("省委常委会", "习近平")},
        ),
        # a relay with a person as subject (宣讲党的二十届四中全会精神)
        (
            [["11月13日，市委书记唐屹峰到禅城区，宣讲党的二十届四中全会精神。"]],
            {("唐屹峰", "二十届四中全会")},
        ),
        # continuation sentences of the same paragraph carry the speaker on
        (
            [["会议强调，要牢记嘱托。", "要坚决贯彻好落实好党中央各项决策部署。"]],
            set(),  # 会议 with no meeting reported before: no speaker, no edge
        ),
        (
            [
                ["11月10日，省委常委会召开扩大会议。"],
                ["会议强调，要全力以赴。", "要坚决贯彻好落实好党中央各项决策部署。"],
            ],
            {("省委常委会", "党中央")},
        ),
        # a venue is not cited: only 习近平, not the plenum where he spoke
        (
            [
                [
                    "云浮市委书记卢荣春强调，要认真学习贯彻习近平总书记在党的二十届四中全会上的重要讲话精神。"
                ]
            ],
            {("卢荣春", "习近平")},
        ),
        # a loyalty formula names no words (以习近平同志为核心的党中央)
        ([["张三强调，要紧密团结在以习近平同志为核心的党中央周围。"]], set()),
        # a source only as an actor or a date gives no edge
        ([["郭永航指出，习近平总书记亲临广东视察。"]], set()),
        # a bare 全会 resolves to the last plenum the article named
        (
            [["党的二十届四中全会在北京召开。"], ["市委书记庄悦群宣讲全会精神。"]],
            {("庄悦群", "二十届四中全会")},
        ),
        # 省委“1310”具体部署 and 省委、省政府部署要求 are 省委 (and 省政府)
        (
            [
                [
                    "茂名市委书记庄悦群强调，要认真落实省委、省政府部署要求，贯彻落实省委“1310”具体部署。"
                ]
            ],
            {("庄悦群", "省委"), ("庄悦群", "省政府")},
        ),
    ],
)
def test_citation_edges(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


def test_edges_carry_levels_and_the_way_they_were_found():
    edges = rh.citation_chains(
        table(["11月10日，云浮市委书记卢荣春到企业，宣讲党的二十届四中全会精神。"])
    )
    row = edges.iloc[0]
    assert (row["speaker"], row["cited"], row["cited_level"], row["via"]) == (
        "卢荣春",
        "二十届四中全会",
        "中央",
        "speech",
    )
    assert row["speaker_level"] == "市"


@pytest.mark.parametrize(
    ("name", "ok"),
    [("黄坤明", True), ("李强", True), ("普京", True), ("全面", False), ("王毅等", False)],
)
def test_learned_names_pass_a_precision_check(name, ok):
    assert plausible_name(name) is ok


def test_speaker_names_keep_only_titled_names():
    df = table(
        ["深入学习贯彻总书记重要讲话精神，双方联合主席出席。"],
        ["汕尾市委书记逯峰主持会议。", "逯峰强调，要实干。"],
    )
    assert rh.speaker_names(df) == ["逯峰"]


def test_textstat_citations_counts_per_speaker():
    df = table(["省委书记黄坤明出席会议。", "黄坤明指出，要实干。", "黄坤明强调，要落实。"])
    out = rh.textstat_citations(df)
    row = out.set_index("speaker").loc["黄坤明"]
    assert row["n_acts"] == 2
    assert row["verbs"] == "强调×1 指出×1"
    assert row["title"] == "省委书记"


# ------------------------------------------------------- rules added in the second round


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a zero subject after a clause of connectives only keeps the meeting (同时，强调…)
        (
            [
                [
                    "汕头市委常委会召开会议。",
                    "会议强调，要抓好规划编制。",
                    "同时，强调要抓好城乡融合。",
                ]
            ],
            [(1, 2, "汕头市委常委会", "强调"), (1, 3, "汕头市委常委会", "强调")],
        ),
        # …以来 opens a clause only before a comma: 指出…以来 is a verb, not a time phrase
        (
            [
                [
                    "省委书记黄坤明到深圳调研。",
                    "随后，黄坤明来到盐田港，听取规划的介绍，指出盐田港自开发建设以来，转变为大港。",
                ]
            ],
            [(1, 2, "黄坤明", "指出")],
        ),
        (
            [
                [
                    "调研中，省委书记黄坤明充分肯定深圳今年以来各项工作取得的新成绩，指出今年是关键一年。"
                ]
            ],
            [(1, 1, "黄坤明", "肯定+指出")],
        ),
        # the zero subject after a nested act is the outer speaker, not the nested body
        # (a sentence opening with 希望 would be a continuation, no act: test_speech_recall)
        (
            [
                [
                    "汕尾市委书记逯峰表示，省委十三届七次全会对生态环境保护工作提出了新要求。",
                    "强调省生态环境厅要加强指导。",
                ]
            ],
            [
                (1, 1, "逯峰", "表示"),
                (1, 1, "省委十三届七次全会", "提出"),
                (1, 2, "逯峰", "强调"),
            ],
        ),
        # an unnamed official of a named body: the body speaks; 相关负责人 alone is no name
        ([["8日，腾讯有关负责人表示，将加快科技创新。"]], [(1, 1, "腾讯", "表示")]),
        (
            [["国务院新闻办公室今天上午举行新闻发布会，相关负责人介绍了有关情况。"]],
            [(1, 1, "国务院新闻办公室", "介绍")],
        ),
        (
            [["“我们将认真学习贯彻。”", "市建筑工务署有关负责人表示。"]],
            [(1, 2, "市建筑工务署", "表示")],
        ),
        ([["里海管道集团公司29日称，港口遭到袭击。"]], [(1, 1, "里海管道集团公司", "称")]),
        # professional and civil-service titles; 接受/日前 end a two-character name
        ([["深圳市社会科学院政法所副研究员林辰表示，改革是关键。"]], [(1, 1, "林辰", "表示")]),
        ([["国际合作与发展处处长黄郭勇表示，将完善规则。"]], [(1, 1, "黄郭勇", "表示")]),
        ([["规划建设部部长刘媛接受记者采访时表示，合作区是载体。"]], [(1, 1, "刘媛", "表示")]),
        ([["欧洲议会国际贸易委员会主席朗格日前表示，利润来自欧盟。"]], [(1, 1, "朗格", "表示")]),
        (
            [
                [
                    "全国人大常委会委员长赵乐际20日在北京会见越南国会副主席陈光方。",
                    "赵乐际表示，双方要加强交流。",
                ]
            ],
            [(1, 2, "赵乐际", "表示")],
        ),
        # a speech as subject (…在广东考察时的重要讲话) and an unnamed crowd never speak
        (
            [
                [
                    "习近平总书记在广东考察时的重要讲话在深圳引发热烈反响，广大企业家纷纷表示，要干出新业绩。"
                ]
            ],
            [],
        ),
        # a city's theory study group is the meeting that 会议 resolves to
        (
            [
                [
                    "当天，惠州市委理论学习中心组举行学习会，市委书记刘吉主持会议并讲话。",
                    "会议指出，要奋勇前进。",
                ]
            ],
            [(1, 1, "刘吉", "主持+讲话"), (1, 2, "惠州市委中心组", "指出")],
        ),
    ],
)
def test_speech_acts_second_round(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("广东省委书记黄坤明强调，要扎实谋划。", "省委书记"),  # 广东 is the place, 省委 stays
        ("全国人大常委会委员长赵乐际20日在北京会见越南国会副主席陈光方。", "越南国会副主席"),
        ("肇庆市委书记、市指挥部总指挥张爱军主持会议。", "市委书记、市指挥部总指挥"),
    ],
)
def test_title_chains_end_at_the_name(text, title):
    found = rh.find_mentions(text)
    assert found[-1].title == title


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 省委全会 is the last provincial plenum, with 工作 before the noun
        (
            [
                ["中共广东省委十三届七次全会召开。"],
                ["肇庆市委常委会召开会议。", "会议指出，全市上下要全面落实省委全会工作要求。"],
            ],
            {("肇庆市委常委会", "省委十三届七次全会")},
        ),
        # an opening 根据-clause relays to every named subject after it
        (
            [
                ["国务院总理李强作出批示。"],
                [
                    "根据习近平重要指示和李强要求，应急管理部派工作组到现场，甘肃省委主要负责同志在现场调度。"
                ],
            ],
            {
                ("应急管理部", "习近平"),
                ("应急管理部", "李强"),
                ("甘肃省委", "习近平"),
                ("甘肃省委", "李强"),
            },
        ),
        # a city meeting named by its organ (座谈会, 指挥部会议) relays what it studies
        (
            [["11月25日，阳江市副厅级以上老同志座谈会召开，深入学习贯彻党的二十届四中全会精神。"]],
            {("阳江市副厅级以上老同志座谈会", "二十届四中全会")},
        ),
        # a central inspection group by number, invoked by its feedback
        (
            [["省委常委会召开会议。", "会议指出，要深入贯彻落实中央第三巡视组反馈意见。"]],
            {("省委常委会", "中央第三巡视组")},
        ),
    ],
)
def test_citation_edges_second_round(paragraphs, expected):
    assert edges_of(*paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # 会议 after a leader convened a named central meeting: the organ (batch 2, decision 20)
        (
            [
                [
                    "中共中央总书记、国家主席、中央军委主席、中央财经委员会主任习近平7月1日上午主持召开中央财经委员会第六次会议。"
                ],
                ["会议指出，纵深推进全国统一大市场建设，基本要求是统一市场基础制度。"],
            ],
            [(1, 1, "习近平", "主持"), (2, 1, "中央财经委员会", "指出")],
        ),
        (
            [
                ["国务院总理李强12日主持召开国务院常务会议。"],
                ["会议指出，要聚焦企业关切的突出问题。"],
            ],
            [(1, 1, "李强", "主持"), (2, 1, "国务院常务会议", "指出")],
        ),
        # a hyphenated transliterated name, and 他 later in the sentence is that person
        (
            [
                [
                    "伊朗外交部副部长塔赫特-拉万希在接受英媒采访时说，美国必须首先保证，他重申伊朗不会停止铀浓缩。"
                ]
            ],
            [(1, 1, "塔赫特-拉万希", "说+重申")],
        ),
        # a name-first 委员长, and 作了讲话
        (
            [["赵乐际委员长主持闭幕会。"], ["在会议完成有关表决事项后，赵乐际作了讲话。"]],
            [(1, 1, "赵乐际", "主持"), (2, 1, "赵乐际", "讲话")],
        ),
        # a spokesperson after a foreign ministry: the person speaks, not the ministry
        (
            [["俄罗斯外交部发言人扎哈罗娃9日说，美国的决定无助于解决冲突。"]],
            [(1, 1, "扎哈罗娃", "说")],
        ),
    ],
)
def test_convened_meetings_hyphenated_names_name_first_titles(paragraphs, expected):
    assert acts_of(*paragraphs) == expected


def test_evaluation_takes_a_bodys_short_and_full_name_as_one_speaker():
    from bqw_research.evaluation.speakers_and_citations import same_speaker

    assert same_speaker("联合国安理会", "联合国安全理事会")
    assert same_speaker("国务院常务会议", "国务院常务会议")
    assert not same_speaker("国务院常务会议", "常务会议")
