"""Articles and tables that are not plain text: Word (.docx), PDF and Excel (.xlsx).

Each reader turns a file's bytes into what the rest of the load already takes:

* :func:`docx_text` and :func:`pdf_text` give the article as Markdown text
  (headings as ``#`` lines, one paragraph or PDF line per line), which
  :func:`bqw_research.corpus.document.process_document` parses like any
  Markdown file — so lines broken by the PDF's layout are joined by the same
  rule as hard-wrapped Markdown lines
  (:func:`bqw_research.corpus.clean.looks_broken`);
* :func:`xlsx_sheets` gives each sheet's header and rows, which the table
  loader reads like a CSV file's (one article per row).

The libraries (python-docx, pypdf, openpyxl) are imported when a file needs
them; without one, the file is a problem naming the package to install, not
a crash. A file a library cannot read raises
:class:`bqw_research.corpus.io.ReadError` with the reason.
"""

from __future__ import annotations

import importlib
import io
import re
from dataclasses import dataclass, field
from types import ModuleType

from bqw_research.corpus.io import ReadError, decode_article

__all__ = [
    "DOCUMENT_KINDS",
    "Sheet",
    "article_text",
    "docx_text",
    "parser_kind",
    "pdf_text",
    "require",
    "xlsx_sheets",
]

#: Parser kinds (:func:`bqw_research.corpus.document.kind_of`) read by a reader here.
DOCUMENT_KINDS = ("docx", "pdf")


def require(module: str, *, package: str, purpose: str) -> ModuleType:
    """Import ``module``, or raise :class:`ReadError` naming the package to install."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise ReadError(
            f"{purpose} needs the package {package}, which is not installed: pip install {package}"
        ) from err


# --------------------------------------------------------------------------- Word

_HEADING_STYLE_RE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title": 1, "标题": 1, "subtitle": 2, "副标题": 2}


def _heading_level(style_name: str | None) -> int:
    """The heading level of a Word paragraph style (0: body text)."""
    name = (style_name or "").strip()
    m = _HEADING_STYLE_RE.match(name)
    if m:
        return min(max(int(m.group(1)), 1), 6)
    return _TITLE_STYLES.get(name.lower(), 0)


def _row_text(cells: list[str]) -> str:
    """A table row as one line: its cells' text, a merged cell once."""
    out: list[str] = []
    for text in cells:
        text = " ".join(text.split())
        if text and (not out or out[-1] != text):
            out.append(text)
    return " ".join(out)


def docx_text(data: bytes) -> str:
    """A Word document as Markdown: headings by their style, paragraphs, tables' rows.

    Body paragraphs and tables are read in the document's order; a heading
    style (``Heading 1``…, ``标题 1``…, ``Title``) becomes a ``#`` line of its
    level, every other paragraph a line of its own, and every table row one
    line with its cells' text (nested tables included). Headers, footers and
    comments are not article text and are left out.
    """
    docx = require("docx", package="python-docx", purpose="reading .docx files")
    try:
        document = docx.Document(io.BytesIO(data))
        lines = _docx_blocks(document)
    except Exception as err:
        raise ReadError(f"cannot read .docx: {type(err).__name__}: {err}") from err
    return "\n\n".join(lines)


def _docx_blocks(container) -> list[str]:
    """The Markdown lines of a document, or of one table cell (recursively)."""
    from docx.table import Table

    lines: list[str] = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                line = _row_text(["\n".join(_docx_blocks(cell)) for cell in row.cells])
                if line:
                    lines.append(line)
            continue
        text = block.text.strip()
        if not text:
            continue
        level = _heading_level(block.style.name if block.style is not None else None)
        lines.append(f"{'#' * level} {text}" if level else text)
    return lines


# --------------------------------------------------------------------------- PDF

#: A line that is only a page number: ``3``, ``- 3 -``, ``— 3 —``, ``第3页``, ``第 3 页 共 9 页``.
_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?)\s*$"
)


def pdf_text(data: bytes) -> str:
    """A PDF's text layer, line by line, without the lines that are only page numbers.

    Lines stay lines: the Markdown parser joins those the layout broke
    mid-sentence, across page breaks too. An encrypted PDF is read when it
    opens without a password; a PDF with no text layer (scanned pages) raises
    :class:`ReadError` saying so.
    """
    pypdf = require("pypdf", package="pypdf", purpose="reading .pdf files")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF that needs a password; save a copy without one")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as err:
        raise ReadError(f"cannot read .pdf: {type(err).__name__}: {err}") from err
    lines = [
        line
        for page in pages
        for line in page.splitlines()
        if line.strip() and not _PAGE_NUMBER_RE.match(line)
    ]
    if not lines:
        raise ReadError(
            f"PDF without a text layer ({len(pages)} page(s), scanned images?): "
            "run OCR on it first, or add its text as a .txt file"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- Excel


@dataclass
class Sheet:
    """One worksheet as a table: its name, header and rows ``(Excel row number, record)``."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict]] = field(default_factory=list)


def _cell(value):
    """A cell's value as the CSV reader would give it (text stripped of nothing; '' for empty)."""
    return "" if value is None else value


def xlsx_sheets(data: bytes) -> list[Sheet]:
    """Every worksheet of an Excel workbook with a header row (computed values, not formulas).

    The header is a sheet's first row with a value; rows with no value are
    left out; columns without a name in the header are not read. Sheets with
    no value at all are not returned.
    """
    openpyxl = require("openpyxl", package="openpyxl", purpose="reading .xlsx files")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:
        raise ReadError(f"cannot read .xlsx: {type(err).__name__}: {err}") from err
    sheets: list[Sheet] = []
    try:
        for worksheet in workbook.worksheets:
            sheet: Sheet | None = None
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = [_cell(v) for v in values]
                if not any(str(c).strip() for c in cells):
                    continue
                if sheet is None:
                    sheet = Sheet(worksheet.title, [str(c).strip() for c in cells])
                    continue
                record = {
                    name: cells[i] if i < len(cells) else ""
                    for i, name in enumerate(sheet.header)
                    if name
                }
                sheet.rows.append((number, record))
            if sheet is not None:
                sheets.append(sheet)
    except Exception as err:
        raise ReadError(f"cannot read .xlsx: {type(err).__name__}: {err}") from err
    finally:
        workbook.close()
    return sheets


# --------------------------------------------------------------------------- dispatch


def parser_kind(kind: str) -> str:
    """The parser a kind of file goes through: Word and PDF text is Markdown."""
    return "markdown" if kind in DOCUMENT_KINDS else kind


def article_text(data: bytes, *, kind: str) -> tuple[str, str]:
    """An article file's bytes as text, and how it was read (its encoding, or the format).

    ``kind`` is :func:`bqw_research.corpus.document.kind_of`'s: ``"docx"`` and
    ``"pdf"`` go through their reader, anything else is decoded as text
    (:func:`bqw_research.corpus.io.decode_article`). Raises :class:`ReadError`.
    """
    if kind == "docx":
        return docx_text(data), "docx"
    if kind == "pdf":
        return pdf_text(data), "pdf"
    return decode_article(data)
