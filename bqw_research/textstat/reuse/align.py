"""Local alignment of two articles over shared character k-grams (seed and extend).

Both texts are read as their *content* characters only — Han characters, letters and
digits; whitespace and punctuation are skipped, so that a changed comma or a line break
is not an edit. Every k-gram the two texts share is a seed; seeds on one diagonal that
touch form an exact run; runs that follow each other in both texts with at most
``max_gap`` content characters between them (a changed word, an inserted clause) are
merged into one passage. A reused passage with small edits therefore comes out whole,
with the share of its characters covered by shared k-grams as its similarity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from bqw_research.corpus.near_duplicates import kgram_hashes

__all__ = [
    "ALIGN_COLUMNS",
    "SENTENCE_END",
    "ContentView",
    "KgramIndex",
    "align_pair",
    "content_view",
    "han_count",
    "specific_prefix",
    "stock_mask",
]

#: Columns of :func:`align_pair`'s rows (content coordinates, end exclusive).
ALIGN_COLUMNS = ["a_start", "a_end", "b_start", "b_end", "similarity", "specific_chars"]

#: Characters that end a sentence (in the original text): 。！？；, their ASCII forms, a line break.
SENTENCE_END = "。！？；!?;\n"
_END_CODES = np.array([ord(c) for c in SENTENCE_END], dtype=np.uint32)

#: Seeds of a k-gram that occurs more often than this in either text are ignored (a
#: repeated slogan would otherwise seed every pairing of its occurrences).
MAX_REPEAT = 4


class KgramIndex(NamedTuple):
    """An article's k-grams, sorted once (:meth:`ContentView.kgram_index`)."""

    hashes: np.ndarray  # the hash at every position, in text order
    order: np.ndarray  # positions ordered by hash (ties by position): a stable argsort
    sorted: np.ndarray  # hashes[order]
    distinct: np.ndarray  # the sorted distinct hashes
    rare: np.ndarray  # the distinct hashes that occur at most MAX_REPEAT times


@dataclass(frozen=True)
class ContentView:
    """An article's content characters, where each came from, and which are Han."""

    text: str
    offsets: np.ndarray  # original offset of every content character
    han_prefix: np.ndarray  # han_prefix[i] = Han characters among the first i
    cuts: np.ndarray  # content position after each sentence end (ascending, may repeat)
    _kgrams: dict[int, KgramIndex] = field(default_factory=dict, repr=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` offsets of content characters ``[start, end)``."""
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1

    def kgrams(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k-gram hash at every position and the sorted distinct hashes that occur at
        most :data:`MAX_REPEAT` times (computed once per ``k``)."""
        index = self.kgram_index(k)
        return index.hashes, index.rare

    def kgram_index(self, k: int) -> KgramIndex:
        """The k-grams sorted by hash, computed once per ``k``: an article is sorted once,
        not once for every article it is compared with."""
        if k not in self._kgrams:
            h = kgram_hashes(self.text, k)
            order = np.argsort(h, kind="stable")
            sorted_h = h[order]
            first = np.concatenate(([len(h) > 0], sorted_h[1:] != sorted_h[:-1]))
            starts = np.flatnonzero(first)
            counts = np.diff(np.concatenate((starts, [len(h)])))
            distinct = sorted_h[starts]
            self._kgrams[k] = KgramIndex(
                h, order, sorted_h, distinct, distinct[counts <= MAX_REPEAT]
            )
        return self._kgrams[k]

    def release(self) -> None:
        """Forget the cached k-gram hashes (memory of large corpora)."""
        self._kgrams.clear()


def _is_han(cps: np.ndarray) -> np.ndarray:
    return (
        ((cps >= 0x3400) & (cps <= 0x9FFF))
        | ((cps >= 0xF900) & (cps <= 0xFAFF))
        | ((cps >= 0x20000) & (cps <= 0x2FFFF))
    )


def content_view(text: str) -> ContentView:
    """The content characters (Han, ASCII and full-width letters and digits) of ``text``."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    han = _is_han(cps)
    folded = np.where((cps >= 0xFF10) & (cps <= 0xFF5A), cps - 0xFEE0, cps)  # full width
    alnum = (
        ((folded >= 0x30) & (folded <= 0x39))
        | ((folded >= 0x41) & (folded <= 0x5A))
        | ((folded >= 0x61) & (folded <= 0x7A))
    )
    keep = np.flatnonzero(han | alnum)
    content = folded[keep].astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    prefix = np.concatenate(([0], np.cumsum(han[keep], dtype=np.int64)))
    ends = np.flatnonzero(np.isin(cps, _END_CODES)) + 1
    return ContentView(
        text=content,
        offsets=keep.astype(np.int64),
        han_prefix=prefix,
        cuts=np.searchsorted(keep, ends).astype(np.int64),
    )


def han_count(view: ContentView, start: np.ndarray | int, end: np.ndarray | int) -> np.ndarray:
    """Han characters among content characters ``[start, end)`` (vectorised)."""
    return view.han_prefix[end] - view.han_prefix[start]


def _positions(index: KgramIndex, shared: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the article's k-grams whose hash is in sorted ``shared``, ordered by
    hash (ties by position), and their hashes."""
    left = np.searchsorted(index.sorted, shared, side="left")
    count = np.searchsorted(index.sorted, shared, side="right") - left
    within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    idx = np.repeat(left, count) + within
    return index.order[idx], index.sorted[idx]


def _intersect_sorted(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values of sorted unique ``a`` that are in sorted unique ``b`` (no re-sorting)."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) == 0:
        return b
    idx = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return a[b[idx] == a]


def _seeds(a: ContentView, b: ContentView, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions ``(i, j)`` of equal k-grams, k-grams repeated > MAX_REPEAT in a text left out."""
    ia, ib = a.kgram_index(k), b.kgram_index(k)
    shared = _intersect_sorted(ia.rare, ib.rare)
    if len(shared) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    pa, va = _positions(ia, shared)
    pb, vb = _positions(ib, shared)
    left = np.searchsorted(vb, va, side="left")
    count = np.searchsorted(vb, va, side="right") - left
    starts = np.repeat(left, count)
    within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(pa, count), pb[starts + within]


def _runs(ia: np.ndarray, ib: np.ndarray, k: int) -> np.ndarray:
    """Exact runs ``a_start, a_end, b_start, b_end`` of touching seeds on one diagonal,
    sorted by position in ``a``."""
    diag = ib - ia
    order = np.lexsort((ia, diag))
    ia, ib, diag = ia[order], ib[order], diag[order]
    new = np.ones(len(ia), dtype=bool)
    new[1:] = (diag[1:] != diag[:-1]) | (ia[1:] - ia[:-1] > k)
    first = np.flatnonzero(new)
    last = np.concatenate((first[1:], [len(ia)])) - 1
    runs = np.column_stack((ia[first], ia[last] + k, ib[first], ib[last] + k))
    return runs[np.lexsort((runs[:, 2], runs[:, 0]))]


def _chain(runs: np.ndarray, *, k: int, max_gap: int) -> list[list[int]]:
    """Greedy chains of runs (indices) that follow each other in both texts within ``max_gap``."""
    chains: list[list[int]] = []
    ends: list[tuple[int, int]] = []
    active: list[int] = []
    for r, (a0, a1, b0, b1) in enumerate(runs.tolist()):
        best, best_gap = -1, max_gap + 1
        still = []
        for c in active:
            ea, eb = ends[c]
            if a0 - ea > max_gap:
                continue  # this chain can take no later run
            still.append(c)
            da, db = a0 - ea, b0 - eb
            fits = -k < da <= max_gap and -k < db <= max_gap and a1 > ea and b1 > eb
            if fits and max(da, db) < best_gap:
                best, best_gap = c, max(da, db)
        active = still
        if best < 0:
            chains.append([r])
            ends.append((a1, b1))
            active.append(len(chains) - 1)
        else:
            chains[best].append(r)
            ends[best] = (max(ends[best][0], a1), max(ends[best][1], b1))
    return chains


def _covered(starts: np.ndarray, ends: np.ndarray) -> int:
    """Characters covered by the union of sorted-by-start intervals."""
    reach = np.maximum.accumulate(ends)
    prev = np.concatenate(([starts[0]], reach[:-1]))
    return int(np.clip(ends - np.maximum(starts, prev), 0, None).sum())


def align_pair(
    a: ContentView,
    b: ContentView,
    *,
    k: int = 8,
    max_gap: int = 10,
    min_chars: int = 1,
    specific_a: np.ndarray | None = None,
) -> np.ndarray:
    """Aligned passages of two articles: rows of :data:`ALIGN_COLUMNS` (content coordinates).

    ``k``: seed length in content characters; ``max_gap``: the most content characters
    between two runs merged into one passage; passages spanning fewer than ``min_chars``
    content characters are not returned. ``specific_a``: prefix sums over ``a``'s content
    characters of those that count as specific (Han characters not covered by a common
    k-gram, see :func:`specific_prefix`); by default every Han character counts. A
    passage's ``specific_chars`` decides elsewhere whether it is reuse or boilerplate.
    ``similarity`` = content characters covered by shared k-grams, both sides, over the
    two spans' lengths.
    """
    ia, ib = _seeds(a, b, k)
    if len(ia) == 0:
        return np.empty((0, len(ALIGN_COLUMNS)))
    runs = _runs(ia, ib, k)
    prefix = a.han_prefix if specific_a is None else specific_a
    out = []
    for chain in _chain(runs, k=k, max_gap=max_gap):
        rs = runs[chain]
        a0, a1 = int(rs[:, 0].min()), int(rs[:, 1].max())
        if a1 - a0 < min_chars:
            continue
        b0, b1 = int(rs[:, 2].min()), int(rs[:, 3].max())
        if len(chain) == 1:
            similarity = 1.0
        else:
            sa = rs[np.argsort(rs[:, 0], kind="stable")]
            sb = rs[np.argsort(rs[:, 2], kind="stable")]
            cov = _covered(sa[:, 0], sa[:, 1]) + _covered(sb[:, 2], sb[:, 3])
            similarity = cov / ((a1 - a0) + (b1 - b0))
        out.append((a0, a1, b0, b1, similarity, int(prefix[a1] - prefix[a0])))
    return np.asarray(out, dtype=float).reshape(-1, len(ALIGN_COLUMNS))


def specific_prefix(
    view: ContentView, *, k: int, common: np.ndarray, excluded: np.ndarray | None = None
) -> np.ndarray:
    """Prefix sums of the Han characters of ``view`` not covered by a k-gram in ``common``.

    ``common`` holds sorted hashes (boilerplate, stock formulae): a passage made only of
    them shares no specific character. ``excluded`` (one flag per content character)
    marks more characters that are not specific (:func:`stock_mask`).
    """
    h, _ = view.kgrams(k)
    starts = np.zeros(0, dtype=np.int64)
    if len(common) and len(h):
        idx = np.clip(np.searchsorted(common, h), 0, len(common) - 1)
        starts = np.flatnonzero(common[idx] == h)
    in_common = covered_mask(len(view.text), starts, starts + k)
    if excluded is not None:
        in_common |= excluded
    han = np.diff(view.han_prefix).astype(bool)
    return np.concatenate(([0], np.cumsum(han & ~in_common, dtype=np.int64)))


_TITLE_RE = re.compile("《[^《》\n]{1,200}》")


def stock_mask(text: str, view: ContentView, formulae: Sequence[str]) -> np.ndarray:
    """Content characters of ``view`` (of ``text``) inside 《…》 or inside one of ``formulae``.

    ``formulae`` are content strings (:func:`content_view` of each formula's text): stock
    central formulae, matched wherever they occur. Names of works and documents sit
    inside 《…》. Neither is reuse by the labelling rule, however long.
    """
    titles = [m.span() for m in _TITLE_RE.finditer(text)]
    inside = covered_mask(len(text), *_bounds(titles))[view.offsets]
    found = []
    for formula in formulae:
        at = view.text.find(formula)
        while at >= 0:
            found.append((at, at + len(formula)))
            at = view.text.find(formula, at + 1)
    return inside | covered_mask(len(view.text), *_bounds(found))


def _bounds(spans: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    pairs = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


def covered_mask(n: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which of ``n`` positions lie in at least one span ``[starts[i], ends[i])``."""
    marks = np.zeros(n + 1, dtype=np.int64)
    np.add.at(marks, starts, 1)
    np.add.at(marks, ends, -1)
    return np.cumsum(marks[:n]) > 0
