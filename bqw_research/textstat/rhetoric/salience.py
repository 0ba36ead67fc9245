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
(``<font color>``). A keyword is a *hit* when it equals an emphasised span or one of its
parts (:func:`span_parts`: the span cut at its own separators 、，；： and 和/及/与/并) —
not when it merely occurs inside one, so 发展, 建设, 推进 do not "hit" every long red
phrase (issue 12). ``precision_at_k`` = hits among the top ``k`` / ``k``; ``recall`` =
emphasised spans matched by at least one of the top ``k`` keywords / all distinct
emphasised spans.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import partial

import numpy as np
import pandas as pd

from bqw_research.tokens.lexicon import stopwords
from bqw_research.tokens.ops import per_type

#: Separators inside a red span: punctuation of a list and the conjunctions of a pair.
_PART_SPLIT = re.compile(r"[、，；：,;:/]|和|及|与|并")
#: Marks trimmed from a span and its parts (quotes, brackets, full stops, spaces).
_TRIM = "“”‘’「」『』《》()（）[]【】。！？!?.·-— \t\n"

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


def _content_words(words: pd.Series, *, min_chars: int, remove_stopwords: bool) -> np.ndarray:
    """Which ``words`` are content: a Han or Latin letter, ``min_chars`` long, not a stopword."""
    words = words.astype(str)
    keep = words.str.contains(r"[\u4e00-\u9fffA-Za-z]", regex=True) & (words.str.len() >= min_chars)
    if remove_stopwords:
        keep &= ~words.isin(stopwords())
    return keep.to_numpy(dtype=bool)


def _content(toks: pd.DataFrame, *, min_chars: int, remove_stopwords: bool) -> pd.DataFrame:
    """The rows of ``toks`` whose token is content (:func:`_content_words`)."""
    content = partial(_content_words, min_chars=min_chars, remove_stopwords=remove_stopwords)
    return toks[per_type(toks["token"], content)]


def _top(scores: dict[str, float], n: int) -> list[tuple[str, float]]:
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _top_per_doc(scores: pd.DataFrame, n: int, method: str) -> pd.DataFrame:
    """The ``n`` best ``(doc_id, token, score)`` rows of each document, ranked."""
    if scores.empty:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    top = scores.sort_values(
        ["doc_id", "score", "token"], ascending=[True, False, True], kind="mergesort"
    )
    top = top[top.groupby("doc_id", sort=False).cumcount() < n].copy()
    top["rank"] = top.groupby("doc_id", sort=False).cumcount() + 1
    top["method"] = method
    return top[KEYWORD_COLUMNS].reset_index(drop=True)


def _doc_token_counts(
    toks: pd.DataFrame, *, min_chars: int, remove_stopwords: bool
) -> pd.DataFrame:
    """``doc_id, token, n``: how often each content token (:func:`_content`) occurs in each
    document, counted on integer codes (no per-token strings are copied)."""
    doc_codes, docs = pd.factorize(toks["doc_id"])
    tok_codes, words = pd.factorize(toks["token"])
    words = pd.Series(words)
    keep = _content_words(words, min_chars=min_chars, remove_stopwords=remove_stopwords)
    rows = (doc_codes >= 0) & (tok_codes >= 0)
    rows[rows] = keep[tok_codes[rows]]
    key = doc_codes[rows].astype(np.int64) * len(words) + tok_codes[rows]
    pairs, n = np.unique(key, return_counts=True)
    return pd.DataFrame(
        {
            "doc_id": pd.Series(docs).astype(str).to_numpy()[pairs // len(words)],
            "token": words.astype(str).to_numpy()[pairs % len(words)],
            "n": n,
        }
    )


def keywords_tfidf(
    toks: pd.DataFrame, *, n: int = 20, min_chars: int = 2, remove_stopwords: bool = True
) -> pd.DataFrame:
    """Top ``n`` TF-IDF keywords per article: ``doc_id, method, token, score, rank``."""
    counts = _doc_token_counts(toks, min_chars=min_chars, remove_stopwords=remove_stopwords)
    n_docs = counts["doc_id"].nunique()
    df = counts.groupby("token", sort=False)["doc_id"].transform("size")
    # idf with Python's math.log (one call per distinct document frequency)
    idf = {d: math.log((1 + n_docs) / (1 + d)) + 1 for d in df.unique().tolist()}
    total = counts.groupby("doc_id", sort=False)["n"].transform("sum")
    tf = counts["n"].to_numpy(dtype=float) / total.to_numpy(dtype=float)
    counts["score"] = tf * df.map(idf).to_numpy(dtype=float)
    return _top_per_doc(counts, n, "tfidf")


def textrank_scores(
    sequences: Iterable[list[str]],
    *,
    window: int = 5,
    damping: float = 0.85,
    max_iter: int = 200,
    tol: float = 1e-10,
) -> dict[str, float]:
    """PageRank scores of tokens on their co-occurrence graph (weighted by co-occurrences).

    ``sequences`` are token lists (sentences); two different tokens are linked when
    they are at most ``window - 1`` positions apart, the weight counting how often.
    Power iteration from a uniform start until the L1 change is below ``tol``. The
    graph is kept as an edge list (memory linear in the text, however many distinct
    tokens a document has).
    """
    seqs = [list(s) for s in sequences]
    words = [w for s in seqs for w in s]
    if not words:
        return {}
    nodes_all, ids = np.unique(np.asarray(words, dtype=object), return_inverse=True)
    sent = np.repeat(np.arange(len(seqs)), [len(s) for s in seqs])
    src, dst = [], []
    for off in range(1, window):
        a, b = ids[:-off], ids[off:]
        ok = (sent[:-off] == sent[off:]) & (a != b)
        src.append(np.minimum(a[ok], b[ok]))
        dst.append(np.maximum(a[ok], b[ok]))
    lo, hi = np.concatenate(src), np.concatenate(dst)
    if not len(lo):
        return {}
    pairs, weight = np.unique(lo * len(nodes_all) + hi, return_counts=True)
    lo, hi = pairs // len(nodes_all), pairs % len(nodes_all)
    used, edges = np.unique(np.concatenate([lo, hi]), return_inverse=True)
    lo, hi = edges[: len(lo)], edges[len(lo) :]
    n = len(used)
    w = weight.astype(float)
    frm, to = np.concatenate([lo, hi]), np.concatenate([hi, lo])
    ww = np.concatenate([w, w])
    out_w = np.bincount(frm, weights=ww, minlength=n)
    share = ww / out_w[frm]
    r = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = (1 - damping) / n + damping * np.bincount(to, weights=share * r[frm], minlength=n)
        if np.abs(nxt - r).sum() < tol:
            r = nxt
            break
        r = nxt
    return dict(zip(nodes_all[used].tolist(), r.tolist(), strict=True))


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

    G² as :func:`bqw_research.textstat.keyness.textstat_keyness` computes it, for
    every (article, token) pair at once. Needs at least two articles; returns an
    empty table otherwise.
    """
    from bqw_research.textstat.keyness import g2_statistic

    counts = _doc_token_counts(toks, min_chars=min_chars, remove_stopwords=remove_stopwords)
    if counts["doc_id"].nunique() < 2:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    a = counts["n"].to_numpy(dtype=float)
    b = counts.groupby("token", sort=False)["n"].transform("sum").to_numpy(dtype=float) - a
    nt = counts.groupby("doc_id", sort=False)["n"].transform("sum").to_numpy(dtype=float)
    nr = float(counts["n"].sum()) - nt
    g2 = g2_statistic(a, b, nt, nr)
    positive = ~(a / nt < b / nr) & (g2 > 0)
    scores = counts.loc[positive, ["doc_id", "token"]].assign(score=g2[positive])
    return _top_per_doc(scores, n, "keyness")


METHODS = {"keyness": keywords_keyness, "tfidf": keywords_tfidf, "textrank": keywords_textrank}


def span_parts(span: str) -> frozenset[str]:
    """The exact strings a keyword must equal to hit a red ``span``: the whole span and
    its pieces cut at 、，；：,;:/ and 和/及/与/并, each with quotes, brackets and
    punctuation trimmed (empty pieces dropped)."""
    whole = span.strip(_TRIM)
    pieces = {p.strip(_TRIM) for p in _PART_SPLIT.split(whole)}
    return frozenset(p for p in {whole, *pieces} if p)


def salience_scores(keywords: pd.DataFrame, emphasis: pd.DataFrame, *, k: int = 10) -> pd.DataFrame:
    """precision@k and recall of ``keywords`` (``doc_id, method, token, rank``) against
    ``emphasis`` (``doc_id, text``; one row per emphasised span). A keyword hits a span
    when it equals the span or one of its :func:`span_parts`.

    Articles without any emphasis are left out (nothing to compare with).
    """
    emph = emphasis.assign(text=emphasis["text"].astype(str).str.strip())
    emph = emph[emph["text"] != ""]
    spans = {d: sorted(set(p["text"])) for d, p in emph.groupby("doc_id", sort=True)}
    parts = {s: span_parts(s) for texts in spans.values() for s in texts}
    rows = []
    for (d, method), part in keywords.groupby(["doc_id", "method"], sort=True):
        if d not in spans:
            continue
        top = part.sort_values("rank", kind="mergesort").head(k)["token"].astype(str).tolist()
        hits = [t for t in top if any(t in parts[s] for s in spans[d])]
        matched = [s for s in spans[d] if any(t in parts[s] for t in top)]
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
    shown = set(emph["doc_id"].astype(str))
    for m in methods:
        if m not in METHODS:
            raise ValueError(f"unknown method {m!r}; choose from {sorted(METHODS)}")
        # TextRank is per article: only the articles with emphasis are compared
        part = toks[toks["doc_id"].astype(str).isin(shown)] if m == "textrank" else toks
        frames.append(METHODS[m](part, n=k))
    kw = pd.concat([f for f in frames if not f.empty], ignore_index=True) if frames else None
    if kw is None or kw.empty:
        return pd.DataFrame(columns=SALIENCE_COLUMNS)
    return salience_scores(kw, emph, k=k)
