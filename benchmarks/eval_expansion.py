"""How well dictionary expansion recovers held-out seed terms (a reviewing aid, not a measure).

For each of the nine theme categories (``data/lexicons/themes.csv``), the category's terms that
have a vector are split in two halves (alternating in code-point order); each half in turn is
held out, the category keeps the other half (every other category keeps all its terms), and
``textstat_expand_dictionary`` proposes ``N`` candidates. ``recall@N`` is the share of held-out
terms among them, for candidates seen at least ``min_count`` times (1, the default 20, and 50).
Beside it a baseline that knows nothing of meaning: the ``N`` most frequent
words of the corpus that the reduced dictionary does not contain.

Held-out terms are words the editors chose; a candidate that is not one of them may still be a
good term (or a bad one) — read the candidates, as the notebook asks the researcher to.

    .venv/bin/python benchmarks/eval_expansion.py [CORPUS] [--n 20] [--seed 42] [--min-count 20]

CORPUS defaults to ``../shared/corpus-dev``. The vectors are cached as usual
(``$BQW_CACHE_DIR``), so a second run only evaluates. Prints, never asserts.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

import pandas as pd

from bqw_research import config, load_corpus, tokens
from bqw_research.textstat import dictionary, textstat_embeddings, textstat_expand_dictionary
from bqw_research.textstat.dictionary import compile_dictionary


def halves(terms: list[str]) -> list[list[str]]:
    """Two held-out halves of ``terms`` (sorted, alternating)."""
    ordered = sorted(terms)
    return [ordered[0::2], ordered[1::2]]


def frequency_baseline(model, kept: pd.DataFrame, n: int) -> list[str]:
    """The ``n`` most frequent vocabulary words no category of ``kept`` matches."""
    categories = compile_dictionary(kept)
    free = [w for w in model.vocabulary if not any(c.token_matches(w) for c in categories)]
    return free[:n]


def evaluate(model, themes: pd.DataFrame, *, n: int, min_count: int) -> pd.DataFrame:
    rows = []
    vocab = set(model.vocabulary)
    for category in themes["category"].unique():
        own = themes[(themes["category"] == category) & (themes["term"].isin(vocab))]
        for fold, held in enumerate(halves(own["term"].tolist()), start=1):
            kept = themes[~((themes["category"] == category) & themes["term"].isin(held))]
            cand = textstat_expand_dictionary(
                model, kept, n=n, min_similarity=-1.0, min_count=min_count
            )
            found = set(cand.loc[cand["category"] == category, "candidate"])
            base = set(frequency_baseline(model, kept, n))
            rows.append(
                {
                    "category": category,
                    "fold": fold,
                    "seeds": len(own) - len(held),
                    "held_out": len(held),
                    "found": len(found & set(held)),
                    "baseline_found": len(base & set(held)),
                    "found_terms": " ".join(sorted(found & set(held))),
                }
            )
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(config.SHARED_CORPUS_DEV))
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--min-count", type=int, default=20, help="candidates' fewest occurrences")
    args = parser.parse_args()
    if not Path(args.corpus).exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(args.corpus)
    toks = tokens(corpus)
    started = time.perf_counter()
    model = textstat_embeddings(toks, seed=args.seed)
    print(
        f"corpus {args.corpus}: {len(corpus)} articles, {model.n_tokens:,} counted tokens, "
        f"{len(model.vocabulary):,} words with a vector ({time.perf_counter() - started:.0f} s)"
    )
    if model.note:
        print(f"note: {model.note}")
    themes = dictionary("themes")
    for min_count in sorted({1, args.min_count, 50}):
        table = evaluate(model, themes, n=args.n, min_count=min_count)
        held, found = table["held_out"].sum(), table["found"].sum()
        base = table["baseline_found"].sum()
        print(
            f"min_count {min_count:>2}: {found} of {held} held-out terms recovered, "
            f"recall@{args.n} = {found / held:.2f} (frequency baseline {base / held:.2f})"
        )
        if min_count == args.min_count:
            chosen = table
    per = chosen.groupby("category", sort=False)[["seeds", "held_out", "found", "baseline_found"]]
    per = per.sum()
    per[f"recall@{args.n}"] = (per["found"] / per["held_out"]).round(2)
    per[f"baseline@{args.n}"] = (per["baseline_found"] / per["held_out"]).round(2)
    print(f"per category (min_count {args.min_count}; seeds and held-out summed over both halves):")
    print(per.to_string())


if __name__ == "__main__":
    main()
