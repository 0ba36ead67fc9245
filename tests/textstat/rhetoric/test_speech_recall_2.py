"""Speech acts and citation edges: the rules of the second recall round (branch
speech-recall-2).

Every sentence is written for the test in the style of official reporting; each case
names the codebook rule (``speakers_and_citations.md``, version 1) it checks, with
negative cases for what must stay out.
"""

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


def acts_of(*paragraphs: list[str]) -> set[tuple[int, int, str]]:
    acts = rh.citations(table(*paragraphs))
    return set(map(tuple, acts[["para_id", "sent_id", "speaker"]].values.tolist()))


def edges_of(*paragraphs: list[str]) -> set[tuple[str, str]]:
    edges = rh.citation_chains(table(*paragraphs))
    return set(map(tuple, edges[["speaker", "cited"]].values.tolist()))


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
