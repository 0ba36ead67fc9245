"""排比 rules added after round 4 of the labels (data/labels/parallelism/README.md, "Round 4").

Sentences written for these tests in the style of the corpus (none is a labelled sentence).
"""

from __future__ import annotations

import pytest

from bqw_research.textstat import rhetoric as rh


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a conjunction inside every member is a function word, not a frame (decision 2)
        ("我们面临开放还是封闭、合作还是对立、前进还是倒退的选择。", False),
        ("这关系到发展或者停滞、团结或者分裂、进步或者落后的大局。", False),
        # a conjunction opening every member is anaphora and still counts
        ("非但不会削弱企业活力，反而能够激发企业活力；非但不会拖累经济增长，反而能够拓展增长空间；"
         "非但不会增加群众负担，反而能够提升群众获得感。", True),
    ],
)  # fmt: skip
def test_conjunction_inside_members_is_not_an_anchor(text, expected):
    assert rh.has_parallelism(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a two-character adverb right before a short final predicate, long subjects
        ("近年来，城乡污水收集管网不断完善，农村人居环境整治水平不断提升，生态保护修复制度体系不断健全。",
         True),
        ("无论外部环境如何变化，我们推进高水平对外开放的决心不会动摇，扩大市场准入的步伐不会放慢，"
         "优化营商环境的努力不会停止。", True),
        # a shared verb (not an adverb) before the last word of long members: recurrence only
        ("要提高农业科技水平，延伸农产品加工的产业链条、完善农产品流通的产业体系。", False),
        # the adverb in two members only
        ("城乡污水收集管网不断完善，农村人居环境整治水平明显提升，生态保护修复制度体系不断健全。",
         False),
    ],
)  # fmt: skip
def test_adverb_in_the_predicate_slot_of_long_clauses(text, expected):
    assert rh.has_parallelism(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 共同 opens every member's last clause; jieba glues 共同提高 into one set phrase
        ("要秉持互利共赢理念，共同推动区域经济融合发展。坚持平等协商原则，共同提高应对风险挑战能力。"
         "尊重各方发展道路，共同完善区域合作机制。", True),
        # 共同 in two of the three members only
        ("要秉持互利共赢理念，共同推动区域经济融合发展。坚持平等协商原则，努力提高应对风险挑战能力。"
         "尊重各方发展道路，共同完善区域合作机制。", False),
    ],
)  # fmt: skip
def test_opening_word_inside_a_set_phrase(text, expected):
    assert rh.has_parallelism(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # X就是Y with verb-phrase subjects: the emphatic copula of identity
        ("保护生态就是保护生产力，改善环境就是发展生产力，守护青山就是守护未来。", True),
        # two members only
        ("保护生态就是保护生产力，改善环境就是发展生产力。", False),
        # 是 without 就: verb-phrase subjects stay out (the noun-phrase rule holds)
        ("推动发展是第一要务，做好工作是根本要求，抓好落实是关键环节。", False),
    ],
)  # fmt: skip
def test_identity_copula_with_verb_phrase_subjects(text, expected):
    assert rh.has_parallelism(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the distributive frame 一X一Y
        ("当地推动“一镇一特色、一村一产业、一户一增收”，乡村面貌焕然一新。", True),
        # word-level: three-character members
        ("坚持一村一品、一镇一业。", False),
        # a count, not the frame: 一 only in the first slot
        ("新建一座公园、一所学校、一家医院。", False),
    ],
)  # fmt: skip
def test_distributive_frame(text, expected):
    assert rh.has_parallelism(text) is expected
