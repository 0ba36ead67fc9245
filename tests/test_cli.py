"""The ``bqw`` command line: report, ingest, errors and the doctor extension point."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

import bqw_research
from bqw_research import cli
from bqw_research.config import RAW_DIR

TABLES = ["corpus", "paragraphs", "sentences", "tokens", "emphasis", "cleaning"]


def _notebook(path: Path, *cells: str) -> None:
    params = new_code_cell("CORPUS = None")
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, *(new_code_cell(c) for c in cells)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


@pytest.fixture
def report_on(monkeypatch):
    """Point ``bqw report`` at a notebooks folder of the test's own."""
    import bqw_research.report as report

    real = report.run_report

    def use(folder: Path):
        def run_report(*args, **kwargs):
            return real(*args, notebooks_dir=folder, **kwargs)

        monkeypatch.setattr(report, "run_report", run_report)

    return use


# --------------------------------------------------------------------------- report


def test_report_ok_exit_zero(tmp_path, report_on, capsys, monkeypatch):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs / "01_a.ipynb", "open('seen.txt', 'w', encoding='utf-8').write(str(CORPUS))")
    _notebook(nbs / "02_b.ipynb", "print('fine')")
    report_on(nbs)
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.md").write_text("# 标题\n\n镇村面貌焕然一新。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    status = cli.main(["report", "--corpus", "articles", "--out", str(tmp_path / "out")])

    assert status == 0
    # a relative --corpus reaches the notebook (run in its own folder) as an absolute path
    assert (nbs / "seen.txt").read_text(encoding="utf-8") == str(corpus.resolve())
    out = capsys.readouterr().out
    # one line per notebook as it finishes (they run side by side: in either order)
    assert sorted(line.split()[:2] for line in out.splitlines()[:2]) == [
        ["ok", "01_a"],
        ["ok", "02_b"],
    ]
    assert f"report: {tmp_path / 'out' / 'index.html'}" in out
    assert (tmp_path / "out" / "02_b.html").is_file()


def test_report_failed_notebook_exit_one(tmp_path, report_on, capsys):
    nbs = tmp_path / "nbs"
    nbs.mkdir()
    _notebook(nbs / "01_bad.ipynb", "1 / 0")
    _notebook(nbs / "02_good.ipynb", "open('ran.txt', 'w').write('yes')")
    report_on(nbs)

    status = cli.main(["report", "--out", str(tmp_path / "out")])

    assert status == 1
    assert (nbs / "ran.txt").read_text() == "yes"  # the failure did not stop the run
    captured = capsys.readouterr()
    assert "1 notebook(s) failed: 01_bad" in captured.err
    assert "ZeroDivisionError" in captured.out


def test_tilde_paths_are_expanded(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text("# 标题\n\n镇村面貌焕然一新。\n", encoding="utf-8")
    assert cli.main(["ingest", "~/articles", "-o", "~/tables"]) == 0
    assert (tmp_path / "tables" / "corpus.parquet").is_file()


def test_report_missing_corpus_exit_two(tmp_path, capsys):
    status = cli.main(["report", "--corpus", str(tmp_path / "nope"), "--out", str(tmp_path)])
    assert status == 2
    err = capsys.readouterr().err
    assert err == f"bqw report: error: corpus not found: {tmp_path / 'nope'}\n"


# --------------------------------------------------------------------------- ingest


def _read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(folder / f"{name}.parquet")


def test_ingest_shipped_corpus(tmp_path, capsys):
    out = tmp_path / "tables"
    assert cli.main(["ingest", str(RAW_DIR), "-o", str(out)]) == 0

    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.parquet" for t in TABLES] + ["problems.csv"]
    )
    corpus = _read(out, "corpus")
    stems = sorted(p.stem for p in RAW_DIR.glob("*.txt"))
    assert sorted(corpus["doc_id"]) == stems
    assert corpus["paths"].map(len).tolist() == [1, 1]  # list column survived
    assert isinstance(corpus["published"].dtype, pd.DatetimeTZDtype)
    paragraphs, tokens = _read(out, "paragraphs"), _read(out, "tokens")
    assert set(paragraphs["doc_id"]) == set(stems)
    assert list(tokens.columns) == ["doc_id", "para_id", "sent_id", "token_id", "token"]
    assert "百千万工程" in set(tokens["token"]) or "百千万" in set(tokens["token"])
    assert set(_read(out, "emphasis")["kind"]) >= {"key_term"}  # the round-up's red terms
    assert pd.read_csv(out / "problems.csv").empty
    summary = capsys.readouterr().out
    assert summary.startswith(f"2 documents, {len(paragraphs)} paragraphs, ")
    assert f"{len(tokens)} tokens; 0 files skipped" in summary


def test_ingest_tmp_folder_with_bad_file_and_pos(tmp_path, capsys):
    src = tmp_path / "articles"
    (src / "sub").mkdir(parents=True)
    (src / "a.md").write_text(
        "# 县域经济\n\n广东实施百县千镇万村高质量发展工程，推动县域经济发展。\n", encoding="utf-8"
    )
    (src / "sub" / "b.txt").write_text("镇村面貌焕然一新。乡村振兴走深走实。\n", encoding="utf-8")
    (src / "empty.md").write_text("", encoding="utf-8")
    out = tmp_path / "out" / "tables"  # created, parents included

    assert cli.main(["ingest", str(src), "-o", str(out), "--pos"]) == 0

    corpus = _read(out, "corpus")
    assert sorted(corpus["doc_id"]) == ["a", "sub/b"]
    tokens = _read(out, "tokens")
    assert "pos" in tokens.columns and tokens["pos"].notna().all()
    problems = pd.read_csv(out / "problems.csv")
    assert list(problems.columns) == ["path", "reason"]
    assert [Path(p).name for p in problems["path"]] == ["empty.md"]
    captured = capsys.readouterr()
    assert "2 documents" in captured.out and "1 files skipped" in captured.out
    assert "warning: " in captured.err and "empty.md" in captured.err


def _fake_core(monkeypatch, corpus: pd.DataFrame) -> dict:
    """Replace the ingest and the core function the CLI calls; record what they were given."""
    from bqw_research import pipeline as ingest_mod

    calls: dict = {}

    def ingest(path, *, manifest=None, pos=True, workers=None, cache=True, **kw):
        calls["load"] = (path, manifest)
        calls["pos"] = pos
        return ingest_mod.IngestResult(
            corpus,
            paragraphs=pd.DataFrame({"doc_id": ["d1"], "para_id": [1]}),
            sentences=pd.DataFrame({"doc_id": ["d1"], "sent_id": [1]}),
            tokens=pd.DataFrame({"doc_id": ["d1"], "token": ["镇"]}),
            emphasis=pd.DataFrame(columns=["doc_id", "para_id", "kind", "text"]),
        )

    monkeypatch.setattr(ingest_mod, "ingest", ingest)
    monkeypatch.setattr(
        bqw_research,
        "corpus_cleaning_report",
        lambda c: pd.DataFrame(columns=["doc_id", "kind", "n", "example"]),
    )
    return calls


def test_ingest_parquet_types_survive(tmp_path, monkeypatch):
    shanghai = dt.timezone(dt.timedelta(hours=8))
    corpus = pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3"],
            "published": pd.to_datetime(
                ["2025-11-23 21:59:34", None, "2024-01-02 08:00:00"]
            ).tz_localize("Asia/Shanghai"),
            # an object column of datetimes in two zones: stored as UTC instants
            "fetched": [
                dt.datetime(2025, 1, 1, 8, tzinfo=shanghai),
                None,
                dt.datetime(2025, 1, 1, 0, tzinfo=dt.UTC),
            ],
            "paths": [["a.md"], ["b.md", "b copy.md"], []],
            "tags": [["新闻联播"], [], ["申论", "真题"]],
            "near_duplicate_of": [None, "d1", None],
        }
    )
    corpus.attrs = {"problems": [{"path": "x.md", "reason": "empty"}], "source": Path("/x")}
    calls = _fake_core(monkeypatch, corpus)
    manifest = tmp_path / "m.csv"
    manifest.write_text("file,title\n", encoding="utf-8")
    src = tmp_path / "articles"  # the output is beside the corpus, never inside it
    src.mkdir()

    status = cli.main(["ingest", str(src), "-o", str(tmp_path / "o"), "--manifest", str(manifest)])

    assert status == 0
    assert calls == {"load": (src, manifest), "pos": False}
    back = _read(tmp_path / "o", "corpus")
    assert str(back["published"].dt.tz) == "Asia/Shanghai"
    assert back["published"].iloc[0] == pd.Timestamp("2025-11-23 21:59:34", tz="Asia/Shanghai")
    assert pd.isna(back["published"].iloc[1])
    assert back["fetched"].iloc[0] == back["fetched"].iloc[2]  # both 00:00 UTC
    assert [list(v) for v in back["paths"]] == [["a.md"], ["b.md", "b copy.md"], []]
    assert [list(v) for v in back["tags"]] == [["新闻联播"], [], ["申论", "真题"]]
    assert back["near_duplicate_of"].tolist()[1] == "d1"
    assert corpus.attrs["source"] == Path("/x")  # the caller's frame is untouched
    assert corpus["fetched"].dtype == object  # (a shallow copy was converted, not it)
    problems = pd.read_csv(tmp_path / "o" / "problems.csv")
    assert problems.to_dict("records") == [{"path": "x.md", "reason": "empty"}]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["ingest", "{tmp}/nope", "-o", "{tmp}/o"],
            "bqw ingest: error: corpus not found: {tmp}/nope",
        ),
        (
            ["ingest", "{tmp}", "-o", "{tmp}/o", "--manifest", "{tmp}/m.csv"],
            "bqw ingest: error: manifest not found: {tmp}/m.csv",
        ),
        (["ingest", "{tmp}", "-o", "{tmp}/file.txt"], "bqw ingest: error: output is not a folder"),
        (
            ["ingest", "{tmp}"],
            "bqw ingest: error: the following arguments are required: -o/--output",
        ),
        (["frobnicate"], "bqw: error: argument COMMAND: invalid choice: 'frobnicate'"),
        ([], "bqw: error: the following arguments are required: COMMAND"),
    ],
)
def test_errors_are_one_line_exit_two(tmp_path, capsys, argv, message):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    status = cli.main([a.format(tmp=tmp_path) for a in argv])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(message.format(tmp=tmp_path))


def test_corpus_error_is_one_line(tmp_path, capsys):
    src = tmp_path / "articles"
    src.mkdir()
    (src / "only.md").write_text("", encoding="utf-8")  # nothing loads
    status = cli.main(["ingest", str(src), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert status == 2
    assert err.splitlines()[-1].startswith("bqw ingest: error: ")
    assert "no article could be loaded" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_console_script_entry_point(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "bqw_research.cli", "ingest", str(tmp_path / "nope"), "-o", "x"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.strip() == f"bqw ingest: error: corpus not found: {tmp_path / 'nope'}"


# --------------------------------------------------------------------------- extension point


def test_doctor_registered_only_when_module_exists(monkeypatch, capsys):
    import importlib.util

    real_find_spec = importlib.util.find_spec

    def missing(name, *args):
        return None if name == "bqw_research.doctor" else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", missing)
    assert "doctor" not in cli.build_parser().format_help()
    assert cli.main(["doctor"]) == 2
    assert "invalid choice: 'doctor'" in capsys.readouterr().err

    monkeypatch.setattr(importlib.util, "find_spec", real_find_spec)
    fake = types.ModuleType("bqw_research.doctor")
    fake.main = lambda: 3
    monkeypatch.setitem(sys.modules, "bqw_research.doctor", fake)
    monkeypatch.setattr(bqw_research, "doctor", fake, raising=False)
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: object() if name == "bqw_research.doctor" else real_find_spec(name, *a),
    )
    assert "doctor" in cli.build_parser().format_help()
    assert cli.main(["doctor"]) == 3


def test_subcommands_are_an_extension_point(monkeypatch, capsys):
    def add_hello(subparsers):
        p = subparsers.add_parser("hello", help="say hello")
        p.set_defaults(handler=lambda args: print("你好") or 0)

    monkeypatch.setattr(cli, "SUBCOMMANDS", [*cli.SUBCOMMANDS, add_hello])
    assert cli.main(["hello"]) == 0
    assert capsys.readouterr().out == "你好\n"
