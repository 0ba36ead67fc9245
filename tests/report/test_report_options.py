"""bqw report's options and outputs: parameters, a subset of notebooks, the manifest, hidden
code, figures and tables under --out, page navigation, captions and the embedded font."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from bqw_research.report import run_report
from bqw_research.report.runner import (
    ReportError,
    parse_parameter,
    resolve_parameters,
    select_notebooks,
)


def _params(source: str) -> nbformat.NotebookNode:
    cell = new_code_cell(source)
    cell.metadata["tags"] = ["parameters"]
    return cell


def _write(path: Path, cells) -> Path:
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def _log(name: str, *names: str) -> nbformat.NotebookNode:
    values = ", ".join(f"{n!r}: {n}" for n in names)
    return new_code_cell(
        "import json, os\n"
        "with open('run.log', 'a', encoding='utf-8') as fh:\n"
        f"    fh.write(json.dumps([{name!r}, {{{values}}}, os.environ.get('BQW_OUT_DIR')],"
        " ensure_ascii=False) + '\\n')"
    )


def make_notebooks(folder: Path) -> Path:
    """01 draws a figure and shows a table; 02 only logs its parameters."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(
        folder / "01_tables.ipynb",
        [
            new_markdown_cell("# 表格与图\n\n广东省“百千万工程”。"),
            _params("CORPUS = None\nMANIFEST = None\nCITY = None  # a city\nTOP = 5"),
            _log("01_tables", "CORPUS", "MANIFEST", "CITY", "TOP"),
            new_markdown_cell("## 各市报道份额"),
            new_code_cell(
                "import matplotlib.pyplot as plt\n"
                "import pandas as pd\n"
                "from bqw_research.export import show_table\n"
                "from bqw_research.textplot import save_figure, setup_matplotlib\n"
                "setup_matplotlib()\n"
                "fig, ax = plt.subplots(figsize=(3, 2))\n"
                "ax.bar(['茂名', '江门'], [3, 5]); ax.set_title('报道份额')\n"
                'save_figure(fig, "01_share", dpi=60)\n'
                "plt.show()"
            ),
            new_markdown_cell("## 表"),
            new_code_cell(
                "show_table(pd.DataFrame({'城市': ['茂名', '江门'], 'n': [3, 5]}), '01_城市')"
            ),
        ],
    )
    _write(
        folder / "02_other.ipynb",
        [_params("CORPUS = None\nPAIR = None"), _log("02_other", "CORPUS", "PAIR")],
    )
    return folder


def _runs(folder: Path) -> dict[str, list]:
    lines = (folder / "run.log").read_text(encoding="utf-8").splitlines()
    return {entry[0]: entry[1:] for entry in map(json.loads, lines)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "maoming.md").write_text("# 茂名推进百千万工程\n\n镇村面貌焕然一新。\n", "utf-8")
    (folder / "manifest.csv").write_text("file,title\nmaoming.md,茂名\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def report(tmp_path_factory, corpus):
    base = tmp_path_factory.mktemp("options")
    notebooks = make_notebooks(base / "notebooks")
    result = run_report(
        corpus,
        out=base / "out",
        notebooks_dir=notebooks,
        progress=False,
        jobs=1,
        parameters={"CITY": "茂名", "PAIR": ("a", "b")},
        manifest=corpus / "manifest.csv",
        formats=["png", "pdf"],
        no_input=True,
    )
    return result, notebooks, (base / "out").resolve()


def test_parameters_reach_only_the_notebooks_that_define_them(report, corpus):
    result, notebooks, out = report
    assert result.ok, [nb.error for nb in result.notebooks]
    runs = _runs(notebooks)
    manifest = str((corpus / "manifest.csv").resolve())
    assert runs["01_tables"][0] == {
        "CORPUS": str(corpus.resolve()),
        "MANIFEST": manifest,
        "CITY": "茂名",
        "TOP": 5,  # the notebook's own default
    }
    assert runs["02_other"][0] == {"CORPUS": str(corpus.resolve()), "PAIR": ["a", "b"]}
    # every kernel was told where the outputs go
    assert runs["01_tables"][1] == runs["02_other"][1] == str(out)


def test_figures_go_under_out_in_the_formats_asked(report):
    _, _, out = report
    assert sorted(p.name for p in (out / "figures").glob("01_share.*")) == [
        "01_share.pdf",
        "01_share.png",
    ]
    pdf = (out / "figures" / "01_share.pdf").read_bytes()
    assert b"/FontFile2" in pdf and b"/Type3" not in pdf  # TrueType (Type 42) embedding


def test_tables_go_under_out_as_csv_and_one_workbook(report):
    result, _, out = report
    csv = out / "tables" / "01_城市.csv"
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(csv, encoding="utf-8-sig")["城市"].tolist() == ["茂名", "江门"]
    first = result.notebooks[0]
    assert first.workbook == out / "tables" / "01_tables.xlsx"
    book = openpyxl.load_workbook(first.workbook)
    assert book.sheetnames == ["01_城市"]
    assert result.notebooks[1].workbook is None  # 02 showed no table
    assert not (out / "tables" / ".workbooks").exists()


def test_page_hides_code_and_has_navigation_and_font(report):
    _, _, out = report
    page = (out / "01_tables.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page.split("</head>")[1]))
    assert "save_figure(" not in text and "show_table(" not in text  # --no-input
    assert "江门" in text  # the table is still there
    assert '<a href="index.html">← report index</a>' in page
    toc = page[page.index('class="bqw-toc"') :].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</a></li>", toc) == ["各市报道份额", "表"]
    assert re.search(r"@font-face \{ font-family: \"bqw-cjk\";[^}]*data:font/woff2?;base64,", page)


def test_index_captions_and_workbook_link(report):
    _, _, out = report
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<figcaption>各市报道份额 · 01_share</figcaption>" in index
    assert '<a href="tables/01_tables.xlsx">xlsx</a>' in index
    assert "figures/ (PNG, PDF)" in index  # the formats asked
    assert "@font-face" in index  # the index's Chinese renders anywhere too


def test_only_the_chosen_notebooks_run(tmp_path, corpus):
    notebooks = make_notebooks(tmp_path / "nbs")
    result = run_report(
        corpus, out=tmp_path / "out", notebooks_dir=notebooks, progress=False, notebooks=["2"]
    )
    assert [nb.name for nb in result.notebooks] == ["02_other"]
    assert list(_runs(notebooks)) == ["02_other"]  # 01 need not run first


@pytest.mark.parametrize(
    ("wanted", "chosen"),
    [
        (None, ["01_tables", "02_other"]),
        (["02"], ["02_other"]),
        (["2", "01"], ["01_tables", "02_other"]),
        (["01_tables.ipynb"], ["01_tables"]),
        (["02_other", "02"], ["02_other"]),
    ],
)
def test_select_notebooks(tmp_path, wanted, chosen):
    found = sorted(make_notebooks(tmp_path).glob("0*.ipynb"))
    assert [p.stem for p in select_notebooks(found, wanted)] == chosen


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20", 20),
        ("0.5", 0.5),
        ("None", None),
        ("True", True),
        ("茂名", "茂名"),
        ('"茂名"', "茂名"),
        ("('maoming', 'jiangmen')", ("maoming", "jiangmen")),
        ("[1, 2]", [1, 2]),
        ("江门市 蓬江区", "江门市 蓬江区"),
        ("open('x')", "open('x')"),  # never evaluated: a plain string
    ],
)
def test_parse_parameter(text, value):
    assert parse_parameter(text) == value


def test_resolve_parameters_per_notebook(tmp_path):
    found = sorted(make_notebooks(tmp_path).glob("0*.ipynb"))
    own = resolve_parameters(found, {"TOP": 9, "PAIR": None})
    assert {p.stem: v for p, v in own.items()} == {
        "01_tables": {"TOP": 9},
        "02_other": {"PAIR": None},
    }
    with pytest.raises(ReportError) as err:
        resolve_parameters(found, {"TOPP": 1})
    assert str(err.value) == (
        "-p TOPP: no such parameter in 01_tables, 02_other (their parameters: CITY, PAIR, TOP)"
    )


def test_a_font_that_cannot_be_embedded_leaves_a_warning(tmp_path, corpus, monkeypatch):
    from bqw_research.report import runner

    def broken(chars):
        raise OSError("font file unreadable")

    monkeypatch.setattr(runner, "font_face_css", broken)
    notebooks = make_notebooks(tmp_path / "nbs")
    result = run_report(
        corpus, out=tmp_path / "out", notebooks_dir=notebooks, progress=False, notebooks=["01"]
    )
    assert result.ok  # the report itself is complete
    assert result.font_warning == "CJK font not embedded: OSError: font file unreadable"
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "CJK font not embedded: OSError: font file unreadable" in index
    page = (tmp_path / "out" / "01_tables.html").read_text(encoding="utf-8")
    assert "bqw-font" not in page and "← report index" in page
