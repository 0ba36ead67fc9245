"""``textstat_dictionary``: a dictionary's counts per document or group, in one tidy table."""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd

from bqw_research.textstat.dictionary.lookup import tokens_lookup
from bqw_research.textstat.dictionary.patterns import compile_dictionary, text_hits
from bqw_research.textstat.groups import attach_group, metadata_group
from bqw_research.textstat.rhetoric.common import KEY_COLUMNS, per_10k, unit_chars
from bqw_research.tokens.ops import run_starts, token_runs

__all__ = ["DICTIONARY_SCORE_COLUMNS", "textstat_dictionary"]

DICTIONARY_SCORE_COLUMNS = [
    "group",
    "category",
    "label",
    "n",
    "per_10k_han",
    "share_sentences",
    "n_docs",
    "han_chars",
    "sentences",
    "docs",
]
_KEYS = list(KEY_COLUMNS)


def textstat_dictionary(
    x: pd.DataFrame,
    dictionary: Any,
    *,
    group: Any = None,
    on: Literal["tokens", "text"] = "tokens",
    whole_word: bool = True,
) -> pd.DataFrame:
    """Counts of each category per group: ``group, category, label, n, per_10k_han, share_sentences, n_docs`` …

    ``x`` is a token table or a corpus / paragraph / sentence table (tokenised here with
    the package's segmentation). ``on="tokens"`` counts tokens (:func:`tokens_lookup`);
    ``on="text"`` searches each sentence's text, whole words only unless
    ``whole_word=False`` (then a term counts inside longer words too, like a plain
    substring search). ``group``: ``None`` (one group ``"all"``), ``"doc_id"`` (one row
    per document), a metadata column of the corpus (``"genre"``, ``"outlet"`` …), a
    ``doc_id → group`` mapping or a key table with a ``group`` column.

    ``n`` is the number of matches, ``per_10k_han`` = ``n`` per 10,000 Han characters of
    the group's text, ``share_sentences`` the share of its sentences with at least one
    match, ``n_docs`` the number of its documents with a match; ``han_chars``,
    ``sentences`` and ``docs`` are the group's totals. Every category appears in every
    group (zero counts included), in the dictionary's order.
    """
    if on not in {"tokens", "text"}:
        raise ValueError(f"on must be 'tokens' or 'text', not {on!r}")
    toks = x if "token" in x.columns else _tokens(x)
    sents = _sentences(toks)
    categories = compile_dictionary(dictionary, whole_word=whole_word)
    if on == "tokens":
        hits = tokens_lookup(toks, categories)[[*_KEYS, "category"]]
    else:
        units = sents["tokens"] if whole_word else sents["text"]
        found = text_hits(units.tolist(), categories, whole_word=whole_word)
        keys = sents[_KEYS].iloc[found["unit"].astype(int).to_numpy()].reset_index(drop=True)
        hits = pd.concat([keys, found[["category"]].reset_index(drop=True)], axis=1)
    counts = hits.groupby([*_KEYS, "category"], sort=False).size().reset_index(name="n")
    grouped = attach_group(sents[_KEYS].assign(han=unit_chars(sents)), metadata_group(x, group))
    return _scores(grouped, counts, categories)


def _tokens(x: pd.DataFrame) -> pd.DataFrame:
    from bqw_research.tokens import tokens

    return tokens(x)


def _sentences(toks: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: keys, its ``tokens`` in order and their concatenation ``text``.

    Token tables hold each sentence as one run of rows; runs are cut with numpy (a
    pandas group-by into lists is 100× slower on 10⁶ tokens).
    """
    starts = run_starts(toks, _KEYS)
    out = toks[_KEYS].iloc[starts].reset_index(drop=True)
    if out.duplicated().any():  # a sentence split over several runs
        order = ["token_id"] if "token_id" in toks.columns else []
        return _sentences(toks.sort_values([*_KEYS, *order], kind="stable"))
    out["tokens"] = token_runs(toks["token"], starts)
    out["text"] = ["".join(t) for t in out["tokens"]]
    return out


def _scores(grouped: pd.DataFrame, counts: pd.DataFrame, categories: Any) -> pd.DataFrame:
    totals = grouped.groupby("group", sort=True).agg(
        han_chars=("han", "sum"), sentences=("han", "size"), docs=("doc_id", "nunique")
    )
    hit = grouped[[*_KEYS, "group"]].merge(counts, on=_KEYS, how="inner", sort=False)
    per = hit.groupby(["group", "category"], sort=False).agg(
        n=("n", "sum"), hit_sentences=("n", "size"), n_docs=("doc_id", "nunique")
    )
    grid = pd.MultiIndex.from_product(
        [totals.index, [c.name for c in categories]], names=["group", "category"]
    )
    out = per.reindex(grid, fill_value=0).reset_index().join(totals, on="group")
    out["label"] = out["category"].map({c.name: c.label for c in categories})
    out["per_10k_han"] = per_10k(out["n"], out["han_chars"])
    out["share_sentences"] = (out["hit_sentences"] / out["sentences"]).where(
        out["sentences"] > 0, 0.0
    )
    for col in ("n", "n_docs", "han_chars", "sentences", "docs"):
        out[col] = out[col].astype("int64")
    return out[DICTIONARY_SCORE_COLUMNS].reset_index(drop=True)
