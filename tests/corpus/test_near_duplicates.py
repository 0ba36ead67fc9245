"""Near-duplicate flagging: exact and edited copies, distinct articles, bounded work on clusters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bqw_research.corpus.near_duplicates import (
    flag_near_duplicates,
    minhash_signatures,
    nearest_earlier,
)

# Paragraphs of real articles (data/raw), distinct from one another.
PASSAGES = [
    "11月19日下午和20日上午，省委在广州召开工作务虚会，省委书记黄坤明出席会议并讲话。"
    "黄坤明指出，要深入实施“百县千镇万村高质量发展工程”，围绕实现“五年显著变化”"
    "“十年根本改变”，深化研究、大胆试验、扎实推进，着重加强产业培育和导入，"
    "支持县域因地制宜承接和发展优势特色产业，让企业留得住、发展好，实现兴业、强县、富民相统一。",
    "吴泽桐指出，结对茂名开展乡村振兴驻镇帮镇扶村工作，是珠海必须切实扛起的政治任务，"
    "也为两市进一步深化交流合作、取得更多互利共赢成果提供了良好契机。要加强组织保障，"
    "健全完善驻镇帮镇扶村机制，强化沟通协调联动和帮扶干部队伍建设，"
    "更好巩固拓展脱贫攻坚成果和全面推进乡村振兴。",
    "11月18日，河源市委书记何国森到紫金县宣讲党的二十届四中全会精神，并深入企业、产业园区、"
    "镇村等进行调研。凤安镇是省“百千万工程”第三批典型镇。何国森来到凤安镇圩镇察看沿街风貌，"
    "深入回龙村种桑养蚕项目基地，了解凤安镇特色产业发展情况，要求紫金县及凤安镇大力推进"
    "乡村振兴示范带建设，打造更多有特色、可延伸的产业项目。",
    "阵阵鼓声的背后，彰显的是江门的领导力、执行力与战斗力。省委启动“百千万工程”后，"
    "江门迅速行动，明确了总目标、时间表、任务书和路线图，大力实施千亿元经济强县培育、"
    "镇域经济发展壮大、宜居宜业和美乡村建设等“十大行动”，强化市级统筹，构建有力指挥体系。",
    "这是“再造一个现代化新江门”的必由之路。江门要加速迈入万亿GDP城市行列，"
    "需要每个县强起来、镇旺起来、村富起来美起来。实施“百千万工程”能最大限度凝聚力量，"
    "放大县的优势，激发镇的动能、释放村的活力，为加快高质量发展、再造一个现代化新江门提供强有力支撑。",
]
THRESHOLD = 0.8


def frame_of(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})


def named(out: pd.DataFrame) -> list[str | None]:
    """``near_duplicate_of`` as a list, ``None`` where no row is named (the column may hold NaN)."""
    return [of if isinstance(of, str) else None for of in out["near_duplicate_of"]]


def edited(text: str, *, edits: int, rng: np.random.Generator) -> str:
    """``text`` with ``edits`` characters replaced by random CJK characters."""
    chars = list(text)
    for pos in rng.integers(0, len(chars), size=edits):
        chars[pos] = chr(int(rng.integers(0x4E00, 0x9FA5)))
    return "".join(chars)


def mixed_texts(*, copies: int, seed: int) -> list[str]:
    """Every passage plus ``copies`` edited copies of each (0–3 edits), shuffled (seeded)."""
    rng = np.random.default_rng(seed)
    texts = list(PASSAGES)
    for passage in PASSAGES:
        texts += [edited(passage, edits=int(rng.integers(0, 4)), rng=rng) for _ in range(copies)]
    return [texts[k] for k in rng.permutation(len(texts))]


def best_earlier_pairwise(sigs: np.ndarray, threshold: float) -> tuple[list[int], list[float]]:
    """Reference: every row against every earlier row; the most similar (earliest on ties)."""
    match, score = [], []
    for i in range(len(sigs)):
        agree = (sigs[:i] == sigs[i]).mean(axis=1) if i else np.array([])
        k = int(np.argmax(agree)) if i else -1
        hit = i > 0 and agree[k] >= threshold
        match.append(k if hit else -1)
        score.append(float(agree[k]) if hit else float("nan"))
    return match, score


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p[:6])
def test_exact_copy_is_flagged_as_duplicate_of_the_first_with_score_one(passage):
    other = next(p for p in PASSAGES if p != passage)
    out = flag_near_duplicates(frame_of([passage, other, passage]), threshold=THRESHOLD)
    assert named(out) == [None, None, "d0"]
    assert out["near_duplicate_score"].iloc[2] == 1.0
    assert out["near_duplicate_score"].iloc[:2].isna().all()


@pytest.mark.parametrize("passage", PASSAGES, ids=lambda p: p[:6])
@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda t: t.replace("，", "、", 1), id="punctuation"),
        pytest.param(lambda t: t[:40] + "记者获悉，" + t[40:], id="insertion"),
        pytest.param(lambda t: t[: len(t) - 6], id="truncated"),
    ],
)
def test_edited_copy_is_flagged_as_near_duplicate(passage, edit):
    out = flag_near_duplicates(frame_of([passage, edit(passage)]), threshold=THRESHOLD)
    assert named(out) == [None, "d0"]
    assert out["near_duplicate_score"].iloc[1] >= THRESHOLD


@pytest.mark.parametrize("order", [1, -1], ids=["forward", "reversed"])
def test_distinct_articles_are_never_flagged(order):
    out = flag_near_duplicates(frame_of(PASSAGES[::order]), threshold=THRESHOLD)
    assert out["near_duplicate_of"].isna().all()
    assert out["near_duplicate_score"].isna().all()


@pytest.mark.parametrize("bucket_cap", [1, 4, 64])
@pytest.mark.parametrize("seed", [0, 1])
def test_named_article_is_always_earlier_and_similar_enough(bucket_cap, seed):
    texts = mixed_texts(copies=30, seed=seed)
    out = flag_near_duplicates(frame_of(texts), threshold=THRESHOLD, bucket_cap=bucket_cap)
    position = {doc: k for k, doc in enumerate(out["doc_id"])}
    flagged = out[out["near_duplicate_of"].notna()]
    assert len(flagged) > 100
    assert all(position[of] < k for k, of in flagged["near_duplicate_of"].items())
    assert (flagged["near_duplicate_score"] >= THRESHOLD).all()


@pytest.mark.parametrize("bucket_cap", [1, 4, 64, 10_000])
@pytest.mark.parametrize("seed", [0, 1])
def test_flags_are_those_of_comparing_every_earlier_article(bucket_cap, seed):
    sigs = minhash_signatures(mixed_texts(copies=20, seed=seed))
    match, score = nearest_earlier(sigs, threshold=THRESHOLD, bucket_cap=bucket_cap)
    ref_match, ref_score = best_earlier_pairwise(sigs, THRESHOLD)
    assert [m >= 0 for m in match.tolist()] == [m >= 0 for m in ref_match]
    if bucket_cap >= len(sigs):  # no bucket overflows: the most similar earlier article
        assert match.tolist() == ref_match
        np.testing.assert_array_equal(score, np.array(ref_score))


@pytest.mark.parametrize("seed", [0, 3])
def test_same_input_gives_the_same_output(seed):
    frame = frame_of(mixed_texts(copies=15, seed=seed))
    first = flag_near_duplicates(frame, threshold=THRESHOLD, bucket_cap=4)
    again = flag_near_duplicates(frame.copy(), threshold=THRESHOLD, bucket_cap=4)
    pd.testing.assert_frame_equal(first, again)
    assert first["doc_id"].tolist() == frame["doc_id"].tolist()  # row order kept


@pytest.fixture(scope="module")
def three_thousand_copies() -> tuple[pd.DataFrame, np.ndarray]:
    """3,000 copies of a two-paragraph article, each with 1 random character edit (seeded)."""
    rng = np.random.default_rng(7)
    article = PASSAGES[0] + PASSAGES[1]
    frame = frame_of([edited(article, edits=1, rng=rng) for _ in range(3000)])
    return frame, minhash_signatures(frame["text"].tolist())


@pytest.mark.parametrize("bucket_cap", [16, 64])
def test_three_thousand_near_identical_copies_flag_all_but_the_first(
    three_thousand_copies, bucket_cap
):
    frame, sigs = three_thousand_copies
    out = flag_near_duplicates(frame, threshold=THRESHOLD, sigs=sigs, bucket_cap=bucket_cap)
    assert named(out)[0] is None
    assert out["near_duplicate_of"].iloc[1:].notna().all()
    position = {doc: k for k, doc in enumerate(out["doc_id"])}
    assert all(position[of] < k for k, of in out["near_duplicate_of"].iloc[1:].items())


def test_corpus_originals_drops_the_flagged_copies_and_keeps_the_first(tmp_path):
    from bqw_research import corpus_originals, corpus_sentences, load_corpus

    for i, text in enumerate([PASSAGES[0], PASSAGES[1], PASSAGES[0] + "（转载）", PASSAGES[2]]):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    kept = corpus_originals(corpus)
    assert len(corpus) == 4 and len(kept) == 3
    copy = corpus.loc[corpus["near_duplicate_of"].notna(), "doc_id"].tolist()
    assert len(copy) == 1 and copy[0] not in set(kept["doc_id"])
    assert kept["doc_id"].tolist() == [d for d in corpus["doc_id"] if d != copy[0]]  # order kept
    # still the load's rows: its sentence table is the corpus's, without the copy's
    sents = corpus_sentences(kept)
    assert set(sents["doc_id"]) == set(kept["doc_id"])


def test_corpus_originals_of_a_table_without_flags_is_the_table():
    from bqw_research import corpus_originals

    table = frame_of(PASSAGES[:2])
    assert corpus_originals(table) is table


def _minhash_by_definition(text: str, *, num_perm: int, seed: int) -> np.ndarray:
    """The signature as defined, with numpy's ``%``: min over distinct shingles of (a·h + b) mod p."""
    from bqw_research.corpus.near_duplicates import MERSENNE_61, shingle_hashes

    rng = np.random.default_rng(seed)
    prime = np.uint64(MERSENNE_61)
    a = rng.integers(1, MERSENNE_61, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, MERSENNE_61, size=num_perm, dtype=np.uint64)
    h = shingle_hashes(text) % prime
    with np.errstate(over="ignore"):
        return ((h[:, None] * a[None, :] + b[None, :]) % prime).min(axis=0)


@pytest.mark.parametrize("text", [*PASSAGES, "百千", "", " \n\t", "3+4+8 百县千镇万村 " * 40])
@pytest.mark.parametrize(("num_perm", "seed"), [(64, 1), (16, 7)])
def test_compiled_minhash_equals_the_definition(text, num_perm, seed):
    got = minhash_signatures([text], num_perm=num_perm, seed=seed)[0]
    np.testing.assert_array_equal(got, _minhash_by_definition(text, num_perm=num_perm, seed=seed))


def test_minhash_min_reduces_every_64_bit_value_like_modulo():
    from bqw_research.corpus.near_duplicates import MERSENNE_61, minhash_min

    p = np.uint64(MERSENNE_61)
    edge = np.array(
        [0, 1, MERSENNE_61 - 1, MERSENNE_61, MERSENNE_61 + 1, 2**63, 2**64 - 1], dtype=np.uint64
    )
    for value in edge:  # one hash, identity permutation (a = 1, b = 0): the value mod p
        out = minhash_min(np.array([value]), np.array([1], np.uint64), np.array([0], np.uint64))
        assert out[0] == value % p
