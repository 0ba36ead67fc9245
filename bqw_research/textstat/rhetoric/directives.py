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
    n_chars,
    per_10k,
    read_lexicon,
    split_pipe,
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
    lex = directive_lexicon() if lexicon is None else lexicon
    tiers = dict(zip(lex["marker"], lex["tier"].astype(int), strict=True))
    excl = {m: split_pipe(w) for m, w in zip(lex["marker"], lex["not_in"], strict=True)}
    return [(t, tiers[t]) for _, _, t in find_terms(text, compile_terms(tiers), excl)]


def directive_sentences(x: pd.DataFrame, *, lexicon: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per sentence: ``n_markers``, ``max_tier`` (0 = none), ``score`` (sum of tiers), ``markers``.

    ``x`` is a corpus or sentence table; extra columns of a sentence table are kept.
    """
    lex = directive_lexicon() if lexicon is None else lexicon
    sents = as_sentences(x) if is_corpus(x) else x.copy()
    found = [directive_markers(t, lexicon=lex) for t in sents["text"].astype(str)]
    sents = sents.reset_index(drop=True)
    sents["n_markers"] = [len(f) for f in found]
    sents["max_tier"] = [max((t for _, t in f), default=0) for f in found]
    sents["score"] = [sum(t for _, t in f) for f in found]
    sents["markers"] = [" ".join(m for m, _ in f) for f in found]
    return sents


def textstat_directives(
    x: pd.DataFrame, *, group: Any = None, lexicon: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Directive force per group and tier (tier 0 = sentences without any marker).

    Returns ``group, tier, label, n_markers, markers_per_10k_chars, n_sentences,
    share_sentences`` where ``n_sentences`` counts sentences whose *strongest* marker is of
    that tier, and ``share_sentences`` divides by all sentences of the group.
    """
    lex = directive_lexicon() if lexicon is None else lexicon
    scored = attach_group(directive_sentences(x, lexicon=lex), group)
    scored["_chars"] = scored["text"].astype(str).map(n_chars)
    labels = {0: "none", **dict(zip(lex["tier"].astype(int), lex["label"], strict=True))}
    tiers = sorted(labels)
    rows = []
    for g, part in scored.groupby("group", sort=True):
        chars = part["_chars"].sum()
        n_sent = len(part)
        per_tier = {t: 0 for t in tiers}
        for ms in part["markers"]:
            for m in ms.split():
                per_tier[int(lex.loc[lex["marker"] == m, "tier"].iloc[0])] += 1
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
