"""Parallelism (排比): runs of three or more clauses or sentences with shared structure.

A rule-based detector, deliberately transparent. A sentence is cut into segments at
， 、 ； ： (quotation marks and other punctuation inside a segment are ignored for the
comparison). Three or more *consecutive* segments form a run when

* ``prefix`` — they all begin with the same two or more CJK characters
  (回响在…、回响在…、回响在…; 以…为…);
* ``suffix`` — they are short (≤ ``max_suffix_len`` characters) and all end with the same
  two or more CJK characters (动起来、紧起来、快起来; 县强起来、镇旺起来、村富起来);
* ``frame`` — they have the same length and either are four characters long (四字格
  series: 深化研究、大胆试验、扎实推进) or share a character at the same position
  (思想再统一、学习再对标、行动再加力; 放大县的优势，激发镇的动能、释放村的活力).

Across sentences, three or more consecutive sentences that begin with the same two or
more CJK characters form a run (这是…。这是…。这是…). Digits never count as a shared
prefix, so dated openings (11月20日，…。11月21日，…) are not parallelism.

Known limits (see docs/rhetoric.md): enumerations glued to the surrounding clause
(实现兴业、强县、富民相统一) are missed; equal-length four-character noun lists are
reported as parallelism.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from bqw_research.textstat.rhetoric.common import (
    CJK,
    as_sentences,
    attach_group,
    is_corpus,
    n_chars,
)

_SEG_SPLIT = re.compile(r"[，、；：,;:]+")
_CLAUSE_SPLIT = re.compile(r"[，；：,;:]+")
_SENT_SPLIT = re.compile(r"(?<=[。！？!?])")
_NON_CJK = re.compile(f"[^{CJK}0-9A-Za-z]")
_IS_CJK = re.compile(f"^[{CJK}]+$")

RUN_COLUMNS = ["doc_id", "para_id", "sent_id", "scope", "rule", "n_items", "shared", "items"]
SUMMARY_COLUMNS = [
    "group",
    "n_sentences",
    "n_runs",
    "n_clause_runs",
    "n_sentence_runs",
    "runs_per_100_sentences",
    "share_sentences_with_run",
    "per_10k_chars",
]


@dataclass(frozen=True)
class ParallelRun:
    """A detected run: ``scope`` is ``clause`` or ``sentence``; ``start`` is the index of its
    first segment (clause scope) or sentence (sentence scope)."""

    scope: str
    rule: str
    start: int
    items: tuple[str, ...]
    shared: str


def _core(seg: str) -> str:
    return _NON_CJK.sub("", seg)


def _common_prefix(items: list[str]) -> str:
    first = items[0]
    k = 0
    while k < len(first) and all(len(s) > k and s[k] == first[k] for s in items):
        k += 1
    return first[:k]


def _common_suffix(items: list[str]) -> str:
    return _common_prefix([s[::-1] for s in items])[::-1]


def _cjk_affix(affix: str) -> str:
    """The affix if it is made of CJK characters only, else the empty string."""
    return affix if _IS_CJK.match(affix or "-") else ""


def _frame_char(items: list[str]) -> str:
    """Pattern like ``__再__`` when same-length items share characters at some positions."""
    length = len(items[0])
    if any(len(s) != length for s in items):
        return ""
    shared = [
        items[0][k] if all(s[k] == items[0][k] for s in items) else "_" for k in range(length)
    ]
    return "".join(shared) if any(c != "_" for c in shared) else ""


def _rule_ok(rule: str, items: list[str], *, min_affix: int, max_suffix_len: int) -> str | None:
    """Shared structure of ``items`` under ``rule`` (a display string) or None."""
    if any(len(s) < 2 for s in items):
        return None
    if rule == "prefix":
        p = _cjk_affix(_common_prefix(items))
        return f"{p}…" if len(p) >= min_affix and all(len(s) > len(p) for s in items) else None
    if rule == "suffix":
        if any(len(s) > max_suffix_len for s in items):
            return None
        p = _cjk_affix(_common_suffix(items))
        return f"…{p}" if len(p) >= min_affix and all(len(s) > len(p) for s in items) else None
    if rule == "frame":
        if not all(_IS_CJK.match(s) for s in items):
            return None
        length = len(items[1])
        if length > max_suffix_len or any(len(s) != length for s in items[1:-1]):
            return None
        if len(items[0]) == length and len(items[-1]) == length:
            pattern = _frame_char(items)
            if pattern:
                return pattern
            return "____" if length == 4 else None
        # the first item may carry a lead-in and the last a continuation glued to the
        # series (这就更需|思想再统一、学习再对标、行动再加力): compare the trimmed items, but
        # only accept a shared-character frame, never bare equal length.
        if len(items[0]) < length or len(items[-1]) < length:
            return None
        trimmed = [items[0][-length:], *items[1:-1], items[-1][:length]]
        return _frame_char(trimmed) or None
    raise ValueError(rule)


def _runs(
    items: list[str], rules: tuple[str, ...], *, min_items: int, min_affix: int, max_suffix_len: int
) -> list[tuple[int, int, str, str]]:
    """Maximal runs ``(start, end_exclusive, rule, shared)``, non-overlapping, longest first."""
    cands = []
    n = len(items)
    for rule in rules:
        i = 0
        while i <= n - min_items:
            j = i + min_items
            shared = _rule_ok(rule, items[i:j], min_affix=min_affix, max_suffix_len=max_suffix_len)
            if shared is None:
                i += 1
                continue
            while j < n:
                nxt = _rule_ok(
                    rule, items[i : j + 1], min_affix=min_affix, max_suffix_len=max_suffix_len
                )
                if nxt is None:
                    break
                shared = nxt
                j += 1
            cands.append((i, j, rule, shared))
            i = j
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], rules.index(c[2])))
    taken: list[tuple[int, int, str, str]] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    return sorted(taken)


def split_clauses(sentence: str) -> list[str]:
    """Clauses of a sentence (split at ，；： only), compared without punctuation."""
    return [s for s in (_core(p) for p in _CLAUSE_SPLIT.split(sentence)) if s]


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two runs cover the same text (one's items contained in the other's)."""
    ja, jb = "".join(a), "".join(b)
    return ja in jb or jb in ja


def split_segments(sentence: str) -> list[str]:
    """Segments of a sentence (split at ，、；：), compared without quotes/punctuation."""
    return [s for s in (_core(p) for p in _SEG_SPLIT.split(sentence)) if s]


def detect_parallelism(
    sentences: str | list[str],
    *,
    min_items: int = 3,
    min_affix: int = 2,
    max_suffix_len: int = 12,
    min_clause_affix: int = 1,
    across_sentences: bool = True,
) -> list[ParallelRun]:
    """Parallel runs in one sentence or a list of consecutive sentences.

    A string is split into sentences at 。！？ first. Returns clause-scope runs (within
    one sentence; ``start`` counts segments over the whole input) and, when
    ``across_sentences``, sentence-scope runs (consecutive sentences sharing an opening).
    """
    if isinstance(sentences, str):
        sentences = [s for s in _SENT_SPLIT.split(sentences) if s.strip()]
    out: list[ParallelRun] = []
    offset = 0
    for sent in sentences:
        segs = split_segments(sent)
        found = _runs(
            segs,
            ("prefix", "suffix", "frame"),
            min_items=min_items,
            min_affix=min_affix,
            max_suffix_len=max_suffix_len,
        )
        for s, e, rule, shared in found:
            out.append(ParallelRun("clause", rule, offset + s, tuple(segs[s:e]), shared))
        # clauses (split at ，；： only, keeping 、-lists inside) that open alike:
        # 推动…、…，推动…、…，推动…; 以…，以…，以…
        clauses = split_clauses(sent)
        for s, e, _rule, shared in _runs(
            clauses,
            ("prefix",),
            min_items=min_items,
            min_affix=min_clause_affix,
            max_suffix_len=10**6,
        ):
            items = tuple(clauses[s:e])
            if any(set(items) <= set(r.items) or _overlaps(items, r.items) for r in out):
                continue
            out.append(ParallelRun("clause", "clause_prefix", offset, items, shared))
        offset += len(segs)
    if across_sentences and len(sentences) >= min_items:
        cores = [_core(s) for s in sentences]
        for s, e, rule, shared in _runs(
            cores, ("prefix",), min_items=min_items, min_affix=min_affix, max_suffix_len=10**6
        ):
            out.append(ParallelRun("sentence", rule, s, tuple(sentences[s:e]), shared))
    return out


def has_parallelism(text: str, **options: Any) -> bool:
    """Whether :func:`detect_parallelism` finds at least one run in ``text``."""
    return bool(detect_parallelism(text, **options))


def parallelism_runs(x: pd.DataFrame, **options: Any) -> pd.DataFrame:
    """Every run in a corpus or sentence table, located by its first sentence.

    Sentence-scope runs are searched over consecutive sentences of the same paragraph
    sequence of an article (ordered by ``para_id, sent_id``), so a run may cross
    paragraph breaks (这是… paragraphs). Returns ``doc_id, para_id, sent_id, scope, rule,
    n_items, shared, items`` (``items`` joined by `` | ``).
    """
    sents = as_sentences(x) if is_corpus(x) else x
    sents = sents.sort_values(["doc_id", "para_id", "sent_id"], kind="mergesort")
    rows = []
    for doc, part in sents.groupby("doc_id", sort=True):
        keys = list(zip(part["para_id"], part["sent_id"], strict=True))
        texts = part["text"].astype(str).tolist()
        seg_owner = []
        for k, t in enumerate(texts):
            seg_owner.extend([k] * len(split_segments(t)))
        for run in detect_parallelism(texts, **options):
            k = seg_owner[run.start] if run.scope == "clause" else run.start
            rows.append(
                (
                    doc,
                    *keys[k],
                    run.scope,
                    run.rule,
                    len(run.items),
                    run.shared,
                    " | ".join(run.items),
                )
            )
    return pd.DataFrame(rows, columns=RUN_COLUMNS)


def textstat_parallelism(
    x: pd.DataFrame, *, group: Any = None, runs: pd.DataFrame | None = None, **options: Any
) -> pd.DataFrame:
    """Parallelism per group: runs, runs per 100 sentences, share of sentences starting a run.

    Returns ``group, n_sentences, n_runs, n_clause_runs, n_sentence_runs,
    runs_per_100_sentences, share_sentences_with_run, per_10k_chars``.
    """
    sents = as_sentences(x) if is_corpus(x) else x
    if runs is None:
        runs = parallelism_runs(sents, **options)
    units = attach_group(sents, group)
    keys = ["doc_id", "para_id", "sent_id"]
    flagged = runs.merge(units[[*keys, "group"]], on=keys, how="inner")
    sizes = (
        units.assign(_len=units["text"].astype(str).map(n_chars))
        .groupby("group")
        .agg(n_sentences=("doc_id", "size"), chars=("_len", "sum"))
        .reset_index()
    )
    agg = (
        flagged.assign(
            _c=(flagged["scope"] == "clause").astype(int),
            _s=(flagged["scope"] == "sentence").astype(int),
            _key=flagged["doc_id"].astype(str)
            + ":"
            + flagged["para_id"].astype(str)
            + ":"
            + flagged["sent_id"].astype(str),
        )
        .groupby("group")
        .agg(
            n_runs=("scope", "size"),
            n_clause_runs=("_c", "sum"),
            n_sentence_runs=("_s", "sum"),
            n_flag=("_key", "nunique"),
        )
        .reset_index()
    )
    out = sizes.merge(agg, on="group", how="left").fillna(
        {"n_runs": 0, "n_clause_runs": 0, "n_sentence_runs": 0, "n_flag": 0}
    )
    for c in ("n_runs", "n_clause_runs", "n_sentence_runs", "n_flag"):
        out[c] = out[c].astype("int64")
    out["runs_per_100_sentences"] = 100 * out["n_runs"] / out["n_sentences"]
    out["share_sentences_with_run"] = out["n_flag"] / out["n_sentences"]
    out["per_10k_chars"] = (10_000 * out["n_runs"] / out["chars"].where(out["chars"] > 0)).fillna(
        0.0
    )
    return out[SUMMARY_COLUMNS].sort_values("group", kind="mergesort").reset_index(drop=True)
