"""Near-duplicate articles: MinHash signatures over character shingles, LSH banding."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import numpy as np
import pandas as pd

from bqw_research.scale.compiled import njit_cached

_SPACE_RE = re.compile(r"\s+")


def kgram_hashes(text: str, k: int = 5) -> np.ndarray:
    """64-bit hash of the character ``k``-gram starting at every position of ``text``.

    One hash per position (``len(text) - k + 1``, none for a shorter text), in order, so
    that callers can locate shared k-grams (text reuse alignment) as well as count them.
    Each k-gram's code points are combined by a multiply-add over 64 bits and finished
    with splitmix64's mixer, all k-grams at once (numpy): distinct k-grams collide with
    negligible probability.
    """
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cps = cps.astype(np.uint64)
    n = max(len(cps) - k + 1, 0)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            h = h * np.uint64(0x100000001B3) + cps[i : i + n]
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return h


def text_shingles(text: str, k: int = 5) -> np.ndarray:
    """Hashes of the character ``k``-grams of ``text`` with whitespace removed, in order.

    A text shorter than ``k`` is padded, so that every text has at least one shingle.
    """
    text = _SPACE_RE.sub("", text)
    if len(text) < k:
        text = text.ljust(k, "\x00")
    return kgram_hashes(text, k)


def shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    """64-bit hashes of the distinct character ``k``-grams of ``text`` (whitespace removed).

    A text shorter than ``k`` is padded, so that every text has at least one shingle.
    """
    return np.unique(text_shingles(text, k))


MERSENNE_61 = (1 << 61) - 1
"""The prime of the MinHash permutations ``(a·h + b) mod p``."""


def minhash_min(hashes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``min over h of ((h mod p) · a + b) mod p`` for each pair ``(a[j], b[j])``, ``p`` = 2⁶¹ − 1.

    The products wrap around 64 bits (numpy's and numba's ``uint64`` arithmetic),
    and ``x mod p`` is taken as ``(x & p) + (x >> 61)``, less ``p`` once if still
    ``≥ p`` — equal to ``x % p`` for every 64-bit ``x``. Repeated hashes change no
    minimum, so ``hashes`` need not be distinct. Compiled (:func:`minhash_kernel`).
    """
    p = np.uint64(MERSENNE_61)
    s61 = np.uint64(61)
    m = a.shape[0]
    out = np.full(m, p, dtype=np.uint64)
    for i in range(hashes.shape[0]):
        v = hashes[i]
        v = (v & p) + (v >> s61)
        if v >= p:
            v -= p
        for j in range(m):
            x = v * a[j] + b[j]
            x = (x & p) + (x >> s61)
            if x >= p:
                x -= p
            if x < out[j]:
                out[j] = x
    return out


@cache
def minhash_kernel() -> Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    """:func:`minhash_min`, compiled once per user (:func:`bqw_research.scale.compiled.njit_cached`)."""
    return njit_cached(minhash_min)


def prepare_minhash() -> None:
    """Load (or compile) the MinHash kernel now, e.g. before forking workers that inherit it."""
    minhash_signatures([""])


def minhash_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``a`` (≥ 1) and ``b`` of ``num_perm`` permutations, drawn from ``seed``."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, MERSENNE_61, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, MERSENNE_61, size=num_perm, dtype=np.uint64)
    return a, b


def minhash_signatures(texts: list[str], *, num_perm: int = 64, seed: int = 1) -> np.ndarray:
    """MinHash signatures (``len(texts) × num_perm``) over character 5-gram shingles.

    Each value is the minimum of one permutation over a text's shingles
    (:func:`text_shingles`): :func:`minhash_min`, compiled.
    """
    a, b = minhash_permutations(num_perm, seed)
    kernel = minhash_kernel()
    sigs = np.empty((len(texts), num_perm), dtype=np.uint64)
    for i, text in enumerate(texts):
        sigs[i] = kernel(text_shingles(text), a, b)
    return sigs


BUCKET_CAP = 64
"""Earlier members of an LSH bucket an article is always compared with (see :func:`nearest_earlier`)."""


def band_buckets(sigs: np.ndarray, *, bands: int) -> np.ndarray:
    """Bucket number of every row in every band (``len(sigs) × bands``, ``int64``).

    Two rows share a bucket when they agree on all of a band's hash values;
    bucket numbers are distinct across bands. All rows are bucketed at once
    (one ``np.unique`` per band), not one dictionary lookup per row and band.
    """
    n, num_perm = sigs.shape
    rows = num_perm // bands
    out = np.empty((n, bands), dtype=np.int64)
    offset = 0
    for band in range(bands):
        _, codes = np.unique(sigs[:, band * rows : (band + 1) * rows], axis=0, return_inverse=True)
        codes = codes.reshape(-1)
        out[:, band] = codes + offset
        offset += int(codes.max()) + 1 if n else 0
    return out


def most_similar(sigs: np.ndarray, i: int, candidates: np.ndarray) -> tuple[int, float]:
    """The candidate row whose signature agrees most with row ``i``'s, and that agreement.

    The agreement is the share of equal MinHash values (the Jaccard estimate);
    ties go to the first candidate, so sorted candidates give the earliest row.
    ``(-1, -inf)`` for no candidate.
    """
    if len(candidates) == 0:
        return -1, float("-inf")
    agree = (sigs[candidates] == sigs[i]).sum(axis=1)
    k = int(np.argmax(agree))
    return int(candidates[k]), int(agree[k]) / sigs.shape[1]


def nearest_earlier(
    sigs: np.ndarray, *, threshold: float, bands: int = 16, bucket_cap: int = BUCKET_CAP
) -> tuple[np.ndarray, np.ndarray]:
    """For every row, an earlier row whose Jaccard estimate is ≥ ``threshold``, and the estimate.

    Returns the earlier row's index (``-1`` when none) and its estimate
    (``NaN`` when none). Candidates are the earlier rows that share an LSH
    band with the row (the rows of a bucket, in corpus order). What is
    guaranteed:

    * **the flags are exhaustive**: a row is flagged exactly when some earlier
      row sharing a band with it has an estimate ≥ ``threshold`` — the rows
      that comparing every candidate pair would flag. Two rows that share no
      band disagree on at least one value per band, so their estimate is at
      most ``1 − bands / num_perm`` (0.75 with 16 bands of 64 values): above
      that threshold the flags are those of comparing every pair of rows;
    * **the named row** is an earlier row with an estimate ≥ ``threshold``, the
      most similar one (ties: the earliest) among the row's *comparison
      targets*: in each of its buckets, the first ``bucket_cap`` members and
      the later members that are not near-duplicates themselves (cluster
      representatives). When none of the row's buckets holds more than
      ``bucket_cap`` earlier rows — every bucket of a corpus without large
      clusters — the targets are all the candidates: the most similar earlier
      row is named. Only when no target reaches ``threshold`` are all the
      candidates compared (that is what keeps the flags exhaustive).

    Work: each row is compared, vectorised, with at most ``bands ×
    bucket_cap`` targets plus the representatives of its buckets, so thousands
    of copies of one article take linear time; the full comparison happens
    for rows that no target flags and whose buckets overflow. A corpus of
    thousands of articles that share bands without being near-duplicates
    (each is then a representative) is still compared pair by pair.
    """
    n = len(sigs)
    buckets = band_buckets(sigs, bands=bands)
    flat = buckets.reshape(-1)
    order = np.argsort(flat, kind="stable")  # by bucket, then by row
    members = order // bands  # each bucket's rows in corpus order
    starts = np.concatenate(([0], np.cumsum(np.bincount(flat))))
    rank = np.empty_like(flat)
    rank[order] = np.arange(len(flat)) - starts[flat[order]]
    rank = rank.reshape(n, bands)
    extra: dict[int, list[int]] = {}  # bucket → representatives past its first bucket_cap rows
    match = np.full(n, -1, dtype=np.int64)
    score = np.full(n, np.nan)
    for i in np.flatnonzero(rank.any(axis=1)).tolist():  # rows with a candidate
        mine = list(zip(buckets[i].tolist(), rank[i].tolist(), strict=True))
        pieces = [members[starts[b] : starts[b] + min(r, bucket_cap)] for b, r in mine]
        pieces += [np.asarray(extra[b], dtype=np.int64) for b, r in mine if b in extra]
        j, s = most_similar(sigs, i, np.unique(np.concatenate(pieces)))
        if s < threshold and any(r - bucket_cap > len(extra.get(b, ())) for b, r in mine):
            every = [members[starts[b] : starts[b] + r] for b, r in mine]
            j, s = most_similar(sigs, i, np.unique(np.concatenate(every)))
        flagged = s >= threshold
        if flagged:
            match[i], score[i] = j, s
        else:
            for b, r in mine:
                if r >= bucket_cap:
                    extra.setdefault(b, []).append(i)
    return match, score


def flag_near_duplicates(
    frame: pd.DataFrame,
    *,
    threshold: float,
    bands: int = 16,
    sigs: np.ndarray | None = None,
    bucket_cap: int = BUCKET_CAP,
) -> pd.DataFrame:
    """Flag rows whose MinHash estimate of Jaccard similarity to an earlier row is ≥ threshold.

    Adds ``near_duplicate_of`` (the ``doc_id`` of that earlier row: the most
    similar one unless the row belongs to a cluster of more than
    ``bucket_cap`` near-duplicates, see :func:`nearest_earlier` for what is
    guaranteed) and ``near_duplicate_score`` (rounded to 3 decimals). LSH
    banding finds candidate pairs; ``sigs`` may be precomputed signatures (one
    row per frame row, e.g. computed in worker processes). Raises
    ``ValueError`` for a threshold outside (0, 1], a band count that does not
    divide the signature length, or signatures that do not match the frame.
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold!r}")
    if sigs is None:
        sigs = minhash_signatures(frame["text"].tolist())
    if sigs.ndim != 2 or len(sigs) != len(frame):
        raise ValueError(
            f"signatures of shape {sigs.shape} do not match a frame of {len(frame)} rows"
        )
    if bands < 1 or sigs.shape[1] % bands:
        raise ValueError(f"{bands} bands do not divide signatures of {sigs.shape[1]} values")
    if bucket_cap < 1:
        raise ValueError(f"bucket_cap must be at least 1, got {bucket_cap!r}")
    match, score = nearest_earlier(sigs, threshold=threshold, bands=bands, bucket_cap=bucket_cap)
    ids = frame["doc_id"].tolist()
    frame = frame.copy()
    frame["near_duplicate_of"] = [ids[j] if j >= 0 else None for j in match.tolist()]
    frame["near_duplicate_score"] = [
        round(s, 3) if j >= 0 else np.nan
        for j, s in zip(match.tolist(), score.tolist(), strict=True)
    ]
    return frame
