"""textstat_readability: sentence length, common characters, 成语 and clauses per group."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.readability import (
    MEASURES,
    READABILITY_COLUMNS,
    common_chars,
    sentence_features,
    textstat_readability,
)


def sentences(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"doc_id": d, "para_id": 1, "sent_id": i, "text": t}
            for i, (d, t) in enumerate(rows, start=1)
        ]
    )


def value(table: pd.DataFrame, group: str, measure: str) -> float:
    row = table[(table["group"] == group) & (table["measure"] == measure)]
    return float(row["value"].iloc[0])


def test_common_chars_are_gb2312_level1():
    chars = common_chars()
    assert len(chars) == 3755
    assert {"的", "县", "镇", "村", "发", "展"} <= chars
    assert "邕" not in chars  # a level-2 character (南宁's 邕)


@pytest.mark.parametrize(
    ("text", "n_han", "n_clauses"),
    [
        ("要坚持党建引领，深入实施基层党组织建设强基工程。", 22, 2),
        ("会议指出：要久久为功；持续推进“百千万工程”。", 18, 3),
        ("2025年GDP增长5%。", 3, 1),
    ],
)
def test_sentence_features(text, n_han, n_clauses):
    row = sentence_features(sentences([("a", text)])).iloc[0]
    assert row["n_han"] == n_han
    assert row["n_clauses"] == n_clauses


def test_idioms_and_rare_characters_are_counted():
    table = textstat_readability(
        sentences([("a", "各地久久为功，迎难而上。"), ("a", "邕江两岸美如画。")])
    )
    assert value(table, "all", "idiom_share") == pytest.approx(8 / 17)  # 久久为功, 迎难而上
    assert value(table, "all", "common_char_share") == pytest.approx(16 / 17)  # 邕 is level 2
    assert value(table, "all", "mean_sentence_chars") == pytest.approx(8.5)
    assert value(table, "all", "clauses_per_sentence") == pytest.approx(1.5)


def test_per_document_and_per_group_in_one_shape():
    s = sentences(
        [("a", "推进乡村振兴。"), ("a", "建设和美乡村，改善人居环境。"), ("b", "做强县域经济。")]
    )
    by_doc = textstat_readability(s, group="document")
    assert list(by_doc.columns) == READABILITY_COLUMNS
    assert set(by_doc["group"]) == {"a", "b"}
    assert by_doc["measure"].tolist()[:4] == list(MEASURES)
    assert value(by_doc, "a", "mean_sentence_chars") == pytest.approx(9.0)  # (6 + 12) / 2
    by_group = textstat_readability(s, group={"a": "江门日报", "b": "江门日报"})
    assert by_group["n_docs"].unique().tolist() == [2]
    assert value(by_group, "江门日报", "mean_sentence_chars") == pytest.approx(
        8.0
    )  # (6 + 12 + 6) / 3


def test_sentences_without_han_are_left_out():
    table = textstat_readability(sentences([("a", "推进乡村振兴。"), ("a", "2025-11-20")]))
    assert value(table, "all", "mean_sentence_chars") == pytest.approx(6.0)


def test_corpus_column_groups(seed_corpus):
    table = textstat_readability(seed_corpus, group="outlet")
    assert set(table["group"]) == set(seed_corpus["outlet"])
    shares = table[table["measure"] == "common_char_share"]["value"]
    assert shares.between(0.9, 1.0).all()
