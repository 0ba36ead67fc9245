"""Seconds of ``textstat_reuse`` on ``../shared/corpus-dev`` and on a 4× replicate of it.

The replicate holds every article four times, as four corpora side by side: copy ``n``
(ids suffixed ``#n``) has every Han character shifted by ``n × 2,000`` code points inside
the CJK block, so each copy keeps the original's lengths, sentences and internal reuse but
shares no text with the other copies. A corpus four times as large with the same density
of reuse: linear work gives a ratio near 4. (Plain copies would not measure size: every
reused passage would then be reused four times as often.) Prints, never asserts; not a
unit test.

    BQW_CACHE_DIR=/tmp/bqw-bench .venv/bin/python benchmarks/bench_reuse.py
"""

from __future__ import annotations

import time

import pandas as pd

from bqw_research import config
from bqw_research.corpus import load_corpus
from bqw_research.textstat.reuse import source_order, textstat_reuse
from bqw_research.textstat.reuse.align import content_view
from bqw_research.textstat.reuse.candidates import candidate_pairs


def shifted(text: str, n: int) -> str:
    """``text`` with every CJK unified ideograph moved ``n × 2,000`` places inside the block."""
    return "".join(
        chr(0x4E00 + (ord(c) - 0x4E00 + 2000 * n) % 20992) if "\u4e00" <= c <= "\u9fff" else c
        for c in text
    )


def replicate(corpus: pd.DataFrame, times: int) -> pd.DataFrame:
    """``times`` disjoint copies of the corpus (see the module docstring)."""
    copies = [corpus]
    for n in range(1, times):
        copy = corpus.copy()
        copy["doc_id"] = corpus["doc_id"] + f"#{n}"
        copy["text"] = [shifted(t, n) for t in corpus["text"]]
        copy["near_duplicate_of"] = [
            f"{d}#{n}" if isinstance(d, str) else d for d in corpus["near_duplicate_of"]
        ]
        copies.append(copy)
    return pd.concat(copies, ignore_index=True)


def measure(corpus: pd.DataFrame) -> tuple[float, int, int]:
    """Seconds of textstat_reuse, candidate pairs, rows."""
    ordered = source_order(corpus)
    texts = ordered["text"].tolist()
    pairs = candidate_pairs([content_view(t) for t in texts], min_chars=20)
    start = time.perf_counter()
    rows = textstat_reuse(corpus)
    return time.perf_counter() - start, len(pairs), len(rows)


def main() -> None:
    dev = config.SHARED_CORPUS_DEV
    if not dev.is_dir():
        raise SystemExit(f"{dev} not found: the benchmark needs ../shared/corpus-dev")
    corpus = load_corpus(dev)
    big_corpus = replicate(corpus, 4)
    base = measure(corpus)
    big = measure(big_corpus)
    print(f"{'corpus':<14}{'articles':>9}{'chars':>12}{'pairs':>9}{'rows':>7}{'seconds':>9}")
    for name, frame, (secs, pairs, rows) in (
        ("corpus-dev", corpus, base),
        ("4x replicate", big_corpus, big),
    ):
        chars = int(frame["text"].str.len().sum())
        print(f"{name:<14}{len(frame):>9}{chars:>12}{pairs:>9}{rows:>7}{secs:>9.1f}")
    print(
        f"ratio 4x / 1x: {big[0] / base[0]:.2f} (seconds), {big[1] / max(base[1], 1):.2f} (pairs)"
    )


if __name__ == "__main__":
    main()
