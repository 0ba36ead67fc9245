"""Faults of text reuse: bad options and bad tables give clear errors; odd texts do not crash."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.reuse import textstat_reuse, textstat_reuse_network

CORPUS = pd.DataFrame(
    {
        "doc_id": ["a", "b"],
        "text": [
            "要以百县千镇万村高质量发展工程为牵引推动城乡区域协调发展。",
            "要以百县千镇万村高质量发展工程为牵引推动城乡区域协调发展。",
        ],
        "published": pd.to_datetime(["2025-01-01", "2025-01-02"]),
    }
)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"threshold": 0}, "threshold must be in (0, 1]"),
        ({"threshold": 1.5}, "threshold must be in (0, 1]"),
        ({"min_chars": 0}, "min_chars must be at least 1"),
        ({"shingle": 0}, "shingle must be at least 1"),
        ({"bucket_cap": 0}, "bucket_cap must be at least 1"),
    ],
)
def test_bad_options_are_refused(options, message):
    with pytest.raises(
        ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")
    ):
        textstat_reuse(CORPUS, **options)


def test_a_table_without_text_is_refused():
    with pytest.raises(ValueError, match=r"columns \['text'\]"):
        textstat_reuse(CORPUS.drop(columns="text"))


@pytest.mark.parametrize("text", [None, "", "   \n\n  ", "，。！？"])
def test_empty_or_punctuation_only_texts_give_no_rows(text):
    corpus = CORPUS.assign(text=[text, CORPUS["text"].iloc[1]])
    assert textstat_reuse(corpus).empty


def test_a_corpus_without_dates_still_orders_by_doc_id():
    reuse = textstat_reuse(CORPUS.drop(columns="published"))
    assert reuse[["source_doc", "echo_doc"]].values.tolist() == [["a", "b"]]
    assert reuse["lag_days"].isna().all()


def test_unknown_network_grouping_is_refused():
    with pytest.raises(ValueError, match="by must be 'outlet' or 'city'"):
        textstat_reuse_network(textstat_reuse(CORPUS), CORPUS, by="region")
