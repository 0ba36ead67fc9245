"""The grown lexicon removes issue 12's segmentation debris; the review → accept workflow."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bqw_research import tokens
from bqw_research.cli import main
from bqw_research.tokens import is_number, segment
from bqw_research.tokens.engines import join_numbers
from bqw_research.tokens.lexicon_review import (
    DISCOVERY_SOURCE,
    accepted_entries,
    lexicon_accept,
    merge_lexicon,
    review_sheet,
)

# Real sentences (the 19-article sample ../shared/corpus and the discovery half of
# ../shared/corpus-dev) and short ones written for the test; each must keep ``word`` whole.
SENTENCES = [
    ("11月28日，广州市委常委会召开会议，套开市委理论学习中心组学习会。", "套开"),
    ("11月28日，广州市委常委会召开会议，套开市委理论学习中心组学习会。", "市委"),
    ("广东省委要求增创新优势、实现新突破。", "增创新优势"),
    ("连通沿线12座水库，惠及1800多万人。", "1800多万"),
    ("推进粤港澳大湾区建设，大湾区综合性国家科学中心加快建设。", "大湾区"),
    ("奋进新征程，建功新时代。", "新征程"),
    ("奋进新征程，建功新时代。", "新时代"),
    ("推动硬联通、软联通、心联通。", "软联通"),
    ("加快构建新发展格局，着力推动高质量发展。", "新发展格局"),
    ("国务院副总理丁薛祥出席并致辞。", "丁薛祥"),
    ("稳步扩大制度型开放。", "制度型开放"),
]


@pytest.mark.parametrize(("sentence", "word"), SENTENCES)
@pytest.mark.parametrize("engine", ["exact", "jieba"])
def test_issue_debris_is_gone_from_the_token_table(sentence, word, engine):
    sents = pd.DataFrame({"doc_id": ["d"], "para_id": [1], "sent_id": [1], "text": [sentence]})
    assert word in tokens(sents, engine=engine)["token"].tolist()


@pytest.mark.parametrize(("sentence", "_word"), SENTENCES)
def test_both_engines_agree_with_the_grown_lexicon(sentence, _word):
    assert segment(sentence) == segment(sentence, engine="jieba")
    assert segment(sentence, pos=True) == segment(sentence, pos=True, engine="jieba")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全市330多万人", ["全市", "330多万", "人"]),
        ("共30余万", ["共", "30余万"]),
        ("1.2万亿元", ["1.2", "万亿元"]),  # 万亿元 is a dictionary word with its unit: kept
        ("2024年", ["2024", "年"]),  # a date is no magnitude
        ("12座水库", ["12", "座", "水库"]),
        # known limit: a dictionary word of magnitude + unit stays apart from the digits
        ("参会130多万人次", ["参会", "130", "多万人次"]),
    ],
)
def test_numbers_are_joined_to_their_magnitude_only(text, expected):
    assert segment(text) == expected


def test_joined_numbers_keep_the_first_tag_and_count_as_numbers():
    assert ("330多万", "m") in segment("全市330多万人", pos=True)
    assert is_number("330多万") and is_number("1.5万") and not is_number("多万人")


def test_join_numbers_on_spans():
    text = "330多万人"
    starts, ends, tags, names = join_numbers(
        text, np.array([0, 3, 5]), np.array([3, 5, 6]), np.array([0, 0, 1]), ["m", "n"]
    )
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)] == ["330多万", "人"]
    assert tags.tolist() == [0, 1] and names == ["m", "n"]


LEXICON = pd.DataFrame(
    {
        "word": ["百千万工程"],
        "pos": ["nz"],
        "category": ["programme"],
        "source": ["Official short form, seed corpus"],
    }
)
CANDIDATES = pd.DataFrame(
    {
        "word": ["翎湾区", "方一道", "甲乙区", "百千万工程"],
        "count": [12, 30, 7, 50],
        "docs": [3, 9, 2, 9],
        "pmi": [9.1, 7.0, 8.0, 6.0],
        "left_entropy": [3.2, 4.5, 2.0, 3.0],
        "right_entropy": [2.9, 5.6, 2.1, 3.0],
        "cut": ["翎 湾区", "方 一道", "甲乙 区", "百千万工程"],
    }
)


def _reviewed() -> pd.DataFrame:
    sheet = review_sheet(CANDIDATES, corpus="test corpus")
    sheet.loc[[0, 2, 3], "decision"] = "accept"
    sheet.loc[1, "decision"] = "reject"
    sheet.loc[0, ["pos", "category", "note"]] = ["ns", "place", "a bay"]
    return sheet


def test_accepted_entries_carry_corpus_date_and_evidence():
    rows = accepted_entries(_reviewed(), reviewed="2026-12-01").set_index("word")
    assert list(rows.index) == ["翎湾区", "甲乙区", "百千万工程"]
    source = rows.loc["翎湾区", "source"]
    assert source.startswith(f"{DISCOVERY_SOURCE} test corpus, reviewed 2026-12-01: 12 occurrences")
    assert "PMI 9.1 bits" in source and "翎/湾区" in source and source.endswith("a bay")
    assert rows.loc["甲乙区", ["pos", "category"]].tolist() == ["n", "discovered"]


def test_merge_keeps_hand_rows_first_and_sorts_discovered_rows_without_duplicates():
    merged = merge_lexicon(LEXICON, accepted_entries(_reviewed(), reviewed="2026-12-01"))
    assert merged["word"].tolist() == ["百千万工程", "甲乙区", "翎湾区"]
    assert merged.loc[0, "source"] == "Official short form, seed corpus"  # existing row wins


def test_lexicon_accept_writes_the_file_in_its_layout(tmp_path):
    lexicon = tmp_path / "lexicon.csv"
    lexicon.write_text(
        'word,pos,category,source\n百千万工程,nz,programme,"Official short form, seed corpus"\n',
        encoding="utf-8",
    )
    sheet = tmp_path / "sheet.csv"
    _reviewed().to_csv(sheet, index=False)
    assert (
        main(["lexicon", "accept", str(sheet), "--lexicon", str(lexicon), "--date", "2026-12-01"])
        == 0
    )
    lines = lexicon.read_text(encoding="utf-8").splitlines()
    assert lines[1] == '百千万工程,nz,programme,"Official short form, seed corpus"'
    assert lines[2].startswith('甲乙区,n,discovered,"new-word discovery on test corpus')
    _, added = lexicon_accept(sheet, lexicon_path=lexicon, reviewed="2026-12-01")
    assert added == 0  # accepting twice adds nothing


def test_a_file_that_is_no_review_sheet_is_refused(tmp_path):
    sheet = tmp_path / "sheet.csv"
    CANDIDATES.to_csv(sheet, index=False)
    assert main(["lexicon", "accept", str(sheet), "--lexicon", str(tmp_path / "x.csv")]) == 2
