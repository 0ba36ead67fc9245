"""``textstat_boilerplate``: short paragraphs that recur across many documents.

A programme's furniture — 《新闻联播》's opening (男主持人（康辉）：“各位观众晚上好。”,
“今天是…，欢迎收看《新闻联播》节目。”), an outlet's sign-off, a meeting report's
formulaic close (会议还研究了其他事项。) — is the same few lines in every document of its
kind. Left in, it makes topics and key terms of its own (观众, 晚上, 节目, the anchors'
names). A paragraph is *boilerplate* when it is short (at most ``max_chars`` characters
once normalised) and its normalised text occurs in at least ``min_docs`` documents and
at least ``min_share`` of all documents.

Normalisation keeps the wording and drops what changes from one day to the next: text in
brackets of up to 12 characters (an anchor's name), whitespace and emphasis marks, and
numbers and calendar words (12月29号, 星期日, 农历乙巳年八月初九 → 〇月〇号, 星期〇,
农历〇年〇月〇). It is found from the corpus itself, with no list of programmes: a
corpus without a series of like documents has none.

Limits: a short line quoted verbatim in many documents (a slogan standing as its own
paragraph) is boilerplate by this rule too; lines that vary by more than names, numbers
and dates (a different greeting each day) are not found.
"""

from __future__ import annotations

import math
import re

import pandas as pd

__all__ = [
    "BOILERPLATE_COLUMNS",
    "boilerplate_paragraphs",
    "boilerplate_signature",
    "empty_boilerplate",
    "paragraph_texts",
    "textstat_boilerplate",
]

BOILERPLATE_COLUMNS = ["doc_id", "para_id", "text", "signature", "n_docs"]

_NUMERALS = "0-9０-９〇零一二三四五六七八九十百廿卅两"
_BRACKETED = re.compile(r"[（(][^（）()]{0,12}[）)]")
_SPACE = re.compile(r"[\s*_\u3000]")
_STEM_BRANCH = re.compile("[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]")
_WEEKDAY = re.compile("(星期|礼拜|周)[一二三四五六日天]")
_NUMBER = re.compile(f"初?[{_NUMERALS}]+")


def boilerplate_signature(text: str) -> str:
    """``text`` with bracketed names, spaces, numbers and calendar words normalised.

    男主持人（潘涛）：“各位观众晚上好。” → 男主持人：“各位观众晚上好。”;
    今天是12月29号，星期日，农历十一月二十九 → 今天是〇月〇号，星期〇，农历〇月〇.
    """
    text = _BRACKETED.sub("", str(text))
    text = _SPACE.sub("", text)
    text = _STEM_BRANCH.sub("〇", text)
    text = _WEEKDAY.sub(r"\1〇", text)
    return _NUMBER.sub("〇", text)


def paragraph_texts(toks: pd.DataFrame) -> pd.Series:
    """Each paragraph's text, re-joined from all its tokens (punctuation included),
    indexed by ``(doc_id, para_id)``."""
    ordered = toks.sort_values(["doc_id", "para_id", "sent_id", "token_id"], kind="mergesort")
    return ordered.groupby(["doc_id", "para_id"], sort=False)["token"].agg(
        lambda s: "".join(map(str, s))
    )


def empty_boilerplate() -> pd.DataFrame:
    """A boilerplate table without rows (the columns' types as when there are rows)."""
    return pd.DataFrame(
        {
            "doc_id": pd.Series(dtype=object),
            "para_id": pd.Series(dtype="int64"),
            "text": pd.Series(dtype=object),
            "signature": pd.Series(dtype=object),
            "n_docs": pd.Series(dtype="int64"),
        }
    )


#: Defaults of the rule: a line of at most ``MAX_CHARS`` characters, in at least
#: ``MIN_DOCS`` documents and ``MIN_SHARE`` of them.
MIN_DOCS, MIN_SHARE, MAX_CHARS = 5, 0.01, 80


def textstat_boilerplate(
    toks: pd.DataFrame,
    *,
    min_docs: int = MIN_DOCS,
    min_share: float = MIN_SHARE,
    max_chars: int = MAX_CHARS,
) -> pd.DataFrame:
    """The boilerplate paragraphs of a token table: ``doc_id, para_id, text, signature,
    n_docs`` (``n_docs``: documents holding a paragraph with that signature), sorted by
    document and paragraph; empty when there are none (see the module docstring)."""
    if toks.empty:
        return empty_boilerplate()
    return boilerplate_paragraphs(
        paragraph_texts(toks), min_docs=min_docs, min_share=min_share, max_chars=max_chars
    )


def boilerplate_paragraphs(
    texts: pd.Series,
    *,
    min_docs: int = MIN_DOCS,
    min_share: float = MIN_SHARE,
    max_chars: int = MAX_CHARS,
) -> pd.DataFrame:
    """:func:`textstat_boilerplate` of paragraph texts already joined
    (:func:`paragraph_texts`: indexed by ``doc_id, para_id``)."""
    if texts.empty:
        return empty_boilerplate()
    table = texts.rename("text").reset_index()
    table["signature"] = table["text"].map(boilerplate_signature)
    short = table[table["signature"].str.len() <= max_chars]
    n_docs_all = int(table["doc_id"].nunique())
    spread = short.groupby("signature")["doc_id"].nunique().rename("n_docs")
    needed = max(int(min_docs), math.ceil(round(min_share * n_docs_all, 9)))
    common = spread[spread >= needed]
    out = short[short["signature"].isin(common.index)].join(common, on="signature")
    out = out.sort_values(["doc_id", "para_id"], kind="mergesort").reset_index(drop=True)
    out["n_docs"] = out["n_docs"].astype("int64")
    return out[BOILERPLATE_COLUMNS]
