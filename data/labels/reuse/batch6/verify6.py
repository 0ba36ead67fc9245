"""Verify reuse_batch6.tsv: header, parse, no tabs/newlines, every a_text/b_text equals the slice
of the loaded text at its offsets, docs exist as files, ids/parts as decided; print counts."""
import csv, re
from collections import Counter
from pathlib import Path
from load import load
c = load(); T = dict(zip(c.doc_id, c.text))
cols = "pair_id doc_a doc_b a_start a_end b_start b_end label part note a_text b_text".split()
lines = open("reuse_batch6.tsv", encoding="utf-8").read().split("\n")
assert lines[-1] == "" and lines[0].split("\t") == cols
rows = list(csv.DictReader(open("reuse_batch6.tsv", encoding="utf-8", newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
assert all(len(r) == 12 and None not in r for r in rows)
for r in rows:
    a0, a1, b0, b1 = (int(r[k]) for k in ("a_start", "a_end", "b_start", "b_end"))
    assert T[r["doc_a"]][a0:a1].replace("\n", "⏎") == r["a_text"], r
    assert T[r["doc_b"]][b0:b1].replace("\n", "⏎") == r["b_text"], r
    for d in (r["doc_a"], r["doc_b"]):
        assert Path(f"/work/shared/corpus-dev/{d}.md").is_file(), d
    n = int(r["pair_id"][1:]); assert 100 <= n <= 115
    assert r["part"] == ("untouched" if n % 2 == 0 else "tune")
    assert r["label"] in ("0", "1") and r["note"]
pairs = {r["pair_id"] for r in rows}; assert pairs == {f"p{n}" for n in range(100, 116)}
old = list(csv.DictReader(open("/work/main/data/labels/reuse/reuse.tsv", encoding="utf-8"), delimiter="\t"))
oldp = {(r["doc_a"], r["doc_b"]) for r in old}
assert not {(r["doc_a"], r["doc_b"]) for r in rows} & oldp
print("OK:", len(rows), "rows,", len(pairs), "pairs; all slices equal the loaded text")
for part in ("tune", "untouched"):
    rs = [r for r in rows if r["part"] == part]
    print(part, "pairs", len({r['pair_id'] for r in rs}), "rows", len(rs), "positives", sum(r["label"] == "1" for r in rs))
for r in rows:
    if r["label"] == "1": print(r["pair_id"], r["a_start"], r["a_end"], r["b_start"], r["b_end"], r["a_text"])
