"""Sentence tables for the speech-act and citation tests: paragraphs of sentences in, acts
and edges out."""

from __future__ import annotations

import pandas as pd

from bqw_research.textstat import rhetoric as rh


def table(*paragraphs: list[str], doc: str = "d") -> pd.DataFrame:
    """A sentence table (``doc_id, para_id, sent_id, text``): one list of sentences per
    paragraph."""
    rows = []
    for p, sentences in enumerate(paragraphs, 1):
        for s, text in enumerate(sentences, 1):
            rows.append((doc, p, s, text))
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "sent_id", "text"])


def acts_of(*paragraphs: list[str]) -> list[tuple[int, int, str, str]]:
    """``(para_id, sent_id, speaker, verb)`` of every speech act, in order."""
    acts = rh.citations(table(*paragraphs))
    return [tuple(r) for r in acts[["para_id", "sent_id", "speaker", "verb"]].values.tolist()]


def speakers_of(*paragraphs: list[str]) -> set[tuple[int, int, str]]:
    """``(para_id, sent_id, speaker)`` of the speech acts."""
    return {(p, s, who) for p, s, who, _ in acts_of(*paragraphs)}


def speakers_in(*sentences: str) -> set[str]:
    """The speakers of the speech acts of one paragraph made of ``sentences``."""
    return {who for _p, _s, who in speakers_of(list(sentences))}


def edges_of(*paragraphs: list[str]) -> set[tuple[str, str]]:
    """``(speaker, cited)`` of every citation edge."""
    edges = rh.citation_chains(table(*paragraphs))
    return set(map(tuple, edges[["speaker", "cited"]].values.tolist()))
