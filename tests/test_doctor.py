"""Tests for bqw_research.doctor (``bqw doctor``)."""

from __future__ import annotations

import pytest

from bqw_research import config, doctor
from bqw_research.doctor import Check, collect, format_checks, main
from bqw_research.textplot import fonts


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


def test_healthy_environment_exits_zero(capsys):
    assert main() == 0
    out = capsys.readouterr().out
    info = fonts.cjk_font()
    assert str(info.path) in out and info.family in out
    assert "all required checks passed" in out
    checks = by_name(collect())
    for name in ("font", "font glyphs", "jieba dictionary", "domain lexicon", "stopwords", "cache"):
        assert checks[name].status == "ok", checks[name]
    assert "sha256=" in checks["jieba dictionary"].detail
    assert "sha256=" in checks["domain lexicon"].detail
    assert str(config.DOMAIN_LEXICON) in checks["domain lexicon"].detail
    assert str(config.cache_dir()) in checks["cache"].detail
    assert checks["package wordcloud"].status == "ok"
    assert checks["package pandas"].status == "ok"


def test_missing_lexicon_fails(monkeypatch, tmp_path, capsys):
    missing = tmp_path / "no_lexicon.csv"
    monkeypatch.setattr(config, "DOMAIN_LEXICON", missing)
    assert main() == 1
    out = capsys.readouterr().out
    line = next(ln for ln in out.splitlines() if "domain lexicon" in ln and "missing" in ln)
    assert line.startswith("[fail]") and str(missing) in line
    assert "FAILED: domain lexicon" in out


def test_missing_stopwords_fails(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "STOPWORDS", tmp_path / "none.txt")
    checks = by_name(collect())
    assert checks["stopwords"].status == "fail"
    assert main() == 1


def test_missing_font_fails(monkeypatch):
    def no_font():
        raise fonts.FontNotFoundError("no CJK font anywhere")

    monkeypatch.setattr(fonts, "cjk_font", no_font)
    checks = collect()
    failed = [c for c in checks if c.status == "fail"]
    assert any(c.name == "font" and "no CJK font anywhere" in c.detail for c in failed)
    assert main() == 1


def test_missing_package_fails(monkeypatch):
    monkeypatch.setattr(doctor, "PACKAGES", ("pandas", "surely-not-an-installed-package"))
    checks = by_name(collect())
    assert checks["package surely-not-an-installed-package"].status == "fail"
    assert checks["package pandas"].status == "ok"


def test_optional_files_only_warn(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "GAZETTEER_DIR", tmp_path)
    checks = by_name(collect())
    assert checks["guangdong boundaries"].status == "warn"
    assert main() == 0


def test_crashing_check_is_reported_not_raised(monkeypatch):
    def boom():
        raise RuntimeError("kaput")

    monkeypatch.setattr(doctor, "_jieba", boom)
    checks = by_name(collect())
    assert checks["jieba dictionary"].status == "fail"
    assert "kaput" in checks["jieba dictionary"].detail


def test_format_checks():
    text = format_checks([Check("a", "ok", "fine"), Check("bb", "fail", "gone")])
    assert text.splitlines()[0] == "[ ok ] a   fine"
    assert text.splitlines()[1] == "[fail] bb  gone"
    assert text.splitlines()[-1] == "FAILED: bb"


@pytest.mark.parametrize("status", ["ok", "warn"])
def test_non_failing_statuses_are_ok(status):
    assert Check("x", status, "").ok
    assert not Check("x", "fail", "").ok
