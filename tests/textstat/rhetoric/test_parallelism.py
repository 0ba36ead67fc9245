"""Parallelism (排比) detector: rule cases and precision/recall on a hand-labelled set."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research import config
from bqw_research.textstat import rhetoric as rh

LABELS = config.LABELS_DIR / "parallelism_labels.csv"


@pytest.mark.parametrize(
    ("text", "rule", "items"),
    [
        (
            "真正动起来、紧起来、快起来，以前所未有的力度乘势而上。",
            "suffix",
            ("真正动起来", "紧起来", "快起来"),
        ),
        (
            "需要每个县强起来、镇旺起来、村富起来美起来。",
            "suffix",
            ("需要每个县强起来", "镇旺起来", "村富起来美起来"),
        ),
        (
            "这就更需思想再统一、学习再对标、行动再加力。",
            "frame",
            ("这就更需思想再统一", "学习再对标", "行动再加力"),
        ),
        (
            "深化研究、大胆试验、扎实推进，着重加强产业培育。",
            "frame",
            ("深化研究", "大胆试验", "扎实推进"),
        ),
        (
            "推动制造业高端化、智能化、绿色化发展。",
            "frame",
            ("推动制造业高端化", "智能化", "绿色化发展"),
        ),
        (
            "回响在工地上，回响在车间里，回响在课堂里。",
            "prefix",
            ("回响在工地上", "回响在车间里", "回响在课堂里"),
        ),
    ],
)
def test_clause_runs(text, rule, items):
    runs = rh.detect_parallelism(text)
    assert [(r.scope, r.rule, r.items) for r in runs] == [("clause", rule, items)]


def test_sentence_run_across_sentences():
    text = "这是高质量发展的内在要求。这是加快现代化建设的必然选择。这是再造新江门的必由之路。"
    runs = rh.detect_parallelism(text)
    assert [(r.scope, r.shared, len(r.items)) for r in runs] == [("sentence", "这是…", 3)]


@pytest.mark.parametrize(
    "text",
    [
        "高水平打造南沙、东部中心、北部增长极等重大平台。",  # enumeration, unequal items
        "自实施以来，各地不断做强县域支点、培育新增长点。",  # only two items
        "11月20日，广州开会。11月21日，汕头开会。11月22日，东莞开会。",  # dates are not a shared opening
        "实现兴业、强县、富民相统一。",  # known miss: two-character triad glued to the clause
        "研究做好思想政治、城市、双拥、纪检监察、食品药品安全等工作。",
    ],
)
def test_no_run(text):
    assert rh.detect_parallelism(text) == []


def test_has_parallelism_needs_three_items():
    assert not rh.has_parallelism("让乡愁变为产业，让记忆转化为动能。")
    assert rh.has_parallelism("让乡愁变为产业，让记忆转化为动能，让古村焕发新生机。")


def test_labelled_set_is_balanced_and_verbatim_sourced():
    labels = pd.read_csv(LABELS)
    assert 40 <= len(labels) <= 60
    assert set(labels["label"]) == {0, 1}
    assert labels["label"].sum() >= 20 and (labels["label"] == 0).sum() >= 20
    assert labels["source"].str.match(r"^(data/raw|shared/corpus)/").all()
    assert labels["text"].is_unique


def test_labelled_texts_are_verbatim_in_shipped_articles():
    from bqw_research import config

    raw = "".join(p.read_text(encoding="utf-8") for p in sorted(config.RAW_DIR.glob("*.txt")))
    raw = raw.replace("\n", "")
    labels = pd.read_csv(LABELS)
    import re

    plain = re.sub(r"<[^>]+>", "", raw)
    from_raw = labels[labels["source"].str.startswith("data/raw/")]
    assert len(from_raw) >= 10
    for text in from_raw["text"]:
        assert text in plain


@pytest.mark.shared_corpus
def test_labelled_texts_are_verbatim_in_shared_corpus(shared_corpus_path):
    import re

    labels = pd.read_csv(LABELS)
    shared = labels[labels["source"].str.startswith("shared/corpus/")]
    assert len(shared) >= 20
    for source, text in zip(shared["source"], shared["text"], strict=True):
        raw = (shared_corpus_path / source.split("/", 2)[2]).read_text(encoding="utf-8")
        plain = re.sub(r"\s*\n\s*", "", re.sub(r"<[^>]+>", "", raw).replace("&emsp;", ""))
        assert text in plain, source


def evaluate(labels: pd.DataFrame) -> tuple[float, float]:
    pred = labels["text"].map(rh.has_parallelism)
    gold = labels["label"] == 1
    tp = int((pred & gold).sum())
    fp = int((pred & ~gold).sum())
    fn = int((~pred & gold).sum())
    return tp / (tp + fp), tp / (tp + fn)


def test_precision_and_recall_on_labelled_set():
    precision, recall = evaluate(pd.read_csv(LABELS))
    # measured 2026-11-22: P = 21/24 = 0.875, R = 21/26 = 0.808 (see docs/rhetoric.md)
    assert precision >= 0.85
    assert recall >= 0.75


def test_parallelism_runs_and_summary_on_a_table():
    df = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "para_id": [1, 2, 1],
            "sent_id": [1, 1, 1],
            "text": ["真正动起来、紧起来、快起来。", "一句普通的话。", "普通。"],
        }
    )
    runs = rh.parallelism_runs(df)
    assert runs[["doc_id", "para_id", "sent_id", "rule"]].values.tolist() == [["a", 1, 1, "suffix"]]
    out = rh.textstat_parallelism(df, group="doc_id").set_index("group")
    assert out.loc["a", "n_runs"] == 1
    assert out.loc["a", "runs_per_100_sentences"] == pytest.approx(50.0)
    assert out.loc["b", "n_runs"] == 0
