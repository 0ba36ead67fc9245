"""Keyness: each group against all the other groups pooled (quanteda's ``textstat_keyness``).

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
  Benjamini–Hochberg adjustment within each target group.

Frequency alone cannot tell a term a group *uses* from a term one of its articles
repeats: 一件 from a single sentence can be "significant" for a region. So each row also
carries the term's **dispersion** over the target group's units (its articles; or its
paragraphs, for a group made of fewer than ``min_docs`` articles — column ``unit``):

* ``docs_target`` — in how many units of the target the term occurs;
* ``DP`` — Gries' (2008) *deviation of proportions*, ``½ Σ_u |v_u − s_u|`` over the
  target's units, where ``s_u`` is unit u's share of the target's tokens and ``v_u`` its
  share of the term's occurrences: 0 when the term is spread exactly like the text, near
  1 when it sits in one small corner of it (Gries, S. Th. 2008, "Dispersions and adjusted
  frequencies in corpora", *International Journal of Corpus Linguistics* 13(4): 403–437).

``significant`` is ``p_adj < alpha`` and, for over-use (``G2 > 0``), ``docs_target >=
min_docs``: a term is key for a group only when several of its units use it. A
frequency table carries no positions, so from one dispersion is ``NaN`` and not checked.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textstat.frequency import counted_codes

__all__ = [
    "KEYNESS_COLUMNS",
    "bh_adjust",
    "chi2_sf_1df",
    "g2_statistic",
    "key_terms",
    "log_ratio",
    "textstat_dispersion",
    "textstat_keyness",
    "unit_of_groups",
]

KEYNESS_COLUMNS = [
    "group",
    "token",
    "n_target",
    "n_reference",
    "G2",
    "log_ratio",
    "p",
    "p_adj",
    "docs_target",
    "DP",
    "unit",
    "significant",
]


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
    min_docs: int = 2,
    alpha: float = 0.05,
    **frequency_options: Any,
) -> pd.DataFrame:
    """Keyness of every token for each group against the rest of the corpus.

    Parameters
    ----------
    toks_or_freq
        Either a token table (then ``group`` and ``frequency_options`` are passed to
        :func:`~bqw_research.textstat.frequency.counted_tokens`, the filter of
        :func:`textstat_frequency`) or a frequency table from it (``group, token, n``).
        A frequency table must be complete (not cut with ``n=``): group sizes are the
        sums of its counts; it gives no dispersion.
    group
        Grouping for a token table (see the module docstring); ignored for a frequency
        table, which already has its groups.
    target
        A group name (or several) to report; ``None`` reports every group, each against
        all the others pooled.
    min_count
        Leave out tokens whose count over all groups is below this.
    min_docs
        A term over-used in a group is ``significant`` only if it occurs in at least this
        many of the group's units (articles, or paragraphs for a group of fewer articles).
    alpha
        Threshold on ``p_adj`` for the ``significant`` column.

    Returns
    -------
    DataFrame ``group, token, n_target, n_reference, G2, log_ratio, p, p_adj,
    docs_target, DP, unit, significant`` where ``group`` is the target group. ``G2`` is
    signed (negative = used less in the target than in the reference). Sorted by group,
    then ``G2`` descending, then token.

    Raises
    ------
    ValueError
        When there are fewer than two groups, or ``target`` names an unknown group.
    """
    if _is_frequency_table(toks_or_freq):
        freq = toks_or_freq[["group", "token", "n"]].copy()
        freq["group"] = freq["group"].astype(str)
        dispersion = None
    else:
        # the counted tokens as integer codes: group, token and unit columns of integers
        # (no string per token); names are put back on the small tables made from them
        codes = counted_codes(toks_or_freq, group=group, **frequency_options)
        dispersion = pd.DataFrame(
            {
                "group": codes.group,
                "token": codes.token,
                **({"doc_id": codes.doc} if codes.doc is not None else {}),
                **({"para_id": codes.para} if codes.para is not None else {}),
            }
        )
        freq = codes.named(
            dispersion.groupby(["group", "token"], sort=False).size().rename("n").reset_index()
        )
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
    if dispersion is None:
        out = out.assign(docs_target=np.nan, DP=np.nan, unit=None)
        dispersed = True
    else:
        spread = codes.named(textstat_dispersion(dispersion, min_docs=min_docs))
        out = out.merge(spread, on=["group", "token"], how="left", sort=False)
        out["docs_target"] = out["docs_target"].fillna(0).astype("int64")
        units = unit_of_groups(dispersion, min_docs=min_docs)
        out["unit"] = out["group"].map(
            {codes.group_names[int(g)]: kind for g, kind in units.items()}
        )
        dispersed = (out["G2"] <= 0) | (out["docs_target"] >= min_docs)
    out["significant"] = (out["p_adj"] < alpha) & dispersed
    out = out.sort_values(
        ["group", "G2", "token"], ascending=[True, False, True], kind="mergesort"
    ).reset_index(drop=True)
    return out[KEYNESS_COLUMNS]


#: The unit columns of each kind of dispersion unit.
UNIT_KEYS = {"document": ["doc_id"], "paragraph": ["doc_id", "para_id"]}


def unit_of_groups(counted: pd.DataFrame, *, min_docs: int = 2) -> dict[Any, str]:
    """Each group's dispersion unit: ``document``, or ``paragraph`` for a group of fewer
    than ``min_docs`` documents (one article compared with another) when paragraphs are known.
    """
    if "doc_id" not in counted.columns:
        return {}
    n_docs = counted.groupby("group", sort=True)["doc_id"].nunique()
    small = "paragraph" if "para_id" in counted.columns else "document"
    return {g: ("document" if n >= min_docs else small) for g, n in n_docs.items()}


def textstat_dispersion(counted: pd.DataFrame, *, min_docs: int = 2) -> pd.DataFrame:
    """Dispersion of each term over each group's units: ``group, token, docs_target, DP``.

    ``counted`` is a token table with ``group`` (e.g. from
    :func:`~bqw_research.textstat.frequency.counted_tokens`); units as in
    :func:`unit_of_groups`. ``DP`` is Gries' deviation of proportions, computed from the
    non-zero cells only: ``½ (1 + Σ_{u: v_u > 0} (|v_u − s_u| − s_u))``.
    """
    units = unit_of_groups(counted, min_docs=min_docs)
    frames = []
    for kind in ("document", "paragraph"):
        names = [g for g, k in units.items() if k == kind]
        if not names:
            continue
        keys = UNIT_KEYS[kind]
        sub = counted[counted["group"].isin(names)]
        cells = sub.groupby(["group", *keys, "token"], sort=False).size().rename("v").reset_index()
        size = sub.groupby(["group", *keys], sort=False).size().rename("s").reset_index()
        size["s"] = size["s"] / size.groupby("group")["s"].transform("sum")
        cells = cells.merge(size, on=["group", *keys], how="left", sort=False)
        cells["v"] = cells["v"] / cells.groupby(["group", "token"])["v"].transform("sum")
        cells["dev"] = (cells["v"] - cells["s"]).abs() - cells["s"]
        agg = (
            cells.groupby(["group", "token"], sort=False)
            .agg(docs_target=("v", "size"), dev=("dev", "sum"))
            .reset_index()
        )
        agg["DP"] = (0.5 * (1.0 + agg.pop("dev"))).clip(0.0, 1.0)
        frames.append(agg)
    if not frames:
        return pd.DataFrame(columns=["group", "token", "docs_target", "DP"])
    return pd.concat(frames, ignore_index=True)


def key_terms(keyness: pd.DataFrame, *, group: str | None = None) -> pd.DataFrame:
    """The terms significantly over-used in each group of a :func:`textstat_keyness` table.

    ``G2 > 0`` and ``significant`` (which includes the dispersion check), as a table that
    a cloud draws with ``value="G2"``: ``group, token, G2, n, docs_target, DP``, sorted by
    group, then ``G2`` descending.
    """
    key = keyness[(keyness["G2"] > 0) & keyness["significant"]]
    if group is not None:
        key = key[key["group"].astype(str) == str(group)]
    key = key.rename(columns={"n_target": "n"})
    cols = ["group", "token", "G2", "n", "docs_target", "DP"]
    return key.reindex(columns=cols).reset_index(drop=True)
