"""Article metadata from outside the text: the manifest, dates, tags and genre rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from bqw_research import config
from bqw_research.corpus.columns import aliases_of, field_columns
from bqw_research.corpus.delimited import csv_rows
from bqw_research.corpus.errors import report_problem
from bqw_research.corpus.io import ReadError, decode_bytes

#: Time zone of every ``published`` timestamp.
TZ = "Asia/Shanghai"

MANIFEST_FIELDS = [
    "file",
    "title",
    "outlet",
    "author",
    "published",
    "url",
    "genre",
    "tags",
    "notes",
]


def read_manifest(path: Path, *, problems: list[dict] | None = None) -> dict[str, dict]:
    """Read a manifest CSV (``file`` column + any of title, outlet, author, published, url, genre, tags).

    Columns may have the names Chinese crawlers give them (``文件名``, ``标题``,
    ``发布时间``, ``来源`` …: :data:`bqw_research.corpus.columns.FIELD_ALIASES`).

    Returns ``{file name or relative path: row}``. Malformed rows (wrong number
    of fields, an unclosed quote — which would otherwise swallow the next rows
    into one field —, no file name, duplicate file) are skipped with a warning
    naming the manifest and line (:func:`~bqw_research.corpus.delimited.csv_rows`),
    and the rows after them are kept; an unparseable date keeps the row with
    ``published`` empty and a warning.
    """
    problems = [] if problems is None else problems
    raw = path.read_bytes()
    try:
        text, _ = decode_bytes(raw)
    except ReadError as err:
        report_problem(problems, str(path), f"manifest unreadable: {err}")
        return {}
    table = csv_rows(text)
    if not table.header:
        report_problem(problems, str(path), "manifest is empty")
        return {}
    # Known columns by their field's name (文件名 → file, 标题 → title …), others lower-cased.
    fields = {column: field for field, column in field_columns(table.header).items()}
    header = [fields.get(name, name.lower()) for name in table.header]
    if "file" not in header:
        report_problem(
            problems,
            str(path),
            f"manifest has no file column (looked for {', '.join(aliases_of('file'))}; "
            f"columns: {', '.join(table.header)})",
        )
        return {}
    notes = [(line, f"malformed manifest row: {reason}") for line, reason in table.problems]
    rows: dict[str, dict] = {}
    for line, row in table.rows:
        rec = {k: v.strip() for k, v in zip(header, row, strict=True)}
        name = rec.get("file", "")
        if not name:
            notes.append((line, "manifest row has no file name"))
            continue
        if name in rows:
            notes.append((line, f"duplicate manifest row for {name!r}; first one kept"))
            continue
        if rec.get("published"):
            ts = parse_date(rec["published"])
            if ts is pd.NaT:
                notes.append((line, f"unparseable published date {rec['published']!r}"))
            rec["published"] = ts
        rows[name] = rec
    for line, reason in sorted(notes):
        report_problem(problems, f"{path}:{line}", reason)
    return rows


def parse_date(value) -> pd.Timestamp:
    """A timestamp in :data:`TZ` (naive values are taken as local time), or ``NaT``."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        return pd.NaT
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        return pd.NaT
    if ts is pd.NaT:
        return pd.NaT
    return ts.tz_localize(TZ) if ts.tzinfo is None else ts.tz_convert(TZ)


def parse_tags(value) -> list[str]:
    """Tags from a list, or from text separated by ``; ；, ， |``."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value]
    return [t.strip() for t in re.split(r"[;；,，|]", str(value)) if t.strip()]


@lru_cache(maxsize=1)
def genre_rules() -> tuple[tuple[re.Pattern, tuple[str, ...], str], ...]:
    """The rules of ``data/lexicons/genre_rules.csv``: ``(pattern, fields, genre)``.

    A missing rules file is an error naming it (else every genre would silently be None).
    """
    if not config.GENRE_RULES.is_file():
        raise FileNotFoundError(f"genre rules not found: {config.GENRE_RULES}")
    table = pd.read_csv(config.GENRE_RULES, dtype=str)
    return tuple(
        (re.compile(r.pattern), tuple(r.field.split("|")), r.genre) for r in table.itertuples()
    )


def infer_genre(title: str | None, tags: Iterable[str] = ()) -> str | None:
    """Genre from title/tags by the rules in ``data/lexicons/genre_rules.csv`` (first match)."""
    fields = {"title": title or "", "tags": " ".join(tags)}
    for pattern, where, genre in genre_rules():
        if any(pattern.search(fields.get(f, "")) for f in where):
            return genre
    return None
