"""Four-character cadence: four-character words (idioms vs policy compounds) and clauses."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textstat.rhetoric.common import (
    CJK,
    as_sentences,
    attach_group,
    is_corpus,
    read_lexicon,
)

_FOUR_RE = re.compile(f"^[{CJK}]{{4}}$")
_CJK_RE = re.compile(f"[{CJK}]")
#: The kinds of four-character word, as :func:`classify_fourchar` names them.
KINDS = ("idiom", "slogan", "compound")
#: Clause delimiters: a clause is the text between two of these.
CLAUSE_DELIMS = "，。！？；：、,.!?;:…—（）()“”‘’「」《》\n"
_CLAUSE_SPLIT = re.compile("[" + re.escape(CLAUSE_DELIMS) + "]+")

FOURCHAR_COLUMNS = [
    "group",
    "n_tokens",
    "cjk_chars",
    "n_fourchar",
    "n_idiom",
    "n_slogan",
    "n_compound",
    "share_tokens",
    "share_chars",
    "idiom_share_of_fourchar",
]
PHRASE_COLUMNS = ["group", "phrase", "kind", "n", "n_docs"]
CLAUSE_COLUMNS = ["group", "n_clauses", "n_fourchar_clauses", "share_fourchar_clauses"]


@lru_cache(maxsize=1)
def _jieba_idioms() -> frozenset[str]:
    """Four-character entries of jieba's dictionary tagged ``i`` (成语).

    Entries tagged ``l`` (习用语) are not used: they are mostly set phrases of official
    language (重要讲话, 生态环境, 出席会议) — the policy compounds this measure contrasts
    with idioms.
    """
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    out = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3 and parts[2] == "i" and _FOUR_RE.match(parts[0]):
                out.add(parts[0])
    return frozenset(out)


def idiom_set() -> frozenset[str]:
    """Idioms: jieba's dictionary (tag i, four characters) + ``idioms_extra.csv``."""
    extra = read_lexicon("idioms_extra")["idiom"]
    return _jieba_idioms() | frozenset(extra)


def classify_fourchar(
    phrase: str, *, idioms: frozenset[str] | None = None, slogans: frozenset[str] | None = None
) -> str | None:
    """``"idiom"``, ``"slogan"``, ``"compound"`` for a four-CJK-character string, else None.

    Idioms come first (成语 of jieba's dictionary and ``idioms_extra.csv``), then the
    slogan lexicon's variants (走深走实 is both: it counts as idiom); any other
    four-character word is a (policy) compound such as 乡村振兴, 协调发展.
    """
    if not _FOUR_RE.match(phrase):
        return None
    idioms = idiom_set() if idioms is None else idioms
    if phrase in idioms:
        return "idiom"
    if slogans is None:
        slogans = frozenset(read_lexicon("slogans")["variant"])
    if phrase in slogans:
        return "slogan"
    return "compound"


def fourchar_phrases(toks: pd.DataFrame, *, group: Any = None) -> pd.DataFrame:
    """Every four-character token with its kind and counts: ``group, phrase, kind, n, n_docs``."""
    grouped = attach_group(toks, group)
    tok = grouped["token"].astype(str)
    four = grouped[tok.str.fullmatch(f"[{CJK}]{{4}}")]
    if four.empty:
        return pd.DataFrame(columns=PHRASE_COLUMNS)
    idioms = idiom_set()
    slogans = frozenset(read_lexicon("slogans")["variant"])
    out = (
        four.groupby(["group", "token"])
        .agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
        .rename(columns={"token": "phrase"})
    )
    out["kind"] = [classify_fourchar(p, idioms=idioms, slogans=slogans) for p in out["phrase"]]
    out = out.sort_values(["group", "n", "phrase"], ascending=[True, False, True], kind="mergesort")
    return out[PHRASE_COLUMNS].reset_index(drop=True)


def textstat_fourchar(toks: pd.DataFrame, *, group: Any = None) -> pd.DataFrame:
    """Share of text in four-character words, per group.

    ``toks`` is a token table (``doc_id, token`` …, e.g. from
    :func:`bqw_research.tokens.tokens`). Counts only tokens with at least one CJK
    character. Returns ``group, n_tokens, cjk_chars, n_fourchar, n_idiom, n_slogan,
    n_compound, share_tokens, share_chars, idiom_share_of_fourchar`` where ``share_chars``
    = characters in four-character words / all CJK characters of CJK tokens. The result
    depends on the segmentation: a compound the tokenizer splits (协调/发展) is not a
    four-character word.
    """
    grouped = attach_group(toks, group)
    idioms = idiom_set()
    slogans = frozenset(read_lexicon("slogans")["variant"])
    # each distinct token is classified once; counts are per-group sums over the codes
    codes, types = pd.factorize(grouped["token"].astype(str))
    type_cjk = np.array([len(_CJK_RE.findall(t)) for t in types], dtype=np.int64)
    type_kind = [classify_fourchar(t, idioms=idioms, slogans=slogans) for t in types]
    flags = {
        "n_fourchar": np.array([k is not None for k in type_kind], dtype=bool),
        **{f"n_{k}": np.array([x == k for x in type_kind], dtype=bool) for k in KINDS},
    }
    cjk_rows = type_cjk[codes] > 0  # tokens without a CJK character are not counted
    if not cjk_rows.any():
        return pd.DataFrame(columns=FOURCHAR_COLUMNS)
    gcodes, gnames = pd.factorize(grouped["group"], sort=True)
    gcodes, codes = gcodes[cjk_rows], codes[cjk_rows]

    def per_group(type_values: np.ndarray) -> np.ndarray:
        weights = type_values[codes]
        return np.bincount(gcodes, weights=weights, minlength=len(gnames)).astype(np.int64)

    out = pd.DataFrame(
        {
            "group": gnames,
            "n_tokens": np.bincount(gcodes, minlength=len(gnames)).astype(np.int64),
            "cjk_chars": per_group(type_cjk),
            **{name: per_group(values) for name, values in flags.items()},
        }
    )
    out = out[out["n_tokens"] > 0].reset_index(drop=True)  # a group of no CJK token
    out["share_tokens"] = out["n_fourchar"] / out["n_tokens"]
    out["share_chars"] = 4 * out["n_fourchar"] / out["cjk_chars"]
    out["idiom_share_of_fourchar"] = (
        out["n_idiom"] / out["n_fourchar"].where(out["n_fourchar"] > 0)
    ).fillna(0.0)
    return out[FOURCHAR_COLUMNS].reset_index(drop=True)


def split_clauses(text: str) -> list[str]:
    """Clauses of ``text``: the non-empty pieces between punctuation marks."""
    return [c.strip() for c in _CLAUSE_SPLIT.split(text) if c.strip()]


def fourchar_clause_counts(x: pd.DataFrame) -> pd.DataFrame:
    """Per unit of ``x``: ``_clauses`` (clauses with a CJK character) and ``_four`` (those of
    exactly four CJK characters), what :func:`textstat_fourchar_clauses` sums."""
    units = as_sentences(x) if is_corpus(x) else x
    n_all, n_four = [], []
    for text in units["text"].astype(str):
        clauses = [c for c in split_clauses(text) if _CJK_RE.search(c)]
        n_all.append(len(clauses))
        n_four.append(sum(1 for c in clauses if _FOUR_RE.match(c)))
    return units.assign(_clauses=n_all, _four=n_four)


def textstat_fourchar_clauses(
    x: pd.DataFrame, *, group: Any = None, counts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """四字格 cadence independent of segmentation: clauses of exactly four CJK characters.

    Splits every sentence at punctuation (including the enumeration comma 、) and counts
    clauses made of exactly four CJK characters (深化研究、大胆试验、扎实推进). Returns
    ``group, n_clauses, n_fourchar_clauses, share_fourchar_clauses``; clauses without any
    CJK character (numbers, Latin) are ignored. ``counts``: :func:`fourchar_clause_counts`
    of the same input, when already known.
    """
    units = attach_group(fourchar_clause_counts(x) if counts is None else counts, group)
    units = units[units["_clauses"] > 0]
    if units.empty:
        return pd.DataFrame(columns=CLAUSE_COLUMNS)
    out = (
        units.groupby("group")
        .agg(n_clauses=("_clauses", "sum"), n_fourchar_clauses=("_four", "sum"))
        .reset_index()
    )
    out[["n_clauses", "n_fourchar_clauses"]] = out[["n_clauses", "n_fourchar_clauses"]].astype(
        "int64"
    )
    out["share_fourchar_clauses"] = out["n_fourchar_clauses"] / out["n_clauses"]
    return out[CLAUSE_COLUMNS].reset_index(drop=True)
