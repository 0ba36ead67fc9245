"""Corpus overview statistics (notebook 01): sizes, cleaning, emphasis."""

from __future__ import annotations

import pandas as pd

from bqw_research.corpus import CLEANING_KINDS


def textstat_overview(
    corpus: pd.DataFrame,
    paragraphs: pd.DataFrame,
    sentences: pd.DataFrame,
    toks: pd.DataFrame,
) -> pd.DataFrame:
    """Per-article size measures, long and tidy: ``group, measure, value``.

    ``group`` is the ``doc_id``; measures are characters, paragraphs,
    sentences, tokens, word types, mean sentence length (characters) and
    tokens per sentence. The corpus total is the group ``"(all)"``.
    """
    sent_len = sentences.assign(n=sentences["text"].str.len())
    per_doc = pd.DataFrame(
        {
            "characters": corpus.set_index("doc_id")["n_chars"],
            "paragraphs": paragraphs.groupby("doc_id").size(),
            "sentences": sentences.groupby("doc_id").size(),
            "tokens": toks.groupby("doc_id").size(),
            "word_types": toks.groupby("doc_id")["token"].nunique(),
            "mean_sentence_chars": sent_len.groupby("doc_id")["n"].mean().round(1),
        }
    ).reindex(corpus["doc_id"])
    per_doc["tokens_per_sentence"] = (per_doc["tokens"] / per_doc["sentences"]).round(1)
    total = pd.Series(
        {
            "characters": corpus["n_chars"].sum(),
            "paragraphs": len(paragraphs),
            "sentences": len(sentences),
            "tokens": len(toks),
            "word_types": toks["token"].nunique(),
            "mean_sentence_chars": round(sent_len["n"].mean(), 1),
            "tokens_per_sentence": round(len(toks) / max(len(sentences), 1), 1),
        },
        name="(all)",
    )
    wide = pd.concat([per_doc, total.to_frame().T])
    wide.index.name = "group"
    long = wide.reset_index().melt(id_vars="group", var_name="measure", value_name="value")
    return long.astype({"value": "float64"})


def textstat_cleaning(report: pd.DataFrame) -> pd.DataFrame:
    """Cleaning report summed by kind over the corpus: ``group, kind, description, n, documents``."""
    if report.empty:
        return pd.DataFrame(columns=["group", "kind", "description", "n", "documents"])
    out = (
        report.groupby("kind")
        .agg(n=("n", "sum"), documents=("doc_id", "nunique"))
        .reset_index()
        .assign(
            group="(all)", description=lambda d: d["kind"].map(CLEANING_KINDS).fillna(d["kind"])
        )
    )
    return out.sort_values(["n", "kind"], ascending=[False, True])[
        ["group", "kind", "description", "n", "documents"]
    ]


def textstat_emphasis(emphasis: pd.DataFrame) -> pd.DataFrame:
    """Emphasis spans per article and kind: ``group, kind, spans, distinct, chars``."""
    if emphasis.empty:
        return pd.DataFrame(columns=["group", "kind", "spans", "distinct", "chars"])
    out = (
        emphasis.assign(chars=emphasis["text"].str.len())
        .groupby(["doc_id", "kind"])
        .agg(spans=("text", "size"), distinct=("text", "nunique"), chars=("chars", "sum"))
        .reset_index()
        .rename(columns={"doc_id": "group"})
    )
    return out.sort_values(["group", "kind"]).reset_index(drop=True)


def textstat_emphasised_terms(
    emphasis: pd.DataFrame, *, kind: str = "key_term", n: int = 20
) -> pd.DataFrame:
    """The most frequent emphasised spans of one kind: ``group, text, n, documents``.

    Quotation marks around a span (``“百千万工程”``) are ignored when counting.
    """
    sel = emphasis[emphasis["kind"] == kind]
    if sel.empty:
        return pd.DataFrame(columns=["group", "text", "n", "documents"])
    terms = sel.assign(text=sel["text"].str.strip("“”‘’\"'「」『』 "))
    out = (
        terms.groupby("text").agg(n=("text", "size"), documents=("doc_id", "nunique")).reset_index()
    )
    out = out.sort_values(["n", "text"], ascending=[False, True]).head(n)
    return out.assign(group=kind)[["group", "text", "n", "documents"]].reset_index(drop=True)
