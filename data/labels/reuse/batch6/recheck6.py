"""Second pass aid: shared 8-character strings of each batch-6 pair outside its draft spans
(to read for template sentences with refilled slots that no 12-character string reaches)."""
import csv, re
from collections import defaultdict
from load import load
c = load(); T = dict(zip(c.doc_id, c.text))
rows = list(csv.DictReader(open("reuse_batch6.tsv", encoding="utf-8"), delimiter="\t"))
pairs = defaultdict(list)
for r in rows:
    pairs[(r["pair_id"], r["doc_a"], r["doc_b"])].append((int(r["a_start"]), int(r["a_end"])))
K = 8
for (p, a, b), spans in pairs.items():
    A, B = T[a], T[b]
    gb = {B[i:i+K] for i in range(len(B)-K+1)}
    hits = [i for i in range(len(A)-K+1) if A[i:i+K] in gb and "\n" not in A[i:i+K]
            and len(re.findall(r"[\u4e00-\u9fff]", A[i:i+K])) >= 6
            and not any(s - 2 <= i <= e for s, e in spans)]
    runs = []
    for i in hits:
        if runs and i <= runs[-1][1] + 3: runs[-1][1] = i + K
        else: runs.append([i, i + K])
    for s, e in runs:
        print(p, a[:12], s, repr(A[max(0,s-15):e+15]))
