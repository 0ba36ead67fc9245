"""Analysis-time operations on token tables (after quanteda's ``tokens_*``).

Filtering is a choice made when counting, never a deletion from the token
table: :func:`tokens_remove` and :func:`tokens_compound` return new tables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import pandas as pd

from bqw_research.tokens.lexicon import stopwords

_NUMBER_RE = re.compile(
    r"^(?=.*[\d０-９])[\d０-９.,，．%％]+$|^[零〇一二两三四五六七八九十百千万亿]+$"
)


def is_punct(token: str) -> bool:
    """True when every character is punctuation or a symbol (Unicode P* / S*)."""
    return bool(token) and all(unicodedata.category(ch)[0] in "PS" for ch in token)


def is_number(token: str) -> bool:
    """True for Arabic numerals (with . , %) or a Chinese numeral alone."""
    return bool(_NUMBER_RE.match(token))


def tokens_remove(
    toks: pd.DataFrame,
    *,
    stopwords: bool | Iterable[str] = True,
    punct: bool = True,
    numbers: bool = False,
    min_chars: int = 1,
    keep: Iterable[str] = (),
) -> pd.DataFrame:
    """A filtered copy of a token table (the original is never changed).

    ``stopwords`` is ``True`` for the shipped list, or your own iterable;
    ``punct`` drops punctuation/symbol tokens; ``numbers`` drops numerals;
    ``min_chars`` drops shorter tokens (default 1 keeps 县, 镇, 村); ``keep``
    lists tokens never removed.
    """
    stop = _stopword_set(stopwords)
    keep = frozenset(keep)
    tok = toks["token"].astype(str)
    drop = pd.Series(False, index=toks.index)
    if stop:
        drop |= tok.isin(stop)
    if punct:
        drop |= tok.map(is_punct)
    if numbers:
        drop |= tok.map(is_number)
    if min_chars > 1:
        drop |= tok.str.len() < min_chars
    drop &= ~tok.isin(keep)
    return toks.loc[~drop].copy()


def tokens_compound(
    toks: pd.DataFrame,
    phrases: Iterable[str],
    *,
    pos: str | None = None,
) -> pd.DataFrame:
    """Join runs of consecutive tokens that spell one of ``phrases`` into one token.

    After quanteda's ``tokens_compound``: an analysis-time step, the original
    table is not changed. Runs never cross a sentence. ``token_id`` is
    renumbered within each changed sentence; a ``pos`` column takes ``pos`` (or,
    when ``None``, the first token's tag). A phrase may end inside a token, which is
    then split (``何国`` + ``森到`` → ``何国森`` + ``到``; the rest keeps its tag).
    Typical use: keep leaders' names whole with names found by pattern in the text.
    """
    targets = {p for p in phrases if isinstance(p, str) and len(p) >= 2}
    if not targets or toks.empty:
        return toks.copy()
    prefixes = {p[:i] for p in targets for i in range(1, len(p) + 1)}
    has_pos = "pos" in toks.columns
    keys = ["doc_id", "para_id", "sent_id"]
    out_rows = []
    changed = False
    for key, sent in toks.groupby(keys, sort=False):
        words = sent["token"].astype(str).tolist()
        tags = sent["pos"].tolist() if has_pos else [None] * len(words)
        merged: list[tuple[str, object]] = []
        i = 0
        while i < len(words):
            best, acc, cut = None, "", 0
            for j in range(i, len(words)):
                if j > i and acc + words[j] not in prefixes:
                    # the phrase may end inside this token (何国 + 森到 → 何国森 + 到)
                    k = next(
                        (
                            k
                            for k in range(len(words[j]) - 1, 0, -1)
                            if acc + words[j][:k] in targets
                        ),
                        0,
                    )
                    if k:
                        best, cut = j, k
                    break
                acc += words[j]
                if acc not in prefixes:
                    break
                if acc in targets and j > i:
                    best, cut = j, 0
            if best is None:
                merged.append((words[i], tags[i]))
                i += 1
                continue
            tag = pos if pos is not None else tags[i]
            changed = True
            if cut:
                merged.append(("".join(words[i:best]) + words[best][:cut], tag))
                words[best] = words[best][cut:]
                i = best
            else:
                merged.append(("".join(words[i : best + 1]), tag))
                i = best + 1
        for n, (word, tag) in enumerate(merged, start=1):
            out_rows.append((*key, n, word, tag))
    if not changed:
        return toks.copy()
    out = pd.DataFrame(out_rows, columns=[*keys, "token_id", "token", "pos"])
    if not has_pos:
        out = out.drop(columns="pos")
    extra = [c for c in toks.columns if c not in out.columns]
    if extra:  # sentence-level columns (e.g. a group) carry over
        first = toks.drop_duplicates(keys)[keys + extra]
        out = out.merge(first, on=keys, how="left")
    return out[list(toks.columns)].astype(toks.dtypes.to_dict())


def _stopword_set(value: bool | Iterable[str]) -> frozenset[str]:
    if value is True:
        return stopwords()
    if value is False or value is None:
        return frozenset()
    return frozenset(value)
