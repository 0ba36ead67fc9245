"""Text reuse between articles (:func:`textstat_reuse`): one row per aligned passage pair.

Candidates come from MinHash/LSH over sentence passages (:mod:`.candidates`), passages
from a local alignment over character k-grams (:mod:`.align`). Source and echo: the
articles are put in *source order* — by ``published`` (earliest first; articles without
a date after all dated ones), ties by ``doc_id`` — and in each pair the earlier article
is the source. Method, parameters and limits: ``docs/reuse.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from bqw_research import config
from bqw_research.textstat.reuse.align import (
    ContentView,
    align_pair,
    content_view,
    han_count,
    specific_prefix,
    stock_mask,
)
from bqw_research.textstat.reuse.candidates import candidate_pairs
from bqw_research.textstat.reuse.template import block_count, template_passages

__all__ = ["REUSE_COLUMNS", "common_kgrams", "source_order", "textstat_reuse"]

REUSE_COLUMNS = [
    "source_doc",
    "echo_doc",
    "source_start",
    "source_end",
    "echo_start",
    "echo_end",
    "source_text",
    "echo_text",
    "similarity",
    "lag_days",
    "source_published",
    "echo_published",
    "n_chars",
    "copy",
    "template",
]


def source_order(corpus: pd.DataFrame) -> pd.DataFrame:
    """The corpus rows in source order: ``published`` ascending (missing last), then ``doc_id``."""
    published = corpus["published"] if "published" in corpus.columns else None
    keys = pd.DataFrame(
        {
            "missing": published.isna() if published is not None else True,
            "published": published if published is not None else pd.NaT,
            "doc_id": corpus["doc_id"].astype(str),
        },
        index=corpus.index,
    )
    order = keys.sort_values(["missing", "published", "doc_id"], kind="mergesort").index
    return corpus.loc[order].reset_index(drop=True)


def common_kgrams(
    views: list[ContentView],
    *,
    k: int,
    share: float,
    min_docs: int,
    groups: list[str] | None = None,
) -> np.ndarray:
    """Sorted hashes of the k-grams that stand in too many articles to be reuse.

    A k-gram is common when more than ``max(min_docs, share × n)`` of ``n`` articles
    hold it — among all articles, or among the articles of one of ``groups`` (the
    genre: a programme's opening and trailer lines are common among its broadcasts
    even when broadcasts are a minority of the corpus). These are boilerplate
    (programme openings, credit lines) and stock formulae: on their own they are not
    one article's reuse of another.
    """
    per_doc = [v.kgram_index(k).distinct for v in views]
    if not per_doc:
        return np.empty(0, dtype=np.uint64)
    members = [np.arange(len(views))]
    if groups is not None:
        labels = pd.Series(groups, dtype=object).fillna("")
        members += [idx for idx in labels.groupby(labels).indices.values() if len(idx) > min_docs]
    found = []
    for idx in members:
        values, counts = np.unique(np.concatenate([per_doc[i] for i in idx]), return_counts=True)
        found.append(values[counts > max(min_docs, share * len(idx))])
    return np.unique(np.concatenate(found))


def _copy_pairs(corpus: pd.DataFrame) -> set[frozenset[str]]:
    """Article pairs the corpus load flagged as near-duplicates (same root article)."""
    if "near_duplicate_of" not in corpus.columns:
        return set()
    parent = {
        str(d): str(p)
        for d, p in zip(corpus["doc_id"], corpus["near_duplicate_of"], strict=True)
        if isinstance(p, str) and p
    }

    def root(d: str) -> str:
        seen = set()
        while d in parent and d not in seen:
            seen.add(d)
            d = parent[d]
        return d

    groups: dict[str, list[str]] = {}
    for d in parent:
        groups.setdefault(root(d), [root(d)]).append(d)
    return {frozenset((x, y)) for g in groups.values() for x in g for y in g if x != y}


def _earliest_sources(rows: pd.DataFrame, rank: dict[str, int]) -> pd.DataFrame:
    """Drop a row when an earlier source gave the echo the same passage (echo spans overlap ≥ 50 %)."""
    keep = np.ones(len(rows), dtype=bool)
    src = rows["source_doc"].map(rank).to_numpy()
    for _, idx in rows.groupby("echo_doc", sort=False).indices.items():
        s0 = rows["echo_start"].to_numpy()[idx]
        s1 = rows["echo_end"].to_numpy()[idx]
        r = src[idx]
        overlap = np.minimum(s1[:, None], s1[None, :]) - np.maximum(s0[:, None], s0[None, :])
        earlier = r[None, :] < r[:, None]
        covered = (overlap >= 0.5 * (s1 - s0)[:, None]) & earlier
        keep[idx[covered.any(axis=1)]] = False
    return rows[keep]


STOCK_FORMULAE = config.LEXICON_DIR / "reuse" / "stock_formulae.csv"


@lru_cache(maxsize=1)
def stock_formulae() -> tuple[str, ...]:
    """The stock central formulae of ``data/lexicons/reuse/stock_formulae.csv`` (with sources)."""
    table = pd.read_csv(STOCK_FORMULAE, dtype=str, keep_default_na=False)
    if table["source"].eq("").any():
        raise ValueError(f"{STOCK_FORMULAE}: every formula needs a source")
    return tuple(table["formula"])


def _check(corpus: pd.DataFrame, **options: float) -> None:
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(f"textstat_reuse needs a corpus with columns {sorted(missing)}")
    for name, value in options.items():
        if name in ("threshold", "template_share"):
            if not 0 < value <= 1:
                raise ValueError(f"{name} must be in (0, 1], got {value!r}")
        elif value < 1:
            raise ValueError(f"{name} must be at least 1, got {value!r}")


def textstat_reuse(
    corpus: pd.DataFrame,
    *,
    shingle: int = 8,
    min_chars: int = 20,
    threshold: float = 0.8,
    max_gap: int = 10,
    bands: int = 32,
    bucket_cap: int = 8,
    boilerplate_share: float = 0.1,
    boilerplate_min_docs: int = 10,
    include_copies: bool = False,
    earliest_source: bool = True,
    formulae: Iterable[str] | None = None,
    template_share: float | None = 0.5,
) -> pd.DataFrame:
    """Passages shared between articles: one row per aligned passage pair (``REUSE_COLUMNS``).

    ``shingle``: seed length of the alignment (content characters); ``min_chars``: the
    fewest Han characters a passage must share outside common k-grams; ``threshold``:
    the least similarity (share of the two spans covered by shared k-grams);
    ``max_gap``: the most content characters of an edit inside one passage; ``bands`` and
    ``bucket_cap``: LSH banding of the 64-value MinHash signatures and the star size of a
    bucket (:mod:`.candidates`); k-grams in more than ``max(boilerplate_min_docs,
    boilerplate_share × articles)`` articles — of the corpus or of one ``genre`` — are
    common (boilerplate, stock formulae, :func:`common_kgrams`). Characters of
    ``formulae`` (default :func:`stock_formulae`: central formulae repeated everywhere,
    with sources) and of titles inside 《…》 are not counted among the ``min_chars``
    either: by the labelling rule they are not reuse, however long.

    ``template_share``: a passage is grown over the sentences that hold its ends when
    those sentences are one template with refilled slots — their matching blocks cover
    at least this share of them (:func:`.template.template_passages`) — and is then reported
    with ``template = True`` and the blocks' share of the grown spans as its similarity
    (``threshold`` applies to the other passages); ``None``: no templates.

    Spans are character offsets into the corpus's ``text`` (end exclusive); the texts
    are those slices. ``lag_days`` = echo's ``published`` − source's, in days (``NaN``
    when a date is missing). ``copy`` marks pairs the corpus load flagged as
    near-duplicate articles: copies, not reuse, left out unless ``include_copies``. With
    ``earliest_source`` (default) a passage that an echo shares with several earlier
    articles is reported once, from the earliest of them. Rows come sorted by source,
    source span, echo (source order) and echo span: the same corpus gives the same table.
    """
    _check(
        corpus,
        **({} if template_share is None else {"template_share": template_share}),
        shingle=shingle,
        min_chars=min_chars,
        threshold=threshold,
        max_gap=max_gap,
        bands=bands,
        bucket_cap=bucket_cap,
    )
    ordered = source_order(corpus)
    texts = ordered["text"].fillna("").astype(str).tolist()
    ids = ordered["doc_id"].astype(str).tolist()
    published = (
        ordered["published"]
        if "published" in ordered.columns
        else pd.Series(pd.NaT, index=ordered.index)
    )
    views = [content_view(t) for t in texts]
    common = common_kgrams(
        views,
        k=shingle,
        share=boilerplate_share,
        min_docs=boilerplate_min_docs,
        groups=ordered["genre"].tolist() if "genre" in ordered.columns else None,
    )
    stock = [content_view(f).text for f in (stock_formulae() if formulae is None else formulae)]
    stock = [f for f in stock if f]
    copies = _copy_pairs(ordered)
    specific: dict[int, np.ndarray] = {}
    records = []
    pairs = candidate_pairs(views, min_chars=min_chars, bands=bands, bucket_cap=bucket_cap)
    for i, j in pairs.tolist():
        is_copy = frozenset((ids[i], ids[j])) in copies
        if is_copy and not include_copies:
            continue
        if i not in specific:  # pairs come sorted by i: earlier sources are done
            for done in list(specific):
                views[done].release()
                del specific[done]
            specific[i] = specific_prefix(
                views[i], k=shingle, common=common, excluded=stock_mask(texts[i], views[i], stock)
            )
        found = align_pair(
            views[i],
            views[j],
            k=shingle,
            max_gap=max_gap,
            min_chars=min_chars if template_share is None else shingle,
            specific_a=specific[i],
        )
        held = np.zeros(len(found), dtype=bool)
        if template_share is not None and len(found):
            templates, held = template_passages(
                views[i],
                views[j],
                found,
                share=template_share,
                max_gap=max_gap,
                specific_a=specific[i],
                min_specific=min_chars // 2,
            )
            for t in templates:
                if block_count(specific[i], t.blocks) >= min_chars:
                    slots = len(t.blocks) > 1  # refilled slots (or small edits) inside
                    records.append(_record(views, i, j, t[:4], t.similarity, is_copy, slots))
        for row, in_template in zip(found.tolist(), held.tolist(), strict=True):
            a0, a1, b0, b1 = (int(x) for x in row[:4])
            if in_template or a1 - a0 < min_chars or row[4] < threshold or row[5] < min_chars:
                continue
            records.append(_record(views, i, j, (a0, a1, b0, b1), row[4], is_copy, False))
    return _table(records, ids=ids, texts=texts, published=published, earliest=earliest_source)


def _record(
    views: list[ContentView],
    i: int,
    j: int,
    span: tuple[int, int, int, int],
    similarity: float,
    is_copy: bool,
    template: bool,
) -> tuple:
    """A record of :func:`_table` for an aligned passage (content coordinates ``span``)."""
    a0, a1, b0, b1 = (int(x) for x in span)
    s0, s1 = views[i].span(a0, a1)
    e0, e1 = views[j].span(b0, b1)
    n = int(han_count(views[i], a0, a1))
    return (i, j, s0, s1, e0, e1, round(float(similarity), 4), n, is_copy, template)


def _table(
    records: list[tuple],
    *,
    ids: list[str],
    texts: list[str],
    published: pd.Series,
    earliest: bool,
) -> pd.DataFrame:
    """The rows of :func:`textstat_reuse` from ``(i, j, spans…, similarity, n, copy, template)``."""
    raw = pd.DataFrame(
        records,
        columns=["i", "j", "s0", "s1", "e0", "e1", "similarity", "n_chars", "copy", "template"],
    )
    raw = raw.sort_values(["i", "s0", "j", "e0"], kind="mergesort").reset_index(drop=True)
    pub = published.reset_index(drop=True)
    src_pub = pub.iloc[raw["i"]].reset_index(drop=True)
    echo_pub = pub.iloc[raw["j"]].reset_index(drop=True)
    lag = (echo_pub - src_pub).dt.total_seconds() / 86400 if len(raw) else pd.Series(dtype=float)
    out = pd.DataFrame(
        {
            "source_doc": [ids[i] for i in raw["i"]],
            "echo_doc": [ids[j] for j in raw["j"]],
            "source_start": raw["s0"].astype("int64"),
            "source_end": raw["s1"].astype("int64"),
            "echo_start": raw["e0"].astype("int64"),
            "echo_end": raw["e1"].astype("int64"),
            "source_text": [
                texts[i][a:b] for i, a, b in zip(raw["i"], raw["s0"], raw["s1"], strict=True)
            ],
            "echo_text": [
                texts[j][a:b] for j, a, b in zip(raw["j"], raw["e0"], raw["e1"], strict=True)
            ],
            "similarity": raw["similarity"].astype(float),
            "lag_days": pd.to_numeric(lag, errors="coerce").round(3).to_numpy(),
            "source_published": src_pub.to_numpy() if len(raw) else pub.iloc[:0].to_numpy(),
            "echo_published": echo_pub.to_numpy() if len(raw) else pub.iloc[:0].to_numpy(),
            "n_chars": raw["n_chars"].astype("int64"),
            "copy": raw["copy"].astype(bool),
            "template": raw["template"].astype(bool),
        },
        columns=REUSE_COLUMNS,
    )
    if earliest and len(out):
        out = _earliest_sources(out, {d: r for r, d in enumerate(ids)})
    return out.reset_index(drop=True)
