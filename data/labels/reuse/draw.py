"""Draw the article pairs of the reuse set and list their shared passages for labelling.

Independent of the detector: candidate passages are maximal exact shared strings of
at least 12 characters (plain Python substring sets over the corpus ``text``, no
MinHash, no k-gram hashing), neighbours within 15 characters on both sides joined as
one draft passage; the labeller then reads each draft with its context.

Run from the project root: ``python data/labels/reuse/draw.py > /tmp/draft.tsv``.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

from bqw_research.corpus import load_corpus

K = 12
GAP = 15
MAX_PASSAGES = 8  # pairs with more draft passages cannot be labelled exhaustively


def grams(text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for i in range(len(text) - K + 1):
        g = text[i : i + K]
        if not g.isspace() and "\n" not in g:
            found[g].append(i)
    return found


def passages(a: str, b: str, ga: dict, gb: dict) -> list[tuple[int, int, int, int]]:
    """Draft passages: runs of shared 12-grams (first occurrence in b), joined across small gaps."""
    seeds = sorted((i, gb[g][0]) for g in set(ga) & set(gb) for i in ga[g])
    out: list[list[int]] = []
    for i, j in seeds:
        near_a = out and out[-1][0] <= i <= out[-1][1] + GAP
        if near_a and out[-1][2] <= j <= out[-1][3] + GAP:
            out[-1][1] = max(out[-1][1], i + K)
            out[-1][3] = max(out[-1][3], j + K)
        else:
            out.append([i, i + K, j, j + K])
    return [tuple(p) for p in out]


def main() -> None:
    corpus = load_corpus(Path(__file__).resolve().parents[3].parent / "shared" / "corpus-dev")
    corpus = corpus[corpus["near_duplicate_of"].isna()].sort_values("doc_id")
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    ids = [d for d in texts if len(texts[d]) < 20000]
    index = {d: grams(texts[d]) for d in ids}
    owners: dict[str, set[str]] = defaultdict(set)
    for d in ids:
        for g in index[d]:
            owners[g].add(d)
    sharing = sorted(
        {(x, y) for ds in owners.values() if 2 <= len(ds) <= 20 for x in ds for y in ds if x < y}
    )
    rng = random.Random(20261201)
    rng.shuffle(sharing)
    drawn, rows = [], []
    rest = iter(sharing)
    for a, b in rest:  # batch 1: pairs with a shared string of 20+ characters
        found = passages(texts[a], texts[b], index[a], index[b])
        if 1 <= len(found) <= MAX_PASSAGES and any(p[1] - p[0] >= 20 for p in found):
            drawn.append((a, b, found))
        if len(drawn) == 28:
            break
    all_pairs = [(x, y) for x in ids for y in ids if x < y and (x, y) not in set(sharing)]
    for a, b in rng.sample(all_pairs, 8):
        drawn.append((a, b, []))
    extra = []
    for a, b in rest:  # batch 2 (labelled later): pairs with a shared string of 30+ characters
        found = passages(texts[a], texts[b], index[a], index[b])
        if 1 <= len(found) <= MAX_PASSAGES and any(p[1] - p[0] >= 30 for p in found):
            extra.append((a, b, found))
        if len(extra) == 16:
            break
    drawn += extra
    later = []
    for a, b in rest:  # batch 3 (labelled later still): the next 16 pairs of the same kind
        found = passages(texts[a], texts[b], index[a], index[b])
        if 1 <= len(found) <= MAX_PASSAGES and any(p[1] - p[0] >= 30 for p in found):
            later.append((a, b, found))
        if len(later) == 16:
            break
    drawn += later
    fourth = []
    for a, b in rest:  # batch 4 (2026-12-02): the next 16 pairs of the same kind
        found = passages(texts[a], texts[b], index[a], index[b])
        if 1 <= len(found) <= MAX_PASSAGES and any(p[1] - p[0] >= 30 for p in found):
            fourth.append((a, b, found))
        if len(fourth) == 16:
            break
    drawn += fourth
    for n, (a, b, found) in enumerate(drawn):
        part = "tune" if n % 2 == 0 else "untouched"
        if not found:
            rows.append((f"p{n:02d}", a, b, "", "", "", "", "", "", part))
        for a0, a1, b0, b1 in found:
            at, bt = texts[a][a0:a1].replace("\n", "⏎"), texts[b][b0:b1].replace("\n", "⏎")
            rows.append((f"p{n:02d}", a, b, a0, a1, b0, b1, at, bt, part))
    cols = "pair_id doc_a doc_b a_start a_end b_start b_end a_text b_text part".split()
    sys.stdout.write("\t".join(cols) + "\n")
    for r in rows:
        sys.stdout.write("\t".join(map(str, r)) + "\n")


if __name__ == "__main__":
    main()
