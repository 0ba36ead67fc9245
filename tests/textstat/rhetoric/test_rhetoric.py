"""Rhetoric measures on hand-built sentence tables (expected values counted by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat import rhetoric as rh
from bqw_research.textstat.rhetoric.common import RHETORIC_LEXICON_DIR, attach_group, read_lexicon


def sents(*texts: str, doc: str = "d1", para: int = 1, **meta: str) -> pd.DataFrame:
    """A sentence table: one paragraph, sentences numbered from 1."""
    df = pd.DataFrame(
        {
            "doc_id": doc,
            "para_id": para,
            "sent_id": range(1, len(texts) + 1),
            "text": list(texts),
        }
    )
    for k, v in meta.items():
        df[k] = v
    return df


# ------------------------------------------------------------------------- lexicons


@pytest.mark.parametrize(
    "name",
    [
        "slogans",
        "directives",
        "metaphors",
        "speech_verbs",
        "offices",
        "name_boundaries",
        "citation_frames",
        "citation_nodes",
        "citation_masks",
        "invocation_nouns",
        "body_suffixes",
        "body_aliases",
        "country_abbreviations",
        "transliteration_chars",
        "surnames",
        "formula_patterns",
        "numbered_formulae",
        "formula_lookalikes",
        "idioms_extra",
        "idioms_excluded",
        "chengyu",
    ],
)
def test_every_lexicon_has_a_source_per_entry(name):
    lex = read_lexicon(name)
    assert len(lex) > 0
    assert (lex["source"].str.strip() != "").all()


def test_lexicons_are_documented_in_sources_md():
    text = (RHETORIC_LEXICON_DIR.parent / "SOURCES.md").read_text(encoding="utf-8")
    for path in sorted(RHETORIC_LEXICON_DIR.glob("*.csv")):
        assert f"rhetoric/{path.name}" in text, path.name


# --------------------------------------------------------------------------- slogans


def test_slogans_count_variants_under_canonical_form():
    df = sents(
        "实施“百县千镇万村高质量发展工程”（以下称“百千万工程”），把“百千万工程”作为“头号工程”。",
        "推动“百千万工程”走深走实，久久为功。",
    )
    out = rh.textstat_slogans(df, group="doc_id", zeros=False).set_index("canonical")
    # 百县千镇万村高质量发展工程 ×1 + 百千万工程 ×3 = 4; 头号工程 1; 走深走实 1; 久久为功 1
    assert out.loc["百千万工程", "n"] == 4
    assert out.loc["头号工程", "n"] == 1
    assert out.loc["走深走实", "n"] == 1
    assert out.loc["久久为功", "n"] == 1
    assert set(out.index) == {"百千万工程", "头号工程", "走深走实", "久久为功"}
    # rates are per 10,000 Han characters: quotation marks and punctuation do not count
    chars = len("实施百县千镇万村高质量发展工程以下称百千万工程把百千万工程作为头号工程") + len(
        "推动百千万工程走深走实久久为功"
    )
    assert out.loc["百千万工程", "group_chars"] == chars
    assert out.loc["百千万工程", "per_10k_chars"] == pytest.approx(4 * 10_000 / chars)


@pytest.mark.parametrize(
    ("text", "canonical", "n"),
    [
        ("实现兴业、强县、富民相统一", "兴业、强县、富民", 1),
        ("推动兴业强县富民一体发展", "兴业、强县、富民", 1),
        ("贯彻落实省委“1310”具体部署", "1310具体部署", 1),
        ("围绕实现“五年显著变化”“十年根本改变”", "五年显著变化", 1),
        ("加力提速实施，在全省走在前列、挑大梁", "挑大梁", 1),
        ("这里没有任何提法。", "百千万工程", 0),
    ],
)
def test_slogan_cases(text, canonical, n):
    out = rh.textstat_slogans(sents(text)).set_index("canonical")
    assert out.loc[canonical, "n"] == n


def test_slogans_grouped_by_metadata_column_and_zero_rows():
    df = pd.concat(
        [
            sents("推进“百千万工程”。", doc="a", outlet="南方杂志"),
            sents("“头号工程”要拼。", doc="b", outlet="江门日报"),
        ]
    )
    out = rh.textstat_slogans(df, group="outlet")
    assert set(out["group"]) == {"南方杂志", "江门日报"}
    jm = out[out["group"] == "江门日报"].set_index("canonical")
    assert jm.loc["头号工程", "n"] == 1
    assert jm.loc["百千万工程", "n"] == 0  # zero rows are kept by default
    assert jm.loc["头号工程", "group_docs"] == 1


def test_slogans_first_appearance_uses_dates():
    corpus = pd.DataFrame(
        {
            "doc_id": ["late", "early", "undated"],
            "title": ["L", "E", "U"],
            "published": ["2025-11-19T13:56:25+08:00", "2025-01-15T20:25:17+08:00", None],
            "text": ["“百千万工程”“头号工程”", "“百千万工程”", "“头号工程”"],
        }
    )
    out = rh.slogans_first_appearance(corpus).set_index("canonical")
    assert out.loc["百千万工程", "doc_id"] == "early"
    assert out.loc["百千万工程", "n_docs_dated"] == 2
    assert out.loc["头号工程", "doc_id"] == "late"  # the undated article does not count


def test_slogans_first_appearance_without_dates_is_empty():
    corpus = pd.DataFrame({"doc_id": ["a"], "published": [None], "text": ["百千万工程"]})
    assert rh.slogans_first_appearance(corpus).empty


# -------------------------------------------------------------------------- formulae


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("以“头号力度”拼出“头号工程”新图景", [("头号力度", "term"), ("头号工程", "term")]),
        ("落实省委“1310”具体部署", [("1310", "term")]),
        (
            "“你们实施的‘百千万工程’，要持续抓下去。”",
            [("你们实施的‘百千万工程’，要持续抓下去。", "quotation"), ("百千万工程", "term")],
        ),
        ("没有引号的句子。", []),
    ],
)
def test_quoted_phrases(text, expected):
    assert rh.quoted_phrases(text) == expected


def test_textstat_quoted_ranks_by_spread_then_frequency():
    df = pd.concat(
        [
            sents("“头号工程”“头号工程”“头号工程”“百千万工程”", doc="a"),
            sents("“百千万工程”", doc="b"),
        ]
    )
    out = rh.textstat_quoted(df)
    assert out["phrase"].tolist() == ["百千万工程", "头号工程"]
    assert out.set_index("phrase").loc["百千万工程", "n_docs"] == 2
    assert out.set_index("phrase").loc["头号工程", "n"] == 3
    assert out.set_index("phrase").loc["百千万工程", "share_docs"] == 1.0


# numbered formulae: tests/textstat/rhetoric/test_numbered_formulae.py


def test_templates_and_formulaic_share():
    shared = "深入学习贯彻习近平总书记重要讲话精神"  # 18 CJK characters
    df = pd.concat(
        [
            sents(f"会议强调，要{shared}。", doc="a"),
            sents(f"他指出，{shared}，推动发展。", doc="b"),
            sents("完全不同的一句话。", doc="c"),
        ]
    )
    tpl = rh.textstat_templates(df, n=8)
    assert tpl.iloc[0]["template"] == shared
    assert tpl.iloc[0]["n_docs"] == 2
    share = rh.textstat_formulaic(df, n=8).set_index("group")
    # a: 会议强调要 + 18 = 23 CJK chars, 18 shared
    assert share.loc["a", "formulaic_chars"] == 18
    assert share.loc["a", "formulaic_share"] == pytest.approx(18 / 23)
    assert share.loc["c", "formulaic_share"] == 0.0


# ----------------------------------------------------------------------- four-char


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("因地制宜", "idiom"),  # chengyu.csv (新华 成语 data)
        ("真抓实干", "compound"),  # a political compound by the codebook, in no 成语 dictionary
        ("贯彻落实", "compound"),  # jieba tags it i (成语); the dictionary does not list it
        ("统筹兼顾", "compound"),  # listed, but excluded by the codebook (idioms_excluded.csv)
        ("重要讲话", "compound"),  # jieba tag l (习用语): an official set phrase
        ("久久为功", "idiom"),  # idioms_extra.csv (named by the codebook)
        ("头号工程", "slogan"),
        ("乡村振兴", "compound"),
        ("百千万工程", None),  # five characters
        ("1310", None),
    ],
)
def test_classify_fourchar(phrase, kind):
    assert rh.classify_fourchar(phrase) == kind


def test_textstat_fourchar_on_a_token_table():
    toks = pd.DataFrame(
        {
            "doc_id": "d",
            "para_id": 1,
            "sent_id": 1,
            "token_id": range(1, 7),
            "token": ["因地制宜", "推动", "乡村振兴", "，", "头号工程", "县"],
        }
    )
    out = rh.textstat_fourchar(toks).iloc[0]
    # CJK tokens: 因地制宜 推动 乡村振兴 头号工程 县 = 5 tokens, 4+2+4+4+1 = 15 chars
    assert out["n_tokens"] == 5
    assert out["cjk_chars"] == 15
    assert out["n_fourchar"] == 3
    assert (out["n_idiom"], out["n_slogan"], out["n_compound"]) == (1, 1, 1)
    assert out["share_chars"] == pytest.approx(12 / 15)
    assert out["share_tokens"] == pytest.approx(3 / 5)


def test_textstat_fourchar_groups_sorted_and_groups_without_cjk_dropped():
    toks = pd.DataFrame(
        {
            "doc_id": ["b", "b", "a", "c", "c"],
            "token": ["因地制宜", "推动", "县域", "2024", "GDP"],
        }
    )
    out = rh.textstat_fourchar(toks, group={"a": "乙组", "b": "甲组", "c": "丙组"})
    assert out["group"].tolist() == sorted(["乙组", "甲组"])  # 丙组 has no CJK token
    assert out.set_index("group")["n_fourchar"].to_dict() == {"乙组": 0, "甲组": 1}
    assert out["n_tokens"].dtype == "int64"


def test_fourchar_clauses():
    df = sents("深化研究、大胆试验、扎实推进，着重加强产业培育和导入。", "1310具体部署。")
    out = rh.textstat_fourchar_clauses(df).iloc[0]
    # clauses: 深化研究 大胆试验 扎实推进 着重加强产业培育和导入 1310具体部署 -> 5, three of 4 chars
    assert out["n_clauses"] == 5
    assert out["n_fourchar_clauses"] == 3


# ----------------------------------------------------------------------- directives


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("必须跨过的关口", [("必须", 3)]),
        ("要深入实施，确保取得实效", [("要", 2), ("确保", 3)]),
        ("这是重要讲话的主要内容", []),  # 要 inside 重要/主要 is not a directive
        ("需要每个县强起来", [("需要", 2)]),
        ("鼓励探索，可以先行先试", [("鼓励", 1), ("探索", 1), ("可以", 1)]),
        ("严禁弄虚作假，不得不说", [("严禁", 3)]),  # 不得 inside 不得不
    ],
)
def test_directive_markers(text, markers):
    assert rh.directive_markers(text) == markers


def test_textstat_directives_tiers():
    df = sents("必须坚决落实。", "要加强保障。", "鼓励参与。", "会议召开。")
    scored = rh.directive_sentences(df)
    assert scored["max_tier"].tolist() == [3, 2, 1, 0]
    assert scored["score"].tolist() == [6, 2, 1, 0]
    out = rh.textstat_directives(df).set_index("tier")
    assert out.loc[3, "n_markers"] == 2
    assert out.loc[0, "n_sentences"] == 1
    assert out["share_sentences"].sum() == pytest.approx(1.0)
    assert out.loc[3, "label"] == "mandatory"


# ------------------------------------------------------------------------ metaphors


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("进击“百千万工程”的鼓点越来越密", ["进击", "鼓点"]),
        ("以“头号力度”拼出“头号工程”新图景", ["头号", "拼", "头号"]),
        ("学习汉语拼音", []),
        ("打赢脱贫攻坚战", ["打赢", "攻坚"]),
        ("挂图作战，比学赶超", ["挂图作战", "比学赶超"]),
    ],
)
def test_metaphor_matches(text, terms):
    lex = rh.metaphor_lexicon()
    hits = rh.lexicon_matches(sents(text), terms=lex["term"], not_in=lex["not_in"])
    assert hits["term"].tolist() == terms


def test_textstat_metaphors_by_domain():
    df = sents("战鼓催征马蹄疾，奋勇争先正当时。", "比学赶超。")
    out = rh.textstat_metaphors(df, by="domain").set_index("domain")
    assert out.loc["war", "n"] == 1  # 战鼓
    assert out.loc["race", "n"] == 2  # 争先, 比学赶超
    assert out.loc["campaign", "n"] == 0


# ------------------------------------------------------------------------ sentences


def test_textstat_sentences():
    df = sents("一二三四五。", "“头号工程”和“百千万工程”。")
    lengths = rh.sentence_lengths(df)
    assert lengths["n_chars"].tolist() == [6, 15]
    assert lengths["n_quotes"].tolist() == [0, 2]
    assert lengths["quoted_chars"].tolist() == [0, 13]
    out = rh.textstat_sentences(df, long_threshold=10).iloc[0]
    assert out["n_sentences"] == 2
    assert out["mean_chars"] == pytest.approx(10.5)
    assert out["max_chars"] == 15
    assert out["share_long"] == pytest.approx(0.5)
    assert out["share_with_quote"] == pytest.approx(0.5)
    assert out["quoted_char_share"] == pytest.approx(13 / 21)


# ------------------------------------------------------------------------- grouping


def test_attach_group_with_paragraph_table():
    df = pd.concat([sents("甲。", para=1), sents("乙。", para=2)])
    mapping = pd.DataFrame(
        {"doc_id": ["d1", "d1", "d1"], "para_id": [1, 2, 2], "group": ["广州", "深圳", "珠海"]}
    )
    out = attach_group(df, mapping)
    assert sorted(out["group"]) == ["广州", "深圳", "珠海"]


def test_attach_group_rejects_unknown_column():
    with pytest.raises(KeyError, match="outlet"):
        attach_group(sents("甲。"), "outlet")


# -------------------------------------------------------------------------- profile


def test_rhetoric_profile_hand_counted():
    df = pd.concat(
        [
            sents(
                "必须把“头号工程”拼出来。",
                "县强起来、镇旺起来、村富起来。",
                doc="a",
                outlet="江门日报",
            ),
            sents(
                "省委书记黄坤明出席会议。",
                "黄坤明指出，要推进“百千万工程”。",
                doc="b",
                outlet="南方杂志",
            ),
        ]
    )
    prof = rh.textstat_rhetoric_profile(df, group="outlet")
    assert list(dict.fromkeys(prof["measure"])) == list(rh.PROFILE_MEASURES)
    val = prof.set_index(["group", "measure"])["value"]
    chars_a = len("必须把头号工程拼出来") + len("县强起来镇旺起来村富起来")  # Han characters only
    assert val[("江门日报", "slogans_per_10k")] == pytest.approx(10_000 / chars_a)  # 头号工程
    # metaphors: 头号 (inside 头号工程) and 拼
    assert val[("江门日报", "metaphors_per_10k")] == pytest.approx(2 * 10_000 / chars_a)
    assert val[("江门日报", "parallel_runs_per_100")] == pytest.approx(50.0)
    assert val[("江门日报", "mandatory_share")] == pytest.approx(0.5)
    assert val[("南方杂志", "speech_acts_per_100")] == pytest.approx(50.0)  # 指出 in 1 of 2
    assert val[("南方杂志", "directive_share")] == pytest.approx(0.5)  # 要


def test_textstat_citations_groups_by_metadata_column():
    df = pd.concat(
        [
            sents("省委书记黄坤明出席会议。", "黄坤明指出，要实干。", doc="a", outlet="南方杂志"),
            sents("江门市委常委会召开会议。", "会议强调，要落实。", doc="b", outlet="江门日报"),
        ]
    )
    out = rh.textstat_citations(df, group="outlet")
    assert out[["group", "speaker", "n_acts"]].values.tolist() == [
        ["南方杂志", "黄坤明", 1],
        ["江门日报", "江门市委常委会", 1],
    ]


# ----------------------------------------------------------------------------- plots
