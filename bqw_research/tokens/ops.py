"""Analysis-time operations on token tables (after quanteda's ``tokens_*``).

Filtering is a choice made when counting, never a deletion from the token
table: :func:`tokens_remove` and :func:`tokens_compound` return new tables.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import partial
from itertools import pairwise

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bqw_research.tokens.lexicon import stopwords

_NUMBER_RE = re.compile(
    r"^(?=.*[\d０-９])[\d０-９.,，．%％]+[多余十百千万亿]*$|^[零〇一二两三四五六七八九十百千万亿]+$"
)


def run_starts(table: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Positions where a run of equal ``keys`` begins (0 first; empty for an empty table):
    the sentences of a token table in its order, with ``["doc_id", "para_id", "sent_id"]``.

    Each key column is compared with its neighbour as integer codes, one column at a
    time (comparing rows as object arrays held ~0.8 GB at 700 articles)."""
    n = len(table)
    change = np.zeros(n, dtype=bool)
    change[:1] = True
    for key in keys:
        codes = pd.factorize(table[key], sort=False)[0]
        change[1:] |= codes[1:] != codes[:-1]
    return np.flatnonzero(change)


def token_runs(tokens: pd.Series, starts: np.ndarray) -> list[list[str]]:
    """The tokens cut into runs (e.g. sentences) at the positions ``starts`` (sorted, the
    first 0): ``[tokens[starts[0]:starts[1]], …, tokens[starts[-1]:]]`` as lists of str.

    Each distinct token is one Python string that every run refers to, so a million
    tokens cost a million references, not a million string objects (on 700 articles
    ~150 MB less, and no heap left fragmented by them after use).
    """
    codes, uniques = pd.factorize(tokens.astype(str), sort=False, use_na_sentinel=False)
    vocab = np.empty(len(uniques), dtype=object)
    vocab[:] = [str(u) for u in uniques]
    words = vocab[codes].tolist() if len(codes) else []
    bounds = [*np.asarray(starts, dtype=np.int64).tolist(), len(words)]
    return [words[a:b] for a, b in pairwise(bounds)] if words else []


def per_type(
    tokens: pd.Series, decide: Callable[[pd.Series], pd.Series | np.ndarray]
) -> np.ndarray:
    """``decide`` asked once per distinct token, its answer spread back to every row.

    ``decide`` gets the distinct tokens as a ``str`` Series (first-seen order) and returns
    one bool per token; the result is a bool array aligned with ``tokens`` (a missing token
    is ``False``). A filter of 2.5 million tokens then costs string work on their ~100,000
    types and one integer gather, instead of string copies of every row (on 700 articles
    ~0.3 GB less at its peak).
    """
    codes, uniques = pd.factorize(tokens, sort=False)
    decided = np.zeros(len(uniques) + 1, dtype=bool)  # the last slot answers code -1
    if len(uniques):
        types = pd.Series(np.asarray(uniques, dtype=object), dtype=str)
        decided[:-1] = np.asarray(decide(types), dtype=bool)
    return decided[codes]


def is_punct(token: str) -> bool:
    """True when every character is punctuation or a symbol (Unicode P* / S*)."""
    return bool(token) and all(unicodedata.category(ch)[0] in "PS" for ch in token)


def is_number(token: str) -> bool:
    """True for Arabic numerals (with . , % and a magnitude: 330多万, 1.2万) or a Chinese
    numeral alone."""
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
    drop = partial(
        removal_mask,
        stopwords=stopwords,
        punct=punct,
        numbers=numbers,
        min_chars=min_chars,
        keep=keep,
    )
    # boolean selection makes new columns (copy-on-write): the original is never changed
    return toks[~per_type(toks["token"], drop)]


def removal_mask(
    types: pd.Series,
    *,
    stopwords: bool | Iterable[str] = True,
    punct: bool = True,
    numbers: bool = False,
    min_chars: int = 1,
    keep: Iterable[str] = (),
) -> np.ndarray:
    """Which of the distinct tokens ``types`` :func:`tokens_remove` drops (same options)."""
    keep = frozenset(keep)
    drop = np.array(types.isin(_stopword_set(stopwords)), dtype=bool)
    if punct:
        drop |= np.fromiter(map(is_punct, types), dtype=bool, count=len(types))
    if numbers:
        drop |= np.fromiter(map(is_number, types), dtype=bool, count=len(types))
    if min_chars > 1:
        drop |= (types.str.len() < min_chars).to_numpy(dtype=bool)
    return drop & ~types.isin(keep).to_numpy(dtype=bool)


def tokens_compound(
    toks: pd.DataFrame,
    phrases: Iterable[str],
    *,
    pos: str | None = None,
) -> pd.DataFrame:
    """Join runs of consecutive tokens that spell one of ``phrases`` into one token.

    After quanteda's ``tokens_compound``: an analysis-time step, the original
    table is not changed. Runs never cross a sentence. ``token_id`` is
    renumbered within each sentence; a ``pos`` column takes ``pos`` (or,
    when ``None``, the first token's tag). A phrase may end inside a token, which is
    then split (``何国`` + ``森到`` → ``何国森`` + ``到``; the rest keeps its tag).
    Typical use: keep leaders' names whole with names found by pattern in the text.
    Only sentences whose text contains a phrase are looked at token by token.
    """
    targets = {p for p in phrases if isinstance(p, str) and len(p) >= 2}
    if not targets or toks.empty:
        return toks.copy()
    keys = ["doc_id", "para_id", "sent_id"]
    original = toks
    sentence = _sentence_codes(toks, keys)
    if len(sentence) > 1 and bool((sentence[1:] < sentence[:-1]).any()):
        # a sentence's rows are apart: bring them together (the output groups them)
        order = np.argsort(sentence, kind="stable")
        toks, sentence = toks.iloc[order], sentence[order]
    spans = _sentences_with(toks["token"], sentence, targets)
    if not spans:
        return original.copy()
    has_pos = "pos" in toks.columns
    prefixes = {p[:i] for p in targets for i in range(1, len(p) + 1)}
    # the rows of the sentences to look at, taken out of the table once (not a slice
    # of the DataFrame per sentence: thousands of sentences hold a leader's name)
    rows = np.concatenate([np.arange(a, b) for _, a, b in spans])
    words_all = toks["token"].take(rows).astype(str).tolist()
    tags_all = toks["pos"].take(rows).tolist() if has_pos else [None] * len(rows)
    firsts = np.cumsum([0] + [b - a for _, a, b in spans])
    key_values = list(zip(*(toks[k].take(rows[firsts[:-1]]).tolist() for k in keys), strict=True))
    new_rows = []
    changed: set[int] = set()
    for (code, _, _), lo, hi, key in zip(spans, firsts[:-1], firsts[1:], key_values, strict=True):
        merged = _compound_sentence(words_all[lo:hi], tags_all[lo:hi], targets, prefixes, pos)
        if merged is None:
            continue
        changed.add(code)
        new_rows += [(code, n, *key, w, t) for n, (w, t) in enumerate(merged)]
    if not changed:
        return original.copy()
    new = pd.DataFrame(new_rows, columns=["_s", "_n", *keys, "token", "pos"])
    if not has_pos:
        new = new.drop(columns="pos")
    extra = [c for c in toks.columns if c not in [*keys, "token_id", "token", "pos"]]
    if extra:  # sentence-level columns (e.g. a group) carry over
        first = toks.drop_duplicates(keys)[keys + extra]
        new = new.merge(first, on=keys, how="left")
    keep = ~np.isin(sentence, np.fromiter(changed, dtype=np.int64))
    # the kept rows and the new rows, each already in (sentence, position) order, are
    # interleaved column by column: one column's copy at a time, not the whole table's
    kept_s = sentence[keep]
    new_s = new["_s"].to_numpy()
    at_kept = np.arange(len(kept_s)) + np.searchsorted(new_s, kept_s, side="left")
    at_new = np.arange(len(new_s)) + np.searchsorted(kept_s, new_s, side="right")
    order = np.empty(len(kept_s) + len(new_s), dtype=np.int64)
    order[at_kept] = np.arange(len(kept_s))
    order[at_new] = np.arange(len(kept_s), len(order))
    # where each changed sentence lies in the table and where its new rows lie in ``new``
    changed_spans = [(a, b) for code, a, b in spans if code in changed]
    new_bounds = np.flatnonzero(np.r_[True, new_s[1:] != new_s[:-1], True])
    columns = {}
    for col in toks.columns:
        if isinstance(toks[col].array, pd.arrays.ArrowStringArray) and col in new.columns:
            columns[col] = _spliced(toks[col], changed_spans, new[col], new_bounds)
            continue
        if col == "token_id":
            n_kept = pd.Series(kept_s).groupby(kept_s, sort=False).cumcount().to_numpy()
            values = pd.Series(np.concatenate([n_kept, new["_n"].to_numpy()]) + 1)
        else:
            values = pd.concat([toks[col][keep], new[col]], ignore_index=True)
        columns[col] = values.take(order).reset_index(drop=True).astype(toks[col].dtype)
    return pd.DataFrame(columns)


def _spliced(
    column: pd.Series,
    replaced: list[tuple[int, int]],
    values: pd.Series,
    bounds: np.ndarray,
) -> pd.Series:
    """``column`` with its rows ``replaced[k] = (a, b)`` swapped for ``values`` rows
    ``bounds[k]:bounds[k + 1]``, as Arrow slices of the column between them: the rows
    that stay are not copied (a token table's ``doc_id`` strings are memory-mapped from
    the cache; a copy of them held ~200 MB at 700 articles)."""
    original = pa.chunked_array(pa.array(column.array))
    fresh = pa.array(values.to_numpy(dtype=object), type=original.type, from_pandas=True)
    pieces, at = [], 0
    for k, (a, b) in enumerate(replaced):
        pieces.append(original.slice(at, a - at))
        pieces.append(fresh.slice(int(bounds[k]), int(bounds[k + 1] - bounds[k])))
        at = b
    pieces.append(original.slice(at))
    chunks = [c for piece in pieces for c in getattr(piece, "chunks", [piece]) if len(c)]
    joined = pa.chunked_array(chunks, type=original.type)
    return pd.Series(type(column.array)(joined), dtype=column.dtype)


def _sentence_codes(toks: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Each row's sentence number, in order of first appearance (``groupby.ngroup``).

    Token tables keep a sentence's rows together, so the numbers are the runs of
    equal keys (:func:`run_starts`, no hashing of every row); only when a key comes
    back after another sentence are the rows grouped by hashing.
    """
    starts = run_starts(toks, keys)
    if toks[keys].iloc[starts].duplicated().any():
        return toks.groupby(keys, sort=False).ngroup().to_numpy()
    begins = np.zeros(len(toks), dtype=np.int64)
    begins[starts[1:]] = 1
    return np.cumsum(begins)


def _sentences_with(tokens: pd.Series, sentence: np.ndarray, targets: set[str]) -> list:
    """``(sentence, first row, end row)`` of each sentence whose text holds one of ``targets``.

    The tokens' UTF-8 bytes, one after the other, are the sentences' texts (without
    whitespace): the sentences are views into those bytes, searched for all phrases at
    once by Arrow's RE2 (a DFA over the alternation: hundreds of names cost about what
    one does, where Python's ``re`` tries each name at every character).
    """
    arr = pa.array(tokens.astype(str), type=pa.large_string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[
        arr.offset : arr.offset + len(arr) + 1
    ]
    bounds = np.flatnonzero(np.r_[True, sentence[1:] != sentence[:-1], True])
    texts = pa.LargeStringArray.from_buffers(
        len(bounds) - 1, pa.py_buffer(np.ascontiguousarray(offsets[bounds])), arr.buffers()[2]
    )
    pattern = "|".join(_re2_literal(t) for t in sorted(targets, key=len, reverse=True))
    hit = pc.match_substring_regex(texts, pattern).to_numpy(zero_copy_only=False)
    run = np.flatnonzero(hit)
    return [(int(sentence[bounds[r]]), int(bounds[r]), int(bounds[r + 1])) for r in run.tolist()]


def _re2_literal(text: str) -> str:
    """``text`` as an RE2 pattern that matches it literally (ASCII punctuation escaped)."""
    return "".join("\\" + ch if ch.isascii() and not ch.isalnum() else ch for ch in text)


def _compound_sentence(words, tags, targets, prefixes, pos) -> list[tuple[str, object]] | None:
    """One sentence's tokens with the phrases joined, or ``None`` when none is there."""
    words = list(words)
    merged: list[tuple[str, object]] = []
    changed = False
    i = 0
    while i < len(words):
        best, acc, cut = None, "", 0
        for j in range(i, len(words)):
            if j > i and acc + words[j] not in prefixes:
                # the phrase may end inside this token (何国 + 森到 → 何国森 + 到)
                k = next(
                    (k for k in range(len(words[j]) - 1, 0, -1) if acc + words[j][:k] in targets),
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
    return merged if changed else None


def _stopword_set(value: bool | Iterable[str]) -> frozenset[str]:
    if value is True:
        return stopwords()
    if value is False or value is None:
        return frozenset()
    return frozenset(value)
