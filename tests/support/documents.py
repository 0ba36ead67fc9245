"""Small real-Chinese Word, PDF and Excel files, made with the libraries themselves."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def write_docx(
    path: Path,
    blocks: Sequence[tuple[str, object]],
) -> Path:
    """A .docx file of ``blocks``: ``("h1"…"h3", text)``, ``("p", text)``, ``("table", rows)``.

    A table's rows are lists of cell texts; a cell ``None`` is merged with the
    cell before it (Word repeats a merged cell in every row position it covers).
    """
    import docx

    document = docx.Document()
    for kind, value in blocks:
        if kind.startswith("h"):
            document.add_heading(str(value), level=int(kind[1:]))
        elif kind == "p":
            document.add_paragraph(str(value))
        else:
            rows = list(value)
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    if text is None:
                        table.cell(r, c - 1).merge(table.cell(r, c))
                    else:
                        table.cell(r, c).text = text
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def write_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    """A PDF with one page per item, each line of text drawn where a printed line would be.

    Drawn with matplotlib and the CJK font the package uses, so the PDF has a
    real text layer (a font with a ToUnicode map), as an exported report does.
    An empty page list item gives a page with a drawing and no text.
    """
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.font_manager import FontProperties

    from bqw_research.textplot.fonts import cjk_font_path

    font = FontProperties(fname=str(cjk_font_path()))
    path.parent.mkdir(parents=True, exist_ok=True)
    with PdfPages(path) as pdf:
        for lines in pages:
            fig = plt.figure(figsize=(8.27, 11.69))
            if not lines:
                fig.add_artist(plt.Line2D([0.1, 0.9], [0.5, 0.5]))
            for i, line in enumerate(lines):
                fig.text(0.08, 0.92 - 0.03 * i, line, fontproperties=font, fontsize=11)
            pdf.savefig(fig)
            plt.close(fig)
    return path


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    """An .xlsx workbook: sheet name → rows (the first row is the header; ``[]`` a blank row)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                sheet.cell(row=r, column=c, value=value)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
