"""Token frequencies per group (quanteda's ``textstat_frequency``), and what filtering removed.

Both take the tidy token table produced by :func:`bqw_research.tokens.tokens`
(``doc_id, para_id, sent_id, token_id, token``) and return tidy long tables with a
``group`` column (see :mod:`bqw_research.textstat.groups`), so that plots in
:mod:`bqw_research.textplot` only draw what they are given.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Collection
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from bqw_research import config
from bqw_research.textstat.groups import attach_group, group_codes
from bqw_research.tokens import domain_lexicon, is_number, is_punct, stopwords
from bqw_research.tokens.ops import per_type, removal_mask

__all__ = [
    "FREQUENCY_COLUMNS",
    "REMOVED_COLUMNS",
    "SINGLE_CHAR_TERMS",
    "CountedCodes",
    "counted_codes",
    "counted_tokens",
    "is_single_letter",
    "meaningful_single_chars",
    "textstat_frequency",
    "textstat_removed",
]

FREQUENCY_COLUMNS = ["group", "token", "n", "docfreq", "share", "rank"]

#: Data file listing single-character words that carry meaning on their own
#: (administrative levels such as 县/镇/村); each row has its source.
SINGLE_CHAR_TERMS = config.LEXICON_DIR / "meaningful_single_chars.csv"


@lru_cache(maxsize=4)
def _read_single_chars(path: str, mtime: float) -> frozenset[str]:
    table = pd.read_csv(path, dtype=str, comment="#").fillna("")
    return frozenset(t for t in table["token"].str.strip() if t)


def meaningful_single_chars(path: str | os.PathLike[str] | None = None) -> frozenset[str]:
    """Single characters that are words in their own right (县, 镇, 村, …).

    Read from ``data/lexicons/meaningful_single_chars.csv`` (columns ``token, gloss,
    source``). These are kept by :func:`textstat_frequency` even when ``min_chars`` is
    above 1 or when a stopword list happens to contain them. A missing file is an
    error naming it (a silent empty set would drop 县/镇/村 from every table).
    """
    p = Path(SINGLE_CHAR_TERMS if path is None else path)
    if not p.is_file():
        raise FileNotFoundError(f"single-character word list not found: {p}")
    return _read_single_chars(str(p), p.stat().st_mtime)


def _keep_set(keep_single: Collection[str] | None, keep_lexicon: bool) -> frozenset[str]:
    keep = meaningful_single_chars() if keep_single is None else frozenset(keep_single)
    if keep_lexicon:
        keep |= frozenset(domain_lexicon(config.DOMAIN_LEXICON)["word"].astype(str))
    return keep


# -------------------------------------------------------------------------- filtering


def _kept(
    toks: pd.DataFrame,
    *,
    remove_stopwords: bool,
    remove_punct: bool,
    remove_numbers: bool,
    remove_letters: bool,
    min_chars: int,
    keep: frozenset[str],
) -> np.ndarray:
    """Which rows of ``toks`` the filter keeps (decided once per distinct token)."""

    def dropped(types: pd.Series) -> np.ndarray:
        drop = removal_mask(
            types,
            stopwords=remove_stopwords,
            punct=remove_punct,
            numbers=remove_numbers,
            min_chars=1,
            keep=keep,
        )
        blank = (types.str.strip() == "").to_numpy(dtype=bool)
        extra = np.array(types.str.len() < min_chars, dtype=bool)
        if remove_letters:
            extra |= np.fromiter(map(is_single_letter, types), dtype=bool, count=len(types))
        return drop | blank | (extra & ~types.isin(keep).to_numpy(dtype=bool))

    return ~per_type(toks["token"], dropped)


def is_single_letter(token: str) -> bool:
    """One Latin or Greek letter alone (A–D answer options, x/n/i in formulae and code)."""
    if len(token) != 1 or not token.isalpha():
        return False
    return unicodedata.name(token, "").startswith(("LATIN", "FULLWIDTH LATIN", "GREEK"))


# ---------------------------------------------------------------- what was removed

REMOVED_COLUMNS = ["reason", "tokens", "types", "share", "examples"]
_REASONS = (
    "counted",
    "kept despite filter",
    "punctuation",
    "number",
    "single letter",
    "stopword",
    "too short",
)


def textstat_removed(
    toks: pd.DataFrame,
    *,
    remove_stopwords: bool = True,
    remove_punct: bool = True,
    remove_numbers: bool = False,
    remove_letters: bool = True,
    min_chars: int = 1,
    keep_single: Collection[str] | None = None,
    keep_lexicon: bool = True,
    n_examples: int = 8,
) -> pd.DataFrame:
    """What the filter of :func:`textstat_frequency` (same options) removes, and why.

    One row per reason — ``counted``, ``kept despite filter`` (a token of ``keep_single``
    or of the domain lexicon that the filter would otherwise have dropped, e.g. 十五五
    as a "number" or 县 under ``min_chars=2``), ``punctuation``,
    ``number``, ``single letter``, ``stopword``, ``too short`` — with the number of ``tokens`` and distinct
    ``types``, their ``share`` of all non-blank tokens and the most frequent
    ``examples`` (separated by spaces). A token is charged to the first reason that applies,
    in that order. Only reasons that occur are listed. Print it beside a word cloud so
    readers know what the sizes leave out.
    """
    keep = _keep_set(keep_single, keep_lexicon)
    stop = stopwords() if remove_stopwords else frozenset()
    tok = toks["token"].astype(str)
    tok = tok[tok.str.strip() != ""]
    counts = tok.value_counts()
    rows: dict[str, list[tuple[str, int]]] = {r: [] for r in _REASONS}
    for token, n in counts.items():
        if remove_punct and is_punct(token):
            reason = "punctuation"
        elif remove_numbers and is_number(token):
            reason = "number"
        elif remove_letters and is_single_letter(token):
            reason = "single letter"
        elif token in stop:
            reason = "stopword"
        elif len(token) < min_chars:
            reason = "too short"
        else:
            reason = "counted"
        if reason != "counted" and token in keep:
            reason = "kept despite filter"
        rows[reason].append((str(token), int(n)))
    total = int(counts.sum())
    out = []
    for reason in _REASONS:
        items = sorted(rows[reason], key=lambda kv: (-kv[1], kv[0]))
        if not items:
            continue
        n_tok = sum(n for _, n in items)
        out.append(
            {
                "reason": reason,
                "tokens": n_tok,
                "types": len(items),
                "share": n_tok / total if total else 0.0,
                "examples": " ".join(t for t, _ in items[:n_examples]),
            }
        )
    return pd.DataFrame(out, columns=REMOVED_COLUMNS)


# ------------------------------------------------------------------------- frequency


def counted_tokens(
    toks: pd.DataFrame,
    *,
    group: Any = None,
    remove_stopwords: bool = True,
    remove_punct: bool = True,
    remove_numbers: bool = False,
    remove_letters: bool = True,
    min_chars: int = 1,
    keep_single: Collection[str] | None = None,
    keep_lexicon: bool = True,
) -> pd.DataFrame:
    """The token rows :func:`textstat_frequency` counts (same options), with a ``group`` column.

    One row per counted token, keys (``doc_id``, ``para_id`` …) kept, so that statistics
    needing the position of each count (dispersion in :func:`textstat_keyness`) use
    exactly the tokens the frequency table counts.
    """
    if "token" not in toks.columns:
        raise KeyError("token table needs a 'token' column")
    keep = _keep_set(keep_single, keep_lexicon)
    kept = _kept(
        toks,
        remove_stopwords=remove_stopwords,
        remove_punct=remove_punct,
        remove_numbers=remove_numbers,
        remove_letters=remove_letters,
        min_chars=min_chars,
        keep=keep,
    )
    grouped = attach_group(toks[kept], group)
    return grouped.assign(token=grouped["token"].astype(str))


class CountedCodes(NamedTuple):
    """The rows :func:`counted_tokens` keeps, as integer codes (one entry per counted token).

    ``group[i]`` indexes ``group_names`` (sorted ``str``), ``token[i]`` indexes
    ``token_names``, ``doc[i]`` numbers the documents (``-1``: a missing ``doc_id``) and
    ``para[i]`` is the ``para_id`` (``None`` for a table without ``doc_id`` / ``para_id``).
    """

    group: np.ndarray
    group_names: pd.Index
    token: np.ndarray
    token_names: pd.Index
    doc: np.ndarray | None
    para: np.ndarray | None

    def named(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` with its ``group`` and ``token`` codes replaced by their names (``str``)."""
        return table.assign(
            group=pd.Series(
                self.group_names.take(table["group"].to_numpy()), index=table.index, dtype=str
            ),
            token=pd.Series(
                self.token_names.take(table["token"].to_numpy()), index=table.index, dtype=str
            ),
        )


def counted_codes(
    toks: pd.DataFrame,
    *,
    group: Any = None,
    remove_stopwords: bool = True,
    remove_punct: bool = True,
    remove_numbers: bool = False,
    remove_letters: bool = True,
    min_chars: int = 1,
    keep_single: Collection[str] | None = None,
    keep_lexicon: bool = True,
) -> CountedCodes:
    """What :func:`counted_tokens` counts (same options), as codes: :class:`CountedCodes`.

    With one group per row (``None``, a column, a ``doc_id`` mapping) no table of the
    counted rows and no string per row is made: the filter is decided once per distinct
    token and the groups once per distinct value. A DataFrame of units (a unit may be in
    several groups) goes through :func:`counted_tokens`, whose rows it repeats.
    """
    options = {
        "remove_stopwords": remove_stopwords,
        "remove_punct": remove_punct,
        "remove_numbers": remove_numbers,
        "remove_letters": remove_letters,
        "min_chars": min_chars,
    }
    if "token" not in toks.columns:
        raise KeyError("token table needs a 'token' column")
    coded = group_codes(toks, group)
    if coded is None:  # units in several groups: their rows repeated
        counted = counted_tokens(
            toks, group=group, keep_single=keep_single, keep_lexicon=keep_lexicon, **options
        )
        rows = np.ones(len(counted), dtype=bool)
        groups, group_names = pd.factorize(counted["group"], sort=True)
        group_names = pd.Index(group_names, dtype=str)
    else:
        counted = toks
        groups, group_names = coded
        rows = _kept(toks, keep=_keep_set(keep_single, keep_lexicon), **options) & (groups >= 0)
    words, word_names = pd.factorize(counted["token"].astype(str), sort=False)
    rows &= words >= 0  # a missing token is not counted (as a group-by leaves it out)
    docs = (
        pd.factorize(counted["doc_id"].astype(str), sort=False)[0][rows]
        if "doc_id" in counted.columns
        else None
    )
    paras = counted["para_id"].to_numpy()[rows] if "para_id" in counted.columns else None
    return CountedCodes(
        groups[rows], group_names, words[rows], pd.Index(word_names, dtype=str), docs, paras
    )


def textstat_frequency(
    toks: pd.DataFrame,
    *,
    group: Any = None,
    remove_stopwords: bool = True,
    remove_punct: bool = True,
    remove_numbers: bool = False,
    remove_letters: bool = True,
    min_chars: int = 1,
    keep_single: Collection[str] | None = None,
    keep_lexicon: bool = True,
    n: int | None = None,
) -> pd.DataFrame:
    """Token frequencies per group, as a tidy table.

    Parameters
    ----------
    toks
        Token table with at least ``doc_id`` and ``token`` columns.
    group
        See the module docstring (``None`` → one group called ``"all"``).
    remove_letters
        Drop single Latin/Greek letters (answer options A–D of exam papers, variables in
        formulae and code): on their own they are never terms of this discourse.
    remove_stopwords, remove_punct, remove_numbers
        Passed to the core's :func:`bqw_research.tokens.tokens_remove` (stopwords from
        ``data/lexicons/stopwords_zh.txt``). With all three ``False`` the tokens are
        counted as given.
    min_chars
        Drop tokens shorter than this many characters, except those in ``keep_single``.
    keep_single
        Tokens that are always kept, whatever ``min_chars`` and the stopword list say.
        ``None`` (default) means :func:`meaningful_single_chars` (县, 镇, 村, …).
    keep_lexicon
        Also always keep the words of the domain lexicon
        (``data/lexicons/domain_lexicon.csv``): they are terms of this discourse by
        definition, so 十五五 is not dropped as a "number".
    n
        Keep only the top ``n`` rows of each group (after sorting).

    Returns
    -------
    DataFrame with columns ``group, token, n, docfreq, share, rank``: ``n`` is the
    count, ``docfreq`` the number of documents of the group containing the token,
    ``share`` = ``n`` / all counted tokens of the group, ``rank`` the 1-based rank of
    ``n`` within the group (ties share the lowest rank, as in quanteda). Rows are
    sorted by group, then ``n`` descending, then token ascending.
    """
    counted = counted_codes(
        toks,
        group=group,
        remove_stopwords=remove_stopwords,
        remove_punct=remove_punct,
        remove_numbers=remove_numbers,
        remove_letters=remove_letters,
        min_chars=min_chars,
        keep_single=keep_single,
        keep_lexicon=keep_lexicon,
    )
    if not len(counted.token):
        return _empty_frequency()
    docs = counted.doc if counted.doc is not None else np.zeros(len(counted.token), np.int64)
    # as floats, a missing doc_id (-1) is NaN: no document, nunique leaves it out
    docs = np.where(docs >= 0, docs, np.nan)
    agg = counted.named(
        pd.DataFrame({"group": counted.group, "token": counted.token, "d": docs})
        .groupby(["group", "token"], sort=False)
        .agg(n=("d", "size"), docfreq=("d", "nunique"))
        .reset_index()
    )
    totals = agg.groupby("group")["n"].transform("sum")
    agg["share"] = agg["n"] / totals
    agg = _sort_frequency(agg)
    agg["rank"] = agg.groupby("group")["n"].rank(method="min", ascending=False).astype("int64")
    if n is not None:
        agg = agg[agg.groupby("group").cumcount() < n]
    agg["n"] = agg["n"].astype("int64")
    agg["docfreq"] = agg["docfreq"].astype("int64")
    return agg[FREQUENCY_COLUMNS].reset_index(drop=True)


def _sort_frequency(freq: pd.DataFrame) -> pd.DataFrame:
    return freq.sort_values(
        ["group", "n", "token"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)


def _empty_frequency() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": pd.Series(dtype=object),
            "token": pd.Series(dtype=object),
            "n": pd.Series(dtype="int64"),
            "docfreq": pd.Series(dtype="int64"),
            "share": pd.Series(dtype="float64"),
            "rank": pd.Series(dtype="int64"),
        }
    )
