"""Speech acts and citation edges: the rules added for recall (branch speech-recall).

Every sentence is written for the test in the style of official reporting; each case
names the codebook rule (``speakers_and_citations.md``, version 1) it checks, and the
negative cases show what must stay out (nominal uses, the document's own voice).
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


def acts_of(*paragraphs: list[str]) -> list[tuple[int, int, str, str]]:
    acts = rh.citations(table(*paragraphs))
    return [tuple(r) for r in acts[["para_id", "sent_id", "speaker", "verb"]].values.tolist()]


def edges_of(*paragraphs: list[str]) -> set[tuple[str, str]]:
    edges = rh.citation_chains(table(*paragraphs))
    return set(map(tuple, edges[["speaker", "cited"]].values.tolist()))


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
