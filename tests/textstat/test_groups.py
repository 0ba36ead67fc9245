"""Tests for bqw_research.textstat.groups: the forms of ``group`` every textstat takes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bqw_research.textstat.groups import ALL, attach_group, group_codes

TOKS = pd.DataFrame(
    {
        "doc_id": ["广州日报", "广州日报", "南方日报", "梅州日报", "南方日报"],
        "para_id": [1, 2, 1, 1, 1],
        "token": ["百千万工程", "县", "镇", "村", "乡村振兴"],
        "genre": ["评论", "评论", None, "新闻", None],
    }
)


@pytest.mark.parametrize(
    "group",
    [
        None,
        "genre",
        "doc_id",
        {"广州日报": "珠三角", "梅州日报": "北部生态发展区"},  # 南方日报 left out
        pd.Series({"广州日报": 1, "南方日报": 2, "梅州日报": 1}),  # names become str
        {"广州日报": 1, "梅州日报": 2},  # a document left out: the ints are read as floats
        pd.Series(pd.to_datetime(["2024-01-01", "2024-02-01"]), index=["广州日报", "南方日报"]),
    ],
    ids=[
        "none",
        "column-with-missing",
        "doc_id",
        "mapping",
        "series-of-ints",
        "ints-with-a-gap",
        "dates",
    ],
)
def test_group_codes_name_the_groups_attach_group_writes(group):
    codes, names = group_codes(TOKS, group)
    assert list(names) == sorted(names) and len(codes) == len(TOKS)
    # the rows attach_group keeps, with the groups it writes
    coded = [names[c] if c >= 0 else None for c in codes]
    attached = attach_group(TOKS, group)
    expected = [attached["group"].get(i) for i in TOKS.index]
    assert coded == expected
    assert set(names) == set(attached["group"])


def test_group_codes_leave_unit_frames_and_errors_to_attach_group():
    units = pd.DataFrame({"doc_id": ["广州日报"], "para_id": [1], "group": ["广州"]})
    assert group_codes(TOKS, units) is None
    assert group_codes(TOKS, 3) is None
    with pytest.raises(KeyError, match="city"):
        group_codes(TOKS, "city")
    codes, names = group_codes(TOKS.iloc[:0], None)
    assert list(names) == [ALL] and codes.dtype == np.int64 and len(codes) == 0
