"""The fast path of the 排比 detector gives what the straightforward search gives.

``prefilter=False`` is the same detector without its shortcuts (windows of members that
share no character, or no aligned position, are skipped; the clauses of a sentence
without 、 are not searched again after its segments). Paragraphs are real: of
``../shared/corpus-dev`` (policy articles) and the 19-article sample.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from bqw_research import config, corpus_sentences, load_corpus
from bqw_research.textstat import rhetoric as rh
from bqw_research.tokens.engines import engine_version

PARAGRAPHS = [
    # prefix 向… among clauses without 、; clauses around it share nothing
    [
        "改革不停顿，开放不止步。",
        "20多年来，浙江积极融入全国发展、全球发展。",
        "向东服务长三角一体化，向西支持西部大开发，向南对接粤港澳大湾区，向北参与东北全面振兴，"
        "为国家重大战略作出贡献。",
    ],
    # 重大… and 、-lists inside long clauses
    [
        "高质量编制“十五五”规划是今年的一项重点工作。",
        "我们要按照中共上海市委要求，立足现代化建设全局，聚焦“五个中心”建设主攻方向、重要使命，"
        "坚持开门编规划，深入谋划提出一批具有战略意义的重大举措、重大项目、重大政策，"
        "精心编制体现时代特征、符合上海特点、引领未来发展的“十五五”规划。",
    ],
    # two runs in one sentence (…力, …大__) after sentences without one
    [
        "六是在加强党的领导和党的建设、振奋干事创业精气神上展现特区担当。",
        "持之以恒推进全面从严治党，坚决把党的自我革命要求落实到位，坚定不移开展反腐败斗争。",
        "坚持把各级党组织锻造得更加坚强有力，持续推进“思想大解放、能力大提升、作风大转变、工作大落实”，"
        "切实增强党的政治领导力、思想引领力、群众组织力、社会号召力。",
    ],
    # a series over sentences (要坚持…) after a reporting clause
    ["会议强调，要坚持稳中求进。", "要坚持改革创新。", "要坚持人民至上。"],
    # no run: lists and clauses that share no anchor
    [
        "在G市，近半数规模以上工业企业中设有研发机构，占比高出全国平均水平15个百分点。",
        "这得益于政府大力支持企业建设工程技术研究中心、企业重点实验室等研发机构，"
        "实施企业研发经费投入后补助、税收优惠等政策。",
        "截至2020年底，全市国家科技型中小企业备案入库9283家，连续两年在全国城市中排名第一。",
    ],
    ["要全力维护社会大局稳定。", "坚持和发展新时代“枫桥经验”，努力把各种不稳定因素解决在萌芽状态、化解在基层一线。"],
]  # fmt: skip


@pytest.mark.parametrize("sentences", PARAGRAPHS, ids=lambda p: p[0][:8])
@pytest.mark.parametrize("across_sentences", [True, False])
def test_prefilter_gives_the_reference_runs(sentences, across_sentences):
    fast = rh.detect_parallelism(sentences, across_sentences=across_sentences)
    reference = rh.detect_parallelism(sentences, across_sentences=across_sentences, prefilter=False)
    assert fast == reference


def test_the_paragraphs_hold_runs_and_paragraphs_without():
    found = [bool(rh.detect_parallelism(p)) for p in PARAGRAPHS]
    assert found == [True, True, True, True, False, False]
    assert [r.shared for r in rh.detect_parallelism(PARAGRAPHS[0])] == ["向…"]


def test_prefilter_gives_the_reference_table_on_real_articles(shared_corpus):
    sents = corpus_sentences(shared_corpus)
    fast = rh.parallelism_runs(sents)
    assert len(fast) > 0
    pd.testing.assert_frame_equal(fast, rh.parallelism_runs(sents, prefilter=False))


def test_rows_in_any_order_and_rows_without_a_paragraph():
    df = pd.DataFrame(
        {
            "doc_id": ["b", "a", "a", "a", "a"],
            "para_id": [1, 2, 2, 2, None],
            "sent_id": [1, 3, 1, 2, 1],
            "text": [
                "党委带头学、部门系统学、基层全面学。",
                "要坚持人民至上。",
                "要坚持稳中求进。",
                "要坚持改革创新。",
                "党委带头学、部门系统学、基层全面学。",
            ],
        }
    )
    runs = rh.parallelism_runs(df)
    # by doc_id, para_id; a series over sentences read in sent_id order; no key, no run
    assert runs[["doc_id", "para_id", "sent_id", "scope", "items"]].values.tolist() == [
        ["a", 2.0, 1, "sentence", "要坚持稳中求进 | 要坚持改革创新 | 要坚持人民至上"],
        ["b", 1.0, 1, "clause", "党委带头学 | 部门系统学 | 基层全面学"],
    ]


#: ``parallelism_runs`` on corpus-dev: its CSV's SHA-256 and the tokenizer it was computed with
#: (jieba, dictionary, domain lexicon). Taken before the fast path (commit a205850), again
#: after the domain lexicon grew (issue 12 vocabulary), and again when the recall rules of
#: issue 12 changed the output on purpose (912 → 930 runs: bound openers 共谋…/增进…, glued
#: lead-ins, 硬联通, 社会安定, 识变, subjects of different lengths), and again for the
#: governing verb after adverbial openers and the copula (930 → 935 runs, 2026-12-03),
#: and for the round-4 rules (infix conjunctions, adverb before a short predicate, set
#: phrases cut, X就是Y, 一X一Y: 935 → 943 runs);
#: each time ``prefilter=False`` and ``True`` gave this same digest.
DEV_RUNS = 943
DEV_SHA256 = "ae741d6f17011df97ab138b1872250d4b75c5f5a01134bb116be4bdec06ab3d6"
DEV_TOKENIZER = (
    "jieba=0.42.1;dict=7197c3211ddd98962b036cdf40324d1ea2bfaa12bd028e68faa70111a88e12a8;"
    "lexicon=f12c03c7cd8720f6bfcbd475e6543a3f0fdcbbe19e5d1c54fe62bdd8446a3376;engine=exact"
)


@pytest.mark.skipif(
    not config.SHARED_CORPUS_DEV.is_dir(),
    reason=f"development corpus not found at {config.SHARED_CORPUS_DEV}",
)
def test_runs_on_the_development_corpus_are_unchanged():
    if not engine_version().startswith(DEV_TOKENIZER):
        pytest.skip(
            "the tokenizer or domain lexicon changed: recompute DEV_SHA256 from the old code"
        )
    runs = rh.parallelism_runs(corpus_sentences(load_corpus(config.SHARED_CORPUS_DEV)))
    digest = hashlib.sha256(runs.to_csv(index=False).encode("utf-8")).hexdigest()
    assert (len(runs), digest) == (DEV_RUNS, DEV_SHA256), (
        "parallelism_runs changed on corpus-dev; if the detector's rules changed on purpose, "
        "store the new digest"
    )
