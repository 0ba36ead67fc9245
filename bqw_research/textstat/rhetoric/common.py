"""Shared helpers of the rhetoric measures: lexicon loading, text units, grouping."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from bqw_research import config

#: Folder of the rhetoric lexicons (each CSV has a ``source`` column).
RHETORIC_LEXICON_DIR = config.LEXICON_DIR / "rhetoric"

KEY_COLUMNS = ("doc_id", "para_id", "sent_id")
META_COLUMNS = ("title", "outlet", "author", "genre", "published", "tags")
ALL = "all"

CJK = "\u4e00-\u9fff"
_CJK_RE = re.compile(f"[{CJK}]")
#: A span in paired Chinese quotation marks (“…”, 「…」, ‘…’, 『…』); one group per pair
#: holds the quoted text.
QUOTE_RE = re.compile(
    r"“([^“”]{1,200})”|「([^「」]{1,200})」|‘([^‘’]{1,200})’|『([^『』]{1,200})』"
)
_WS_RE = re.compile(r"\s+")


# --------------------------------------------------------------------------- lexicons


@lru_cache(maxsize=32)
def _read_lexicon(path: str, mtime: float) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if "source" not in df.columns:
        raise ValueError(f"{path}: lexicon without a 'source' column")
    return df


def read_lexicon(name: str | Path) -> pd.DataFrame:
    """Read ``data/lexicons/rhetoric/<name>.csv`` (or a CSV path) as strings.

    The table is cached by path and modification time; a copy is returned.
    """
    path = Path(name)
    if path.suffix != ".csv":
        path = RHETORIC_LEXICON_DIR / f"{name}.csv"
    if not path.is_file():
        raise FileNotFoundError(f"rhetoric lexicon not found: {path}")
    return _read_lexicon(str(path), path.stat().st_mtime).copy()


@lru_cache(maxsize=1)
def jieba_dictionary() -> dict[str, str]:
    """Word → part-of-speech tag of jieba's own ``dict.txt`` (read once)."""
    import jieba

    out: dict[str, str] = {}
    with Path(jieba.__file__).with_name("dict.txt").open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                out[parts[0]] = parts[2]
    return out


def split_pipe(value: str) -> tuple[str, ...]:
    """``"a|b|"`` → ``("a", "b")``."""
    return tuple(v.strip() for v in str(value).split("|") if v.strip())


# ------------------------------------------------------------------------- text units


def n_chars(text: str) -> int:
    """Characters of ``text`` not counting whitespace."""
    return len(_WS_RE.sub("", text))


def n_cjk(text: str) -> int:
    """Number of CJK ideographs in ``text``."""
    return len(_CJK_RE.findall(text))


def _corpus_meta(corpus: pd.DataFrame) -> pd.DataFrame:
    cols = ["doc_id", *[c for c in META_COLUMNS if c in corpus.columns]]
    return corpus[cols].drop_duplicates("doc_id")


def is_corpus(x: pd.DataFrame) -> bool:
    """A corpus table (one row per article) rather than paragraphs/sentences/tokens."""
    return "doc_id" in x.columns and "text" in x.columns and "para_id" not in x.columns


def as_sentences(x: pd.DataFrame) -> pd.DataFrame:
    """Sentence table ``doc_id, para_id, sent_id, text`` (+ article metadata) from ``x``.

    ``x`` may be a sentence table (returned as is), a paragraph table or a corpus; the
    last two are split with the core's :func:`bqw_research.corpus.corpus_sentences`.
    Article metadata (title, outlet, genre, published, …) of a corpus is merged on, so
    that ``group="outlet"`` works on the result.
    """
    if "sent_id" in x.columns and "text" in x.columns:
        return x.reset_index(drop=True)
    from bqw_research.corpus import corpus_paragraphs, corpus_sentences  # core, lazily

    if "para_id" in x.columns:
        return corpus_sentences(x).reset_index(drop=True)
    if not is_corpus(x):
        raise KeyError("expected a corpus, paragraph or sentence table with a 'text' column")
    sents = corpus_sentences(corpus_paragraphs(x))
    meta = _corpus_meta(x)
    sents = sents.drop(columns=[c for c in meta.columns if c != "doc_id"], errors="ignore")
    return sents.merge(meta, on="doc_id", how="left", sort=False).reset_index(drop=True)


def as_paragraphs(x: pd.DataFrame) -> pd.DataFrame:
    """Paragraph table (``doc_id, para_id, text``…) from a corpus, or ``x`` itself."""
    if "para_id" in x.columns and "text" in x.columns:
        return x.reset_index(drop=True)
    from bqw_research.corpus import corpus_paragraphs  # core, lazily

    paras = corpus_paragraphs(x)
    meta = _corpus_meta(x)
    paras = paras.drop(columns=[c for c in meta.columns if c != "doc_id"], errors="ignore")
    return paras.merge(meta, on="doc_id", how="left", sort=False).reset_index(drop=True)


# --------------------------------------------------------------------------- grouping


def attach_group(df: pd.DataFrame, group: Any) -> pd.DataFrame:
    """Return ``df`` with a string ``group`` column; rows without a group are dropped.

    ``group`` follows :func:`bqw_research.textstat.attach_group`: ``None`` → ``"all"``;
    a column name; a mapping/Series ``doc_id → group``; or a DataFrame with key columns
    (``doc_id``/``para_id``/``sent_id``) and a ``group`` column (a unit mapped to several
    groups counts in each).
    """
    from bqw_research.textstat.groups import attach_group as _attach

    if isinstance(group, str) and group not in df.columns:
        raise KeyError(
            f"group column {group!r} not in columns {list(df.columns)}; pass the corpus "
            "(its metadata is merged on) or a doc_id → group mapping"
        )
    return _attach(df, group)


def unit_chars(units: pd.DataFrame) -> pd.Series:
    """Chinese (Han) characters of each unit — the denominator of every rate.

    Punctuation, digits, Latin letters and whitespace are left out: their share differs by
    genre (a news transcript's digits, an exam paper's formulae), so counting them would
    move rates by up to ~11 % for reasons that have nothing to do with the measure.
    """
    return units["text"].astype(str).str.count(_CJK_RE.pattern)


def group_sizes(units: pd.DataFrame) -> pd.DataFrame:
    """Per group: ``n_docs``, ``n_units`` and ``n_chars`` (Han characters, see :func:`unit_chars`)."""
    lengths = unit_chars(units)
    return (
        units.assign(_len=lengths)
        .groupby("group", sort=True)
        .agg(n_docs=("doc_id", "nunique"), n_units=("doc_id", "size"), n_chars=("_len", "sum"))
        .reset_index()
    )


def per_10k(n: Any, chars: Any) -> Any:
    """Rate per 10 000 Han characters (0 where there are none); ``chars`` from :func:`unit_chars`."""
    import numpy as np

    n = np.asarray(n, dtype=float)
    chars = np.asarray(chars, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(chars > 0, n * 10_000.0 / np.where(chars > 0, chars, 1.0), 0.0)
    return out


# ------------------------------------------------------------------ lexicon matching


def compile_terms(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation, longest term first (so 攻坚战 wins over 攻坚 at a position)."""
    uniq = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    if not uniq:
        return None
    return re.compile("|".join(re.escape(t) for t in uniq))


def find_terms(
    text: str,
    pattern: re.Pattern[str] | None,
    exclusions: Mapping[str, tuple[str, ...]] | None = None,
) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, term)`` matches of ``pattern`` in ``text``.

    ``exclusions`` maps a term to words that contain it but are *not* it (e.g. 要 → 重要):
    a match lying inside an occurrence of such a word is dropped.
    """
    if pattern is None or not text:
        return []
    out = []
    for m in pattern.finditer(text):
        term = m.group(0)
        if not inside_word(text, m.start(), term, (exclusions or {}).get(term, ())):
            out.append((m.start(), m.end(), term))
    return out


def inside_word(text: str, start: int, term: str, words: Iterable[str]) -> bool:
    """Whether the ``term`` found at ``start`` of ``text`` lies inside an occurrence of a ``words`` item.

    The exclusion rule of the lexicons' ``not_in`` column (创新 inside 增创新优势 is not
    创新); a word equal to ``term`` excludes every occurrence of it.
    """
    for word in words:
        k = word.find(term)
        while k >= 0:
            s = start - k
            if s >= 0 and text.startswith(word, s):
                return True
            k = word.find(term, k + 1)
    return False
