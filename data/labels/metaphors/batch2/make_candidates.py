"""Metaphor batch 2 candidates: draw (seed 20261206), split before labelling, and every
leftmost-longest match of every metaphors.csv term in the drawn articles (no not_in/literal_in
filtering), with ~30 characters of context each side. Run by the project, not the labeller."""
import random, re, warnings
warnings.simplefilter("ignore")
import pandas as pd
from bqw_research.evaluation.labels import labelled_corpus
terms = pd.read_csv("data/lexicons/rhetoric/metaphors.csv", dtype=str, keep_default_na=False)["term"].tolist()
terms = sorted(set(terms), key=lambda t: (-len(t), t))
pattern = re.compile("|".join(map(re.escape, terms)))
used = set(pd.read_csv("data/labels/metaphors/metaphors.tsv", sep="\t", dtype=str, quoting=3).doc_id)
tables = labelled_corpus()
corpus, sents = tables["corpus"], tables["sentences"]
dev = corpus[corpus["folder"] == "corpus-dev"] if "folder" in corpus.columns else corpus
col = [c for c in sents.columns if c not in ("doc_id", "para_id", "sent_id")][0]
texts = {}
for d, g in sents.sort_values(["doc_id", "para_id", "sent_id"]).groupby("doc_id"):
    texts[d] = "\n".join(g[col].astype(str))
MIL = re.compile("解放军|部队|演习|舰|导弹|战机|军演|国防|比赛|运动员|冠军|赛事|联赛|奥运|全运会")
frame = []
for r in dev.itertuples():
    d = str(r.doc_id)
    if d in used or d not in texts or isinstance(getattr(r, "near_duplicate_of", None), str):
        continue
    t = texts[d]
    if len(t) >= 20000:
        continue
    n = len(pattern.findall(t))
    if n:
        frame.append((d, n, bool(MIL.search(t))))
frame.sort()
rng = random.Random(20261206)
a = [d for d, n, m in frame if m]; b = [d for d, n, m in frame if not m]
drawn = rng.sample(a, 8) + rng.sample(b, 7)
rng.shuffle(drawn)
part = {d: ("untouched" if i < 5 else "tune") for i, d in enumerate(drawn)}
rows = []
for d in sorted(drawn):
    t = texts[d]; seen = {}
    for m in pattern.finditer(t):
        term = m.group(); seen[term] = seen.get(term, 0) + 1
        ctx = (t[max(0, m.start()-30):m.start()] + "【" + term + "】" + t[m.end():m.end()+30]).replace("\n", " / ")
        rows.append((d, term, seen[term], "", "", part[d], ctx))
out = pd.DataFrame(rows, columns=["doc_id","term","occurrence","label","note","part","context"])
out.to_csv("/work/tmp/s13/met/candidates.tsv", sep="\t", index=False)
print(len(a), len(b), "drawn:", {d: part[d] for d in drawn}); print(out.groupby("part").size())
