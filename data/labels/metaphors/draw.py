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
