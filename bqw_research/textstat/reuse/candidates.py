"""Candidate article pairs for text reuse: MinHash/LSH over sentence passages.

Comparing every pair of 10,000 articles would mean 50 million alignments; instead each
article is cut into passages (sentences, short ones joined to the next until they hold
``min_chars`` content characters), every passage gets a MinHash signature and LSH bands
(the near-duplicate machinery of :mod:`bqw_research.corpus.near_duplicates`, reused, not
rewritten), and two articles become a candidate pair when passages of theirs share a band.
A bucket is linked as a star, not a clique: each member is paired with the first
``bucket_cap`` articles of the bucket (in source order), so a sentence that thousands of
articles repeat gives a number of pairs linear in the corpus, and the earliest articles —
the sources — are always among the partners.
"""

from __future__ import annotations

import numpy as np

from bqw_research.corpus.near_duplicates import band_buckets, minhash_signatures
from bqw_research.textstat.reuse.align import ContentView

__all__ = ["candidate_pairs", "passage_bounds"]


def passage_bounds(view: ContentView, *, min_chars: int) -> list[tuple[int, int]]:
    """Content-coordinate ``[start, end)`` of each passage of one article.

    A passage is a sentence (ended by 。！？； or a line break, ``view.cuts``); a shorter
    one than ``min_chars`` content characters is joined to the next; a trailing short
    rest is joined to the previous passage.
    """
    cuts = view.cuts.tolist()
    cuts.append(len(view.text))
    bounds: list[tuple[int, int]] = []
    start = 0
    for cut in cuts:
        if cut - start >= min_chars:
            bounds.append((start, cut))
            start = cut
    if start < len(view.text):
        if bounds:
            bounds[-1] = (bounds[-1][0], len(view.text))
        else:
            bounds.append((0, len(view.text)))
    return bounds


def candidate_pairs(
    views: list[ContentView],
    *,
    min_chars: int,
    num_perm: int = 64,
    bands: int = 32,
    bucket_cap: int = 8,
) -> np.ndarray:
    """Sorted unique candidate pairs ``(i, j)``, ``i < j``, of article positions.

    Articles are expected in source order (earliest first), so ``i`` is the earlier one.
    """
    doc_of: list[int] = []
    passages: list[str] = []
    for d, view in enumerate(views):
        for s, e in passage_bounds(view, min_chars=min_chars):
            passages.append(view.text[s:e])
            doc_of.append(d)
    if len(set(doc_of)) < 2:
        return np.empty((0, 2), dtype=np.int64)
    sigs = minhash_signatures(passages, num_perm=num_perm)
    buckets = band_buckets(sigs, bands=bands)  # passages × bands, distinct across bands
    docs = np.repeat(np.asarray(doc_of, dtype=np.int64), bands)
    member = np.unique(np.column_stack((buckets.reshape(-1), docs)), axis=0)  # by bucket, doc
    bucket, doc = member[:, 0], member[:, 1]
    start = np.flatnonzero(np.concatenate(([True], bucket[1:] != bucket[:-1])))
    size = np.diff(np.concatenate((start, [len(bucket)])))
    rank = np.arange(len(bucket)) - np.repeat(start, size)
    head = np.repeat(start, size)
    found = []
    for leader in range(bucket_cap):
        later = rank > leader
        found.append(np.column_stack((doc[head[later] + leader], doc[later])))
    pairs = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    return np.unique(pairs, axis=0)
