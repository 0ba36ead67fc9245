"""Frequency and keyness statistics on token tables (quanteda's ``textstat_*``).

Both functions take the tidy token table produced by :func:`bqw_research.tokens.tokens`
(``doc_id, para_id, sent_id, token_id, token``) and return tidy long tables with a
``group`` column, so that plots in :mod:`bqw_research.textplot` only draw what they are
given.

Grouping
--------
``group`` may be

* ``None`` — every token belongs to the group ``"all"``;
* a column name of the token table (e.g. ``"genre"`` after a merge);
* a mapping ``doc_id -> group`` (``dict`` or ``pandas.Series``); documents that are not
  in the mapping are left out;
* a DataFrame with some of the key columns ``doc_id``/``para_id``/``sent_id`` and a
  ``group`` column, e.g. the paragraph → region attribution of
  :mod:`bqw_research.regions`. A unit mapped to several groups counts in each of them
  (a paragraph that talks about two cities contributes to both); units not listed are
  left out.

Keyness
-------
:func:`textstat_keyness` compares each group ("target") with all other groups pooled
("reference") in a 2×2 contingency table per token::

                     target      reference
    token              a             b
    other tokens     c = N_t - a   d = N_r - b

* ``G2`` is Dunning's log-likelihood ratio, ``2 * Σ O * ln(O / E)`` over the four cells
  (``0 * ln 0 = 0``), *signed*: negative when the token is relatively rarer in the
  target than in the reference (under-use).
* ``log_ratio`` is Hardie's (2014) binary log of the ratio of relative frequencies,
  ``log2((a / N_t) / (b / N_r))``, where a zero count is replaced by 0.5 (the CQPweb
  convention) so that the value stays finite. Its sign always agrees with ``G2``.
* ``p`` is the upper tail of χ² with one degree of freedom at ``|G2|``; ``p_adj`` is the
  Benjamini–Hochberg adjustment within each target group; ``significant`` is
  ``p_adj < alpha``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bqw_research import config

__all__ = [
    "FREQUENCY_COLUMNS",
    "KEYNESS_COLUMNS",
    "REMOVED_COLUMNS",
    "SINGLE_CHAR_TERMS",
    "bh_adjust",
    "chi2_sf_1df",
    "g2_statistic",
    "log_ratio",
    "meaningful_single_chars",
    "textstat_frequency",
    "textstat_keyness",
    "textstat_removed",
]

FREQUENCY_COLUMNS = ["group", "token", "n", "docfreq", "share", "rank"]
KEYNESS_COLUMNS = [
    "group",
    "token",
    "n_target",
    "n_reference",
    "G2",
    "log_ratio",
    "p",
    "p_adj",
    "significant",
]

#: Data file listing single-character words that carry meaning on their own
#: (administrative levels such as 县/镇/村); each row has its source.
SINGLE_CHAR_TERMS = config.LEXICON_DIR / "meaningful_single_chars.csv"

_KEY_COLUMNS = ("doc_id", "para_id", "sent_id")
_ALL = "all"


@lru_cache(maxsize=4)
def _read_single_chars(path: str, mtime: float) -> frozenset[str]:
    table = pd.read_csv(path, dtype=str, comment="#").fillna("")
    return frozenset(t for t in table["token"].str.strip() if t)


def meaningful_single_chars(path: str | os.PathLike[str] | None = None) -> frozenset[str]:
    """Single characters that are words in their own right (县, 镇, 村, …).

    Read from ``data/lexicons/meaningful_single_chars.csv`` (columns ``token, gloss,
    source``). These are kept by :func:`textstat_frequency` even when ``min_chars`` is
    above 1 or when a stopword list happens to contain them. Returns an empty set when
    the file is missing.
    """
    p = Path(SINGLE_CHAR_TERMS if path is None else path)
    if not p.is_file():
        return frozenset()
    return _read_single_chars(str(p), p.stat().st_mtime)


def _keep_set(keep_single: Collection[str] | None, keep_lexicon: bool) -> frozenset[str]:
    keep = meaningful_single_chars() if keep_single is None else frozenset(keep_single)
    if keep_lexicon and config.DOMAIN_LEXICON.is_file():
        from bqw_research.lexicon import domain_lexicon

        keep |= frozenset(domain_lexicon(config.DOMAIN_LEXICON)["word"].astype(str))
    return keep


# --------------------------------------------------------------------------- grouping


def attach_group(toks: pd.DataFrame, group: Any) -> pd.DataFrame:
    """Return ``toks`` with a string ``group`` column (rows without a group dropped).

    ``group``: ``None`` (one group ``"all"``), a column name, a ``doc_id → group``
    mapping/Series, or a DataFrame of key columns (``doc_id``/``para_id``/``sent_id``)
    and ``group`` (a unit mapped to several groups counts in each).
    """
    if group is None:
        out = toks.copy()
        out["group"] = _ALL
        return out
    if isinstance(group, str):
        if group not in toks.columns:
            raise KeyError(
                f"group column {group!r} not in token table columns {list(toks.columns)}"
            )
        out = toks.copy()
        out["group"] = out[group]
    elif isinstance(group, pd.DataFrame):
        if "group" not in group.columns:
            raise KeyError("a group DataFrame needs a 'group' column")
        keys = [c for c in _KEY_COLUMNS if c in group.columns and c in toks.columns]
        if not keys:
            raise KeyError(
                "a group DataFrame needs at least one key column shared with the tokens "
                f"({', '.join(_KEY_COLUMNS)})"
            )
        mapping = group[[*keys, "group"]].drop_duplicates()
        base = toks.drop(columns=["group"], errors="ignore")
        out = base.merge(mapping, on=keys, how="inner", sort=False)
    elif isinstance(group, Mapping | pd.Series):
        if "doc_id" not in toks.columns:
            raise KeyError("grouping by a doc_id mapping needs a 'doc_id' column")
        lookup = dict(group.items())
        out = toks.copy()
        out["group"] = out["doc_id"].map(lookup)
    else:
        raise TypeError(
            "group must be None, a column name, a doc_id→group mapping or a DataFrame "
            f"with a 'group' column; got {type(group).__name__}"
        )
    out = out[out["group"].notna()].copy()
    out["group"] = out["group"].astype(str)
    return out


# -------------------------------------------------------------------------- filtering


def _filter_tokens(
    toks: pd.DataFrame,
    *,
    remove_stopwords: bool,
    remove_punct: bool,
    remove_numbers: bool,
    min_chars: int,
    keep: frozenset[str],
) -> pd.DataFrame:
    if remove_stopwords or remove_punct or remove_numbers:
        from bqw_research.tokens import tokens_remove  # core; imported lazily

        toks = tokens_remove(
            toks,
            stopwords=remove_stopwords,
            punct=remove_punct,
            numbers=remove_numbers,
            min_chars=1,
            keep=tuple(sorted(keep)),
        )
    tok = toks["token"].astype(str)
    blank = tok.str.strip() == ""
    short = tok.str.len() < min_chars
    drop = blank | (short & ~tok.isin(keep))
    return toks[~drop]


# ---------------------------------------------------------------- what was removed

REMOVED_COLUMNS = ["reason", "tokens", "types", "share", "examples"]
_REASONS = ("counted", "kept despite filter", "punctuation", "number", "stopword", "too short")


def textstat_removed(
    toks: pd.DataFrame,
    *,
    remove_stopwords: bool = True,
    remove_punct: bool = True,
    remove_numbers: bool = False,
    min_chars: int = 1,
    keep_single: Collection[str] | None = None,
    keep_lexicon: bool = True,
    n_examples: int = 8,
) -> pd.DataFrame:
    """What the filter of :func:`textstat_frequency` (same options) removes, and why.

    One row per reason — ``counted``, ``kept despite filter`` (a token of ``keep_single``
    or of the domain lexicon that the filter would otherwise have dropped, e.g. 十五五
    as a "number" or 县 under ``min_chars=2``), ``punctuation``,
    ``number``, ``stopword``, ``too short`` — with the number of ``tokens`` and distinct
    ``types``, their ``share`` of all non-blank tokens and the most frequent
    ``examples`` (separated by spaces). A token is charged to the first reason that applies,
    in that order. Only reasons that occur are listed. Print it beside a word cloud so
    readers know what the sizes leave out.
    """
    from bqw_research.lexicon import stopwords
    from bqw_research.tokens import is_number, is_punct

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


def textstat_frequency(
    toks: pd.DataFrame,
    *,
    group: Any = None,
    remove_stopwords: bool = True,
    remove_punct: bool = True,
    remove_numbers: bool = False,
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
    if "token" not in toks.columns:
        raise KeyError("token table needs a 'token' column")
    keep = _keep_set(keep_single, keep_lexicon)
    filtered = _filter_tokens(
        toks,
        remove_stopwords=remove_stopwords,
        remove_punct=remove_punct,
        remove_numbers=remove_numbers,
        min_chars=min_chars,
        keep=keep,
    )
    grouped = attach_group(filtered, group)
    if grouped.empty:
        return _empty_frequency()
    grouped = grouped.assign(token=grouped["token"].astype(str))
    doc = grouped["doc_id"] if "doc_id" in grouped.columns else pd.Series(0, index=grouped.index)
    grouped = grouped.assign(_doc=doc.astype(str))
    agg = (
        grouped.groupby(["group", "token"], sort=False)
        .agg(n=("token", "size"), docfreq=("_doc", "nunique"))
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


# --------------------------------------------------------------------------- keyness


def _xlogx_over(obs: np.ndarray, exp: np.ndarray) -> np.ndarray:
    """``O * ln(O / E)`` with ``0 * ln 0 = 0``."""
    out = np.zeros_like(obs, dtype=float)
    pos = obs > 0
    out[pos] = obs[pos] * np.log(obs[pos] / exp[pos])
    return out


def g2_statistic(a: Any, b: Any, n_target: Any, n_reference: Any) -> np.ndarray:
    """Unsigned Dunning G² for counts ``a`` (target) and ``b`` (reference).

    ``n_target`` / ``n_reference`` are the total token counts of the two corpora.
    Works element-wise on arrays.
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    nt = np.broadcast_to(np.asarray(n_target, dtype=float), a.shape)
    nr = np.broadcast_to(np.asarray(n_reference, dtype=float), a.shape)
    c = nt - a
    d = nr - b
    total = nt + nr
    row1 = a + b
    row2 = c + d
    e_a = nt * row1 / total
    e_b = nr * row1 / total
    e_c = nt * row2 / total
    e_d = nr * row2 / total
    g2 = 2.0 * (
        _xlogx_over(a, e_a) + _xlogx_over(b, e_b) + _xlogx_over(c, e_c) + _xlogx_over(d, e_d)
    )
    return np.maximum(g2, 0.0)


def log_ratio(a: Any, b: Any, n_target: Any, n_reference: Any) -> np.ndarray:
    """Hardie's Log Ratio: ``log2((a/N_t)/(b/N_r))``, zero counts replaced by 0.5."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a = np.where(a == 0, 0.5, a)
    b = np.where(b == 0, 0.5, b)
    return np.log2(
        (a / np.asarray(n_target, dtype=float)) / (b / np.asarray(n_reference, dtype=float))
    )


def chi2_sf_1df(x: Any) -> np.ndarray:
    """Upper tail of χ² with one degree of freedom: ``erfc(sqrt(x / 2))``."""
    x = np.atleast_1d(np.asarray(x, dtype=float))
    return np.array([math.erfc(math.sqrt(max(v, 0.0) / 2.0)) for v in x], dtype=float)


def bh_adjust(p: Iterable[float]) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (same order as ``p``)."""
    p = np.asarray(list(p), dtype=float)
    m = p.size
    if m == 0:
        return p
    order = np.argsort(p, kind="mergesort")
    ranked = p[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m)
    out[order] = np.minimum(ranked, 1.0)
    return out


def _is_frequency_table(df: pd.DataFrame) -> bool:
    return {"group", "token", "n"}.issubset(df.columns) and "token_id" not in df.columns


def textstat_keyness(
    toks_or_freq: pd.DataFrame,
    *,
    group: Any = None,
    target: str | Collection[str] | None = None,
    min_count: int = 2,
    alpha: float = 0.05,
    **frequency_options: Any,
) -> pd.DataFrame:
    """Keyness of every token for each group against the rest of the corpus.

    Parameters
    ----------
    toks_or_freq
        Either a token table (then ``group`` and ``frequency_options`` are passed to
        :func:`textstat_frequency`) or a frequency table from it (``group, token, n``).
        A frequency table must be complete (not cut with ``n=``): group sizes are the
        sums of its counts.
    group
        Grouping for a token table (see the module docstring); ignored for a frequency
        table, which already has its groups.
    target
        A group name (or several) to report; ``None`` reports every group, each against
        all the others pooled.
    min_count
        Leave out tokens whose count over all groups is below this.
    alpha
        Threshold on ``p_adj`` for the ``significant`` column.

    Returns
    -------
    DataFrame ``group, token, n_target, n_reference, G2, log_ratio, p, p_adj,
    significant`` where ``group`` is the target group. ``G2`` is signed (negative =
    used less in the target than in the reference). Sorted by group, then ``G2``
    descending, then token.

    Raises
    ------
    ValueError
        When there are fewer than two groups, or ``target`` names an unknown group.
    """
    if _is_frequency_table(toks_or_freq):
        freq = toks_or_freq[["group", "token", "n"]].copy()
        freq["group"] = freq["group"].astype(str)
    else:
        freq = textstat_frequency(toks_or_freq, group=group, **frequency_options)
    groups = sorted(freq["group"].unique().tolist())
    if len(groups) < 2:
        raise ValueError(f"keyness needs at least two groups to compare; got {groups or 'none'}")
    if target is None:
        targets = groups
    else:
        targets = [target] if isinstance(target, str) else list(target)
        unknown = sorted(set(targets) - set(groups))
        if unknown:
            raise ValueError(f"unknown target group(s) {unknown}; groups are {groups}")

    wide = freq.pivot_table(index="token", columns="group", values="n", aggfunc="sum", fill_value=0)
    wide = wide.sort_index(kind="mergesort")
    row_total = wide.sum(axis=1)
    group_total = wide.sum(axis=0)
    grand_total = float(group_total.sum())
    wide = wide[row_total >= min_count]
    row_total = row_total[row_total >= min_count]

    parts = []
    for g in targets:
        a = wide[g].to_numpy(dtype=float)
        b = (row_total - wide[g]).to_numpy(dtype=float)
        nt = float(group_total[g])
        nr = grand_total - nt
        if nt == 0 or nr == 0:
            continue
        g2 = g2_statistic(a, b, nt, nr)
        sign = np.where(a / nt < b / nr, -1.0, 1.0)
        p = chi2_sf_1df(g2) if len(g2) else np.array([], dtype=float)
        part = pd.DataFrame(
            {
                "group": g,
                "token": wide.index.astype(str),
                "n_target": a.astype("int64"),
                "n_reference": b.astype("int64"),
                "G2": sign * g2,
                "log_ratio": log_ratio(a, b, nt, nr),
                "p": p,
                "p_adj": bh_adjust(p),
            }
        )
        parts.append(part)
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in KEYNESS_COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    out["significant"] = out["p_adj"] < alpha
    out = out.sort_values(
        ["group", "G2", "token"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
    return out[KEYNESS_COLUMNS]
