"""KWIC table, escaped HTML view and collocations."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.concordance import kwic, kwic_html, textstat_collocations


def paras(*texts: str, doc: str = "d") -> pd.DataFrame:
    return pd.DataFrame({"doc_id": doc, "para_id": range(1, len(texts) + 1), "text": list(texts)})


def test_kwic_rows_and_context():
    df = paras("以“头号力度”拼出“头号工程”新图景", "没有")
    kw = kwic(df, "头号", window=3)
    assert kw[["para_id", "start", "end", "pre", "keyword", "post"]].values.tolist() == [
        [1, 2, 4, "以“", "头号", "力度”"],
        [1, 10, 12, "拼出“", "头号", "工程”"],
    ]


def test_kwic_several_patterns_longest_first_and_regex():
    df = paras("百千万工程和百县千镇万村高质量发展工程")
    kw = kwic(df, ["百千万工程", "百县千镇万村高质量发展工程"], window=2)
    assert kw["keyword"].tolist() == ["百千万工程", "百县千镇万村高质量发展工程"]
    kw2 = kwic(df, r"百.{1,2}工程", regex=True, window=0)
    assert kw2["keyword"].tolist() == ["百千万工程"]


def test_kwic_group_column():
    df = pd.concat([paras("头号工程", doc="a"), paras("头号工程", doc="b")])
    kw = kwic(df, "头号", group={"a": "南方杂志", "b": "江门日报"})
    assert kw["group"].tolist() == ["南方杂志", "江门日报"]


def test_kwic_html_escapes_and_marks():
    df = paras("<script>alert(1)</script>头号工程&")
    page = kwic_html(kwic(df, "头号", window=30))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<mark>头号</mark>" in page
    assert "工程&amp;" in page
    assert page._repr_html_() == str(page)


def test_kwic_html_empty_and_truncated():
    assert "No matches" in kwic_html(kwic(paras("无"), "头号"))
    page = kwic_html(kwic(paras("头号" * 5), "头号"), max_rows=2)
    assert page.count("<mark>") == 2
    assert "3 more matches" in page


def test_collocations_counts_and_scores():
    # term A; B occurs next to A twice, C never near A
    toks = pd.DataFrame(
        {
            "doc_id": "d",
            "para_id": 1,
            "sent_id": [1, 1, 2, 2, 3, 3, 3, 3],
            "token_id": [1, 2, 1, 2, 1, 2, 3, 4],
            "token": ["甲", "乙", "甲", "乙", "丙", "丙", "丙", "丁"],
        }
    )
    out = textstat_collocations(toks, "甲", window=1, min_count=1, remove_stopwords=False)
    row = out.set_index("collocate").loc["乙"]
    assert row["n_joint"] == 2
    assert row["n_collocate"] == 2
    assert row["n_term"] == 2
    # N = 8 tokens: pmi = log2(2 * 8 / (2 * 2)) = 2
    assert row["pmi"] == pytest.approx(2.0)
    assert row["G2"] > 0
    assert "丙" not in out["collocate"].tolist()


def test_collocations_each_position_counted_once():
    toks = pd.DataFrame(
        {
            "doc_id": "d",
            "para_id": 1,
            "sent_id": 1,
            "token_id": [1, 2, 3],
            "token": ["甲", "乙", "甲"],
        }
    )
    out = textstat_collocations(toks, "甲", window=2, min_count=1, remove_stopwords=False)
    assert out.set_index("collocate").loc["乙", "n_joint"] == 1


def test_kwic_searches_each_row_for_its_own_pattern():
    df = paras("乡村振兴和产业振兴", "产业振兴带动乡村振兴")
    kw = kwic(df, pd.Series(["产业振兴", "乡村振兴"]), window=2)
    assert kw[["para_id", "keyword", "pre", "post"]].values.tolist() == [
        [1, "产业振兴", "兴和", ""],
        [2, "乡村振兴", "带动", ""],
    ]
    with pytest.raises(ValueError, match="as many rows"):
        kwic(df, pd.Series(["产业振兴"]))
