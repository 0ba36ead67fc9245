"""Show batch-6 drafts in context: python view6.py p100,p101 [context]"""
import sys, csv, re
from load import load
c = load(); T = dict(zip(c.doc_id, c.text))
C = int(sys.argv[2]) if len(sys.argv) > 2 else 80
han = lambda s: len(re.findall(r"[\u4e00-\u9fff]", s))
for r in csv.DictReader(open("draft6.tsv", encoding="utf-8"), delimiter="\t"):
    if r["pair_id"] not in sys.argv[1].split(","):
        continue
    a0, a1, b0, b1 = (int(r[k]) for k in ("a_start", "a_end", "b_start", "b_end"))
    A, B = T[r["doc_a"]], T[r["doc_b"]]
    f = lambda t, s, e: (t[max(0, s - C):s] + "【" + t[s:e] + "】" + t[e:e + C]).replace("\n", "⏎")
    print(f"== {r['pair_id']} {r['part']} {r['doc_a']}[{a0}:{a1}] ({a1-a0}, han {han(A[a0:a1])}) / {r['doc_b']}[{b0}:{b1}] ({b1-b0}, han {han(B[b0:b1])})  occA={A.count(A[a0:a1])} occB={B.count(B[b0:b1])}")
    print("  A:", f(A, a0, a1)); print("  B:", f(B, b0, b1))
