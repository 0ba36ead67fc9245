"""Lexicons and word lists shipped as data files under ``data/lexicons/``, and user words.

Each file names its source (a ``source`` column per entry, or a header
comment), see ``data/lexicons/SOURCES.md``. Files are read once per process.
A researcher's own words (:func:`read_user_words`) are given at call time
(``tokens(…, user_words=…)``, ``bqw ingest --lexicon FILE``), never by
editing these files.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from bqw_research import config


@lru_cache(maxsize=4)
def domain_lexicon(path: Path | None = None) -> pd.DataFrame:
    """The domain lexicon: ``word, pos, category, source`` (one token per entry)."""
    path = Path(path or config.DOMAIN_LEXICON)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"word", "pos", "source"} - set(table.columns)
    if missing:
        raise ValueError(f"{path}: lexicon lacks columns {sorted(missing)}")
    empty = table.index[(table["word"].str.strip() == "") | (table["source"].str.strip() == "")]
    if len(empty):
        raise ValueError(f"{path}: rows {[int(i) + 2 for i in empty]} have no word or no source")
    return table


@lru_cache(maxsize=4)
def stopwords(path: Path | None = None) -> frozenset[str]:
    """The Chinese stopword list (``#`` lines are comments)."""
    path = Path(path or config.STOPWORDS)
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


#: User words as the segmenter takes them: ``(word, POS tag)``, sorted, each word once.
UserWords = tuple[tuple[str, str], ...]
#: The tag of a user word given without one: other proper noun (jieba would say ``x``,
#: its tag for non-words and punctuation).
DEFAULT_USER_TAG = "nz"


def _user_word(word: str, tag: str, *, where: str) -> tuple[str, str]:
    word, tag = word.strip(), (tag or "").strip() or DEFAULT_USER_TAG
    if any(ch.isspace() for ch in word):
        raise ValueError(f"{where}: a user word cannot contain white space: {word!r}")
    return word, tag


def _user_words_file(path: Path) -> list[tuple[str, str]]:
    """``(word, tag)`` from a CSV with a ``word`` column (and ``pos``), or a text file.

    A text file has one word a line in jieba's user-dictionary format
    (``word [frequency] [tag]``; the frequency is not used: every word is kept
    whole as the domain lexicon's are); ``#`` starts a comment line.
    """
    if path.suffix.lower() == ".csv":
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "word" not in table.columns:
            raise ValueError(f"{path}: a user-word CSV needs a 'word' column")
        tags = table["pos"] if "pos" in table.columns else [""] * len(table)
        return [
            _user_word(w, t, where=f"{path}:{i + 2}")
            for i, (w, t) in enumerate(zip(table["word"], tags, strict=True))
            if w.strip()
        ]
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        tag = next((p for p in parts[1:] if not p.isdigit()), "")
        out.append(_user_word(parts[0], tag, where=f"{path}:{number}"))
    return out


def read_user_words(
    words: str | Path | Iterable[str] | Iterable[tuple[str, str]] | None,
) -> UserWords:
    """User words for the segmenter: a list of words, or a file of them (see below).

    ``words`` is ``None`` (none), a path to a file (a CSV with a ``word``
    column and an optional ``pos`` column, like ``data/lexicons/domain_lexicon.csv``;
    or a text file with one ``word [frequency] [tag]`` a line), or a list of
    words (a word may be followed by a space and its POS tag: ``"韶关丹霞 ns"``).
    A word without a tag is tagged :data:`DEFAULT_USER_TAG`. The result is
    sorted with each word once (its first tag kept), so the same words give
    the same segmenter key whatever their order.
    """
    if words is None:
        return ()
    if isinstance(words, (str, Path)):
        path = Path(words).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"user words: {path} is not a file")
        pairs = _user_words_file(path)
    else:
        pairs = []
        for item in words:
            if isinstance(item, (tuple, list)):  # (word, tag), as this function returns them
                word, tag = item
            else:
                word, _, tag = str(item).strip().partition(" ")
            if word:
                pairs.append(_user_word(word, tag, where="user_words"))
    first: dict[str, str] = {}
    for word, tag in pairs:
        first.setdefault(word, tag)
    return tuple(sorted(first.items()))
