"""Near-duplicate articles: MinHash signatures over character shingles, LSH banding."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_SPACE_RE = re.compile(r"\s+")


def shingle_hashes(text: str, k: int = 5) -> np.ndarray:
    """64-bit hashes of the distinct character ``k``-grams of ``text`` (whitespace removed).

    Each k-gram's code points are combined by a multiply-add over 64 bits and
    finished with splitmix64's mixer, all k-grams of a text at once (numpy):
    distinct k-grams collide with negligible probability.
    """
    text = _SPACE_RE.sub("", text)
    if len(text) < k:
        text = text.ljust(k, "\x00")
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cps = cps.astype(np.uint64)
    n = len(cps) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(k):
            h = h * np.uint64(0x100000001B3) + cps[i : i + n]
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    return np.unique(h)


def minhash_signatures(texts: list[str], *, num_perm: int = 64, seed: int = 1) -> np.ndarray:
    """MinHash signatures (``len(texts) × num_perm``) over character 5-gram shingles."""
    rng = np.random.default_rng(seed)
    prime = np.uint64((1 << 61) - 1)
    a = rng.integers(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = rng.integers(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    sigs = np.empty((len(texts), num_perm), dtype=np.uint64)
    for i, text in enumerate(texts):
        h = shingle_hashes(text) % prime
        with np.errstate(over="ignore"):
            vals = (h[:, None] * a[None, :] + b[None, :]) % prime
        sigs[i] = vals.min(axis=0)
    return sigs


def flag_near_duplicates(
    frame: pd.DataFrame, *, threshold: float, bands: int = 16, sigs: np.ndarray | None = None
) -> pd.DataFrame:
    """Flag rows whose MinHash estimate of Jaccard similarity to an earlier row is ≥ threshold.

    Adds ``near_duplicate_of`` (the ``doc_id`` of the most similar earlier row)
    and ``near_duplicate_score``. LSH banding finds candidate pairs; ``sigs``
    may be precomputed signatures (one row per frame row, e.g. computed in
    worker processes).
    """
    if sigs is None:
        sigs = minhash_signatures(frame["text"].tolist())
    rows = sigs.shape[1] // bands
    buckets: dict[tuple, list[int]] = {}
    best: dict[int, tuple[float, int]] = {}
    for i in range(len(frame)):
        candidates: set[int] = set()
        for band in range(bands):
            key = (band, sigs[i, band * rows : (band + 1) * rows].tobytes())
            candidates.update(buckets.setdefault(key, []))
            buckets[key].append(i)
        for j in candidates:
            score = float(np.mean(sigs[i] == sigs[j]))
            if score >= threshold and (i not in best or score > best[i][0]):
                best[i] = (score, j)
    ids = frame["doc_id"].tolist()
    frame = frame.copy()
    frame["near_duplicate_of"] = [ids[best[i][1]] if i in best else None for i in range(len(frame))]
    frame["near_duplicate_score"] = [
        round(best[i][0], 3) if i in best else np.nan for i in range(len(frame))
    ]
    return frame
