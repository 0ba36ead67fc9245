"""Templates: a reused sentence whose slots were refilled (a date, an amount, names).

News programmes carry sentences from one broadcast to the next with their slots
refilled — 今天（5月20日），国务院新闻办公室举行“新征程上的奋斗者”中外记者见面会。五位…代表围绕“…”主题，
与中外记者见面交流 — and the labelling rule calls that reuse. The seed alignment
(:func:`.align.align_pair`) finds such a sentence only up to its first slot longer than
``max_gap``: the frame after it is cut into pieces shorter than a seed. Here a passage
is grown over the sentences that hold its two ends, in both articles, when those
sentences share most of their characters in order: the matching blocks of
:class:`difflib.SequenceMatcher` (``min_block`` characters or longer) must cover at least
``share`` of the two sentence windows. The passage then runs from the first block to
the last, and its similarity is the share of the grown spans that the blocks cover.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

import numpy as np

from bqw_research.textstat.reuse.align import ContentView

__all__ = ["Template", "block_count", "sentence_window", "template_passages"]

#: Sentence windows longer than this (content characters) are not searched for a template:
#: a "sentence" that long is a paragraph without stops (a list, a table), not a template.
MAX_WINDOW = 400


class Template(NamedTuple):
    """A passage grown over its sentences (content coordinates, end exclusive)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float  # characters in matching blocks, both sides, over the two spans
    blocks: tuple[tuple[int, int, int], ...]  # (a, b, size) of each matching block


def sentence_window(view: ContentView, start: int, end: int) -> tuple[int, int]:
    """Content ``[start, end)`` of the sentences that hold characters ``start`` and ``end - 1``."""
    cuts = view.cuts
    first = int(np.searchsorted(cuts, start, side="right"))
    last = int(np.searchsorted(cuts, end - 1, side="right"))
    lo = int(cuts[first - 1]) if first > 0 else 0
    hi = int(cuts[last]) if last < len(cuts) else len(view.text)
    return lo, hi


def _blocks(
    a: ContentView,
    b: ContentView,
    wa: tuple[int, int],
    wb: tuple[int, int],
    min_block: int,
    *,
    share: float = 0.0,
) -> tuple[tuple[int, int, int], ...]:
    """Matching blocks (``min_block`` or longer) of two windows, in both texts' order;
    none when even all matching characters could not cover ``share`` of the windows."""
    matcher = SequenceMatcher(None, a.text[wa[0] : wa[1]], b.text[wb[0] : wb[1]], autojunk=False)
    if share and matcher.quick_ratio() < share:  # an upper bound of the blocks' share
        return ()
    return tuple(
        (wa[0] + i, wb[0] + j, n) for i, j, n in matcher.get_matching_blocks() if n >= min_block
    )


def block_count(prefix: np.ndarray, blocks: tuple[tuple[int, int, int], ...]) -> int:
    """What prefix sums ``prefix`` over ``a`` count inside the blocks (specific characters)."""
    return sum(int(prefix[i + n] - prefix[i]) for i, _, n in blocks)


def _is_template(blocks: tuple[tuple[int, int, int], ...], length: int, share: float) -> bool:
    return bool(blocks) and 2 * sum(n for _, _, n in blocks) >= share * length


def _trim(
    blocks: tuple[tuple[int, int, int], ...], specific_a: np.ndarray
) -> tuple[tuple[int, int, int], ...]:
    """The blocks from the first specific character of ``a`` they hold to the last:
    a template begins and ends on specific text, not on a programme's furniture."""
    own = np.diff(specific_a).astype(bool)
    hits = [np.flatnonzero(own[i : i + n]) for i, _, n in blocks]
    kept = [k for k, h in enumerate(hits) if len(h)]
    if not kept:
        return blocks
    first, last = kept[0], kept[-1]
    out = list(blocks[first : last + 1])
    i, j, n = out[0]
    cut = int(hits[first][0])
    out[0] = (i + cut, j + cut, n - cut)
    i, j, n = out[-1]
    end = int(hits[last][-1]) + 1 - (cut if first == last else 0)
    out[-1] = (i, j, end)
    return tuple(out)


def template_passages(
    a: ContentView,
    b: ContentView,
    passages: np.ndarray,
    *,
    share: float = 0.5,
    min_block: int = 4,
    max_gap: int = 10,
    specific_a: np.ndarray | None = None,
    min_specific: int = 0,
) -> tuple[list[Template], np.ndarray]:
    """Templates among the sentences that hold the aligned ``passages`` of two articles.

    ``passages``: rows ``a_start, a_end, b_start, b_end, …`` (content coordinates, as
    :func:`.align.align_pair` returns them, any length). Each passage's sentence windows
    (:func:`sentence_window`) are a template when their matching blocks of ``min_block``
    characters or more cover at least ``share`` of both windows together. Templates on
    consecutive sentences of both articles (at most ``max_gap`` characters apart) are one
    template, matched again as a whole; each sentence pair must hold ``min_specific``
    characters in its blocks (Han characters, or with ``specific_a`` — prefix sums of the
    specific characters of ``a``, :func:`.align.specific_prefix` — specific ones), so that
    a short shared line (委常委会召开会议) does not join the template after it. With
    ``specific_a`` a template also begins and ends on a block holding specific
    characters: a programme's opening lines before a carried sentence are not part of it.
    Returns the templates (from first block to last, in ``a`` order) and, per passage,
    whether a template holds it.
    """
    count = a.han_prefix if specific_a is None else specific_a
    windows = {
        (*sentence_window(a, a0, a1), *sentence_window(b, b0, b1))
        for a0, a1, b0, b1 in passages[:, :4].astype(np.int64).tolist()
    }
    found = []
    window_blocks: dict[tuple[int, int, int, int], tuple[tuple[int, int, int], ...]] = {}
    for wa0, wa1, wb0, wb1 in sorted(windows):
        la, lb = wa1 - wa0, wb1 - wb0
        if la > MAX_WINDOW or lb > MAX_WINDOW or 2 * min(la, lb) < share * (la + lb):
            continue  # too long, or too unequal for blocks to cover `share` of both
        blocks = _blocks(a, b, (wa0, wa1), (wb0, wb1), min_block, share=share)
        if block_count(count, blocks) >= min_specific and _is_template(blocks, la + lb, share):
            found.append([wa0, wa1, wb0, wb1])
            window_blocks[wa0, wa1, wb0, wb1] = blocks
    merged: list[list[int]] = []
    for w in found:  # sorted by a: join windows that follow each other in both texts
        last = merged[-1] if merged else None
        if (
            last and w[0] <= last[1] + max_gap and last[2] - max_gap <= w[2] <= last[3] + max_gap
        ):  # the next sentences in both texts, or windows that overlap: one template
            last[1], last[3] = max(last[1], w[1]), max(last[3], w[3])
        else:
            merged.append(list(w))
    templates = []
    held = np.zeros(len(passages), dtype=bool)
    for wa0, wa1, wb0, wb1 in merged:
        blocks = window_blocks.get((wa0, wa1, wb0, wb1))  # joined no other: matched above
        if blocks is None:
            blocks = _blocks(a, b, (wa0, wa1), (wb0, wb1), min_block)
        if specific_a is not None:
            blocks = _trim(blocks, specific_a)
        if not blocks:
            continue
        s0, e0 = blocks[0][0], blocks[0][1]
        s1, e1 = blocks[-1][0] + blocks[-1][2], blocks[-1][1] + blocks[-1][2]
        matched = sum(n for _, _, n in blocks)
        templates.append(
            Template(s0, s1, e0, e1, min(2 * matched / ((s1 - s0) + (e1 - e0)), 1.0), blocks)
        )
        inside = (
            (passages[:, 0] >= wa0)
            & (passages[:, 1] <= wa1)
            & (passages[:, 2] >= wb0)
            & (passages[:, 3] <= wb1)
        )
        held |= inside
    return templates, held
