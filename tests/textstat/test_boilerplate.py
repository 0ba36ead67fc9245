"""textstat_boilerplate: short paragraphs repeated across documents (a programme's furniture)."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat import BOILERPLATE_COLUMNS, textstat_boilerplate
from bqw_research.textstat.boilerplate import boilerplate_signature


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("男主持人（潘涛）：“各位观众晚上好。”", "男主持人（康辉）：“各位观众晚上好。”"),
        (
            "“今天是12月29号，星期日，农历十一月二十九，欢迎收看《新闻联播》节目。”",
            "“今天是3月5号，星期三，农历二月初六，欢迎收看《新闻联播》节目。”",
        ),
        ("农历乙巳年八月初九", "农历甲辰年十月十五"),
    ],
)
def test_lines_that_differ_only_by_names_numbers_and_dates_share_a_signature(a, b):
    assert boilerplate_signature(a) == boilerplate_signature(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("会议还研究了其他事项。", "会议还审议了其他事项。"),
        ("广州市委召开常委会会议。", "深圳市委召开常委会会议。"),
    ],
)
def test_different_wording_keeps_different_signatures(a, b):
    assert boilerplate_signature(a) != boilerplate_signature(b)


def _toks(docs: dict[str, list[str]]) -> pd.DataFrame:
    """One token per character: enough to re-join each paragraph's text."""
    rows = [
        (doc, para, 1, i, ch)
        for doc, paras in docs.items()
        for para, text in enumerate(paras, start=1)
        for i, ch in enumerate(text)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "sent_id", "token_id", "token"])


def _broadcast(day: int, anchor: str, story: str) -> list[str]:
    return [
        f"男主持人（{anchor}）：“各位观众晚上好。”",
        f"“今天是12月{day}号，星期一，农历十一月初{day % 9 + 1}，欢迎收看《新闻联播》节目。”",
        story,
    ]


def test_the_opening_lines_of_a_series_are_found_and_its_stories_are_not():
    stories = [
        "广东召开全省百千万工程推进会。",
        "梅州推进县域经济高质量发展。",
        "湛江港口吞吐量创新高。",
    ]
    docs = {
        f"xwlb{d}": _broadcast(d, "康辉" if d % 2 else "潘涛", stories[d % 3]) for d in range(6)
    }
    docs["commentary"] = [
        "各位观众晚上好。这是一篇评论的开头，并非节目。",
        "百千万工程要久久为功。",
    ]
    found = textstat_boilerplate(_toks(docs))
    assert list(found.columns) == BOILERPLATE_COLUMNS
    assert set(found["para_id"]) == {1, 2}
    assert set(found["doc_id"]) == {f"xwlb{d}" for d in range(6)}
    assert (found["n_docs"] == 6).all()


@pytest.mark.parametrize(("min_docs", "expected"), [(5, 2), (7, 0)])
def test_a_line_must_recur_in_min_docs_documents(min_docs, expected):
    topics = ["乡村振兴", "港口建设", "产业转移", "绿美广东", "县域经济", "科技创新"]
    docs = {f"d{d}": ["会议还研究了其他事项。", f"会议听取了{topics[d]}的汇报"] for d in range(6)}
    found = textstat_boilerplate(_toks(docs), min_docs=min_docs)
    assert found["text"].nunique() == (1 if expected else 0)
    assert len(found) == (6 if expected else 0)


def test_a_long_repeated_paragraph_is_not_boilerplate():
    long = "坚持以习近平新时代中国特色社会主义思想为指导，" * 5
    docs = {f"d{d}": [long] for d in range(6)}
    assert textstat_boilerplate(_toks(docs)).empty


def test_an_empty_token_table_gives_an_empty_table():
    empty = pd.DataFrame(columns=["doc_id", "para_id", "sent_id", "token_id", "token"])
    assert list(textstat_boilerplate(empty).columns) == BOILERPLATE_COLUMNS


def test_a_single_document_has_no_boilerplate():
    docs = {"d0": ["会议还研究了其他事项。", "会议还研究了其他事项。"]}
    found = textstat_boilerplate(_toks(docs))
    assert found.empty
    assert found["n_docs"].dtype == "int64"


@pytest.mark.parametrize(
    ("n_docs", "min_share", "flagged"), [(100, 0.08, False), (100, 0.07, True)]
)
def test_min_share_can_raise_the_bar_above_min_docs(n_docs, min_share, flagged):
    # the line is in 7 of 100 documents: enough for min_docs=5 and for 7 % (0.07 × 100 is
    # 7.000000000000001 in floating point: still 7 documents), not for 8 %
    def own(d: int) -> str:  # a line of its own in each document (distinct characters)
        return f"正文{chr(0x4E00 + 7 * d)}{chr(0x5E00 + 3 * d)}内容"

    docs = {f"d{d:03d}": ["会议还研究了其他事项。" if d < 7 else own(d)] for d in range(n_docs)}
    found = textstat_boilerplate(_toks(docs), min_share=min_share)
    assert (not found.empty) == flagged
