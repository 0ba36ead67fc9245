"""New-word discovery: frequency, cohesion (PMI of the weakest split) and boundary entropy."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from bqw_research.textstat.vocabulary import (
    NEW_WORD_COLUMNS,
    edge_chars,
    fragment_count,
    textstat_new_words,
    unit_texts,
)

# A made-up word 翎湾区 in many different contexts, the debris 湾区 only inside it.
LEFT = "东西南北春夏秋冬甲乙丙丁"
RIGHT = "建设发展规划合作创新开放治理教育"
TEXTS = [f"{a}翎湾区{b}。" for a in LEFT for b in RIGHT[::2]]
KNOWN = (frozenset({"推进", "工作"}), frozenset())


def _found(texts=TEXTS, **options) -> pd.DataFrame:
    options.setdefault("known", KNOWN)
    options.setdefault("min_docs", 1)
    options.setdefault("min_pmi", 1.0)
    options.setdefault("stop_chars", set())
    options.setdefault("inner_chars", set())
    options.setdefault("common", set())
    return textstat_new_words(texts, **options)


def test_a_cohesive_free_word_is_found_with_its_evidence():
    table = _found()
    assert list(table.columns) == NEW_WORD_COLUMNS
    row = table.set_index("word").loc["翎湾区"]
    assert row["count"] == len(TEXTS)
    assert row["n_chars"] == 3
    assert row["left_entropy"] == pytest.approx(
        math.log2(len(LEFT))
    )  # 12 neighbours, equally often
    assert row["right_entropy"] == pytest.approx(math.log2(len(RIGHT[::2])))
    assert "【翎湾区】" in row["examples"]


def test_a_fragment_with_one_neighbour_has_zero_entropy_and_is_dropped():
    table = _found(min_entropy=0.5)
    assert "湾区" not in set(table["word"])  # always preceded by 翎
    assert "翎湾" not in set(table["word"])  # always followed by 区


def test_entropy_counts_each_punctuation_boundary_as_its_own_context():
    texts = ["翎湾区。"] * 4 + ["在翎湾区。"] * 4
    table = _found(texts, min_pmi=0, min_entropy=0).set_index("word")
    # left: 4 boundaries (1 each) + 在×4 → log2 8 − 4 log2 4 / 8 = 2 bits
    assert table.loc["翎湾区", "left_entropy"] == pytest.approx(2.0)
    assert table.loc["翎湾区", "right_entropy"] == pytest.approx(3.0)


def test_digits_before_a_word_are_one_context():
    texts = [f"{n}架翎湾区" for n in range(10, 30)]
    table = _found(texts, min_pmi=0, min_entropy=0).set_index("word")
    assert table.loc["架翎湾区", "left_entropy"] == pytest.approx(0.0)


def test_pmi_is_that_of_the_weakest_split():
    texts = ["甲乙丙"] * 5 + ["甲乙丁丙"] * 5
    table = _found(texts, min_pmi=-99, min_entropy=0, min_count=2).set_index("word")
    n_han = 5 * 3 + 5 * 4
    # 甲乙丙: splits 甲|乙丙 (p = 5·35/(10·5)) and 甲乙|丙 (5·35/(10·10)): the weaker wins
    assert table.loc["甲乙丙", "pmi"] == pytest.approx(math.log2(5 * n_han / (10 * 10)))


def test_known_words_are_marked_and_new_only_drops_them():
    table = _found(known=(frozenset({"翎湾区"}), frozenset()))
    assert table.set_index("word").loc["翎湾区", "in_dictionary"]
    assert "翎湾区" not in set(
        _found(known=(frozenset({"翎湾区"}), frozenset()), new_only=True)["word"]
    )


def test_edges_on_function_characters_are_phrases_not_words():
    assert {"的", "了", "和", "是", "也"} <= edge_chars()
    assert not {"大", "新", "十"} & edge_chars()  # 大湾区, 新时代, 十五五 may start a word


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [(["大湾", "区"], 1), (["增", "创新", "优势"], 1), (["科技", "创新"], 0), (["大湾区"], 0)],
)
def test_fragments_are_single_characters_of_a_cut_word(pieces, expected):
    assert fragment_count(pieces) == expected


def test_token_tables_are_read_as_their_sentences():
    toks = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            "para_id": [1, 1, 1],
            "sent_id": [1, 1, 2],
            "token": ["大湾", "区", "建设"],
        }
    )
    assert unit_texts(toks)["text"].tolist() == ["大湾区", "建设"]


def test_nothing_found_is_an_empty_table_with_the_columns():
    assert list(_found(["甲乙"], min_count=5).columns) == NEW_WORD_COLUMNS


def test_output_is_sorted_and_deterministic():
    a, b = _found(), _found()
    pd.testing.assert_frame_equal(a, b)
    assert np.all(np.diff(a["score"].to_numpy()) <= 0)
