"""Tables out: CSV with BOM, XLSX workbooks that Excel opens, save_table / show_table."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import openpyxl
import pandas as pd
import pytest

from bqw_research import config
from bqw_research.export import (
    EXCEL_MAX_CELL_CHARS,
    excel_ready,
    flush_workbooks,
    gather_workbook,
    save_table,
    sheet_names,
    show_table,
    split_rows,
    table_frame,
    write_csv,
    write_xlsx,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def articles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["maoming", "jiangmen", "shaoguan"],
            "title": ["茂名：奋力推进“百千万工程”", "江门侨乡镇村面貌焕然一新", "韶关：绿美生态"],
            "outlet": ["南方日报", "江门日报", None],
            "n_chars": [1520, 2310, 880],
        }
    )


@pytest.fixture(autouse=True)
def _no_runner_env(monkeypatch):
    """Interactive mode unless a test sets it: no report runner around."""
    for name in (config.NOTEBOOK_ENV, config.OUT_DIR_ENV, "JPY_SESSION_NAME"):
        monkeypatch.delenv(name, raising=False)


def _sheet_rows(path, sheet) -> list[list]:
    book = openpyxl.load_workbook(path)
    return [[c.value for c in row] for row in book[sheet].iter_rows()]


# --------------------------------------------------------------------------- excel_ready


@pytest.mark.parametrize(
    "published",
    [
        # a datetime64[ns, tz] column
        pd.Series(pd.to_datetime(["2024-03-01 09:30"]).tz_localize("Asia/Shanghai")),
        # the same instant in UTC
        pd.Series(pd.to_datetime(["2024-03-01 01:30"]).tz_localize("UTC")),
        # Python datetimes in an object column (what load_corpus gives), zones mixed
        pd.Series([dt.datetime(2024, 3, 1, 9, 30, tzinfo=SHANGHAI)], dtype=object),
        pd.Series([dt.datetime(2024, 3, 1, 1, 30, tzinfo=dt.UTC)], dtype=object),
    ],
    ids=["tz-column-shanghai", "tz-column-utc", "object-shanghai", "object-utc"],
)
def test_aware_datetimes_become_shanghai_wall_clock(published, tmp_path):
    table = pd.DataFrame({"title": ["茂名镇村振兴"], "published": published})
    frame, fit = excel_ready(table)
    assert frame["published"].iloc[0] == dt.datetime(2024, 3, 1, 9, 30)
    assert fit == {}
    path, _ = write_xlsx({"articles": table}, tmp_path / "a.xlsx")
    assert _sheet_rows(path, "articles") == [
        ["title", "published"],
        ["茂名镇村振兴", dt.datetime(2024, 3, 1, 9, 30)],
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["百千万工程", "乡村振兴"], "百千万工程; 乡村振兴"),
        (("粤东", "粤西"), "粤东; 粤西"),
        ({"city": "茂名"}, "{'city': '茂名'}"),
        ("控制\x01字符", "控制字符"),
        (None, None),
    ],
)
def test_objects_become_text_excel_accepts(value, expected):
    frame, _ = excel_ready(pd.DataFrame({"tags": [value]}))
    assert frame["tags"].iloc[0] == expected


def test_overlong_cells_are_cut_and_counted():
    text = "百千万工程" * 7000  # 35,000 characters
    frame, fit = excel_ready(pd.DataFrame({"text": [text, "短文"]}))
    assert len(frame["text"].iloc[0]) == EXCEL_MAX_CELL_CHARS
    assert frame["text"].iloc[0].endswith("…") and frame["text"].iloc[1] == "短文"
    assert fit == {"text": 1}


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        (pd.Series([3, 5], index=pd.Index(["茂名", "江门"], name="city"), name="n"), ["city", "n"]),
        (
            pd.DataFrame({"粤东": [1], "粤西": [2]}, index=pd.Index(["提法"], name="measure")),
            ["measure", "粤东", "粤西"],
        ),
        (pd.DataFrame({"a": [1, 2]}), ["a"]),  # a plain range index is not written
        (
            pd.DataFrame(
                [[1, 2]], columns=pd.MultiIndex.from_tuples([("n", "茂名"), ("n", "江门")])
            ),
            ["n / 茂名", "n / 江门"],
        ),
    ],
    ids=["series", "pivot", "range-index", "multiindex-columns"],
)
def test_table_frame_keeps_meaningful_index(table, columns):
    assert list(table_frame(table).columns) == columns


# --------------------------------------------------------------------------- files


def test_csv_has_bom_and_reads_back(articles, tmp_path):
    path = write_csv(articles, tmp_path / "sub" / "articles.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel then reads UTF-8
    assert "茂名：奋力推进“百千万工程”".encode() in raw
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert list(back.columns) == list(articles.columns)
    assert back["title"].tolist() == articles["title"].tolist()


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["01_corpus_summary", "01_problems"], ["01_corpus_summary", "01_problems"]),
        (["区域/关键词:粤东?"], ["区域_关键词_粤东_"]),
        (["x" * 40, "x" * 40, "X" * 40], ["x" * 31, "x" * 29 + "~2", "X" * 29 + "~3"]),
        (["", "tokens", "Tokens"], ["sheet", "tokens", "Tokens~2"]),
    ],
    ids=["plain", "forbidden-characters", "long-and-repeated", "empty-and-case"],
)
def test_sheet_names_valid_and_unique(names, expected):
    got = sheet_names(names)
    assert got == expected
    assert all(len(n) <= 31 for n in got)
    assert len({n.casefold() for n in got}) == len(got)


@pytest.mark.parametrize(("rows", "parts"), [(5, [5]), (6, [5, 1]), (12, [5, 5, 2])])
def test_split_rows(rows, parts):
    frame = pd.DataFrame({"token": ["镇村"] * rows})
    assert [len(p) for p in split_rows(frame, max_rows=5)] == parts


def test_workbook_splits_a_long_table_over_sheets(tmp_path):
    tokens = pd.DataFrame({"token": list("百千万工程高质量发展"), "n": range(10)})
    path, _ = write_xlsx(
        {"tokens": tokens, "corpus": tokens.head(2)}, tmp_path / "t.xlsx", max_rows=4
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["tokens", "tokens~2", "tokens~3", "corpus"]
    rows = [r for s in ("tokens", "tokens~2", "tokens~3") for r in _sheet_rows(path, s)[1:]]
    assert [r[0] for r in rows] == list("百千万工程高质量发展")
    assert _sheet_rows(path, "tokens~3")[0] == ["token", "n"]  # each part has the header


# --------------------------------------------------------------------------- notebooks


def test_save_table_interactive_builds_one_workbook(articles, tmp_path):
    out = tmp_path / "tables"
    first = save_table(articles, "01_articles", out_dir=out)
    save_table(articles.set_index("doc_id")["n_chars"], "01_长度", out_dir=out)
    again = save_table(articles.head(1), "01_articles", out_dir=out)  # re-run cell: replaced
    save_table(articles, "summary", out_dir=out)  # no NN_ prefix
    assert first == {"csv": out / "01_articles.csv", "xlsx": out / "01_tables.xlsx"}
    assert (out / "01_articles.csv").is_file()  # at once
    # the workbooks once, now (one per notebook number when the notebook is not known)
    assert flush_workbooks() == [
        (out / "01_tables.xlsx").resolve(),
        (out / "tables.xlsx").resolve(),
    ]
    assert again == first
    book = openpyxl.load_workbook(out / "01_tables.xlsx")
    assert book.sheetnames == ["01_articles", "01_长度"]
    assert len(_sheet_rows(out / "01_tables.xlsx", "01_articles")) == 2
    assert _sheet_rows(out / "01_tables.xlsx", "01_长度")[1] == ["maoming", 1520]
    assert openpyxl.load_workbook(out / "tables.xlsx").sheetnames == ["summary"]
    assert pd.read_csv(out / "01_长度.csv", encoding="utf-8-sig").columns.tolist() == [
        "doc_id",
        "n_chars",
    ]


@pytest.mark.parametrize(
    ("env", "workbook"),
    [
        ({}, "03_tables.xlsx"),
        (
            {"JPY_SESSION_NAME": "/home/me/notebooks/03_rhetoric_analysis.ipynb"},
            "03_rhetoric_analysis.xlsx",
        ),
        ({"BQW_NOTEBOOK": "03_mine", "JPY_SESSION_NAME": "x.ipynb"}, "03_mine.xlsx"),
    ],
    ids=["table-prefix", "jupyterlab-session", "report-runner"],
)
def test_workbook_named_after_the_notebook(articles, tmp_path, monkeypatch, env, workbook):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert save_table(articles, "03_quoted", out_dir=tmp_path)["xlsx"] == tmp_path / workbook
    flush_workbooks()


def test_save_table_defaults_to_out_dir_setting(articles, tmp_path, monkeypatch):
    monkeypatch.setenv(config.OUT_DIR_ENV, str(tmp_path / "report"))
    paths = save_table(articles, "02_articles", workbook="02_regional_comparison")
    flush_workbooks()
    assert paths["csv"] == tmp_path / "report" / "tables" / "02_articles.csv"
    assert paths["xlsx"] == tmp_path / "report" / "tables" / "02_regional_comparison.xlsx"
    assert paths["xlsx"].is_file()


def test_under_the_runner_tables_wait_for_one_workbook(articles, tmp_path, monkeypatch):
    monkeypatch.setenv(config.NOTEBOOK_ENV, "03_rhetoric_analysis")
    out = tmp_path / "tables"
    save_table(articles, "03_b_second", out_dir=out)
    save_table(articles.head(2), "03_a_first", out_dir=out)
    save_table(articles.head(1), "03_b_second", out_dir=out)
    assert (out / "03_b_second.csv").is_file()
    assert not (out / "03_rhetoric_analysis.xlsx").exists()  # written once, at the end
    path, fits = gather_workbook(out, "03_rhetoric_analysis")
    assert path == out / "03_rhetoric_analysis.xlsx" and fits == {}
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["03_b_second", "03_a_first"]  # order of first save
    assert len(_sheet_rows(path, "03_b_second")) == 2  # the last save of that name
    assert not (out / ".workbooks").exists()
    assert gather_workbook(out, "03_rhetoric_analysis") is None


def test_interactive_workbook_is_written_once_saves_pause(articles, tmp_path, monkeypatch):
    import time

    from bqw_research import export

    monkeypatch.setattr(export._WRITER, "delay", 0.3)
    writes = []
    real = export.write_xlsx

    def write_xlsx(tables, path):
        written = real(tables, path)
        writes.append(list(tables))
        return written

    monkeypatch.setattr(export, "write_xlsx", write_xlsx)
    for i in range(5):
        save_table(articles.head(i + 1), f"04_表{i}", out_dir=tmp_path)
    assert writes == []  # five saves in a row: nothing written yet
    deadline = time.monotonic() + 10
    while not writes and time.monotonic() < deadline:
        time.sleep(0.05)
    assert writes == [[f"04_表{i}" for i in range(5)]]  # one write with every table
    assert openpyxl.load_workbook(tmp_path / "04_tables.xlsx").sheetnames == writes[0]
    assert flush_workbooks() == []  # nothing left to write


@pytest.mark.parametrize("value", [None, "没有表格", 42])
def test_show_table_passes_other_values_through(value, tmp_path):
    assert show_table(value, "01_none", out_dir=tmp_path) == value
    assert list(tmp_path.iterdir()) == []


def test_show_table_returns_the_table_it_saved(articles, tmp_path):
    shown = show_table(articles, "01_articles", out_dir=tmp_path)
    assert shown is articles
    assert (tmp_path / "01_articles.csv").is_file()


@pytest.mark.parametrize("name", ["", "///", "  "])
def test_unusable_table_name(articles, tmp_path, name):
    with pytest.raises(ValueError, match="no usable characters"):
        save_table(articles, name, out_dir=tmp_path)


def test_save_table_refuses_non_tables(tmp_path):
    with pytest.raises(TypeError, match="DataFrame or Series, not list"):
        save_table(["茂名"], "01_list", out_dir=tmp_path)


def test_the_same_tables_give_the_same_workbook_bytes(tmp_path):
    """Deterministic outputs: openpyxl stamps the time of saving into the workbook
    (ZIP entry dates, created/modified properties); the written file carries one fixed
    time instead, so two saves give the same bytes whenever they happen."""
    import zipfile

    from bqw_research.export import FIXED_TIME, write_xlsx

    table = pd.DataFrame({"城市": ["茂名市", "江门市"], "段落": [12, 15]})
    first, _ = write_xlsx({"各市段落": table}, tmp_path / "a.xlsx")
    second, _ = write_xlsx({"各市段落": table}, tmp_path / "b.xlsx")
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as book:
        core = book.read("docProps/core.xml").decode()
        assert core.count(FIXED_TIME) == 2  # created and modified
        assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    pd.testing.assert_frame_equal(pd.read_excel(first, sheet_name="各市段落"), table)
