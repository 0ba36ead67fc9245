"""Load corpus-dev's text exactly as load_corpus produced it, WITHOUT importing or running
bqw_research: read the package's content-addressed cache (a pandas table pickled with only
numpy/pandas globals + an Arrow column of texts). Checked below against the raw files' sha256
and, in check_walk, against every offset in reuse.tsv."""
import hashlib, pickle
from pathlib import Path
import pyarrow as pa

BUNDLE = Path("/work/main/data/interim/cache/tables/bundles/25daf0032d29c92cfb740738c7d433443a04dd7fe796da381eaf8762d97b9871")


def load():
    ix = pickle.load(open(BUNDLE / "index.pkl", "rb"))
    corpus = ix["corpus"].copy()
    t = pa.ipc.open_file(str(BUNDLE / "text.arrow")).read_all()
    corpus["text"] = t.column("text").to_pylist()
    assert ix["attrs"]["source"] == "/work/shared/corpus-dev"
    return corpus


def check_sha(corpus):
    bad = []
    for paths, sha in zip(corpus["paths"], corpus["sha256"]):
        for p in paths:
            h = hashlib.sha256(Path(p).read_bytes()).hexdigest()
            if h != sha:
                bad.append(p)
    return bad


if __name__ == "__main__":
    c = load()
    print(len(c), "articles;", c["near_duplicate_of"].notna().sum(), "near-duplicates")
    print("files changed since cache:", check_sha(c))
    print("n_chars==len(text):", all(n == len(t) for n, t in zip(c["n_chars"], c["text"])))
