"""Keyword in context (KWIC) and collocations of a term.

``kwic`` returns a tidy table (one row per match) and :func:`kwic_html` an escaped HTML
view with the match highlighted; :func:`textstat_collocations` measures which tokens
occur near a term more often than chance (log-likelihood G² and PMI).
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["KWIC_COLUMNS", "KwicHTML", "kwic", "kwic_html", "textstat_collocations"]

KWIC_COLUMNS = ["doc_id", "para_id", "sent_id", "start", "end", "pre", "keyword", "post"]
COLLOCATION_COLUMNS = [
    "term",
    "collocate",
    "n_joint",
    "n_collocate",
    "n_term",
    "G2",
    "pmi",
    "rank",
]


def _units(x: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs of a corpus (context may cross sentences), or the table as given."""
    from bqw_research.textstat.rhetoric.common import as_paragraphs, is_corpus

    return as_paragraphs(x) if is_corpus(x) else x


def _compile(pattern: str | Iterable[str], regex: bool) -> re.Pattern[str]:
    if isinstance(pattern, str):
        return re.compile(pattern if regex else re.escape(pattern))
    terms = sorted({p for p in pattern if p}, key=lambda t: (-len(t), t))
    if not terms:
        raise ValueError("kwic needs at least one non-empty pattern")
    return re.compile("|".join(p if regex else re.escape(p) for p in terms))


def kwic(
    x: pd.DataFrame,
    pattern: str | Iterable[str] | pd.Series,
    *,
    window: int = 20,
    regex: bool = False,
    group: Any = None,
) -> pd.DataFrame:
    """Every match of ``pattern`` with ``window`` characters of context on each side.

    Parameters
    ----------
    x
        A corpus (searched paragraph by paragraph), or a paragraph/sentence table.
    pattern
        A literal string, several literal strings (the longest wins at a position), or a
        regular expression when ``regex=True``. Or a ``Series`` aligned with the rows of a
        paragraph/sentence table ``x``: each row is searched for its own pattern (one call
        for the lines of many terms, each from its own paragraphs).
    window
        Context characters kept before and after the match (within the unit).
    group
        Optional grouping (column name, ``doc_id → group`` mapping, DataFrame with keys
        and ``group``); adds a ``group`` column.

    Returns
    -------
    ``doc_id, para_id, sent_id, start, end, pre, keyword, post`` (+ ``title`` when the
    input has it, + ``group``), in document order. ``sent_id`` is missing (``<NA>``) for
    paragraph input; ``start``/``end`` are character offsets in the unit's text.
    """
    per_row = isinstance(pattern, pd.Series)
    if per_row:
        if len(pattern) != len(x) or "text" not in x.columns or "para_id" not in x.columns:
            raise ValueError(
                "a Series of patterns needs a paragraph/sentence table of as many rows"
            )
        units = x.assign(kwic_pattern=pattern.to_numpy())
    else:
        rx = _compile(pattern, regex)
        units = _units(x)
    if group is not None:
        from bqw_research.textstat.rhetoric.common import attach_group

        units = attach_group(units, group)
    extra = [c for c in ("title", "group") if c in units.columns]
    rows = []
    for rec in units.itertuples(index=False):
        text = str(rec.text)
        if per_row:
            rx = _compile(str(rec.kwic_pattern), regex)  # re caches compiled patterns
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            rows.append(
                (
                    rec.doc_id,
                    getattr(rec, "para_id", pd.NA),
                    getattr(rec, "sent_id", pd.NA),
                    m.start(),
                    m.end(),
                    text[max(0, m.start() - window) : m.start()],
                    m.group(0),
                    text[m.end() : m.end() + window],
                    *(getattr(rec, c) for c in extra),
                )
            )
    return pd.DataFrame(rows, columns=[*KWIC_COLUMNS, *extra])


class KwicHTML(str):
    """An HTML string that Jupyter renders (``_repr_html_``)."""

    def _repr_html_(self) -> str:
        return str(self)


def kwic_html(
    kw: pd.DataFrame, *, max_rows: int | None = 50, caption: str | None = None
) -> KwicHTML:
    """An HTML table of a :func:`kwic` result; all text is escaped, the match is ``<mark>``-ed.

    Rows beyond ``max_rows`` are left out and counted in a final note.
    """
    shown = kw if max_rows is None else kw.head(max_rows)
    parts = ['<table class="bqw-kwic" style="font-family:monospace">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(
        "<thead><tr><th>doc</th><th>para</th><th style='text-align:right'>before</th>"
        "<th>match</th><th style='text-align:left'>after</th></tr></thead><tbody>"
    )
    for rec in shown.itertuples(index=False):
        parts.append(
            "<tr>"
            f"<td>{html.escape(str(rec.doc_id))}</td>"
            f"<td>{html.escape(str(rec.para_id))}</td>"
            f"<td style='text-align:right'>{html.escape(str(rec.pre))}</td>"
            f"<td><mark>{html.escape(str(rec.keyword))}</mark></td>"
            f"<td style='text-align:left'>{html.escape(str(rec.post))}</td>"
            "</tr>"
        )
    parts.append("</tbody></table>")
    if max_rows is not None and len(kw) > max_rows:
        parts.append(f"<p>… {len(kw) - max_rows} more matches not shown.</p>")
    if kw.empty:
        parts = ["<p>No matches.</p>"]
    return KwicHTML("".join(parts))


def content_codes(tokens: pd.Series, *, remove_stopwords: bool) -> tuple[np.ndarray, pd.Index]:
    """Each token's code into the distinct tokens, ``-1`` for tokens left out.

    Left out: tokens without a letter, digit or Han character (punctuation, spaces), and
    stopwords when ``remove_stopwords``. Decided once per distinct token, not per token.
    """
    codes, uniques = pd.factorize(tokens.astype(str))
    words = pd.Series(uniques, dtype=object).astype(str)
    keep = words.str.contains(r"[\w\u4e00-\u9fff]", regex=True) & (words.str.strip() != "")
    if remove_stopwords:
        try:
            from bqw_research.tokens import stopwords
        except ImportError:  # core not installed: keep every token
            pass
        else:
            keep &= ~words.isin(stopwords())
    codes = np.where(keep.to_numpy()[codes], codes, -1) if len(codes) else codes
    return codes, pd.Index(words)


def textstat_collocations(
    toks: pd.DataFrame,
    term: str | Iterable[str],
    *,
    window: int = 5,
    min_count: int = 2,
    remove_stopwords: bool = True,
) -> pd.DataFrame:
    """Collocates of ``term`` within ``window`` tokens, scored by G² and PMI.

    Tokens are taken in order within each sentence (punctuation dropped first, stopwords
    too when ``remove_stopwords``). For a collocate ``c``: ``n_joint`` = times ``c`` is
    within ``window`` tokens of an occurrence of the term; ``n_collocate`` and ``n_term``
    are corpus counts; with ``W`` the number of token slots inside all term windows and
    ``N`` all tokens, ``G2`` is Dunning's log-likelihood for ``c`` inside vs outside the
    windows (``n_joint`` of ``W`` against ``n_collocate - n_joint`` of ``N - W``), signed
    negative when ``c`` is rarer near the term; ``pmi = log2(n_joint · N / (n_term ·
    n_collocate))``. Returns ``term, collocate, n_joint, n_collocate, n_term, G2, pmi,
    rank`` for collocates with ``n_joint >= min_count``, by ``G2`` descending.

    Vectorised over token codes: no per-token Python objects, no copy of the table.
    """
    from bqw_research.textstat.keyness import g2_statistic

    terms = {term} if isinstance(term, str) else set(term)
    label = term if isinstance(term, str) else "|".join(sorted(terms))
    codes, words = content_codes(toks["token"], remove_stopwords=remove_stopwords)
    keys = [c for c in ("doc_id", "para_id", "sent_id") if c in toks.columns]
    # each sentence's tokens together, in token order (sentences in any order)
    key_codes = {k: pd.factorize(toks[k])[0] for k in keys}
    sort_keys = [toks["token_id"].to_numpy()] if "token_id" in toks.columns else []
    sort_keys += [key_codes[k] for k in reversed(keys)]
    order = np.lexsort(sort_keys) if sort_keys else np.arange(len(codes))
    kept = order[codes[order] >= 0]
    seq = codes[kept]
    sentence = np.zeros(len(seq), dtype=np.int64)
    if len(seq):
        change = np.zeros(len(seq), dtype=bool)
        for k in keys:
            col = key_codes[k][kept]
            change[1:] |= col[1:] != col[:-1]
        sentence = np.cumsum(change)
    n_words = len(words)
    freq = np.bincount(seq, minlength=n_words)
    n_total = len(seq)
    term_codes = np.array([words.get_loc(t) for t in terms if t in words], dtype=np.int64)
    n_term = int(freq[term_codes].sum()) if len(term_codes) else 0
    is_term = np.isin(seq, term_codes)
    hit = np.flatnonzero(is_term)
    # slots within `window` tokens of a hit, inside the hit's sentence (a union: counted once)
    first = np.searchsorted(sentence, sentence[hit], side="left")
    last = np.searchsorted(sentence, sentence[hit], side="right")
    lo = np.maximum(hit - window, first)
    hi = np.minimum(hit + window + 1, last)
    cover = np.zeros(len(seq) + 1, dtype=np.int64)
    np.add.at(cover, lo, 1)
    np.add.at(cover, hi, -1)
    near = (np.cumsum(cover[:-1]) > 0) & ~is_term
    slots = int(near.sum())
    joint = np.bincount(seq[near], minlength=n_words)
    found = np.flatnonzero(joint >= max(min_count, 1))
    if not len(found) or n_term == 0:
        return pd.DataFrame(columns=COLLOCATION_COLUMNS)
    out = pd.DataFrame(
        {
            "collocate": words[found].tolist(),
            "n_joint": joint[found].tolist(),
            "n_collocate": freq[found].tolist(),
        }
    )
    a = out["n_joint"].to_numpy(dtype=float)
    b = (out["n_collocate"] - out["n_joint"]).to_numpy(dtype=float)
    rest = max(n_total - slots, 1)
    g2 = g2_statistic(a, b, float(slots), float(rest))
    sign = np.where(a / slots < b / rest, -1.0, 1.0)
    out["G2"] = sign * g2
    out["pmi"] = [
        math.log2(j * n_total / (n_term * c)) for j, c in zip(a, out["n_collocate"], strict=True)
    ]
    out["term"] = label
    out["n_term"] = n_term
    out = out.sort_values(["G2", "collocate"], ascending=[False, True], kind="mergesort")
    out["rank"] = np.arange(1, len(out) + 1)
    return out[COLLOCATION_COLUMNS].reset_index(drop=True)
