"""Batch 6 of the reuse set: continue draw.py's seeded walk (own copy of its logic; the
original draw.py is not modified or imported, since it imports the package).

Text: load.load() = the load_corpus table from the package's cache (no package code run).
Walk: same candidates, same shuffle (random.Random(20261201)), batch 1 (28 pairs, 20+),
rng.sample(all_pairs, 8) (does not touch the iterator, recomputed anyway to check), batches 2-4
(16 each, 30+), batch 5 (16 pairs, 30+, not in reuse.tsv as it stood before batch 5, i.e. p00-p83),
then batch 6 (16 pairs, 30+, not in reuse.tsv p00-p99): p100-p115, parts alternate from untouched.
Run: /work/main/.venv/bin/python walk6.py > draft6.tsv   (checks on stderr)
"""
import random, sys, csv
from collections import defaultdict
from load import load

K = 12
GAP = 15
MAX_PASSAGES = 8


def grams(text):
    found = defaultdict(list)
    for i in range(len(text) - K + 1):
        g = text[i : i + K]
        if not g.isspace() and "\n" not in g:
            found[g].append(i)
    return found


def passages(a, b, ga, gb):
    seeds = sorted((i, gb[g][0]) for g in set(ga) & set(gb) for i in ga[g])
    out = []
    for i, j in seeds:
        near_a = out and out[-1][0] <= i <= out[-1][1] + GAP
        if near_a and out[-1][2] <= j <= out[-1][3] + GAP:
            out[-1][1] = max(out[-1][1], i + K)
            out[-1][3] = max(out[-1][3], j + K)
        else:
            out.append([i, i + K, j, j + K])
    return [tuple(p) for p in out]


corpus = load()
corpus = corpus[corpus["near_duplicate_of"].isna()].sort_values("doc_id")
texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
ids = [d for d in texts if len(texts[d]) < 20000]
index = {d: grams(texts[d]) for d in ids}
owners = defaultdict(set)
for d in ids:
    for g in index[d]:
        owners[g].add(d)
sharing = sorted({(x, y) for ds in owners.values() if 2 <= len(ds) <= 20 for x in ds for y in ds if x < y})
rng = random.Random(20261201)
rng.shuffle(sharing)
rest = iter(sharing)


def take(n, minlen, skip=frozenset()):
    out = []
    for a, b in rest:
        if (a, b) in skip:
            continue
        found = passages(texts[a], texts[b], index[a], index[b])
        if 1 <= len(found) <= MAX_PASSAGES and any(p[1] - p[0] >= minlen for p in found):
            out.append((a, b, found))
        if len(out) == n:
            break
    return out


old = list(csv.DictReader(open("/work/main/data/labels/reuse/reuse.tsv", encoding="utf-8"), delimiter="\t"))
bypair = defaultdict(list)
for r in old:
    bypair[r["pair_id"]].append(r)
pid_docs = {p: (rs[0]["doc_a"], rs[0]["doc_b"]) for p, rs in bypair.items()}

# every existing row's a_text/b_text equals the slice of the loaded text (numbers only printed)
nbad = 0
for r in old:
    if r["a_start"] == "":
        continue
    a0, a1, b0, b1 = (int(r[k]) for k in ("a_start", "a_end", "b_start", "b_end"))
    ok = (texts.get(r["doc_a"], "")[a0:a1].replace("\n", "⏎") == r["a_text"]
          and texts.get(r["doc_b"], "")[b0:b1].replace("\n", "⏎") == r["b_text"])
    nbad += not ok
print(f"# reuse.tsv rows: {len(old)}; rows whose text != slice of loaded text: {nbad}", file=sys.stderr)

b1 = take(28, 20)
all_pairs = [(x, y) for x in ids for y in ids if x < y and (x, y) not in set(sharing)]
rand8 = [(a, b, []) for a, b in rng.sample(all_pairs, 8)]
b2 = take(16, 30); b3 = take(16, 30); b4 = take(16, 30)
drawn = b1 + rand8 + b2 + b3 + b4
pairs14 = {pid_docs[f"p{n:02d}"] for n in range(84)}
b5 = take(16, 30, skip=pairs14)
drawn += b5


def cmp(n, item):
    """pair id n: same docs? same draft spans as the rows' spans (set compare, counts only)."""
    pid = f"p{n:02d}"
    a, b, found = item
    same_docs = pid_docs.get(pid) == (a, b)
    rows = {(int(r["a_start"]), int(r["a_end"]), int(r["b_start"]), int(r["b_end"]))
            for r in bypair[pid] if r["a_start"] != ""}
    drafts = set(found)
    return same_docs, len(drafts), len(drafts & rows), len(rows - drafts)


allsame = True
for n, item in enumerate(drawn):
    s, nd, nboth, nextra = cmp(n, item)
    allsame &= s
    if not s or nd != nboth or nextra:
        print(f"# p{n:02d} ({bypair[f'p{n:02d}'][0]['part']}): docs match {s}; drafts {nd}, "
              f"drafts equal to a row {nboth}, rows not a draft {nextra}", file=sys.stderr)
print(f"# p00-p99 reproduced pair for pair (docs, order): {allsame} ({len(drawn)} pairs)", file=sys.stderr)

# batch 5 drafts as rows, to compare with the batch-5 draft file (/work/tmp/reuse5/draft5.tsv)
with open("draft5_repro.tsv", "w", encoding="utf-8") as f5:
    f5.write("pair_id doc_a doc_b a_start a_end b_start b_end".replace(" ", "\t") + "\n")
    for k, (a, b, found) in enumerate(b5):
        for p in found:
            f5.write("\t".join(map(str, (f"p{84 + k}", a, b) + p)) + "\n")

pairs15 = {pid_docs[f"p{n:02d}"] for n in range(100)}
assert len(pid_docs) == 100
b6 = take(16, 30, skip=pairs15)
cols = "pair_id doc_a doc_b a_start a_end b_start b_end a_text b_text part".split()
w = sys.stdout
w.write("\t".join(cols) + "\n")
for k, (a, b, found) in enumerate(b6):
    n = 100 + k
    part = "untouched" if k % 2 == 0 else "tune"
    for a0, a1, b0, b1_ in found:
        at, bt = texts[a][a0:a1].replace("\n", "⏎"), texts[b][b0:b1_].replace("\n", "⏎")
        w.write("\t".join(map(str, (f"p{n}", a, b, a0, a1, b0, b1_, at, bt, part))) + "\n")
print(f"# batch 6: {len(b6)} pairs, {sum(len(f) for *_, f in b6)} draft passages", file=sys.stderr)
