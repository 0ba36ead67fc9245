"""Bad options and odd input for near-duplicate flagging: a specific error, or a sane result."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bqw_research.corpus.near_duplicates import flag_near_duplicates, minhash_signatures

TEXTS = [
    "省委启动“百千万工程”后，江门迅速行动，明确了总目标、时间表、任务书和路线图。",
    "吴泽桐指出，结对茂名开展乡村振兴驻镇帮镇扶村工作，是珠海必须切实扛起的政治任务。",
    "省委启动“百千万工程”后，江门迅速行动，明确了总目标、时间表、任务书和路线图。",
]


def frame_of(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"threshold": 0}, "threshold must be in"),
        ({"threshold": -0.5}, "threshold must be in"),
        ({"threshold": 1.2}, "threshold must be in"),
        ({"threshold": 0.8, "bands": 5}, "5 bands do not divide signatures of 64 values"),
        ({"threshold": 0.8, "bands": 0}, "0 bands do not divide"),
        ({"threshold": 0.8, "bucket_cap": 0}, "bucket_cap must be at least 1"),
    ],
)
def test_bad_option_is_a_specific_value_error(options, message):
    with pytest.raises(ValueError, match=message):
        flag_near_duplicates(frame_of(TEXTS), **options)


@pytest.mark.parametrize(
    "sigs",
    [
        pytest.param(lambda: minhash_signatures(TEXTS[:2]), id="fewer-rows"),
        pytest.param(lambda: minhash_signatures(TEXTS)[0], id="one-dimensional"),
    ],
)
def test_signatures_that_do_not_match_the_frame_are_refused(sigs):
    with pytest.raises(ValueError, match="do not match a frame of 3 rows"):
        flag_near_duplicates(frame_of(TEXTS), threshold=0.8, sigs=sigs())


@pytest.mark.parametrize("texts", [[], [TEXTS[0]]], ids=["empty", "one-row"])
def test_tiny_frame_flags_nothing(texts):
    out = flag_near_duplicates(frame_of(texts), threshold=0.8)
    assert len(out) == len(texts)
    assert out["near_duplicate_of"].isna().all()
    assert out["near_duplicate_score"].isna().all()


@pytest.mark.parametrize(
    "short", ["", "乡村", "百千万工程"], ids=["empty", "two-chars", "one-shingle"]
)
def test_texts_shorter_than_a_shingle_are_compared_not_refused(short):
    out = flag_near_duplicates(frame_of([short, TEXTS[1], short]), threshold=0.8)
    assert out["near_duplicate_of"].tolist()[2] == "d0"
    assert out["near_duplicate_of"].iloc[:2].isna().all()
    assert np.isclose(out["near_duplicate_score"].iloc[2], 1.0)
