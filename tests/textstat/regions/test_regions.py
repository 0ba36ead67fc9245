"""Place mentions, paragraph attribution and the regional statistics (hand-computed values)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.textstat import regions as R

FIXTURE = config.LABELS_DIR / "seed_roundup_attribution.csv"
SEED_ROUNDUP = "000_ad59bfa3dca04c59"


def paras(*texts: str, doc_id: str = "d1", section: str | list[str] = "") -> pd.DataFrame:
    sections = section if isinstance(section, list) else [section] * len(texts)
    return pd.DataFrame(
        {
            "doc_id": doc_id,
            "para_id": range(1, len(texts) + 1),
            "section": sections,
            "text": list(texts),
        }
    )


# ------------------------------------------------------------------- textstat_places


def test_textstat_places_columns_and_rows():
    df = paras("深中通道连接深圳和中山。", "中山大学专家到惠来县调研。")
    places = R.textstat_places(df)
    assert list(places.columns) == R.PLACE_COLUMNS
    first = places[places["para_id"] == 1]
    assert first["city"].tolist() == ["深圳市", "中山市", "深圳市", "中山市"]
    assert first["kind"].tolist() == ["compound", "compound", "short", "short"]
    second = places[places["para_id"] == 2]
    assert second[["mention", "name", "city", "region"]].values.tolist() == [
        ["惠来县", "惠来县", "揭阳市", "粤东"]
    ]


def test_textstat_places_empty():
    places = R.textstat_places(paras("没有任何地名的一段话。"))
    assert places.empty and list(places.columns) == R.PLACE_COLUMNS


# --------------------------------------------------------------- attribute_paragraphs


def _labels() -> pd.DataFrame:
    lab = pd.read_csv(FIXTURE, dtype=str, keep_default_na=False)
    lab["para_id"] = lab["para_id"].astype(int)
    return lab


def test_fixture_matches_the_seed_paragraphs(seed_paragraphs):
    """The hand labels refer to the paragraphs they were written for."""
    lab = _labels()
    seed = seed_paragraphs[seed_paragraphs["doc_id"] == SEED_ROUNDUP]
    assert len(lab) == len(seed)  # every body paragraph is labelled
    merged = lab.merge(seed, on=["doc_id", "para_id"])
    assert len(merged) == len(lab)
    assert all(t.startswith(s) for s, t in zip(merged["text_start"], merged["text"], strict=True))


def test_attribution_accuracy_on_hand_labelled_seed_roundup(seed_paragraphs):
    lab = _labels()
    pred = R.attribute_paragraphs(seed_paragraphs)
    result = R.attribution_accuracy(pred, lab)
    accuracy = result["correct"].mean()
    assert accuracy >= 0.9, result[~result["correct"]]


def test_attribution_output_shape(seed_paragraphs):
    pred = R.attribute_paragraphs(seed_paragraphs)
    assert list(pred.columns) == R.ATTRIBUTION_COLUMNS
    assert len(pred) == len(seed_paragraphs)
    assert set(pred["level"]) <= {"city", "province", "none"}
    assert pred.loc[pred["level"] != "city", "city"].isna().all()
    seed = pred[pred["doc_id"] == SEED_ROUNDUP].set_index("para_id")
    # 唐屹峰 (佛山) on 对口帮扶协作 with 茂名 and 云浮
    assert seed.loc[14, "mentioned"] == ["茂名市", "云浮市"]
    assert seed.loc[12, "mentioned"] == ["茂名市"]


def test_leader_learned_from_title_carries_the_city():
    df = paras(
        "11月21日，汕头市委书记温湛滨主持会议。",
        "温湛滨指出，要以实施百千万工程为牵引。",
    )
    out = R.attribute_paragraphs(df)
    assert out["city"].tolist() == ["汕头市", "汕头市"]
    assert out["level"].tolist() == ["city", "city"]


def test_continuation_carries_city_within_a_section_only():
    df = paras(
        "江门市委常委会召开会议。",
        "会议强调，要深化综合改革。",
        "会议强调，要深化综合改革。",
        section=["甲", "甲", "乙"],
    )
    out = R.attribute_paragraphs(df)
    assert out["city"].tolist()[:2] == ["江门市", "江门市"]
    assert out["level"].tolist() == ["city", "city", "none"]


def test_province_level_for_provincial_actor_even_with_a_venue():
    df = paras(
        "省委在广州召开工作务虚会，省委书记黄坤明出席会议并讲话。", "黄坤明指出，要深化研究。"
    )
    out = R.attribute_paragraphs(df)
    assert out["level"].tolist() == ["province", "province"]
    assert out["mentioned"].iloc[0] == ["广州市"]


def test_study_formula_is_not_a_provincial_actor():
    df = paras("东莞市委书记韦皓宣讲党的二十届四中全会精神和习近平总书记视察广东重要讲话精神。")
    out = R.attribute_paragraphs(df)
    assert (out["city"].iloc[0], out["level"].iloc[0]) == ("东莞市", "city")


def test_list_of_cities_each_with_own_actors_is_none():
    df = paras(
        "梅州市委常委会召开会议强调发展。湛江市委书记余钢强调要前进。清远市委书记殷昭举要求落实。"
    )
    out = R.attribute_paragraphs(df)
    assert out["level"].iloc[0] == "none"
    assert out["mentioned"].iloc[0] == ["梅州市", "湛江市", "清远市"]


def test_host_city_of_a_delegation_visit():
    df = paras(
        "茂名市委书记庄悦群率茂名市党政代表团来珠考察交流。受珠海市委书记陈勇委托，"
        "珠海市委副书记、市长吴泽桐对代表团表示欢迎。"
    )
    out = R.attribute_paragraphs(df)
    assert out["city"].iloc[0] == "珠海市"
    assert out["mentioned"].iloc[0] == ["茂名市"]


def test_section_heading_names_the_city_for_bare_titles():
    df = paras("11月10日，市委书记庄悦群到滨海新区调研。", "庄悦群主持召开会议。", section="茂名")
    out = R.attribute_paragraphs(df)
    assert out["city"].tolist() == ["茂名市", "茂名市"]


def test_commentary_without_places_is_none():
    out = R.attribute_paragraphs(paras("百千万工程是一项系统工程，需要久久为功。"))
    assert out["level"].tolist() == ["none"]


def test_attribute_empty_table():
    empty = pd.DataFrame(columns=["doc_id", "para_id", "section", "text"])
    out = R.attribute_paragraphs(empty)
    assert out.empty and list(out.columns) == R.ATTRIBUTION_COLUMNS


# ------------------------------------------------------------------------ statistics


@pytest.fixture
def toy():
    """Three paragraphs: two 广州 (10 + 20 chars), one 汕头 (10 chars), one commentary."""
    df = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "para_id": [1, 2, 1, 2],
            "section": "",
            "text": ["产业产业园区招商引资", "乡" * 20, "文旅" * 5, "评论" * 4],
        }
    )
    att = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b"],
            "para_id": [1, 2, 1, 2],
            "city": ["广州市", "广州市", "汕头市", None],
            "region": ["珠三角", "珠三角", "粤东", None],
            "level": ["city", "city", "city", "none"],
            "mentioned": [["深圳市"], [], ["广州市"], ["梅州市"]],
        }
    )
    return df, att


def test_coverage_hand_computed(toy):
    df, att = toy
    cov = R.textstat_coverage(att, df).set_index("group")
    assert len(cov) == 21 + 4
    gz, st = cov.loc["广州市"], cov.loc["汕头市"]
    assert (gz["paragraphs"], gz["chars"], gz["articles"]) == (2, 30, 1)
    assert (st["paragraphs"], st["chars"], st["articles"]) == (1, 10, 1)
    assert gz["share"] == pytest.approx(30 / 40)
    assert st["share"] == pytest.approx(10 / 40)
    # mentions: paragraphs naming the city at all (attributed or mentioned)
    assert gz["mentions"] == 3 and cov.loc["深圳市", "mentions"] == 1
    assert cov.loc["梅州市", "mentions"] == 1 and cov.loc["梅州市", "paragraphs"] == 0
    assert cov.loc["珠三角", "chars"] == 30 and cov.loc["粤东", "share"] == pytest.approx(0.25)
    assert cov.loc["粤北", "mentions"] == 1
    assert cov.loc[cov["kind"] == "city", "share"].sum() == pytest.approx(1.0)


def test_themes_hand_computed(toy):
    df, att = toy
    dic = pd.DataFrame(
        {
            "theme": ["industry", "industry", "industry", "rural", "culture"],
            "theme_zh": ["产业", "产业", "产业", "乡村", "文旅"],
            "term": ["产业", "产业园区", "招商", "乡", "文旅"],
            "source": "test",
        }
    )
    th = R.textstat_themes(att, df, dictionary=dic).set_index(["group", "theme"])
    # 广州: "产业产业园区招商引资" → 产业 + 产业园区 (longest, not 产业 twice) + 招商 = 3
    assert th.loc[("广州市", "industry"), "n"] == 3
    assert th.loc[("广州市", "industry"), "per_10k"] == pytest.approx(3 / 30 * 10_000)
    assert th.loc[("广州市", "rural"), "n"] == 20
    assert th.loc[("汕头市", "culture"), "per_10k"] == pytest.approx(5 / 10 * 10_000)
    assert th.loc[("粤东", "culture"), "n"] == 5
    assert ("梅州市", "industry") not in th.index  # no text, no score


def test_theme_dictionary_file():
    t = R.themes()
    assert set(t.columns) >= {"theme", "theme_zh", "term", "source"}
    assert t["theme"].nunique() == 9
    assert not t.duplicated(["theme", "term"]).any()
    assert t["source"].str.len().gt(0).all()


def test_attribution_groups_keep_unattributed_in_reference(toy):
    _, att = toy
    g = R.attribution_groups(att, by="region")
    assert g["group"].tolist() == ["珠三角", "珠三角", "粤东", R.NO_CITY]


def test_region_keyness_against_hand_computed_g2():
    toks = pd.DataFrame(
        {
            "doc_id": ["a"] * 4 + ["b"] * 4,
            "para_id": [1] * 4 + [1] * 4,
            "sent_id": 1,
            "token_id": [1, 2, 3, 4] * 2,
            "token": ["产业", "产业", "产业", "乡村", "乡村", "乡村", "乡村", "产业"],
        }
    )
    att = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "para_id": [1, 1],
            "city": ["广州市", "汕头市"],
            "region": ["珠三角", "粤东"],
            "level": ["city", "city"],
            "mentioned": [[], []],
        }
    )
    key = R.textstat_region_keyness(toks, att, by="region", min_count=1, min_chars=1).set_index(
        ["group", "token"]
    )
    # 2x2 table for 产业 in 珠三角: a=3, b=1, c=1, d=3; E = 2 in every cell
    g2 = 2 * (3 * math.log(3 / 2) * 2 + 1 * math.log(1 / 2) * 2)
    assert key.loc[("珠三角", "产业"), "G2"] == pytest.approx(g2)
    assert key.loc[("粤东", "产业"), "G2"] == pytest.approx(-g2)
    assert key.loc[("珠三角", "产业"), "log_ratio"] == pytest.approx(math.log2(3))
    assert {"p_adj", "significant"} <= set(key.columns)


@pytest.mark.parametrize(
    ("token", "place"),
    [
        ("深圳", True),
        ("广州市", True),
        ("湛江港", True),  # a place inside a longer name is still a place
        ("南沙", True),  # a district of 广州
        ("深中", True),  # a compound of two cities
        ("中山大学", False),  # guarded: a university, not the city
        ("苏梅州", False),  # a look-alike: Sumy, Ukraine
        ("产业", False),
        ("广东", False),  # the province: common to every region
    ],
)
def test_is_place_token(token, place):
    assert R.is_place_token(token) is place


def test_region_keyness_leaves_out_the_place_names_that_placed_the_paragraphs():
    rows = []
    for doc, words in (
        ("a", ["广州", "产业", "广州", "产业", "产业"]),
        ("b", ["广州", "产业", "制造"]),
        ("c", ["汕头", "侨乡", "侨乡"]),
        ("d", ["汕头", "侨乡", "制造"]),
    ):
        for i, w in enumerate(words, 1):
            rows.append({"doc_id": doc, "para_id": 1, "sent_id": 1, "token_id": i, "token": w})
    toks = pd.DataFrame(rows)
    att = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "para_id": [1, 1, 1, 1],
            "city": ["广州市", "广州市", "汕头市", "汕头市"],
            "region": ["珠三角", "珠三角", "粤东", "粤东"],
            "level": ["city"] * 4,
            "mentioned": [[]] * 4,
        }
    )
    options = {"by": "region", "min_count": 1, "min_chars": 1, "min_docs": 1}
    kept = R.textstat_region_keyness(toks, att, drop_places=False, **options)
    dropped = R.textstat_region_keyness(toks, att, **options)
    assert {"广州", "汕头"} <= set(kept["token"])
    assert not {"广州", "汕头"} & set(dropped["token"])
    # every other term keeps its figures
    same = kept[~kept["token"].isin(["广州", "汕头"])].reset_index(drop=True)
    pd.testing.assert_frame_equal(dropped, same)


def test_region_keyness_with_one_group_is_empty():
    toks = pd.DataFrame(
        {"doc_id": ["a"], "para_id": [1], "sent_id": [1], "token_id": [1], "token": ["产业"]}
    )
    att = pd.DataFrame(
        {
            "doc_id": ["a"],
            "para_id": [1],
            "city": [None],
            "region": [None],
            "level": ["none"],
            "mentioned": [[]],
        }
    )
    assert R.textstat_region_keyness(toks, att).empty


# ------------------------------------------------------------------------- pairings


def test_pairings_from_text_and_attribution():
    df = paras(
        "佛山市委书记唐屹峰到三水区调研。",
        "唐屹峰强调，要持续深化与茂名、云浮对口帮扶协作。共建“一带一路”。",
        "广州和深圳都很重要。",
    )
    att = R.attribute_paragraphs(df)
    pairs = R.textstat_pairings(df, att)
    # a star around the paragraph's city: 茂名 and 云浮 are not linked with each other
    assert sorted(zip(pairs["source"], pairs["target"], strict=True)) == [
        ("佛山市", "云浮市"),
        ("佛山市", "茂名市"),
    ]
    assert set(pairs["relation"]) == {"pairing"}
    assert pairs["evidence"].iloc[0] == "唐屹峰强调，要持续深化与茂名、云浮对口帮扶协作。"
    edges = R.pairing_edges(pairs)
    assert edges["weight"].tolist() == [1, 1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("广州与梅州深化对口帮扶协作。", [("广州市", "梅州市")]),
        # a list without a host does not say who pairs with whom
        ("广州、深圳与梅州深化对口帮扶协作。", []),
        # compounds name their pairs
        (
            "完善深汕特别合作区、广清经济特别合作区管理体制，加快莞韶等产业转移合作园建设。",
            [("广州市", "清远市"), ("深圳市", "汕尾市"), ("东莞市", "韶关市")],
        ),
        ("广州和深圳都很重要。", []),  # no pairing word
    ],
)
def test_pairings_without_attribution(text, expected):
    pairs = R.textstat_pairings(paras(text))
    got = list(zip(pairs["source"], pairs["target"], strict=True)) if len(pairs) else []
    assert sorted(got) == sorted(expected)


def test_delegation_visit_is_a_visit_edge():
    df = paras("茂名市党政代表团来珠考察交流。")
    pairs = R.textstat_pairings(df)
    assert pairs[["source", "target", "relation"]].values.tolist() == [
        ["珠海市", "茂名市", "visit"]
    ]


def test_no_pairings():
    pairs = R.textstat_pairings(paras("广州市委召开会议。"))
    assert pairs.empty
    assert R.pairing_edges(pairs).empty


def test_seed_pairings(seed_paragraphs):
    att = R.attribute_paragraphs(seed_paragraphs)
    edges = R.pairing_edges(R.textstat_pairings(seed_paragraphs, att))
    pairs = set(zip(edges["source"], edges["target"], strict=True))
    assert {("珠海市", "茂名市"), ("佛山市", "茂名市"), ("佛山市", "云浮市")} <= pairs


# ---------------------------------------------------------------------- drill-down


def test_city_drilldown(seed_paragraphs):
    att = R.attribute_paragraphs(seed_paragraphs)
    dd = R.city_drilldown(att, seed_paragraphs, "佛山", max_chars=10)
    assert dd["para_id"].tolist() == [13, 14]
    assert dd["excerpt"].iloc[0] == "11月18日，佛山市…"  # 10 characters
    assert dd["mentioned"].iloc[1] == "茂名市、云浮市"


# --------------------------------------------------------------------------- plots


# ---------------------------------------------------------------- shared corpus


@pytest.mark.shared_corpus
def test_shared_roundup_city_by_city(shared_corpus):
    """区域观察 round-up: paragraphs 8–21 each report one city's 市委常委会 (read by hand)."""
    from bqw_research import corpus_paragraphs

    p = corpus_paragraphs(shared_corpus)
    doc = [d for d in p["doc_id"].unique() if d.startswith("广东省委要求增创新优势")]
    assert doc, "round-up not found in the shared corpus"
    sub = p[p["doc_id"] == doc[0]]
    att = R.attribute_paragraphs(sub).set_index("para_id")
    expected = {
        8: "广州市",
        9: "深圳市",
        10: "汕头市",
        11: "佛山市",
        12: "韶关市",
        13: "河源市",
        14: "惠州市",
        15: "惠州市",
        16: "汕尾市",
        17: "中山市",
        18: "江门市",
        19: "阳江市",
        20: "肇庆市",
        21: "云浮市",
    }
    got = {k: att.loc[k, "city"] for k in expected}
    assert sorted(got) == sorted(expected)
    assert att.loc[4, "level"] == "province"  # 广东省委书记黄坤明强调


def test_title_city_fills_paragraphs_without_evidence():
    df = paras("今年以来，村里的柚子卖到了海外。", "省委书记黄坤明强调要久久为功。", doc_id="f")
    out = R.attribute_paragraphs(df, titles={"f": "梅州柚，享全球！"})
    assert out["city"].tolist()[0] == "梅州市"
    assert out["level"].tolist() == ["city", "province"]
    # without titles the first paragraph has no evidence at all
    assert R.attribute_paragraphs(df)["level"].tolist() == ["none", "province"]
