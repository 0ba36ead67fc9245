"""``bqw kernel install`` and the environment notebook kernels get."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bqw_research import cli
from bqw_research.report.notebooks import INLINE_BACKEND, kernel_env, kernel_environment

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("args", "name", "display"),
    [
        ([], "bqw", "Python (bqw)"),
        (["--user"], "bqw", "Python (bqw)"),
        (["--name", "bqw-dev", "--display-name", "Python (百千万)"], "bqw-dev", "Python (百千万)"),
    ],
)
def test_kernel_install_writes_a_user_kernelspec(
    tmp_path, monkeypatch, capsys, args, name, display
):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "jupyter"))
    assert cli.main(["kernel", "install", *args]) == 0
    spec = json.loads((tmp_path / "jupyter" / "kernels" / name / "kernel.json").read_text())
    assert spec["display_name"] == display
    assert spec["argv"][0] == sys.executable
    assert spec["env"] == kernel_env()
    assert spec["env"]["MPLBACKEND"] == INLINE_BACKEND
    assert display in capsys.readouterr().out


def test_kernel_install_sys_prefix_stays_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "user"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "env"))
    assert cli.main(["kernel", "install", "--sys-prefix"]) == 0
    assert (tmp_path / "env" / "share" / "jupyter" / "kernels" / "bqw" / "kernel.json").is_file()
    assert not (tmp_path / "user").exists()


def test_kernel_without_action_is_a_usage_error(capsys):
    assert cli.main(["kernel"]) == 2
    assert "bqw kernel" in capsys.readouterr().err


def test_kernel_environment_sends_figures_to_the_report_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("BQW_REPORTS_DIR", raising=False)
    with kernel_environment(reports_dir=tmp_path / "报告"):
        assert os.environ["BQW_REPORTS_DIR"] == str((tmp_path / "报告").resolve())
        assert os.environ["MPLBACKEND"] == INLINE_BACKEND
    assert "BQW_REPORTS_DIR" not in os.environ


def test_python_m_bqw_research_runs_the_command_line():
    proc = subprocess.run(
        [sys.executable, "-m", "bqw_research", "--help"],
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    for command in ("report", "ingest", "doctor", "kernel"):
        assert command in proc.stdout


def test_kernel_install_help_names_the_defaults(capsys):
    from bqw_research.report.notebooks import KERNEL_DISPLAY_NAME, KERNEL_NAME

    assert cli.main(["kernel", "install", "--help"]) == 0
    out = capsys.readouterr().out
    assert f"default {KERNEL_NAME})" in out and f'"{KERNEL_DISPLAY_NAME}"' in out
