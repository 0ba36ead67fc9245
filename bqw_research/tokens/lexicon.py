"""Lexicons and word lists shipped as data files under ``data/lexicons/``.

Each file names its source (a ``source`` column per entry, or a header
comment), see ``data/lexicons/SOURCES.md``. Files are read once per process.
"""

from __future__ import annotations

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
