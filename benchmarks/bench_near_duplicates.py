"""Near-duplicate flagging: seconds of the old (pairwise) and new (bounded) implementation.

Prints, for each size (default 1k, 2k, 4k, 8k, 20k), the seconds
:func:`bqw_research.corpus.near_duplicates.flag_near_duplicates` takes on that
many near-identical copies of one real article of ``../shared/corpus-dev``
(the article of median length; each copy gets a few random character edits,
seeded), and on the distinct real articles of ``../shared/corpus-dev`` and
``../shared/corpus``; beside them the seconds of the implementation it replaced
(kept below as :func:`flag_near_duplicates_old`, the baseline), how many rows
each flags, how many rows one flags and the other does not (``flag≠``) and how
many rows' ``near_duplicate_of`` or ``near_duplicate_score`` differ
(``named≠``). Signatures are computed once, outside the timings (their seconds
are printed apart): only the flagging changed. Nothing asserts timings.

Usage::

    python benchmarks/bench_near_duplicates.py [--sizes 1000 2000] [--edits 3]
        [--baseline-max 8000]     # skip the old implementation above 8,000 copies
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bqw_research import load_corpus  # noqa: E402
from bqw_research.corpus.near_duplicates import (  # noqa: E402
    flag_near_duplicates,
    minhash_signatures,
)

SHARED = ROOT.parent / "shared"
FOLDERS = [SHARED / "corpus-dev", SHARED / "corpus"]
THRESHOLD = 0.8


def flag_near_duplicates_old(
    frame: pd.DataFrame, *, threshold: float, bands: int = 16, sigs: np.ndarray | None = None
) -> pd.DataFrame:
    """The implementation before the bounded one, verbatim: every earlier bucket member."""
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


def real_texts() -> dict[str, list[str]]:
    """Each real article folder's texts, in corpus order (exact duplicates folded, no cache)."""
    return {
        folder.name: load_corpus(folder, near_duplicates=None, cache=False, progress=False)[
            "text"
        ].tolist()
        for folder in FOLDERS
    }


def edited_copies(text: str, n: int, *, edits: int, seed: int) -> list[str]:
    """``n`` copies of ``text``, each with ``edits`` characters replaced by random CJK ones."""
    rng = np.random.default_rng(seed)
    copies = []
    for _ in range(n):
        chars = list(text)
        for pos, cp in zip(
            rng.integers(0, len(chars), size=edits),
            rng.integers(0x4E00, 0x9FA5, size=edits),
            strict=True,
        ):
            chars[pos] = chr(cp)
        copies.append("".join(chars))
    return copies


def timed(fn, frame: pd.DataFrame, sigs: np.ndarray) -> tuple[float, pd.DataFrame]:
    start = time.perf_counter()
    out = fn(frame, threshold=THRESHOLD, sigs=sigs)
    return time.perf_counter() - start, out


def differing(old: pd.DataFrame, new: pd.DataFrame) -> tuple[int, int]:
    """Rows flagged by one side only; rows whose ``near_duplicate_of`` or score differ."""
    flags = int((old["near_duplicate_of"].notna() != new["near_duplicate_of"].notna()).sum())
    same_of = old["near_duplicate_of"].fillna("").eq(new["near_duplicate_of"].fillna(""))
    a, b = old["near_duplicate_score"], new["near_duplicate_score"]
    same_score = a.eq(b) | (a.isna() & b.isna())
    return flags, int((~(same_of & same_score)).sum())


def report(label: str, frame: pd.DataFrame, sigs: np.ndarray, *, baseline: bool) -> None:
    t_new, new = timed(flag_near_duplicates, frame, sigs)
    flagged = int(new["near_duplicate_of"].notna().sum())
    if baseline:
        t_old, old = timed(flag_near_duplicates_old, frame, sigs)
        old_cols = f"{t_old:9.2f} {int(old['near_duplicate_of'].notna().sum()):8d}"
        diff = "{:6d} {:6d}".format(*differing(old, new))
    else:
        old_cols, diff = f"{'skipped':>9} {'':>8}", f"{'':>6} {'':>6}"
    print(f"{label:<28} {len(frame):7d} {old_cols} {t_new:9.2f} {flagged:8d} {diff}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000, 20000])
    ap.add_argument("--edits", type=int, default=3, help="random character edits per copy")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--baseline-max", type=int, default=None, help="skip the old implementation above this"
    )
    args = ap.parse_args()
    missing = [str(f) for f in FOLDERS if not f.is_dir()]
    if missing:
        sys.exit(
            f"real article folders not found: {', '.join(missing)} (they live beside the project)"
        )
    os.environ.setdefault("BQW_CACHE_DIR", tempfile.mkdtemp(prefix="bqw-bench-nd-"))
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs")
    folders = real_texts()
    dev = folders["corpus-dev"]
    source = sorted(dev, key=len)[len(dev) // 2]
    print(f"copies of one corpus-dev article of {len(source)} characters")
    start = time.perf_counter()
    copies = edited_copies(source, max(args.sizes), edits=args.edits, seed=args.seed)
    sigs_copies = minhash_signatures(copies)
    sigs_real = {name: minhash_signatures(texts) for name, texts in folders.items()}
    print(f"signatures: {time.perf_counter() - start:.1f} s (not in the figures below)\n")
    print(
        f"{'input':<28} {'rows':>7} {'old s':>9} {'flagged':>8} {'new s':>9} {'flagged':>8} "
        f"{'flag≠':>6} {'named≠':>6}"
    )
    for name, texts in folders.items():
        real = pd.DataFrame({"doc_id": [f"r{i}" for i in range(len(texts))], "text": texts})
        report(f"real articles ({name})", real, sigs_real[name], baseline=True)
    for n in args.sizes:
        frame = pd.DataFrame({"doc_id": [f"c{i}" for i in range(n)], "text": copies[:n]})
        baseline = args.baseline_max is None or n <= args.baseline_max
        report(f"near-identical ({args.edits} edits)", frame, sigs_copies[:n], baseline=baseline)


if __name__ == "__main__":
    main()
