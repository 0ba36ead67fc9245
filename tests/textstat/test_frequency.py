"""Tests for bqw_research.textstat (frequency and keyness)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from bqw_research.textstat import (
    FREQUENCY_COLUMNS,
    KEYNESS_COLUMNS,
    bh_adjust,
    counted_codes,
    counted_tokens,
    g2_statistic,
    meaningful_single_chars,
    textstat_frequency,
    textstat_keyness,
)

RAW = {"remove_stopwords": False, "remove_punct": False}


def make_tokens(docs: dict[str, list[str]]) -> pd.DataFrame:
    """A minimal token table: one sentence per document."""
    rows = []
    for doc_id, toks in docs.items():
        for i, tok in enumerate(toks, start=1):
            rows.append({"doc_id": doc_id, "para_id": 1, "sent_id": 1, "token_id": i, "token": tok})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------------- frequency


def test_frequency_counts_docfreq_share_rank():
    toks = make_tokens({"a": ["县", "镇", "县", "发展"], "b": ["县", "乡村振兴", "镇"]})
    freq = textstat_frequency(toks, **RAW)
    assert list(freq.columns) == FREQUENCY_COLUMNS
    assert set(freq["group"]) == {"all"}
    # 县 3 (docs a, b), 镇 2 (a, b), then 乡村振兴 1 and 发展 1 sorted by token (code point).
    assert freq["token"].tolist() == ["县", "镇", *sorted(["发展", "乡村振兴"])]
    row = freq.set_index("token").loc["县"]
    assert (row["n"], row["docfreq"], row["rank"]) == (3, 2, 1)
    assert row["share"] == pytest.approx(3 / 7)
    # ties share the lowest rank (quanteda's ties.method = "min")
    assert freq.set_index("token").loc[["发展", "乡村振兴"], "rank"].tolist() == [3, 3]
    assert freq["share"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("tokens", "min_chars", "keep_single", "expected"),
    [
        # single characters are kept by default (min_chars=1)
        (["县", "镇", "村", "的"], 1, None, {"县", "镇", "村", "的"}),
        # min_chars=2 drops single characters, except the meaningful ones from the data file
        (["县", "镇", "村", "的", "工程"], 2, None, {"县", "镇", "村", "工程"}),
        # an explicit keep_single replaces the data file
        (["县", "镇", "村", "工程"], 2, {"村"}, {"村", "工程"}),
        (["县", "镇", "工程"], 2, (), {"工程"}),
        # blank tokens are never counted
        (["　", " ", "百千万工程"], 1, None, {"百千万工程"}),
    ],
)
def test_frequency_min_chars_and_single_chars(tokens, min_chars, keep_single, expected):
    freq = textstat_frequency(
        make_tokens({"d": tokens}), min_chars=min_chars, keep_single=keep_single, **RAW
    )
    assert set(freq["token"]) == expected


def test_meaningful_single_chars_data_file():
    chars = meaningful_single_chars()
    assert {"县", "镇", "村"} <= chars
    assert all(len(c) == 1 for c in chars)


def test_frequency_group_by_mapping_column_and_frame():
    toks = make_tokens({"a": ["县", "县", "镇"], "b": ["县", "村"], "c": ["村"]})
    by_map = textstat_frequency(toks, group={"a": "粤东", "b": "粤西"}, **RAW)  # c left out
    assert sorted(by_map["group"].unique()) == ["粤东", "粤西"]
    east = by_map[by_map["group"] == "粤东"].set_index("token")["n"].to_dict()
    assert east == {"县": 2, "镇": 1}
    assert "村" in set(by_map[by_map["group"] == "粤西"]["token"])

    toks["region"] = toks["doc_id"].map({"a": "珠三角", "b": "珠三角", "c": "北部生态发展区"})
    by_col = textstat_frequency(toks, group="region", **RAW)
    prd = by_col[by_col["group"] == "珠三角"].set_index("token")
    assert prd.loc["县", "n"] == 3 and prd.loc["县", "docfreq"] == 2

    # a paragraph mapped to two regions counts in both
    attribution = pd.DataFrame(
        {"doc_id": ["a", "a", "b"], "para_id": [1, 1, 1], "group": ["广州", "深圳", "广州"]}
    )
    by_frame = textstat_frequency(toks, group=attribution, **RAW)
    counts = by_frame.set_index(["group", "token"])["n"].to_dict()
    assert counts[("深圳", "县")] == 2
    assert counts[("广州", "县")] == 3
    assert ("深圳", "村") not in counts


@pytest.mark.parametrize(
    "options",
    [RAW, {}, {"remove_numbers": True, "min_chars": 2}, {"keep_single": (), "keep_lexicon": False}],
)
def test_frequency_same_grouping_by_mapping_column_or_unit_frame(options):
    # a doc_id mapping is counted on codes, a frame of units on repeated rows: same table
    toks = make_tokens(
        {
            "a": ["推进", "百千万工程", "，", "县", "2024", "年", "的", "县", "A"],
            "b": ["县", "镇", "村", "。", "乡村振兴", "的", "十五五"],
            "c": ["村", "高质量", "发展", "、", "发展"],
        }
    )
    mapping = {"a": "珠三角", "b": "粤东", "c": "珠三角"}
    units = pd.DataFrame({"doc_id": list(mapping), "group": list(mapping.values())})
    by_map = textstat_frequency(toks, group=mapping, **options)
    by_col = textstat_frequency(
        toks.assign(region=toks["doc_id"].map(mapping)), group="region", **options
    )
    by_frame = textstat_frequency(toks, group=units, **options)
    assert not by_map.empty
    pd.testing.assert_frame_equal(by_map, by_frame)
    pd.testing.assert_frame_equal(by_col, by_frame)


CHINESE_DOCS = {
    "a": ["推进", "百千万工程", "，", "县", "2024", "年", "的", "县", "A"],
    "b": ["县", "镇", "村", "。", "乡村振兴", "的", "十五五", "县"],
    "c": ["村", "高质量", "发展", "、", "发展", "县"],
}


@pytest.mark.parametrize("group", [None, "doc_id", {"a": "珠三角", "c": "粤东"}, "units"])
def test_counted_codes_are_the_rows_counted_tokens_keeps(group):
    toks = make_tokens(CHINESE_DOCS)
    if group == "units":  # a unit in two groups: its rows twice
        group = pd.DataFrame({"doc_id": ["a", "a", "b"], "group": ["广州", "深圳", "广州"]})
    rows = counted_tokens(toks, group=group, remove_numbers=True)
    codes = counted_codes(toks, group=group, remove_numbers=True)
    as_named = pd.DataFrame(
        {"group": codes.group_names.take(codes.group), "token": codes.token_names.take(codes.token)}
    )
    expected = rows[["group", "token"]].astype(str)
    key = ["group", "token"]
    assert sorted(map(tuple, as_named[key].to_numpy().tolist())) == sorted(
        map(tuple, expected[key].to_numpy().tolist())
    )
    assert list(codes.group_names) == sorted(codes.group_names)
    assert codes.doc is not None and len(codes.doc) == len(rows)
    assert len(set(codes.doc.tolist())) == rows["doc_id"].nunique()
    assert codes.para is not None and (codes.para == 1).all()


def test_counted_codes_carry_paragraphs_and_skip_missing_tokens():
    toks = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "b", "b"],
            "para_id": [1, 2, 2, 1, 3],
            "token": ["县城", None, "发展", "乡村", "县城"],
        }
    ).astype({"token": "str", "doc_id": "str"})
    codes = counted_codes(toks, group="doc_id", remove_stopwords=False)
    named = codes.token_names.take(codes.token).tolist()
    assert named == ["县城", "发展", "乡村", "县城"]  # the missing token is not a word
    assert codes.para.tolist() == [1, 2, 1, 3]
    assert codes.doc.tolist() == [0, 0, 1, 1]
    freq = textstat_frequency(toks, remove_stopwords=False)
    assert freq.set_index("token")["n"].to_dict() == {"县城": 2, "乡村": 1, "发展": 1}
    assert freq["share"].sum() == pytest.approx(1.0)
    # plain numpy dtypes, as the tables always had (not pandas' nullable Int64/Float64)
    assert freq[["n", "docfreq", "rank"]].dtypes.eq("int64").all()
    assert freq["share"].dtype == "float64"


def test_keyness_same_grouping_by_mapping_or_unit_frame():
    toks = make_tokens(CHINESE_DOCS)
    mapping = {"a": "珠三角", "b": "粤东", "c": "珠三角"}
    units = pd.DataFrame({"doc_id": list(mapping), "group": list(mapping.values())})
    by_map = textstat_keyness(toks, group=mapping, min_count=1, min_docs=1)
    by_frame = textstat_keyness(toks, group=units, min_count=1, min_docs=1)
    assert not by_map.empty and set(by_map["unit"]) == {"document"}
    pd.testing.assert_frame_equal(by_map, by_frame)


def test_frequency_sort_is_stable_and_top_n():
    toks = make_tokens({"a": ["乙", "甲", "丙", "甲", "乙"]})
    freq = textstat_frequency(toks, keep_single=(), **RAW)
    # n desc, then token asc: 乙(2) vs 甲(2) by code point
    assert freq["token"].tolist() == [*sorted(["乙", "甲"]), "丙"]
    top = textstat_frequency(toks, n=1, **RAW)
    assert len(top) == 1 and top["n"].iloc[0] == 2


def test_frequency_empty_and_bad_group():
    empty = textstat_frequency(make_tokens({"a": ["　"]}), **RAW)
    assert list(empty.columns) == FREQUENCY_COLUMNS and empty.empty
    with pytest.raises(KeyError):
        textstat_frequency(make_tokens({"a": ["县"]}), group="city", **RAW)
    with pytest.raises(TypeError):
        textstat_frequency(make_tokens({"a": ["县"]}), group=3, **RAW)


# --------------------------------------------------------------------------- keyness


def test_g2_hand_computed():
    # 2x2 table: target a=10 of N_t=100, reference b=5 of N_r=200, N=300.
    # Expected counts: E_a = 100*15/300 = 5, E_b = 200*15/300 = 10,
    #                  E_c = 100*285/300 = 95, E_d = 200*285/300 = 190.
    # G2 = 2*(10 ln(10/5) + 5 ln(5/10) + 90 ln(90/95) + 195 ln(195/190))
    #    = 2*(6.931472 - 3.465736 - 4.866050 + 5.065220) = 2*3.664906 = 7.329812
    assert g2_statistic(10, 5, 100, 200) == pytest.approx(7.329812, abs=1e-5)
    # equal relative frequencies → no evidence of a difference
    assert g2_statistic(4, 8, 100, 200) == pytest.approx(0.0, abs=1e-12)
    # zero cell: a=0 of 50, b=6 of 50: E_a=E_b=3, E_c=E_d=47
    # G2 = 2*(0 + 6 ln 2 + 50 ln(50/47) + 44 ln(44/47)) = 2*(4.158883+3.093770-2.902151)
    assert g2_statistic(0, 6, 50, 50) == pytest.approx(
        2 * (4.158883 + 3.093770 - 2.902151), abs=1e-5
    )


def keyness_tokens() -> pd.DataFrame:
    # group A: 100 tokens, 县 x10; group B: 200 tokens, 县 x5 (the hand-computed table above)
    a = ["县"] * 10 + ["发展"] * 40 + ["工程"] * 50
    b = ["县"] * 5 + ["发展"] * 80 + ["工程"] * 95 + ["镇"] * 20
    return make_tokens({"docA": a, "docB": b})


def test_keyness_against_hand_computed_values():
    key = textstat_keyness(keyness_tokens(), group={"docA": "A", "docB": "B"}, **RAW)
    assert list(key.columns) == KEYNESS_COLUMNS
    row = key.set_index(["group", "token"]).loc[("A", "县")]
    assert (row["n_target"], row["n_reference"]) == (10, 5)
    assert row["G2"] == pytest.approx(7.329812, abs=1e-5)
    # log2((10/100) / (5/200)) = log2(4) = 2
    assert row["log_ratio"] == pytest.approx(2.0)
    # p = P(chi2_1 > 7.329812) = erfc(sqrt(7.329812/2)) ≈ 0.006782
    assert row["p"] == pytest.approx(math.erfc(math.sqrt(7.329812 / 2)), rel=1e-5)
    assert row["p"] == pytest.approx(0.00678, abs=5e-5)
    # the same token seen from B is under-used: negative G2, same magnitude
    row_b = key.set_index(["group", "token"]).loc[("B", "县")]
    assert row_b["G2"] == pytest.approx(-7.329812, abs=1e-5)
    assert row_b["log_ratio"] == pytest.approx(-2.0)


def test_keyness_zero_count_log_ratio_uses_half():
    key = textstat_keyness(keyness_tokens(), group={"docA": "A", "docB": "B"}, **RAW)
    zhen = key.set_index(["group", "token"]).loc[("A", "镇")]
    assert zhen["n_target"] == 0 and zhen["n_reference"] == 20
    # log2((0.5/100) / (20/200)) = log2(0.05) = -4.321928
    assert zhen["log_ratio"] == pytest.approx(math.log2(0.05))
    assert zhen["G2"] < 0


def test_keyness_from_frequency_table_matches_tokens():
    toks = keyness_tokens()
    freq = textstat_frequency(toks, group={"docA": "A", "docB": "B"}, **RAW)
    stats = ["group", "token", "n_target", "n_reference", "G2", "log_ratio", "p", "p_adj"]
    from_freq = textstat_keyness(freq)
    pd.testing.assert_frame_equal(
        from_freq[stats], textstat_keyness(toks, group={"docA": "A", "docB": "B"}, **RAW)[stats]
    )
    # a frequency table has no positions: no dispersion, no dispersion check
    assert from_freq["DP"].isna().all()
    assert from_freq["significant"].equals(from_freq["p_adj"] < 0.05)


def test_keyness_target_min_count_sorting_and_bh():
    key = textstat_keyness(keyness_tokens(), group={"docA": "A", "docB": "B"}, target="A", **RAW)
    assert set(key["group"]) == {"A"}
    assert key["G2"].is_monotonic_decreasing
    assert key["token"].iloc[0] == "县"
    assert (key["p_adj"] >= key["p"] - 1e-15).all()
    # one article per group: dispersion is over its paragraphs (here one) → 县 is not
    # key under the default min_docs=2, but is with min_docs=1
    assert set(key["unit"]) == {"paragraph"}
    assert not (key["significant"] & (key["G2"] > 0)).any()  # under-use needs no spread
    loose = textstat_keyness(
        keyness_tokens(), group={"docA": "A", "docB": "B"}, target="A", min_docs=1, **RAW
    )
    assert loose["significant"].equals(loose["p_adj"] < 0.05)
    high = textstat_keyness(keyness_tokens(), group={"docA": "A", "docB": "B"}, min_count=16, **RAW)
    assert "县" not in set(high["token"])  # 15 occurrences in all


def spread_tokens() -> pd.DataFrame:
    """Region 粤北: three articles; 一件 fills one sentence of one, 乡村 is in all three."""
    north = {
        "n1": ["乡村"] * 2 + ["一件"] * 6 + ["工程"] * 12,
        "n2": ["乡村"] * 2 + ["工程"] * 8,
        "n3": ["乡村"] * 2 + ["工程"] * 8,
    }
    rest = {f"r{i}": ["工程"] * 18 + ["发展"] * 2 for i in range(4)}
    return make_tokens({**north, **rest})


def test_dispersion_hand_computed_deviation_of_proportions():
    groups = {d: ("粤北" if d.startswith("n") else "其他") for d in spread_tokens()["doc_id"]}
    key = textstat_keyness(spread_tokens(), group=groups, target="粤北", **RAW)
    row = key.set_index("token")
    # 粤北's articles hold 20, 10, 10 tokens: s = (0.5, 0.25, 0.25)
    # 乡村: v = (1/3, 1/3, 1/3) → DP = ½(|1/3−½| + |1/3−¼| + |1/3−¼|) = ½(1/6 + 1/12 + 1/12) = 1/6
    assert row.loc["乡村", "DP"] == pytest.approx(1 / 6)
    assert row.loc["乡村", "docs_target"] == 3
    # 一件: v = (1, 0, 0) → DP = ½(½ + ¼ + ¼) = ½
    assert row.loc["一件", "DP"] == pytest.approx(0.5)
    assert row.loc["一件", "docs_target"] == 1
    assert set(key["unit"]) == {"document"}


def test_a_term_from_one_article_is_never_key_for_a_group():
    groups = {d: ("粤北" if d.startswith("n") else "其他") for d in spread_tokens()["doc_id"]}
    key = textstat_keyness(spread_tokens(), group=groups, target="粤北", **RAW).set_index("token")
    assert key.loc["一件", "p_adj"] < 0.05  # frequent enough to pass the test of G²…
    assert not key.loc["一件", "significant"]  # …but one article's repetition
    assert key.loc["乡村", "significant"]
    loose = textstat_keyness(spread_tokens(), group=groups, target="粤北", min_docs=1, **RAW)
    assert loose.set_index("token").loc["一件", "significant"]


@pytest.mark.parametrize(
    ("token", "removed"),
    [
        ("A", True),
        ("n", True),
        ("Ｂ", True),
        ("α", True),
        ("县", False),
        ("GDP", False),
        ("5G", False),
    ],
)
def test_single_letters_are_not_terms(token, removed):
    toks = make_tokens({"d": [token, "发展"]})
    freq = textstat_frequency(toks, **RAW)
    assert (token not in set(freq["token"])) == removed
    kept = textstat_frequency(toks, remove_letters=False, **RAW)
    assert token in set(kept["token"])


def test_keyness_needs_two_groups_and_known_target():
    with pytest.raises(ValueError, match="two groups"):
        textstat_keyness(keyness_tokens(), **RAW)
    with pytest.raises(ValueError, match="unknown target"):
        textstat_keyness(keyness_tokens(), group={"docA": "A", "docB": "B"}, target="C", **RAW)


def test_bh_adjust_hand_computed():
    # sorted p: 0.01, 0.03, 0.04 (m=3) → 0.03, 0.045, 0.04 → running min from the top:
    # 0.03, 0.04, 0.04
    np.testing.assert_allclose(bh_adjust([0.01, 0.04, 0.03]), [0.03, 0.04, 0.04])
    assert bh_adjust([]).size == 0


# ------------------------------------------------------- with the core's token filter


def test_frequency_removes_stopwords_and_punctuation_by_default():
    from bqw_research.tokens import stopwords

    stop = stopwords()
    assert {"的", "了"} <= stop and not {"县", "发展"} & stop  # preconditions on the data file
    toks = make_tokens({"a": ["的", "县", "，", "发展", "了", "。", "县"]})
    freq = textstat_frequency(toks)
    assert freq.set_index("token")["n"].to_dict() == {"县": 2, "发展": 1}
    # keep_single overrides the stopword list (it is passed to tokens_remove as keep=)
    kept = textstat_frequency(toks, keep_single={"的"})
    assert set(kept["token"]) == {"县", "发展", "的"}


@pytest.mark.parametrize(
    ("token", "remove_numbers", "kept"),
    [("2025", False, True), ("2025", True, False), ("百千万工程", True, True)],
)
def test_frequency_numbers_option(token, remove_numbers, kept):
    freq = textstat_frequency(make_tokens({"a": [token, "镇"]}), remove_numbers=remove_numbers)
    assert (token in set(freq["token"])) is kept


def test_frequency_invariants_on_shipped_corpus(seed_corpus):
    from bqw_research import tokens
    from bqw_research.tokens import stopwords

    toks = tokens(seed_corpus)
    freq = textstat_frequency(toks, group="doc_id")
    assert set(freq["group"]) == set(seed_corpus["doc_id"])
    assert not set(freq["token"]) & (stopwords() - meaningful_single_chars())
    for _, g in freq.groupby("group"):
        assert g["share"].sum() == pytest.approx(1.0)
        assert g["rank"].min() == 1
        assert g["n"].is_monotonic_decreasing
    assert (freq["docfreq"] == 1).all()  # one document per group
    pooled = textstat_frequency(toks)
    assert pooled["n"].sum() == freq["n"].sum()
    assert pooled["docfreq"].max() <= len(seed_corpus)


def test_textstat_removed_reasons_hand_counted():
    from bqw_research.textstat import textstat_removed

    toks = make_tokens(
        {"a": ["的", "的", "县", "，", "。", "，", "2025", "发展", "了", "镇", "一", "  "]}
    )
    rep = textstat_removed(toks, remove_numbers=True, min_chars=2).set_index("reason")
    # counted: 发展; kept despite filter: 县 镇 (min_chars=2 would drop them)
    assert rep.loc["counted", "tokens"] == 1
    assert rep.loc["kept despite filter", "tokens"] == 2
    assert rep.loc["punctuation", "tokens"] == 3 and rep.loc["punctuation", "types"] == 2
    assert rep.loc["punctuation", "examples"] == "， 。"  # most frequent first
    # 一 is both a Chinese numeral and a stopword: charged to the first reason, number
    assert rep.loc["number", "tokens"] == 2 and set(rep.loc["number", "examples"].split()) == {
        "2025",
        "一",
    }
    assert rep.loc["stopword", "tokens"] == 3  # 的 x2, 了
    assert rep["tokens"].sum() == 11  # the blank token is not counted at all
    assert rep["share"].sum() == pytest.approx(1.0)
    # consistent with textstat_frequency under the same options
    freq = textstat_frequency(toks, remove_numbers=True, min_chars=2)
    kept = rep.loc[["counted", "kept despite filter"], "tokens"].sum()
    assert freq["n"].sum() == kept


@pytest.mark.parametrize(("keep_lexicon", "kept"), [(True, True), (False, False)])
def test_domain_lexicon_words_survive_the_number_filter(keep_lexicon, kept):
    from bqw_research.textstat import textstat_removed
    from bqw_research.tokens import domain_lexicon, is_number

    # precondition: 十五五 (the 15th five-year plan) is a lexicon term that looks like a numeral
    assert "十五五" in set(domain_lexicon()["word"]) and is_number("十五五")
    toks = make_tokens({"a": ["十五五", "规划", "2025"]})
    freq = textstat_frequency(toks, remove_numbers=True, keep_lexicon=keep_lexicon)
    assert ("十五五" in set(freq["token"])) is kept
    assert "2025" not in set(freq["token"])
    rep = textstat_removed(toks, remove_numbers=True, keep_lexicon=keep_lexicon)
    reasons = rep.set_index("reason")["examples"].to_dict()
    assert ("十五五" in reasons.get("kept despite filter", "")) is kept
