"""How terms match: whole words of the package's segmentation, wildcards, regexes, exclusions.

The labelled check: real sentences where a term's characters occur inside a longer word
(增创新优势, 研究生命, 和尚未 …), each labelled by hand with the number of times a reader
counts the term as that word. Whole-word matching on the package's own segmentation is
compared with a plain substring search.
"""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.dictionary import compile_dictionary, text_hits, tokens_lookup
from bqw_research.tokens import tokens

# sentence, term, hand label (occurrences of the term as a word)
LABELLED = [
    ("要积极增创新优势、实现新突破。", "创新", 0),  # 增创 + 新优势
    ("推动科技创新和产业创新深度融合。", "创新", 2),
    ("省生态环境厅召开会议。", "生态", 0),  # the department's name
    ("加强生态保护，建设美丽广州。", "生态", 1),
    ("研究生命起源的问题。", "研究生", 0),  # 研究 + 生命
    ("已经结婚的和尚未结婚的干部都来了。", "和尚", 0),  # 和 + 尚未
    ("推进城乡区域协调发展。", "进城", 0),  # 推进 + 城乡
    ("全省县域经济加快发展。", "省县", 0),  # 全省 + 县域
    ("持续优化营商环境。", "营商环境", 1),  # two words of the segmentation
    ("不断增强人民群众获得感。", "获得感", 1),
    ("加快建设现代化产业体系。", "产业", 1),  # inside a domain-lexicon compound
    ("各地市委书记走进田间地头。", "市委", 1),  # inside 市委书记
]
#: Where whole-word matching disagrees with the hand label: the term is a word of its own
#: inside a compound that the segmentation keeps whole (domain lexicon, jieba).
KNOWN_MISSES = {"加快建设现代化产业体系。", "各地市委书记走进田间地头。"}


@pytest.fixture(scope="module")
def segmented():
    sents = pd.DataFrame(
        {
            "doc_id": "d",
            "para_id": 1,
            "sent_id": range(len(LABELLED)),
            "text": [s for s, _, _ in LABELLED],
        }
    )
    toks = tokens(sents)
    return toks.groupby("sent_id", sort=True)["token"].agg(list).tolist()


def _count(units, term, *, whole_word):
    cats = compile_dictionary({"c": [term]}, whole_word=whole_word)
    return len(text_hits(units, cats, whole_word=whole_word))


@pytest.mark.parametrize(("i", "case"), list(enumerate(LABELLED)))
def test_whole_word_rule_against_hand_labels(segmented, i, case):
    sentence, term, label = case
    whole = _count([segmented[i]], term, whole_word=True)
    plain = _count([sentence], term, whole_word=False)
    assert plain == sentence.count(term)  # the substring search finds every occurrence
    if sentence in KNOWN_MISSES:
        assert whole == 0 and plain == label
    else:
        assert whole == label


def test_whole_word_agreement_with_hand_labels_beats_substring_search(segmented):
    whole = sum(
        _count([segmented[i]], t, whole_word=True) == lab for i, (_, t, lab) in enumerate(LABELLED)
    )
    plain = sum(_count([s], t, whole_word=False) == lab for s, t, lab in LABELLED)
    assert (whole, plain, len(LABELLED)) == (10, 6, 12)  # figures quoted in docs/dictionaries.md


UNITS = [
    ["要", "积极", "增创新", "优势"],
    ["推动", "科技创新", "和", "产业", "创新"],
    ["建设", "产业", "转移", "合作园", "和", "产业链", "、", "主导产业"],
]


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["产业"], ["产业", "产业"]),  # not inside 产业链 / 主导产业
        (["产业*"], ["产业", "产业", "产业链"]),
        (["*产业"], ["产业", "产业", "主导产业"]),
        (["产业转移合作园", "产业"], ["产业", "产业转移合作园"]),  # longest wins, across words
        (["re:产业.+"], ["产业链"]),  # a regex matches whole tokens
        (["产业*", "!产业链"], ["产业", "产业"]),
        (["创新", "!科技创新"], ["创新"]),
        (["re:科技.*", "创新"], ["科技创新", "创新"]),
    ],
)
def test_text_matching_of_words_wildcards_regexes_and_exclusions(terms, expected):
    hits = text_hits(UNITS, compile_dictionary({"c": terms}), whole_word=True)
    assert hits["match"].tolist() == expected
    text = ["".join(u) for u in UNITS]
    assert all(
        text[r.unit][r.start : r.end] == r.match for r in hits.itertuples()
    )  # offsets are in the raw text


def test_not_in_words_are_excluded_without_whole_words():
    table = pd.DataFrame(
        {"category": "c", "term": ["创新"], "not_in": ["增创新优势"], "source": "t"}
    )
    hits = text_hits(
        ["".join(u) for u in UNITS], compile_dictionary(table, whole_word=False), whole_word=False
    )
    assert hits[["unit", "start"]].values.tolist() == [[1, 4], [1, 9]]


TOKS = pd.DataFrame(
    [
        {"doc_id": "d1", "para_id": 1, "sent_id": s, "token_id": i + 1, "token": t}
        for s, u in enumerate(UNITS, start=1)
        for i, t in enumerate(u)
    ]
)


@pytest.mark.parametrize(
    ("dic", "expected"),
    [
        ({"ind": ["产业"]}, [("产业", "ind"), ("产业", "ind")]),
        ({"ind": ["产业*", "!产业链"]}, [("产业", "ind"), ("产业", "ind")]),
        ({"ind": ["*产业"]}, [("产业", "ind"), ("产业", "ind"), ("主导产业", "ind")]),
        ({"ind": ["re:.*创新"]}, [("增创新", "ind"), ("科技创新", "ind"), ("创新", "ind")]),
        (
            {"ind": ["产业"], "both": ["产业", "创新"]},
            [
                ("产业", "ind"),
                ("产业", "both"),
                ("创新", "both"),
                ("产业", "ind"),
                ("产业", "both"),
            ],
        ),
        ({"ind": ["产业转移合作园"]}, []),  # several words never match one token
    ],
)
def test_tokens_lookup_matches_whole_tokens(dic, expected):
    out = tokens_lookup(TOKS, dic)
    assert list(zip(out["token"], out["category"], strict=True)) == expected
    assert set(out.columns) == {*TOKS.columns, "category"}
