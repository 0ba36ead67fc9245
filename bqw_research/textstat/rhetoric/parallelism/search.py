"""排比, stage 4: searching a text for runs (the detector itself).

Runs are sought among the segments and clauses of each sentence, among semicolon members,
and among consecutive sentences; :func:`detect_parallelism` and :func:`has_parallelism` are
the public entry points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bqw_research.textstat.rhetoric.parallelism.alignment import (
    share_a_character,
    share_a_slot,
)
from bqw_research.textstat.rhetoric.parallelism.judging import (
    match_series,
)
from bqw_research.textstat.rhetoric.parallelism.members import (
    CLAUSE_SPLIT,
    SEG_SPLIT,
    coarse_units,
    core_text,
    last_clause,
    lead_in_offsets,
    split_sentences,
)
from bqw_research.textstat.rhetoric.parallelism.predicate import (
    COPULA,
    match_copula,
    match_governed,
    match_predicate,
    share_a_predicate,
    share_a_verb,
)


@dataclass(frozen=True)
class ParallelRun:
    """A detected run.

    ``scope`` is ``clause`` (within one sentence) or ``sentence`` (over consecutive
    sentences); ``rule`` says how the members are aligned: ``prefix`` (a shared opening),
    ``frame`` (a shared slot inside, or both edges), ``suffix`` (a shared ending);
    ``start`` is the index of the sentence where the run begins (among the sentences
    given); ``items`` are the members (Chinese characters and digits only, lead-in and
    continuation trimmed); ``shared`` shows the anchor (``_`` for a varying character,
    ``…`` for a varying rest).
    """

    scope: str
    rule: str
    start: int
    items: tuple[str, ...]
    shared: str


def clause_series(
    cores: list[str], raws: list[str], *, edges: tuple[str, ...], lead_in: bool
) -> tuple[str, str, tuple[str, ...]] | None:
    """A series of segments or clauses: aligned on an edge (:func:`match_series`), or —
    when both edges are tried — subject–predicate members whose subjects differ in length
    (:func:`match_predicate`), members opening with one verb after adverbial openers of
    different lengths (:func:`match_governed`) or copular members (:func:`match_copula`)."""
    found = match_series(cores, raws, edges=edges, lead_in=lead_in)
    if found is None and len(edges) == 2 and all(cores):
        found = (
            match_predicate(cores, raws) or match_governed(cores, raws) or match_copula(cores, raws)
        )
    return found


def segment_runs(
    raws: list[str],
    *,
    min_items: int,
    edges: tuple[str, ...],
    lead_in: bool,
    prefilter: bool = True,
) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    """Maximal non-overlapping runs ``(start, end_exclusive, rule, shared, members)``."""
    cores = [core_text(r) for r in raws]
    common = share_a_character(cores, size=min_items) if prefilter else []
    out = []
    n = len(raws)
    i = 0
    while i <= n - min_items:
        j = i + min_items
        if prefilter and not (
            common[i]
            and (
                share_a_slot(cores, i, j, edges=edges)
                or share_a_predicate(cores[i:j])
                or (len(edges) == 2 and all(COPULA in c for c in cores[i:j]))
                or (len(edges) == 2 and share_a_verb(cores[i:j]))
            )
        ):
            i += 1
            continue
        found = clause_series(cores[i:j], raws[i:j], edges=edges, lead_in=lead_in)
        if found is None:
            i += 1
            continue
        while j < n:
            more = clause_series(cores[i : j + 1], raws[i : j + 1], edges=edges, lead_in=lead_in)
            if more is None:
                break
            found = more
            j += 1
        out.append((i, j, *found))
        i = j
    return out


def coarse_runs(
    units: list[tuple[int, str]], *, min_items: int, prefilter: bool = True
) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    """Runs over coarse members compared on their openings (lead-in allowed on the
    first) and on their last clauses; indices are into ``units``."""
    raws = [u for _, u in units]
    cores = [core_text(r) for r in raws]
    common = share_a_character(cores, size=min_items) if prefilter else []
    out = []
    n = len(raws)
    i = 0
    while i <= n - min_items:
        if prefilter and not common[i]:
            i += 1
            continue
        first = cores[i]
        options = []
        if not prefilter or share_a_slot(cores, i, i + min_items, edges=("start",)):
            for t in lead_in_offsets(raws[i]):
                if t < len(first):
                    options.append([first[t:], *cores[i + 1 :]])
        best = None
        for trimmed in options:
            j = i + min_items
            found = match_series(trimmed[: j - i], raws[i:j], edges=("start",), lead_in=False)
            if found is None:
                continue
            while j < n and (
                more := match_series(
                    trimmed[: j + 1 - i], raws[i : j + 1], edges=("start",), lead_in=False
                )
            ):
                found, j = more, j + 1
            best = (i, j, *found)
            break
        if best is None:
            lasts = [core_text(last_clause(r)) for r in raws[i : i + min_items]]
            found = match_series(lasts, raws[i : i + min_items], edges=("start",), lead_in=False)
            if found is not None:
                best = (i, i + min_items, *found)
        if best is None:
            i += 1
            continue
        out.append(best)
        i = best[1]
    return out


def detect_parallelism(
    sentences: str | list[str],
    *,
    min_items: int = 3,
    across_sentences: bool = True,
    prefilter: bool = True,
) -> list[ParallelRun]:
    """Series of three or more members sharing a frame and an anchor (codebook v1).

    ``sentences`` is a text (split at 。！？) or a list of consecutive sentences (of one
    paragraph: a series over sentences does not cross a paragraph). Runs are sought
    among the segments and clauses of each sentence, among its semicolon members, and,
    when ``across_sentences``, among consecutive sentences (要…。要…。要…。). A run found
    at one level is not reported again at another.

    ``prefilter=False`` runs the straightforward search (every window of members is
    compared, and the clauses of a sentence without 、 again after its segments): the
    reference the tests hold the default, faster path to; the result is the same.
    """
    if min_items < 2:
        raise ValueError(f"min_items must be at least 2 (a series), got {min_items}")
    if isinstance(sentences, str):
        sentences = split_sentences(sentences)
    out: list[ParallelRun] = []

    def add(scope: str, rule: str, start: int, items: tuple[str, ...], shared: str) -> None:
        text = "".join(items)
        if any(
            r.start == start and (text in "".join(r.items) or "".join(r.items) in text) for r in out
        ):
            return
        out.append(ParallelRun(scope, rule, start, items, shared))

    for k, sent in enumerate(sentences):
        # without 、 the clauses are the segments again: the same runs, which add() drops
        same = prefilter and "、" not in sent
        for splitter in (SEG_SPLIT,) if same else (SEG_SPLIT, CLAUSE_SPLIT):
            raws = [p for p in splitter.split(sent) if core_text(p)]
            if len(raws) < min_items:
                continue
            for _s, _e, rule, shared, items in segment_runs(
                raws, min_items=min_items, edges=("start", "end"), lead_in=True, prefilter=prefilter
            ):
                add("clause", rule, k, items, shared)
    for units in coarse_units(sentences, across=across_sentences):
        for s, e, rule, shared, items in coarse_runs(
            units, min_items=min_items, prefilter=prefilter
        ):
            owners = {units[x][0] for x in range(s, e)}
            add("sentence" if len(owners) > 1 else "clause", rule, units[s][0], items, shared)
    return sorted(out, key=lambda r: (r.start, r.scope, r.items))


def has_parallelism(text: str, **options: Any) -> bool:
    """Whether :func:`detect_parallelism` finds at least one run in ``text``."""
    return bool(detect_parallelism(text, **options))
