"""``textstat_expand_dictionary``: candidate terms for each category of a dictionary, ranked.

A category's **seeds** are the words of the vocabulary that the category matches (its
words, and what its wildcards and regular expressions match; exclusions left out). Every
other word of the vocabulary is scored by its mean cosine similarity to the seeds — words
that sit among all the seeds rank above words close to one of them. Words any category of
the dictionary already matches, and the category's own exclusions, are never candidates.
The result is a list for the researcher to read and accept or reject, not a measure:
:func:`accept_candidates` adds the accepted rows to the dictionary, and
:func:`~bqw_research.textstat.dictionary.write_dictionary` writes it as YAML or CSV.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textstat.dictionary import Category, compile_dictionary, dictionary
from bqw_research.textstat.embeddings.train import keyed_vectors

__all__ = [
    "ACCEPTED_SOURCE",
    "EXPANSION_COLUMNS",
    "accept_candidates",
    "textstat_expand_dictionary",
]

EXPANSION_COLUMNS = [
    "category",
    "label",
    "candidate",
    "score",
    "seeds_near",
    "n_seeds",
    "n_corpus",
    "rank",
]
#: ``source`` of terms added by :func:`accept_candidates`.
ACCEPTED_SOURCE = "accepted from word-embedding candidates (textstat_expand_dictionary)"


def _unit_vectors(wv: Any) -> np.ndarray:
    vectors = np.asarray(wv.vectors, dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def _seed_mask(category: Category, words: list[str]) -> np.ndarray:
    return np.fromiter((category.token_matches(w) for w in words), dtype=bool, count=len(words))


def _category_rows(
    category: Category,
    *,
    words: list[str],
    unit: np.ndarray,
    known: np.ndarray,
    n_corpus: pd.Series | None,
    n: int,
    min_similarity: float,
    frequent: np.ndarray,
) -> list[dict[str, Any]]:
    seeds = _seed_mask(category, words)
    if not seeds.any():
        return []
    sims = unit @ unit[seeds].T  # words × seeds
    score = sims.mean(axis=1)
    excluded = np.fromiter((category.excludes(w) for w in words), dtype=bool, count=len(words))
    ok = ~known & ~excluded & frequent & (score >= min_similarity)
    picked = sorted(np.flatnonzero(ok), key=lambda i: (-round(float(score[i]), 6), words[i]))
    seed_words = np.array(words, dtype=object)[seeds]
    rows = []
    for rank, i in enumerate(picked[:n], start=1):
        nearest = np.argsort(-sims[i], kind="mergesort")[:3]
        rows.append(
            {
                "category": category.name,
                "label": category.label,
                "candidate": words[i],
                "score": round(float(score[i]), 6),
                "seeds_near": "|".join(seed_words[nearest]),
                "n_seeds": int(seeds.sum()),
                "n_corpus": int(n_corpus.get(words[i], 0)) if n_corpus is not None else pd.NA,
                "rank": rank,
            }
        )
    return rows


def textstat_expand_dictionary(
    model: Any, dic: Any, *, n: int = 20, min_similarity: float = 0.3, min_count: int = 20
) -> pd.DataFrame:
    """Candidate terms for each category of ``dic``, ranked by mean cosine to its seed terms.

    Parameters
    ----------
    model
        What :func:`~bqw_research.textstat.embeddings.textstat_embeddings` returns (or gensim
        ``Word2Vec`` / ``KeyedVectors``; then ``n_corpus`` is missing).
    dic
        Anything :func:`~bqw_research.textstat.dictionary` reads (``"themes"``, a YAML/CSV
        path, a mapping, a table).
    n
        Candidates kept per category.
    min_similarity
        Leave out candidates whose mean cosine to the seeds is below this.
    min_count
        Leave out candidates seen fewer times in the corpus: the vector of a rare word rests
        on a few contexts and lands near the seeds by chance (on ``../shared/corpus-dev``,
        20 triples how many held-out theme terms come back, see ``docs/dictionaries.md``).
        Ignored for a model without counts (gensim's own).

    Returns
    -------
    ``category, label, candidate, score, seeds_near, n_seeds, n_corpus, rank``: one row per
    candidate and category, categories in the dictionary's order, best first. ``score`` is
    the mean cosine similarity to the category's seeds, ``seeds_near`` the (up to) three
    seeds nearest to the candidate (``|``-separated), ``n_seeds`` the category's seeds with
    a vector, ``n_corpus`` the candidate's count in the corpus. A category none of whose
    terms has a vector has no rows. Terms any category already matches are never proposed.
    """
    wv = keyed_vectors(model)
    categories = compile_dictionary(dictionary(dic), whole_word=True)
    words = list(wv.index_to_key)
    if not words:
        return pd.DataFrame(columns=EXPANSION_COLUMNS)
    unit = _unit_vectors(wv)
    known = np.zeros(len(words), dtype=bool)
    for category in categories:
        known |= _seed_mask(category, words)
    n_corpus = getattr(model, "n_corpus", None)
    frequent = (
        np.ones(len(words), dtype=bool)
        if n_corpus is None
        else n_corpus.reindex(words).fillna(0).to_numpy() >= min_count
    )
    rows = [
        row
        for category in categories
        for row in _category_rows(
            category,
            words=words,
            unit=unit,
            known=known,
            n_corpus=n_corpus,
            n=n,
            min_similarity=min_similarity,
            frequent=frequent,
        )
    ]
    return pd.DataFrame(rows, columns=EXPANSION_COLUMNS)


def accept_candidates(
    dic: Any, accepted: pd.DataFrame, *, source: str = ACCEPTED_SOURCE
) -> pd.DataFrame:
    """The dictionary ``dic`` with the ``accepted`` candidates added as word terms.

    ``accepted`` has ``category`` and ``candidate`` columns (rows of
    :func:`textstat_expand_dictionary` the researcher kept; an ``accept`` column, when
    present, keeps only its true rows). Each added term takes the category's label and
    ``source``. Returns the validated dictionary table; write it with
    :func:`~bqw_research.textstat.dictionary.write_dictionary`.
    """
    base = dictionary(dic)
    if "accept" in accepted.columns:
        accepted = accepted[accepted["accept"].astype(bool)]
    missing = {"category", "candidate"} - set(accepted.columns)
    if missing:
        raise ValueError(f"accepted candidates need the columns {sorted(missing)}")
    unknown = sorted(set(accepted["category"].astype(str)) - set(base["category"]))
    if unknown:
        raise ValueError(f"accepted candidates name categories not in the dictionary: {unknown}")
    labels = base.drop_duplicates("category").set_index("category")["label"]
    added = pd.DataFrame(
        {
            "category": accepted["category"].astype(str),
            "label": accepted["category"].astype(str).map(labels),
            "term": accepted["candidate"].astype(str),
            "kind": "word",
            "exclude": False,
            "not_in": "",
            "source": source,
        }
    )
    merged = pd.concat([base, added], ignore_index=True)
    order = {c: i for i, c in enumerate(base["category"].unique())}
    merged = merged.sort_values("category", key=lambda s: s.map(order), kind="mergesort")
    return dictionary(merged.reset_index(drop=True))
