"""Rows of a CSV file with the line each starts on, and the lines that are not rows.

``pandas.read_csv`` and a plain ``csv.reader`` lose rows without naming them:
a ragged row is dropped with pandas' own warning, and an unclosed quote makes
one field of everything up to the next quote (or the end of the file), so the
next rows vanish into a title. :func:`csv_rows` reads line by line and hands
back every row with its line number, and every line it could not read as a
row with the reason, so that each lost row can be reported as ``path:line``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field

__all__ = ["CsvRows", "csv_rows", "split_lines"]


def split_lines(text: str) -> list[str]:
    """``text``'s lines, ends kept, split at ``\\n`` (and ``\\r\\n``) only.

    Not :meth:`str.splitlines`, which also splits at U+2028 and other
    characters a field or a JSON string may hold as they are.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    out = [line + "\n" for line in lines[:-1]]
    return [*out, lines[-1]] if lines[-1] else out


@dataclass
class CsvRows:
    """A CSV file read row by row.

    ``header`` is the first non-blank row (its names stripped); ``rows`` are
    ``(line, cells)`` for every later non-blank row with the header's number
    of fields; ``problems`` are ``(line, reason)`` for every row left out.
    """

    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _swallowed_rows(cells: list[str], n_fields: int) -> int:
    """How many lines inside ``cells`` read as rows of ``n_fields`` fields on their own."""
    lines = [line for cell in cells if "\n" in cell for line in cell.split("\n")[1:]]
    return sum(1 for line in lines if line.strip() and len(next(csv.reader([line]))) == n_fields)


def _reader(lines: list[str], start: int):  # -> _csv.Reader (not importable to annotate)
    """A strict ``csv.reader`` over ``lines[start:]`` (its ``line_num`` counts from there)."""
    return csv.reader((lines[i] for i in range(start, len(lines))), strict=True)


def csv_rows(text: str, *, rows_in_fields: bool = True) -> CsvRows:
    """Read CSV ``text``: the header, the good rows with their line, the lines lost and why.

    A row whose number of fields is not the header's is left out as
    ``expected K fields, saw M``. A quote that is never closed (the parse
    ends inside it) or closed in the wrong place leaves its row out and
    reading starts again on the next line, so the rows after it are kept.
    With ``rows_in_fields`` a quoted field that runs over a line end and
    holds lines that are rows themselves (``"unterminated⏎good2.md,ok``) is
    taken for an unclosed quote too — right for a manifest, whose fields are
    one line, not for a table whose text column may hold anything.
    """
    lines = split_lines(text)
    out = CsvRows()
    start = 0  # index in ``lines`` where the current reader began
    reader = _reader(lines, start)
    consumed = 0  # lines the current reader has read
    while True:
        first = start + consumed + 1  # 1-based line the next row starts on
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            out.problems.append((first, f"unclosed or misplaced quote ({err}); row skipped"))
            start, consumed = first, 0  # start again on the line after it
            reader = _reader(lines, start)
            continue
        consumed = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if not out.header:
            out.header = [cell.strip() for cell in cells]
            continue
        n_fields = len(out.header)
        swallowed = _swallowed_rows(cells, n_fields) if rows_in_fields else 0
        if swallowed:
            out.problems.append(
                (
                    first,
                    f"unclosed quote: a field runs over the line end and holds {swallowed} "
                    "more row(s); this row is skipped, the lines after it read as rows",
                )
            )
            start, consumed = first, 0
            reader = _reader(lines, start)
            continue
        if len(cells) != n_fields:
            out.problems.append((first, f"expected {n_fields} fields, saw {len(cells)}"))
            continue
        out.rows.append((first, cells))
    return out
