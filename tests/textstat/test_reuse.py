"""Text reuse: aligned passages, source order, copies, boilerplate, network and diffusion."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bqw_research.textstat.reuse import (
    DIFFUSION_COLUMNS,
    NETWORK_COLUMNS,
    REUSE_COLUMNS,
    provincial_outlet,
    textstat_formulation_diffusion,
    textstat_reuse,
    textstat_reuse_network,
)
from bqw_research.textstat.reuse.align import align_pair, content_view
from bqw_research.textstat.reuse.candidates import candidate_pairs, passage_bounds

FORMULATION = "要以百县千镇万村高质量发展工程为牵引，推动城乡区域协调发展，奋力在推进中国式现代化建设中走在前列。"
EDITED = "要以百县千镇万村高质量发展工程为牵引，促进城乡区域协调发展，奋力在推进中国式现代化建设中走在前列。"


def article(doc_id: str, text: str, published: str | None, outlet: str, dup: str | None = None):
    return {
        "doc_id": doc_id,
        "title": doc_id,
        "outlet": outlet,
        "published": pd.Timestamp(published, tz="Asia/Shanghai") if published else pd.NaT,
        "text": text,
        "near_duplicate_of": dup,
    }


@pytest.fixture
def corpus() -> pd.DataFrame:
    rows = [
        article(
            "省委会议",
            "省委常委会召开会议。\n\n省委书记黄坤明主持会议并强调，"
            + FORMULATION
            + "\n\n会议还研究了其他事项。",
            "2025-01-01 09:00",
            "南方日报",
        ),
        article(
            "汕头落实",
            "汕头市委常委会召开会议，传达学习省委全会精神。\n\n汕头市委书记温湛滨强调，"
            + EDITED
            + "\n\n汕头将加快建设省域副中心城市。",
            "2025-01-05 09:00",
            "汕头日报",
        ),
        article(
            "天气",
            "今天白天到夜间多云转小雨，气温十五到二十二度，东北风三到四级。\n\n请市民注意添衣保暖。",
            "2025-01-03 09:00",
            "天气网",
        ),
    ]
    return pd.DataFrame(rows)


def test_reused_passage_with_a_small_edit_is_found_whole(corpus):
    reuse = textstat_reuse(corpus)
    assert list(reuse.columns) == REUSE_COLUMNS
    assert len(reuse) == 1
    row = reuse.iloc[0]
    assert (row["source_doc"], row["echo_doc"]) == ("省委会议", "汕头落实")
    assert "百县千镇万村" in row["source_text"] and "走在前列" in row["source_text"]
    assert "促进城乡" in row["echo_text"]
    assert (
        corpus.set_index("doc_id").loc["汕头落实", "text"][row["echo_start"] : row["echo_end"]]
        == row["echo_text"]
    )
    assert row["lag_days"] == pytest.approx(4.0)
    assert 0.8 <= row["similarity"] < 1.0
    assert not row["copy"]


def test_same_table_whatever_the_row_order(corpus):
    a = textstat_reuse(corpus)
    b = textstat_reuse(corpus.iloc[::-1].reset_index(drop=True))
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize(
    ("dates", "source"),
    [
        (("2025-01-05", "2025-01-01"), "汕头落实"),  # the earlier date is the source
        ((None, "2025-01-01"), "汕头落实"),  # a dated article comes before an undated one
        (("2025-01-01", None), "省委会议"),
        (("2025-01-01", "2025-01-01"), "汕头落实"),  # a tie: doc_id order (汕 U+6C55 < 省 U+7701)
    ],
)
def test_source_is_the_earlier_article(corpus, dates, source):
    corpus = corpus.copy()
    for doc_id, date in zip(["省委会议", "汕头落实"], dates, strict=True):
        stamp = pd.Timestamp(date, tz="Asia/Shanghai") if date else pd.NaT
        corpus.loc[corpus["doc_id"] == doc_id, "published"] = stamp
    reuse = textstat_reuse(corpus)
    assert reuse["source_doc"].tolist() == [source]
    assert np.isnan(reuse["lag_days"].iloc[0]) == (None in dates)


@pytest.mark.parametrize(("include", "rows"), [(False, 2), (True, 3)])
def test_copies_flagged_at_load_are_kept_apart(corpus, include, rows):
    copy = corpus[corpus["doc_id"] == "汕头落实"].assign(
        doc_id="汕头落实（转载）", near_duplicate_of="汕头落实"
    )
    both = pd.concat([corpus, copy], ignore_index=True)
    reuse = textstat_reuse(both, include_copies=include, earliest_source=False)
    assert len(reuse) == rows
    assert reuse["copy"].sum() == (1 if include else 0)


def test_boilerplate_shared_by_many_articles_is_not_reuse():
    opening = "各位观众晚上好，欢迎收看本台新闻节目，今天节目的主要内容有以下几条新闻。"
    bodies = ["乡村振兴", "产业园区", "海洋经济", "营商环境", "科技创新", "绿美广东", "港口航运",
              "农房风貌", "县域经济", "城乡融合", "文旅融合", "水利建设"]  # fmt: skip
    corpus = pd.DataFrame(
        [
            article(
                f"d{i:02d}",
                opening + f"\n\n本期关注{b}，记者在{b}一线进行了采访报道。",
                f"2025-02-{i + 1:02d}",
                "电视台",
            )
            for i, b in enumerate(bodies)
        ]
    )
    assert textstat_reuse(corpus, boilerplate_min_docs=10).empty
    assert len(textstat_reuse(corpus, boilerplate_min_docs=20)) > 0  # not common: reported


@pytest.mark.parametrize(
    ("echo", "passages"),
    [
        (FORMULATION, 1),
        (EDITED, 1),  # one changed word: one passage, not two fragments
        (FORMULATION[:18] + "这里插入了一段很长的完全不同的文字内容作为隔断" + FORMULATION[18:], 2),
    ],
)
def test_alignment_merges_across_small_edits_only(echo, passages):
    found = align_pair(content_view(FORMULATION), content_view(echo), k=8, max_gap=10)
    assert len(found) == passages


def test_passages_join_short_sentences():
    text = "会议强调。要以百县千镇万村高质量发展工程为牵引！推动城乡区域协调发展。好。"
    bounds = passage_bounds(content_view(text), min_chars=10)
    assert all(e - s >= 10 for s, e in bounds)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(content_view(text).text)


def test_a_sentence_in_every_article_gives_linearly_many_candidates():
    shared = "奋力在推进中国式现代化建设中走在前列。"
    rng = np.random.default_rng(7)
    han = np.array(
        list("政府工作报告经济社会发展城乡区域协调乡村振兴产业园区海洋港口科技创新人才教育医疗")
    )
    texts = [shared + "".join(rng.choice(han, 40)) + "。" for _ in range(40)]
    pairs = candidate_pairs([content_view(t) for t in texts], min_chars=10, bucket_cap=3)
    assert len(pairs) <= 3 * 40
    assert (pairs[:, 0] < pairs[:, 1]).all()
    assert {0, 1, 2} <= set(pairs[:, 0].tolist())


@pytest.mark.parametrize("frame", [pd.DataFrame(columns=["doc_id", "text"]), None])
def test_no_or_one_article_gives_an_empty_table(corpus, frame):
    frame = corpus.head(1) if frame is None else frame
    reuse = textstat_reuse(frame)
    assert reuse.empty and list(reuse.columns) == REUSE_COLUMNS


def test_network_by_outlet_counts_passages_and_lag(corpus):
    network = textstat_reuse_network(textstat_reuse(corpus), corpus, by="outlet")
    assert list(network.columns) == NETWORK_COLUMNS
    edge = network.iloc[0]
    assert (edge["group"], edge["source_group"], edge["echo_group"]) == (
        "outlet",
        "南方日报",
        "汕头日报",
    )
    assert (edge["n_passages"], edge["n_doc_pairs"], edge["median_lag_days"]) == (
        1,
        1,
        pytest.approx(4.0),
    )


def test_provincial_formulation_reaches_the_echo_city(corpus):
    diffusion = textstat_formulation_diffusion(textstat_reuse(corpus), corpus)
    assert list(diffusion.columns) == DIFFUSION_COLUMNS
    row = diffusion.iloc[0]
    assert row["group"] == "汕头市"
    assert row["first_echo_doc"] == "汕头落实"
    assert row["lag_days"] == pytest.approx(4.0)
    assert row["source_basis"] in {"paragraph", "outlet"}


@pytest.mark.parametrize(
    ("outlet", "provincial"),
    [
        ("南方日报", True),
        ("广东省人民政府", True),
        ("汕头日报", False),
        (None, False),
        ("新华社", False),
    ],
)
def test_provincial_outlets(outlet, provincial):
    assert provincial_outlet(outlet) is provincial


@pytest.mark.parametrize(
    "name", ["textstat_reuse", "textstat_reuse_network", "textstat_formulation_diffusion"]
)
def test_verbs_are_re_exported(name):
    import bqw_research
    import bqw_research.textstat
    import bqw_research.textstat.reuse

    verb = getattr(bqw_research.textstat.reuse, name)
    assert getattr(bqw_research, name) is verb
    assert getattr(bqw_research.textstat, name) is verb


def test_kgram_hashes_locate_equal_substrings():
    from bqw_research.corpus.near_duplicates import kgram_hashes, shingle_hashes

    h = kgram_hashes("百千万工程百千万工程", 5)
    assert len(h) == 6 and h[0] == h[5] and h[0] != h[1]
    assert set(shingle_hashes("百千万工程百千万工程").tolist()) == set(h.tolist())


@pytest.mark.parametrize(
    "text",
    [
        FORMULATION + EDITED,
        "百千万工程" * 6 + FORMULATION,  # a k-gram repeated more than MAX_REPEAT times
        "百千万",  # shorter than k
        "",
    ],
)
def test_kgram_index_orders_positions_by_hash_and_keeps_rare_hashes(text):
    from bqw_research.textstat.reuse.align import MAX_REPEAT

    view = content_view(text)
    h, order, sorted_h, distinct, rare = view.kgram_index(8)
    assert np.array_equal(order, np.argsort(h, kind="stable"))
    assert np.array_equal(sorted_h, h[order])
    values, counts = np.unique(h, return_counts=True)
    assert np.array_equal(distinct, values)
    assert np.array_equal(rare, values[counts <= MAX_REPEAT])
    assert view.kgrams(8)[1] is rare


STOCK = "要更加紧密地团结在以习近平同志为核心的党中央周围，坚持马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观。"
EXHIBIT = (
    "观众参观了《为了民族解放与世界和平——纪念中国人民抗日战争暨世界反法西斯战争胜利80周年》主题展。"
)


@pytest.mark.parametrize(
    ("shared", "rows"),
    [
        (STOCK, 0),  # stock central formulae only: not reuse
        (EXHIBIT, 0),  # the name of an exhibition (inside 《…》): not reuse
        (STOCK + FORMULATION, 1),  # a formula inside a longer reused passage: the rest counts
    ],
)
def test_stock_formulae_and_titles_are_not_counted_as_reuse(shared, rows):
    corpus = pd.DataFrame(
        [
            article(
                "甲",
                "市委召开会议。\n\n" + shared + "\n\n会议研究了其他事项。",
                "2025-03-01",
                "甲报",
            ),
            article(
                "乙", "县委召开会议。\n\n" + shared + "\n\n县里将抓好落实。", "2025-03-05", "乙报"
            ),
        ]
    )
    assert len(textstat_reuse(corpus)) == rows
    if shared == STOCK:  # without the list of formulae: a passage
        assert len(textstat_reuse(corpus, formulae=())) == 1


def test_stock_mask_marks_formulae_without_punctuation_and_titles():
    from bqw_research.textstat.reuse.align import stock_mask

    text = "要做到“两个维护”，参观《人民的胜利》展览。"
    view = content_view(text)
    mask = stock_mask(text, view, [content_view("做到“两个维护”").text])
    marked = "".join(c for c, m in zip(view.text, mask, strict=True) if m)
    assert marked == "做到两个维护人民的胜利"
