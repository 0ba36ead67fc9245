"""Directive force: tiered modal and imperative markers scored per sentence."""

from __future__ import annotations

from typing import Any

import pandas as pd

from bqw_research.textstat.rhetoric.common import (
    as_sentences,
    attach_group,
    compile_terms,
    find_terms,
    is_corpus,
    per_10k,
    read_lexicon,
    split_pipe,
    unit_chars,
)

SENTENCE_COLUMNS = ["doc_id", "para_id", "sent_id", "n_markers", "max_tier", "score", "markers"]
SUMMARY_COLUMNS = [
    "group",
    "tier",
    "label",
    "n_markers",
    "markers_per_10k_chars",
    "n_sentences",
    "share_sentences",
]


def directive_lexicon() -> pd.DataFrame:
    """``data/lexicons/rhetoric/directives.csv``: ``marker, tier, label, not_in, source``.

    Tier 3 = mandatory/prohibitive (必须, 务必, 坚决, 确保, 严禁 …), 2 = obligation (要,
    应当, 需要 …), 1 = encouraging/permissive (鼓励, 支持, 探索, 可以 …).
    """
    lex = read_lexicon("directives")
    lex["tier"] = lex["tier"].astype(int)
    return lex


def directive_markers(text: str, *, lexicon: pd.DataFrame | None = None) -> list[tuple[str, int]]:
    """``(marker, tier)`` for each directive marker in ``text``, left to right.

    要 inside 重要, 主要, 需要 … (the ``not_in`` column) is not a marker; at one position
    the longest marker wins (需要 rather than 要).
    """
    return _Markers(directive_lexicon() if lexicon is None else lexicon).find(text)


class _Markers:
    """A directive lexicon compiled once: tiers, exclusions and one pattern."""

    def __init__(self, lex: pd.DataFrame) -> None:
        self.tiers = dict(zip(lex["marker"], lex["tier"].astype(int), strict=True))
        self.excl = {m: split_pipe(w) for m, w in zip(lex["marker"], lex["not_in"], strict=True)}
        self.pattern = compile_terms(self.tiers)

    def find(self, text: str) -> list[tuple[str, int]]:
        return [(t, self.tiers[t]) for _, _, t in find_terms(text, self.pattern, self.excl)]


def directive_sentences(x: pd.DataFrame, *, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per sentence: ``n_markers``, ``max_tier`` (0 = none), ``score`` (sum of tiers), ``markers``.

    ``x`` is a corpus or sentence table; extra columns of a sentence table are kept.
    """
    lex = directive_lexicon() if lexicon is None else lexicon
    sents = as_sentences(x) if is_corpus(x) else x.copy()
    markers = _Markers(lex)
    found = [markers.find(t) for t in sents["text"].astype(str)]
    sents = sents.reset_index(drop=True)
    sents["n_markers"] = [len(f) for f in found]
    sents["max_tier"] = [max((t for _, t in f), default=0) for f in found]
    sents["score"] = [sum(t for _, t in f) for f in found]
    sents["markers"] = [" ".join(m for m, _ in f) for f in found]
    return sents


def textstat_directives(
    x: pd.DataFrame,
    *,
    group: Any = None,
    lexicon: pd.DataFrame | None = None,
    scored: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Directive force per group and tier (tier 0 = sentences without any marker).

    Returns ``group, tier, label, n_markers, markers_per_10k_chars, n_sentences,
    share_sentences`` where ``n_sentences`` counts sentences whose *strongest* marker is of
    that tier, and ``share_sentences`` divides by all sentences of the group.
    ``scored``: :func:`directive_sentences` of the same input, when already known.
    """
    lex = directive_lexicon() if lexicon is None else lexicon
    if scored is None:
        scored = directive_sentences(x, lexicon=lex)
    scored = attach_group(scored, group)
    scored["_chars"] = unit_chars(scored)
    labels = {0: "none", **dict(zip(lex["tier"].astype(int), lex["label"], strict=True))}
    tiers = sorted(labels)
    tier_of: dict[str, int] = {}
    for marker, tier in zip(lex["marker"], lex["tier"].astype(int), strict=True):
        tier_of.setdefault(marker, int(tier))  # the first row of a marker, as a lookup gives
    rows = []
    for g, part in scored.groupby("group", sort=True):
        chars = part["_chars"].sum()
        n_sent = len(part)
        per_tier = {t: 0 for t in tiers}
        for ms in part["markers"]:
            for m in ms.split():
                per_tier[tier_of[m]] += 1
        for t in tiers:
            k = int((part["max_tier"] == t).sum())
            rows.append((g, t, labels[t], per_tier[t] if t else 0, chars, k, k / n_sent))
    out = pd.DataFrame(
        rows,
        columns=["group", "tier", "label", "n_markers", "_chars", "n_sentences", "share_sentences"],
    )
    out["markers_per_10k_chars"] = per_10k(out["n_markers"], out["_chars"])
    return (
        out[SUMMARY_COLUMNS].sort_values(["group", "tier"], kind="mergesort").reset_index(drop=True)
    )


#: Directive tiers from strongest to none, as :func:`directive_shares` orders its columns.
TIER_ORDER = ("mandatory", "obligation", "encouraging", "none")


def directive_shares(directives: pd.DataFrame) -> pd.DataFrame:
    """The share of each group's sentences by strongest marker, wide: one row per group, a
    column per tier (strongest first), groups with the most mandatory (then obligation)
    sentences first. ``directives`` is :func:`textstat_directives` output."""
    shares = directives.pivot(index="group", columns="label", values="share_sentences")
    shares = shares[[c for c in TIER_ORDER if c in shares.columns]]
    by = [c for c in ("mandatory", "obligation") if c in shares.columns]
    return shares.sort_values(by, ascending=False, kind="mergesort") if by else shares
