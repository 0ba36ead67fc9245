"""Leader citations by the codebook: speakers, speech acts and citation edges.

Sentences are from the tune part of the labelled set (data/labels/speakers_and_citations)
or written for the test; each case states the codebook rule it checks.
"""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat import rhetoric as rh
from bqw_research.textstat.rhetoric.speech import plausible_name


def table(*paragraphs: list[str], doc: str = "d") -> pd.DataFrame:
    rows = []
    for p, sentences in enumerate(paragraphs, 1):
        for s, text in enumerate(sentences, 1):
            rows.append((doc, p, s, text))
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "sent_id", "text"])


def acts_of(*paragraphs: list[str]) -> list[tuple[int, int, str, str]]:
    acts = rh.citations(table(*paragraphs))
    return [tuple(r) for r in acts[["para_id", "sent_id", "speaker", "verb"]].values.tolist()]


def edges_of(*paragraphs: list[str]) -> set[tuple[str, str]]:
    edges = rh.citation_chains(table(*paragraphs))
    return set(map(tuple, edges[["speaker", "cited"]].values.tolist()))


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
