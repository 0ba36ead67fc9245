"""Growing the domain lexicon by review: candidate words → a review sheet → accepted entries.

The sheet is what :func:`bqw_research.textstat.vocabulary.textstat_new_words` found, plus
the columns a reviewer fills (``decision`` = ``accept`` / ``reject``, and for accepted
words ``pos``, ``category``, ``note``). :func:`lexicon_accept` appends the accepted words
to ``data/lexicons/domain_lexicon.csv`` with a source that records the corpus, the review
date and the evidence, so every entry can be traced. ``bqw lexicon candidates`` and ``bqw
lexicon accept`` run the two steps; ``docs/vocabulary.md`` describes the workflow.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pandas as pd

from bqw_research import config

__all__ = [
    "DISCOVERY_SOURCE",
    "REVIEW_COLUMNS",
    "accepted_entries",
    "lexicon_accept",
    "merge_lexicon",
    "review_sheet",
    "write_lexicon",
]

#: Columns a reviewer fills in, after the candidate's own columns.
REVIEW_COLUMNS = ["corpus", "decision", "pos", "category", "note"]
#: How every discovered entry's ``source`` begins (the block of the file they are kept in).
DISCOVERY_SOURCE = "new-word discovery on"
_ACCEPT = {"accept", "accepted", "yes", "y"}


def review_sheet(candidates: pd.DataFrame, *, corpus: str, top: int | None = None) -> pd.DataFrame:
    """The ``top`` candidates with empty review columns (``corpus`` filled in)."""
    sheet = candidates.head(top) if top else candidates
    sheet = sheet.copy()
    for column in REVIEW_COLUMNS:
        sheet[column] = corpus if column == "corpus" else ""
    return sheet.reset_index(drop=True)


def _evidence(row: pd.Series) -> str:
    parts = [f"{int(row['count'])} occurrences in {int(row['docs'])} documents"]
    if "pmi" in row and str(row["pmi"]) != "":
        parts.append(f"PMI {float(row['pmi']):.1f} bits")
    if "left_entropy" in row and str(row["left_entropy"]) != "":
        parts.append(
            f"boundary entropy {float(row['left_entropy']):.1f}/{float(row['right_entropy']):.1f} bits"
        )
    if "cut" in row and str(row["cut"]):
        parts.append(f"segmenter cut it {row['cut'].replace(' ', '/')}")
    if str(row.get("note", "")).strip():
        parts.append(str(row["note"]).strip())
    return "; ".join(parts)


def accepted_entries(sheet: pd.DataFrame, *, reviewed: str | None = None) -> pd.DataFrame:
    """Lexicon rows (``word, pos, category, source``) of the sheet's accepted candidates.

    ``pos`` defaults to ``n`` and ``category`` to ``discovered``; ``source`` =
    "new-word discovery on <corpus>, reviewed <date>: <evidence>".
    """
    date = reviewed or dt.date.today().isoformat()
    decision = sheet["decision"].astype(str).str.strip().str.lower()
    chosen = sheet[decision.isin(_ACCEPT)]
    rows = [
        {
            "word": str(row["word"]).strip(),
            "pos": str(row.get("pos", "")).strip() or "n",
            "category": str(row.get("category", "")).strip() or "discovered",
            "source": f"{DISCOVERY_SOURCE} {row['corpus']}, reviewed {date}: {_evidence(row)}",
        }
        for _, row in chosen.iterrows()
    ]
    return pd.DataFrame(rows, columns=["word", "pos", "category", "source"])


def merge_lexicon(lexicon: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """The lexicon with ``entries`` added: one row per word (an existing row wins), the
    hand-written rows first in their order, then the discovered rows sorted by word."""
    table = pd.concat([lexicon, entries], ignore_index=True).fillna("")
    table = table.drop_duplicates("word", keep="first")
    found = table["source"].astype(str).str.startswith(DISCOVERY_SOURCE)
    hand, discovered = table[~found], table[found]
    discovered = discovered.sort_values("word", kind="mergesort")
    return pd.concat([hand, discovered], ignore_index=True)[list(lexicon.columns)]


def lexicon_accept(
    sheet_path: Path, *, lexicon_path: Path | None = None, reviewed: str | None = None
) -> tuple[Path, int]:
    """Append a reviewed sheet's accepted words to the domain lexicon (written in place).

    Returns the lexicon's path and how many words were new. Segmenters and cached tokens
    pick the change up by themselves: their cache key holds the lexicon's SHA-256.
    """
    path = Path(lexicon_path or config.DOMAIN_LEXICON)
    sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
    missing = {"word", "count", "docs", *REVIEW_COLUMNS} - set(sheet.columns)
    if missing:
        raise ValueError(f"{sheet_path}: not a review sheet, lacks {sorted(missing)}")
    lexicon = pd.read_csv(path, dtype=str, keep_default_na=False)
    merged = merge_lexicon(lexicon, accepted_entries(sheet, reviewed=reviewed))
    write_lexicon(merged, path)
    return path, len(merged) - len(lexicon)


def _csv_cell(value: str) -> str:
    """One CSV field, quoted only when it needs it."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([value])
    return out.getvalue()


def write_lexicon(table: pd.DataFrame, path: Path) -> None:
    """Write a lexicon as the hand-written file is laid out: ``source`` always quoted,
    other fields only when they need it (so a rewrite changes only the new rows)."""
    columns = list(table.columns)
    lines = [",".join(columns)]
    for row in table.itertuples(index=False):
        cells = [
            '"' + str(v).replace('"', '""') + '"' if c == "source" else _csv_cell(str(v))
            for c, v in zip(columns, row, strict=True)
        ]
        lines.append(",".join(cells))
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
