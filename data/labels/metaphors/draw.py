# The draw as run on 2026-12-01 (kept as the record of the seed and order of calls).
# /tmp/mrest/frame.csv was built by reading the corpus-dev sentences (labelled_corpus) of
# articles without near_duplicate_of and under 20,000 characters: per article the number of
# metaphors.csv matches (n_met), of quoted spans (n_quote) and whether a military/sports cue
# occurs (milsport; the regex in README.md).
import random, pandas as pd
f = pd.read_csv("/tmp/mrest/frame.csv", dtype={"doc_id": str}).sort_values("doc_id")
rng = random.Random(20261201)
met_a = f[(f.n_met > 0) & f.milsport].doc_id.tolist()
met_b = f[(f.n_met > 0) & ~f.milsport].doc_id.tolist()
met = rng.sample(met_a, 15) + rng.sample(met_b, 9)
q_pool = [d for d in f[(f.n_quote >= 5) & (f.n_quote <= 35)].doc_id if d not in met]
quo = rng.sample(q_pool, 10)
def split(docs, k):
    docs = list(docs); rng.shuffle(docs)
    return {d: ("untouched" if i < k else "tune") for i, d in enumerate(docs)}
ms = split(met, 8); qs = split(quo, 3)
pd.DataFrame(sorted(ms.items()), columns=["doc_id","part"]).to_csv("/tmp/mrest/met_docs.csv", index=False)
pd.DataFrame(sorted(qs.items()), columns=["doc_id","part"]).to_csv("/tmp/mrest/quo_docs.csv", index=False)
print(len(met_a), len(met_b), len(q_pool))
print(f[f.doc_id.isin(met)].merge(pd.DataFrame(ms.items(), columns=["doc_id","part"])))
print(f[f.doc_id.isin(quo)].merge(pd.DataFrame(qs.items(), columns=["doc_id","part"])))
