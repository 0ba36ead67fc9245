"""Faults of the topic model: bad options and too little text give clear errors."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.topics import textstat_topics

TOKS = pd.DataFrame(
    {
        "doc_id": ["a", "a", "b", "b"],
        "para_id": [1, 1, 1, 1],
        "sent_id": [1, 1, 1, 1],
        "token_id": [1, 2, 1, 2],
        "token": ["乡村振兴", "农房", "乡村振兴", "园区"],
    }
)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"method": "lsa"}, "method must be 'nmf' or 'lda'"),
        ({"unit": "sentence"}, "unit must be 'paragraph' or 'document'"),
        ({"k": 0}, "k must be at least 1"),
        ({"max_df": -1}, "max_df must be"),
        ({"unit": "document"}, "no term occurs in at least 2 and at most 1 of the 2 document"),
    ],
)
def test_bad_options_are_named(options, message):
    with pytest.raises(ValueError, match=message):
        textstat_topics(TOKS, **options)


def test_missing_key_column_is_named():
    with pytest.raises(KeyError, match="para_id"):
        textstat_topics(TOKS.drop(columns="para_id"))
