"""排比 over a corpus: one row per run, and runs per group.

:func:`parallelism_runs` locates every run by its first sentence, paragraph by paragraph;
:func:`textstat_parallelism` summarises them per group for the notebooks and the profile.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

import pandas as pd

from bqw_research.textstat.rhetoric.common import (
    as_sentences,
    attach_group,
    is_corpus,
    n_chars,
)
from bqw_research.textstat.rhetoric.parallelism.search import (
    detect_parallelism,
)

RUN_COLUMNS = ["doc_id", "para_id", "sent_id", "scope", "rule", "n_items", "shared", "items"]

SUMMARY_COLUMNS = [
    "group",
    "n_sentences",
    "n_runs",
    "n_clause_runs",
    "n_sentence_runs",
    "runs_per_100_sentences",
    "share_sentences_with_run",
    "per_10k_chars",
]


def _paragraphs(sents: pd.DataFrame) -> Iterator[tuple[Any, Any, list[Any], list[str]]]:
    """``(doc_id, para_id, sent_ids, texts)`` per paragraph, in ``doc_id, para_id`` order
    with sentences by ``sent_id``: what a group-by gives (rows without a key dropped),
    read from plain lists because a DataFrame per paragraph costs more than the search."""
    keys = ["doc_id", "para_id", "sent_id"]
    sents = sents.dropna(subset=keys[:2]).sort_values(keys, kind="mergesort")
    columns = zip(
        sents["doc_id"].tolist(),
        sents["para_id"].tolist(),
        sents["sent_id"].tolist(),
        sents["text"].astype(str).tolist(),
        strict=True,
    )
    for (doc, para), part in groupby(columns, key=itemgetter(0, 1)):
        rows = list(part)
        yield doc, para, [r[2] for r in rows], [r[3] for r in rows]


def parallelism_runs(x: pd.DataFrame, **options: Any) -> pd.DataFrame:
    """Every run in a corpus or sentence table, located by its first sentence.

    Series over sentences are sought among consecutive sentences of one paragraph
    (ordered by ``sent_id``), as the codebook's sentence groups are. Returns ``doc_id,
    para_id, sent_id, scope, rule, n_items, shared, items`` (``items`` joined by `` | ``).
    """
    sents = as_sentences(x) if is_corpus(x) else x
    rows = []
    for doc, para, ids, texts in _paragraphs(sents):
        for run in detect_parallelism(texts, **options):
            rows.append(
                (
                    doc,
                    para,
                    ids[run.start],
                    run.scope,
                    run.rule,
                    len(run.items),
                    run.shared,
                    " | ".join(run.items),
                )
            )
    return pd.DataFrame(rows, columns=RUN_COLUMNS)


def textstat_parallelism(
    x: pd.DataFrame, *, group: Any = None, runs: pd.DataFrame | None = None, **options: Any
) -> pd.DataFrame:
    """Parallelism per group: runs, runs per 100 sentences, share of sentences starting a run.

    Returns ``group, n_sentences, n_runs, n_clause_runs, n_sentence_runs,
    runs_per_100_sentences, share_sentences_with_run, per_10k_chars``.
    """
    sents = as_sentences(x) if is_corpus(x) else x
    if runs is None:
        runs = parallelism_runs(sents, **options)
    units = attach_group(sents, group)
    keys = ["doc_id", "para_id", "sent_id"]
    flagged = runs.merge(units[[*keys, "group"]], on=keys, how="inner")
    sizes = (
        units.assign(_len=units["text"].astype(str).map(n_chars))
        .groupby("group")
        .agg(n_sentences=("doc_id", "size"), chars=("_len", "sum"))
        .reset_index()
    )
    agg = (
        flagged.assign(
            _c=(flagged["scope"] == "clause").astype(int),
            _s=(flagged["scope"] == "sentence").astype(int),
            _key=flagged["doc_id"].astype(str)
            + ":"
            + flagged["para_id"].astype(str)
            + ":"
            + flagged["sent_id"].astype(str),
        )
        .groupby("group")
        .agg(
            n_runs=("scope", "size"),
            n_clause_runs=("_c", "sum"),
            n_sentence_runs=("_s", "sum"),
            n_flag=("_key", "nunique"),
        )
        .reset_index()
    )
    out = sizes.merge(agg, on="group", how="left").fillna(
        {"n_runs": 0, "n_clause_runs": 0, "n_sentence_runs": 0, "n_flag": 0}
    )
    for c in ("n_runs", "n_clause_runs", "n_sentence_runs", "n_flag"):
        out[c] = out[c].astype("int64")
    out["runs_per_100_sentences"] = 100 * out["n_runs"] / out["n_sentences"]
    out["share_sentences_with_run"] = out["n_flag"] / out["n_sentences"]
    out["per_10k_chars"] = (10_000 * out["n_runs"] / out["chars"].where(out["chars"] > 0)).fillna(
        0.0
    )
    return out[SUMMARY_COLUMNS].sort_values("group", kind="mergesort").reset_index(drop=True)
