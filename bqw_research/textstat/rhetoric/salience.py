"""Salience vs human emphasis: the package's keywords against the reposters' red markup.

Three keyword extractors over *our* token table (so they respect the project's
segmentation and domain lexicon, unlike ``jieba.analyse`` which re-segments the text
with its own dictionary and IDF table):

* ``keyness`` — Dunning G² of each article against all other articles
  (:func:`bqw_research.textstat.textstat_keyness`), positive keywords only;
* ``tfidf`` — term frequency × smoothed inverse document frequency over the corpus:
  ``tf = n / tokens of the article``, ``idf = ln((1 + N) / (1 + df)) + 1``;
* ``textrank`` — PageRank (damping 0.85, power iteration) on the undirected graph of
  tokens co-occurring within ``window`` tokens in a sentence (Mihalcea & Tarau 2004).

Human emphasis is :func:`bqw_research.corpus.corpus_emphasis` rows of kind ``key_term``
(``<font color>``). A keyword is a *hit* when it occurs inside an emphasised span;
``precision_at_k`` = hits among the top ``k`` / ``k``; ``recall`` = emphasised spans
that contain at least one of the top ``k`` keywords / all distinct emphasised spans.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd

KEYWORD_COLUMNS = ["doc_id", "method", "token", "score", "rank"]
SALIENCE_COLUMNS = [
    "doc_id",
    "method",
    "k",
    "n_keywords",
    "n_emphasis",
    "hits",
    "precision_at_k",
    "recall",
    "matched_emphasis",
]


def _content(toks: pd.DataFrame, *, min_chars: int, remove_stopwords: bool) -> pd.DataFrame:
    tok = toks["token"].astype(str)
    keep = tok.str.contains(r"[\u4e00-\u9fffA-Za-z]", regex=True) & (tok.str.len() >= min_chars)
    toks = toks[keep]
    if remove_stopwords:
        try:
            from bqw_research.tokens import stopwords
        except ImportError:  # core not available: no stopword filtering
            return toks
        toks = toks[~toks["token"].astype(str).isin(stopwords())]
    return toks


def _top(scores: dict[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def keywords_tfidf(
    toks: pd.DataFrame, *, n: int = 20, min_chars: int = 2, remove_stopwords: bool = True
) -> pd.DataFrame:
    """Top ``n`` TF-IDF keywords per article: ``doc_id, method, token, score, rank``."""
    toks = _content(toks, min_chars=min_chars, remove_stopwords=remove_stopwords)
    docs = {d: Counter(part["token"].astype(str)) for d, part in toks.groupby("doc_id", sort=True)}
    n_docs = len(docs)
    df: Counter[str] = Counter()
    for c in docs.values():
        df.update(c.keys())
    rows = []
    for d, c in docs.items():
        total = sum(c.values())
        scores = {t: (k / total) * (math.log((1 + n_docs) / (1 + df[t])) + 1) for t, k in c.items()}
        rows += [(d, "tfidf", t, s, r) for r, (t, s) in enumerate(_top(scores, n), 1)]
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


def textrank_scores(
    sequences: Iterable[list[str]],
    *,
    window: int = 5,
    damping: float = 0.85,
    max_iter: int = 200,
    tol: float = 1e-10,
) -> dict[str, float]:
    """PageRank scores of tokens on their co-occurrence graph (weighted by co-occurrences).

    ``sequences`` are token lists (sentences); two tokens are linked when they are at most
    ``window - 1`` positions apart. Deterministic: nodes are sorted, the start vector is
    uniform.
    """
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for seq in sequences:
        for i, a in enumerate(seq):
            for b in seq[i + 1 : i + window]:
                if a != b:
                    key = (a, b) if a < b else (b, a)
                    weights[key] += 1.0
    nodes = sorted({t for pair in weights for t in pair})
    if not nodes:
        return {}
    idx = {t: i for i, t in enumerate(nodes)}
    m = np.zeros((len(nodes), len(nodes)))
    for (a, b), w in weights.items():
        m[idx[a], idx[b]] += w
        m[idx[b], idx[a]] += w
    out_w = m.sum(axis=1)
    trans = m / np.where(out_w > 0, out_w, 1.0)[:, None]
    r = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(max_iter):
        nxt = (1 - damping) / len(nodes) + damping * trans.T @ r
        if np.abs(nxt - r).sum() < tol:
            r = nxt
            break
        r = nxt
    return dict(zip(nodes, r.tolist(), strict=True))


def keywords_textrank(
    toks: pd.DataFrame,
    *,
    n: int = 20,
    window: int = 5,
    min_chars: int = 2,
    remove_stopwords: bool = True,
) -> pd.DataFrame:
    """Top ``n`` TextRank keywords per article: ``doc_id, method, token, score, rank``."""
    toks = _content(toks, min_chars=min_chars, remove_stopwords=remove_stopwords)
    keys = [c for c in ("doc_id", "para_id", "sent_id") if c in toks.columns]
    order = [*keys, "token_id"] if "token_id" in toks.columns else keys
    toks = toks.sort_values(order, kind="mergesort")
    rows = []
    for d, part in toks.groupby("doc_id", sort=True):
        seqs = [
            p["token"].astype(str).tolist()
            for _, p in part.groupby(keys[1:] or ["doc_id"], sort=True)
        ]
        scores = textrank_scores(seqs, window=window)
        rows += [(d, "textrank", t, s, r) for r, (t, s) in enumerate(_top(scores, n), 1)]
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


def keywords_keyness(
    toks: pd.DataFrame, *, n: int = 20, min_chars: int = 2, remove_stopwords: bool = True
) -> pd.DataFrame:
    """Top ``n`` positive-G² keywords of each article against all the others.

    Needs at least two articles; returns an empty table otherwise.
    """
    from bqw_research.textstat.keyness import textstat_keyness

    toks = _content(toks, min_chars=min_chars, remove_stopwords=remove_stopwords)
    if toks["doc_id"].nunique() < 2:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    key = textstat_keyness(
        toks,
        group="doc_id",
        min_count=1,
        remove_stopwords=False,
        remove_punct=False,
        min_chars=1,
        keep_single=(),
    )
    key = key[key["G2"] > 0]
    rows = []
    for d, part in key.groupby("group", sort=True):
        part = part.sort_values(["G2", "token"], ascending=[False, True], kind="mergesort").head(n)
        rows += [
            (d, "keyness", t, s, r)
            for r, (t, s) in enumerate(zip(part["token"], part["G2"], strict=True), 1)
        ]
    return pd.DataFrame(rows, columns=KEYWORD_COLUMNS)


METHODS = {"keyness": keywords_keyness, "tfidf": keywords_tfidf, "textrank": keywords_textrank}


def salience_scores(keywords: pd.DataFrame, emphasis: pd.DataFrame, *, k: int = 10) -> pd.DataFrame:
    """precision@k and recall of ``keywords`` (``doc_id, method, token, rank``) against
    ``emphasis`` (``doc_id, text``; one row per emphasised span).

    Articles without any emphasis are left out (nothing to compare with).
    """
    emph = emphasis.assign(text=emphasis["text"].astype(str).str.strip())
    emph = emph[emph["text"] != ""]
    spans = {d: sorted(set(p["text"])) for d, p in emph.groupby("doc_id", sort=True)}
    rows = []
    for (d, method), part in keywords.groupby(["doc_id", "method"], sort=True):
        if d not in spans:
            continue
        top = part.sort_values("rank", kind="mergesort").head(k)["token"].astype(str).tolist()
        hits = [t for t in top if any(t in s for s in spans[d])]
        matched = [s for s in spans[d] if any(t in s for t in top)]
        rows.append(
            (
                d,
                method,
                k,
                len(top),
                len(spans[d]),
                len(hits),
                len(hits) / k,
                len(matched) / len(spans[d]),
                "；".join(matched),
            )
        )
    return pd.DataFrame(rows, columns=SALIENCE_COLUMNS)


def textstat_salience(
    toks: pd.DataFrame,
    emphasis: pd.DataFrame,
    *,
    k: int = 10,
    methods: Iterable[str] = ("keyness", "tfidf", "textrank"),
    kinds: Iterable[str] = ("key_term",),
) -> pd.DataFrame:
    """Compare keyword extractors with the human emphasis of each article.

    ``emphasis`` is :func:`bqw_research.corpus.corpus_emphasis` output (``doc_id, kind,
    text``); only rows whose ``kind`` is in ``kinds`` count (default the red key terms).
    Returns ``doc_id, method, k, n_keywords, n_emphasis, hits, precision_at_k, recall,
    matched_emphasis`` — one row per article with emphasis × method.
    """
    kinds = set(kinds)
    emph = emphasis[emphasis["kind"].isin(kinds)] if "kind" in emphasis.columns else emphasis
    frames = []
    for m in methods:
        if m not in METHODS:
            raise ValueError(f"unknown method {m!r}; choose from {sorted(METHODS)}")
        frames.append(METHODS[m](toks, n=k))
    kw = pd.concat([f for f in frames if not f.empty], ignore_index=True) if frames else None
    if kw is None or kw.empty:
        return pd.DataFrame(columns=SALIENCE_COLUMNS)
    return salience_scores(kw, emph, k=k)
