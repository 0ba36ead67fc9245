"""Sentence statistics: length distributions and quotation density."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textstat.rhetoric.common import as_sentences, attach_group, is_corpus, n_chars

_QUOTED = re.compile(r"“[^“”]*”|「[^「」]*」")

LENGTH_COLUMNS = ["doc_id", "para_id", "sent_id", "n_chars", "n_quotes", "quoted_chars"]
SUMMARY_COLUMNS = [
    "group",
    "n_sentences",
    "mean_chars",
    "median_chars",
    "p10_chars",
    "p90_chars",
    "max_chars",
    "share_long",
    "quotes_per_sentence",
    "share_with_quote",
    "quoted_char_share",
]


def sentence_lengths(x: pd.DataFrame) -> pd.DataFrame:
    """Per sentence: ``n_chars`` (non-whitespace), ``n_quotes`` (spans in “…”/「…」) and
    ``quoted_chars`` (characters inside them, marks included). Other columns are kept."""
    sents = as_sentences(x) if is_corpus(x) else x.copy()
    texts = sents["text"].astype(str)
    sents = sents.reset_index(drop=True)
    sents["n_chars"] = texts.map(n_chars).to_numpy()
    quotes = texts.map(_QUOTED.findall)
    sents["n_quotes"] = quotes.map(len).to_numpy()
    sents["quoted_chars"] = quotes.map(lambda qs: sum(n_chars(q) for q in qs)).to_numpy()
    return sents


def textstat_sentences(
    x: pd.DataFrame,
    *,
    group: Any = None,
    long_threshold: int = 80,
    lengths: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Sentence-length distribution and quotation density per group.

    Returns ``group, n_sentences, mean_chars, median_chars, p10_chars, p90_chars,
    max_chars, share_long`` (share of sentences longer than ``long_threshold`` characters),
    ``quotes_per_sentence``, ``share_with_quote`` and ``quoted_char_share`` (characters in
    quotation marks / all characters). ``lengths``: :func:`sentence_lengths` of the same
    input, when already known.
    """
    sl = attach_group(sentence_lengths(x) if lengths is None else lengths, group)
    rows = []
    for g, part in sl.groupby("group", sort=True):
        lens = part["n_chars"].to_numpy(dtype=float)
        total = lens.sum()
        rows.append(
            (
                g,
                len(part),
                float(lens.mean()),
                float(np.median(lens)),
                float(np.percentile(lens, 10)),
                float(np.percentile(lens, 90)),
                int(lens.max()),
                float((lens > long_threshold).mean()),
                float(part["n_quotes"].mean()),
                float((part["n_quotes"] > 0).mean()),
                float(part["quoted_chars"].sum() / total) if total else 0.0,
            )
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
