"""Statements: the codebook's sentences, which end only at 。.

The corpus stage splits sentences at 。！？ and …; the events codebook reads a
sentence as everything from the previous 。 (or the start of the paragraph) to the
next 。, so that ``怎么做好这件“美”事？2023年9月22日…召开。`` is one statement. A
statement keeps the ``sent_id`` of its first sentence.
"""

from __future__ import annotations

import pandas as pd

_CLOSERS = "”’」』）)"
STATEMENT_COLUMNS = ["doc_id", "para_id", "sent_id", "text"]


def event_statements(sentences: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, para_id, sent_id, text``: the sentences joined up to each 。 (vectorised)."""
    if sentences.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in STATEMENT_COLUMNS})
    s = sentences.sort_values(["doc_id", "para_id", "sent_id"], kind="mergesort").reset_index(
        drop=True
    )
    text = s["text"].fillna("").astype(str)
    ends = text.str.rstrip(_CLOSERS).str.endswith("。")
    para = s["doc_id"].astype(str) + "\x00" + s["para_id"].astype(str)
    new_para = para.ne(para.shift())
    starts = new_para | ends.shift(fill_value=True)
    statement = starts.cumsum()
    out = (
        s.assign(text=text, _st=statement)
        .groupby("_st", sort=False)
        .agg(
            doc_id=("doc_id", "first"),
            para_id=("para_id", "first"),
            sent_id=("sent_id", "first"),
            text=("text", "".join),
        )
        .reset_index(drop=True)
    )
    return out[STATEMENT_COLUMNS]
