"""The attribution evaluators' matching rule (codebook attribution.md v1) on hand-made examples,
and the figures on the untouched part of the labelled set (when the development corpus exists)."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.evaluation import VALIDITY_COLUMNS, Scores
from bqw_research.evaluation.attribution import (
    attribution_matches,
    codebook_paragraphs,
    mention_scores,
    paragraph_key,
    primary_scores,
    reduced_text,
)


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        (
            "**深圳**市委常委会召开扩大会议，市委书记孟凡利主持会议。",
            "深圳市委常委会召开扩大会议，市委书记孟",
        ),
        ("<strong>佛山</strong>", "佛山"),
        ("11月11日，&nbsp;市委 常委会召开", "11月11日，市委常委会召开"),
    ],
)
def test_key_is_sha1_of_the_first_16_normalised_characters(text, normalised):
    assert paragraph_key(text) == _sha(normalised[:16])


def test_codebook_paragraphs_skip_headings_rules_and_quotes_but_number_empty_ones():
    md = "# 标题\n\n第一段。\n\n---\n\n> 引文\n\n<strong>深圳</strong>\n\n![](a.png)\n\n第三段。\n"
    assert codebook_paragraphs(md) == {
        1: "第一段。",
        2: "<strong>深圳</strong>",
        3: "![](a.png)",
        4: "第三段。",
    }


def test_reduced_text_drops_markup_links_and_list_markers():
    assert reduced_text("- [深中通道](http://x) 通车 **一周年**") == "深中通道通车一周年"


def _tables(texts: list[str], sections: list[str] | None = None) -> dict[str, pd.DataFrame]:
    paras = pd.DataFrame(
        {
            "doc_id": "a1",
            "para_id": range(1, len(texts) + 1),
            "section": sections or [""] * len(texts),
            "text": texts,
        }
    )
    corpus = pd.DataFrame({"doc_id": ["a1"], "title": ["一篇文章"], "path": [""]})
    return {"corpus": corpus, "paragraphs": paras}


def _labels(rows: list[tuple[int, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "article": "a1",
                "para_no": str(no),
                "key": paragraph_key(text),
                "primary": primary,
                "mentioned": mentioned,
                "genre": "roundup",
                "part": "tune",
            }
            for no, text, primary, mentioned in rows
        ]
    )


def test_rows_are_matched_by_key_and_scored_by_the_codebook():
    t1 = "茂名市委常委会召开会议，传达学习全会精神。"
    t2 = "省委常委会召开会议，省委书记黄坤明主持会议。"
    t3 = "深中通道通车一周年，车流量创新高。"
    t4 = "这是一段检测器没有返回的文字。"
    tables = _tables([t1, t2, t3])
    labels = _labels(
        [
            (1, t1, "茂名", ""),
            (2, t2, "PROVINCE", ""),
            (3, t3, "深圳+中山", ""),  # A+B: either city is right
            (4, t4, "湛江", "阳江"),  # not returned: no city, no mentions
        ]
    )
    m = attribution_matches(tables, labels)
    assert m["city"].tolist() == ["茂名", "", "深圳", ""]
    assert m["returned"].tolist() == [True, True, True, False]
    assert m["correct"].tolist() == [True, True, True, False]
    assert m["gold_cities"].tolist() == [("茂名",), (), ("中山", "深圳"), ("湛江", "阳江")]
    assert primary_scores(m) == Scores(tp=2, fp=0, fn=1)
    assert mention_scores(m) == Scores(tp=3, fp=0, fn=2)


def test_a_wrong_city_is_one_false_claim_and_one_miss():
    m = pd.DataFrame({"primary": ["广州", "NONE", "PROVINCE"], "city": ["深圳", "梅州", ""]})
    assert primary_scores(m) == Scores(tp=0, fp=2, fn=1)


def test_headline_heading_answers_for_the_bold_line():
    tables = _tables(["市委常委会传达学习全会精神。"], sections=["深圳"])
    labels = _labels(
        [(1, "<strong>深圳</strong>", "深圳", ""), (2, "市委常委会传达学习全会精神。", "深圳", "")]
    )
    m = attribution_matches(tables, labels)
    assert m["city"].tolist() == ["深圳", "深圳"]


def test_validity_table_has_the_optional_genre_and_accuracy_columns():
    assert {"genre", "accuracy"} <= set(VALIDITY_COLUMNS)


# -------------------------------------------------------------- the labelled set (corpus-dev)

needs_corpus = pytest.mark.skipif(
    not config.SHARED_CORPUS_DEV.is_dir(), reason="development corpus ../shared/corpus-dev absent"
)

#: Untouched-part figures reached when the detector was last changed (docs/regional.md).
UNTOUCHED_ACCURACY = {"commentary": 1.0, "feature": 0.95, "roundup": 0.88, "transcript": 0.98}


@pytest.fixture(scope="module")
def validity():
    from bqw_research.evaluation import labelled_corpus, validity_table

    return validity_table(labelled_corpus(), measures=["attribution", "place_mentions"])


@needs_corpus
@pytest.mark.parametrize(("genre", "floor"), sorted(UNTOUCHED_ACCURACY.items()))
def test_untouched_accuracy_per_genre(validity, genre, floor):
    row = validity[
        (validity["measure"] == "attribution")
        & (validity["part"] == "untouched")
        & (validity["genre"] == genre)
    ]
    assert row["accuracy"].iloc[0] >= floor


@needs_corpus
def test_untouched_place_mentions(validity):
    row = validity[
        (validity["measure"] == "place_mentions")
        & (validity["part"] == "untouched")
        & (validity["genre"] == "all")
    ].iloc[0]
    assert row["precision"] >= 0.90 and row["recall"] >= 0.99
