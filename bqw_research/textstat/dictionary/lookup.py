"""``tokens_lookup``: the tokens a dictionary's categories match (quanteda's ``tokens_lookup``)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from bqw_research.textstat.dictionary.patterns import compile_dictionary

__all__ = ["tokens_lookup"]


def tokens_lookup(toks: pd.DataFrame, dictionary: Any) -> pd.DataFrame:
    """The token rows that belong to a category, with a ``category`` column.

    A token matches a word term when it *is* the word, a wildcard or regex term when the
    pattern matches the whole token (``产业*`` matches 产业链, not 主导产业); exclusions
    (``!term``) remove tokens they match. A token in two categories gives two rows. Terms
    of several words never match one token: count them on the text
    (``textstat_dictionary(..., on="text")``) or join them first with ``tokens_compound``.
    ``dictionary`` is anything :func:`bqw_research.textstat.dictionary.dictionary` reads
    (or its compiled categories).
    """
    if "token" not in toks.columns:
        raise KeyError("token table needs a 'token' column")
    categories = compile_dictionary(dictionary)
    unique = pd.unique(toks["token"].astype(str))
    pairs = [(t, c.name) for c in categories for t in unique if c.token_matches(t)]
    mapping = pd.DataFrame(pairs, columns=["token", "category"])
    order = {c.name: i for i, c in enumerate(categories)}
    out = (
        toks.assign(token=toks["token"].astype(str), _row=range(len(toks)))
        .merge(mapping, on="token", how="inner", sort=False)
        .assign(_cat=lambda d: d["category"].map(order))
        .sort_values(["_row", "_cat"], kind="mergesort")
        .drop(columns=["_row", "_cat"])
    )
    return out.reset_index(drop=True)
