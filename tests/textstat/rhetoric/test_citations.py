"""Leader citations: speakers found by pattern, speech acts and citation chains."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat import rhetoric as rh


def table(*paragraphs: list[str], doc: str = "d") -> pd.DataFrame:
    rows = []
    for p, sentences in enumerate(paragraphs, 1):
        for s, text in enumerate(sentences, 1):
            rows.append((doc, p, s, text))
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "sent_id", "text"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("省委书记黄坤明出席会议并讲话。", [("黄坤明", "省委书记")]),
        ("广州市委书记郭永航主持会议并讲话。", [("郭永航", "市委书记")]),
        ("珠海市委副书记、市长吴泽桐对代表团表示欢迎。", [("吴泽桐", "市长")]),
        ("东莞市委书记韦皓前往中堂镇。", [("韦皓", "市委书记")]),
        ("习近平总书记视察广东时充分肯定。", [("习近平", "总书记")]),
        ("推动城市长远发展。", []),  # 市长 inside 城市长远 is not a title + name
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


def test_speech_acts_with_speakers():
    df = table(
        ["省委书记黄坤明出席会议并讲话。", "黄坤明指出，要深入实施“百千万工程”。"],
        ["东莞市委书记韦皓前往中堂镇调研。", "韦皓走访企业，强调要以“百千万工程”为引领。"],
        ["汕头市委常委会召开会议。", "会议强调，要认真践行人民城市理念。"],
        ["珠海市长吴泽桐对代表团一行表示欢迎。"],
    )
    acts = rh.citations(df)
    got = acts[["para_id", "speaker", "verb"]].values.tolist()
    assert got == [[1, "黄坤明", "指出"], [2, "韦皓", "强调"], [3, "会议", "强调"]]
    # 表示欢迎 is a greeting, not reported speech


def test_citation_chain_edges():
    df = table(
        [
            "清远市委书记殷昭举调研，强调要深入学习贯彻习近平总书记重要讲话精神，按照省委“1310”具体部署，加力实施“百千万工程”。"
        ],
        ["会议强调，要以法治保障发展。", "全市上下要认真贯彻习近平法治思想，落实省委部署。"],
    )
    edges = rh.citation_chains(df)
    got = sorted(map(tuple, edges[["speaker", "cited", "cited_kind"]].values.tolist()))
    assert got == [
        ("会议", "习近平", "person"),
        ("会议", "省委", "institution"),
        ("殷昭举", "习近平", "person"),
        ("殷昭举", "省委", "institution"),
    ]


def test_textstat_citations_counts_per_speaker():
    df = table(["省委书记黄坤明出席会议。", "黄坤明指出，要实干。", "黄坤明强调，要落实。"])
    out = rh.textstat_citations(df)
    row = out.set_index("speaker").loc["黄坤明"]
    assert row["n_acts"] == 2
    assert row["verbs"] == "强调×1 指出×1"
    assert row["title"] == "省委书记"
