"""``dictionary``: a user's dictionary (YAML, CSV, a mapping or a table) → one validated table.

A dictionary maps categories to terms (quanteda's ``dictionary()``). A term is

* a word: ``产业`` — matched as a whole token, or a whole word of the text;
* a wildcard: ``产业*`` (prefix), ``*产业`` (suffix), ``*产业*`` — ``*`` is any run of
  characters inside one word;
* a regular expression: ``re:产业(链|集群)`` — must match a whole token (or whole words of
  the text);
* an exclusion, any of the above after ``!``: ``!产业化`` — what it matches is never
  counted for the category (also the ``exclude`` key of YAML, the ``exclude`` column of CSV).

The per-term ``not_in`` column (``|``-separated longer words that contain the term but
are not it, as in ``data/lexicons/themes.csv``) is kept.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from bqw_research import config

__all__ = ["DICTIONARIES", "DICTIONARY_COLUMNS", "dictionary"]

#: The validated dictionary table: one row per term.
DICTIONARY_COLUMNS = ["category", "label", "term", "kind", "exclude", "not_in", "source"]
#: Shipped dictionaries, by name (the nine themes of the regional comparison).
DICTIONARIES: dict[str, Path] = {"themes": config.LEXICON_DIR / "themes.csv"}
#: Column names of themes.csv read as the dictionary's own.
_ALIASES = {"theme": "category", "theme_zh": "label"}
_TRUE = {"1", "true", "yes", "y", "x"}
REGEX_PREFIX = "re:"


def dictionary(source: Any) -> pd.DataFrame:
    """Load and check a dictionary: returns ``category, label, term, kind, exclude, not_in, source``.

    ``source`` is a shipped name (``"themes"``), a path to ``.yaml``/``.yml``/``.csv``, a
    mapping ``category → [terms]`` (or ``category → {terms, exclude, label, source}``),
    or a table with ``category``/``term`` columns (or a table this function returned).
    ``kind`` is ``word``, ``wildcard`` or ``regex``; ``exclude`` is true for exclusions.
    Every fault (an empty term, a bad regular expression, a category without terms, an
    unknown file type) is a ``ValueError`` naming the category and term, or the file.
    """
    if isinstance(source, pd.DataFrame):
        return _from_table(source, origin="table")
    if isinstance(source, Mapping):
        return _from_mapping(source, origin="mapping")
    if isinstance(source, str | os.PathLike):
        path = _resolve(source)
        return _read_file(str(path), path.stat().st_mtime).copy()
    raise TypeError(
        "dictionary must be a shipped name, a YAML/CSV path, a mapping or a DataFrame; "
        f"got {type(source).__name__}"
    )


def _resolve(source: str | os.PathLike[str]) -> Path:
    if isinstance(source, str) and source in DICTIONARIES:
        return DICTIONARIES[source]
    path = Path(source)
    if not path.is_file():
        raise FileNotFoundError(
            f"dictionary not found: {path} (shipped dictionaries: {', '.join(DICTIONARIES)})"
        )
    return path


@lru_cache(maxsize=16)
def _read_file(path: str, mtime: float) -> pd.DataFrame:
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise ValueError(f"{path}: not a readable UTF-8 CSV dictionary ({exc})") from exc
        return _from_table(table, origin=path)
    if suffix in {".yaml", ".yml"}:
        import yaml

        try:
            with open(path, encoding="utf-8") as fh:
                data = yaml.safe_load(fh)
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ValueError(f"{path}: not a readable UTF-8 YAML dictionary ({exc})") from exc
        if not isinstance(data, Mapping):
            raise ValueError(f"{path}: a YAML dictionary must map categories to terms")
        return _from_mapping(data, origin=path)
    raise ValueError(f"{path}: dictionaries are .yaml, .yml or .csv files")


def _from_mapping(data: Mapping[Any, Any], *, origin: str) -> pd.DataFrame:
    rows = []
    for category, value in data.items():
        spec = value if isinstance(value, Mapping) else {"terms": value}
        unknown = set(spec) - {"terms", "exclude", "label", "source"}
        if unknown:
            raise ValueError(f"{origin}: category {category!r} has unknown keys {sorted(unknown)}")
        for key, negate in (("terms", False), ("exclude", True)):
            terms = spec.get(key) or []
            if isinstance(terms, str) or not isinstance(terms, list):
                raise ValueError(f"{origin}: category {category!r}: {key!r} must be a list")
            for term in terms:
                rows.append(
                    {
                        "category": category,
                        "label": spec.get("label", ""),
                        "term": f"!{term}" if negate else term,
                        "source": spec.get("source", ""),
                    }
                )
    return _from_table(
        pd.DataFrame(rows, columns=["category", "label", "term", "source"]), origin=origin
    )


def _from_table(table: pd.DataFrame, *, origin: str) -> pd.DataFrame:
    table = table.rename(columns={k: v for k, v in _ALIASES.items() if v not in table.columns})
    missing = {"category", "term"} - set(table.columns)
    if missing:
        raise ValueError(f"{origin}: dictionary needs columns {sorted(missing)}")
    rows = []
    for rec in table.to_dict("records"):
        category = _text(rec["category"])
        if not category:
            raise ValueError(f"{origin}: a term ({rec['term']!r}) without a category")
        kind, term, negate = _parse_term(
            rec["term"], category=category, origin=origin, kind=rec.get("kind")
        )
        rows.append(
            {
                "category": category,
                "label": _text(rec.get("label")) or category,
                "term": term,
                "kind": kind,
                "exclude": negate or _flag(rec.get("exclude")),
                "not_in": _text(rec.get("not_in")),
                "source": _text(rec.get("source")),
            }
        )
    out = pd.DataFrame(rows, columns=DICTIONARY_COLUMNS)
    if out.empty:
        raise ValueError(f"{origin}: the dictionary has no terms")
    counted = out.loc[~out["exclude"], "category"].unique()
    empty = [c for c in out["category"].unique() if c not in counted]
    if empty:
        raise ValueError(f"{origin}: categories with exclusions only, no terms: {empty}")
    return out.drop_duplicates(["category", "term", "kind", "exclude"]).reset_index(drop=True)


def _parse_term(raw: Any, *, category: str, origin: str, kind: Any = None) -> tuple[str, str, bool]:
    """``(kind, term, exclude)`` of one term string (``kind`` given by a loaded table wins)."""
    term = _text(raw)
    negate = term.startswith("!")
    term = term[1:].strip() if negate else term
    if isinstance(kind, str) and kind in {"word", "wildcard", "regex"}:
        found = kind
    elif term.startswith(REGEX_PREFIX):
        found, term = "regex", term[len(REGEX_PREFIX) :]
    else:
        found = "wildcard" if "*" in term else "word"
    if not term.strip("*"):
        raise ValueError(f"{origin}: category {category!r}: empty term {raw!r}")
    if found == "regex":
        try:
            re.compile(term)
        except re.error as exc:
            raise ValueError(
                f"{origin}: category {category!r}: bad regular expression {term!r} ({exc})"
            ) from exc
    return found, term, negate


def _text(value: Any) -> str:
    return (
        "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()
    )


def _flag(value: Any) -> bool:
    return value is True or _text(value).lower() in _TRUE
