"""bqw ingest --format: the same tables as CSV (UTF-8 with BOM) and XLSX, besides Parquet."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pandas as pd
import pytest

from bqw_research import cli, export
from bqw_research.cli import INGEST_TABLES

ARTICLES = {
    "maoming.md": "# 茂名奋力推进百千万工程\n\n茂名市坚持以“百千万工程”为牵引，推动城乡区域协调发展。\n\n"
    "镇村面貌焕然一新，群众获得感不断增强。\n",
    "jiangmen.md": "# 江门侨乡焕新颜\n\n江门市实施“百千万工程”，侨乡村落焕发新活力。\n",
}


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,title,outlet,published\n"
        "maoming.md,茂名奋力推进百千万工程,南方日报,2024-03-01T09:30:00+08:00\n"
        "jiangmen.md,江门侨乡焕新颜,江门日报,2024-02-29T18:00:00+00:00\n",
        encoding="utf-8",
    )
    return folder


def _ingest(articles, out, *formats: str) -> None:
    argv = ["ingest", str(articles), "-o", str(out), "--workers", "1", "--no-cache"]
    assert cli.main([*argv, *(a for f in formats for a in ("--format", f))]) == 0


@pytest.mark.parametrize(
    ("formats", "suffixes"),
    [
        ((), ["parquet"]),
        (("csv",), ["csv"]),
        (("csv,xlsx",), ["csv", "xlsx"]),
        (("parquet", "xlsx"), ["parquet", "xlsx"]),
    ],
    ids=["default", "csv", "comma-list", "repeated"],
)
def test_each_table_in_each_format(articles, tmp_path, capsys, formats, suffixes):
    _ingest(articles, tmp_path, *formats)
    written = sorted(p.name for p in tmp_path.iterdir() if p.name != "problems.csv")
    assert written == sorted(f"{t}.{s}" for t in INGEST_TABLES for s in suffixes)
    assert f"wrote {INGEST_TABLES[0]}.{suffixes[0]}" in capsys.readouterr().out


def test_csv_and_xlsx_hold_the_chinese_and_the_dates(articles, tmp_path):
    _ingest(articles, tmp_path, "parquet,csv,xlsx")
    parquet = pd.read_parquet(tmp_path / "corpus.parquet")
    csv = pd.read_csv(tmp_path / "corpus.csv", encoding="utf-8-sig")
    assert (tmp_path / "corpus.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert csv["title"].tolist() == parquet["title"].tolist()
    assert set(csv["title"]) == {"茂名奋力推进百千万工程", "江门侨乡焕新颜"}

    sheet = openpyxl.load_workbook(tmp_path / "corpus.xlsx")["corpus"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = list(rows[0]), rows[1:]
    by_title = {r[header.index("title")]: r for r in body}
    published = header.index("published")
    # naive Asia/Shanghai wall-clock time: 18:00 UTC on 29 Feb is 02:00 on 1 March
    assert by_title["茂名奋力推进百千万工程"][published] == dt.datetime(2024, 3, 1, 9, 30)
    assert by_title["江门侨乡焕新颜"][published] == dt.datetime(2024, 3, 1, 2, 0)

    tokens = pd.read_parquet(tmp_path / "tokens.parquet")
    token_rows = list(openpyxl.load_workbook(tmp_path / "tokens.xlsx")["tokens"].values)
    assert len(token_rows) == len(tokens) + 1
    assert "百千万工程" in {r[list(token_rows[0]).index("token")] for r in token_rows[1:]}


def test_tokens_longer_than_a_sheet_continue_on_more_sheets(articles, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 21)  # 20 data rows a sheet
    _ingest(articles, tmp_path, "parquet,xlsx")
    tokens = pd.read_parquet(tmp_path / "tokens.parquet")
    book = openpyxl.load_workbook(tmp_path / "tokens.xlsx")
    names = book.sheetnames
    assert len(names) == -(-len(tokens) // 20) > 1
    assert names == ["tokens", *(f"tokens~{i}" for i in range(2, len(names) + 1))]
    assert all(book[name].max_row <= 21 for name in names)
    rows = [r for name in names for r in list(book[name].values)[1:]]
    header = list(next(book["tokens"].values))
    assert [r[header.index("token")] for r in rows] == tokens["token"].tolist()
