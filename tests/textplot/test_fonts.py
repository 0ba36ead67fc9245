"""Tests for bqw_research.fonts: font discovery, matplotlib setup, the glyph guard."""

from __future__ import annotations

from types import SimpleNamespace

import matplotlib
import pytest
from matplotlib import font_manager

from bqw_research.textplot import fonts
from bqw_research.textplot.fonts import (
    FontNotFoundError,
    MissingGlyphError,
    cjk_font,
    cjk_font_path,
    ensure_glyphs,
    missing_glyphs,
    setup_matplotlib,
)

# U+20000 (CJK Extension B) and a private-use code point are not in Noto Sans CJK SC.
RARE = "\U00020000"
PUA = "\ue000"


@pytest.fixture
def fresh_discovery(monkeypatch):
    """Forget the cached font choice before and after a test that changes the inputs."""
    monkeypatch.delenv("BQW_FONT", raising=False)
    fonts._discover.cache_clear()
    yield
    fonts._discover.cache_clear()


def test_bundled_font_is_found_and_covers_chinese():
    path = fonts.bundled_font_path()
    assert path.is_file() and path.suffix == ".otf"
    assert path.parent.parent.name == "mplfonts"
    assert missing_glyphs("百县千镇万村高质量发展工程", path) == set()


def test_cjk_font_info():
    info = cjk_font()
    assert info.path == cjk_font_path()
    assert info.path.is_file()
    assert info.source in {"env", "system", "bundled"}
    assert info.family  # read from the font's name table
    assert missing_glyphs("广东粤东粤西粤北珠三角", info.path) == set()


def test_setup_matplotlib_is_idempotent_and_resolves_font():
    first = setup_matplotlib()
    n_fonts = len(font_manager.fontManager.ttflist)
    second = setup_matplotlib()
    assert first == second
    assert len(font_manager.fontManager.ttflist) == n_fonts  # not registered twice
    family = matplotlib.rcParams["font.sans-serif"][0]
    assert matplotlib.rcParams["font.sans-serif"].count(family) == 1
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    resolved = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert resolved == str(first.path)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        ("百千万工程", set()),
        (["县", "镇", "村", "乡村振兴"], set()),
        ("“百千万工程”——县域经济（2025）", set()),
        ("县 镇\n村\u3000", set()),  # whitespace needs no glyph
        (f"{RARE}镇", {RARE}),
        ([f"{PUA}村", f"乡{RARE}"], {PUA, RARE}),
    ],
)
def test_missing_glyphs(texts, expected):
    assert missing_glyphs(texts, cjk_font_path()) == expected


def test_ensure_glyphs_passes_and_raises_naming_words_and_chars():
    assert ensure_glyphs(["县", "镇", "村"]) == cjk_font_path()
    with pytest.raises(MissingGlyphError) as info:
        ensure_glyphs(["县域", f"{RARE}镇", "高质量发展"])
    err = info.value
    assert err.words == {f"{RARE}镇": {RARE}}
    assert err.chars == {RARE}
    assert "U+20000" in str(err) and f"{RARE}镇" in str(err)
    assert isinstance(err, ValueError)


def test_env_override(monkeypatch, fresh_discovery, tmp_path):
    bundled = fonts.bundled_font_path()
    monkeypatch.setenv("BQW_FONT", str(bundled))
    info = cjk_font()
    assert info.source == "env" and info.path == bundled.resolve()

    monkeypatch.setenv("BQW_FONT", str(tmp_path / "missing.otf"))
    with pytest.raises(FontNotFoundError, match="does not exist"):
        cjk_font()

    latin = font_manager.findfont("DejaVu Sans")
    monkeypatch.setenv("BQW_FONT", latin)
    with pytest.raises(FontNotFoundError, match="does not cover Chinese"):
        cjk_font()


def test_system_font_preferred_over_bundled(monkeypatch, fresh_discovery, tmp_path):
    """A system font whose family is in the preference list wins; others are ignored."""
    system_copy = tmp_path / "system" / "NotoSansCJK-Regular.otf"
    system_copy.parent.mkdir()
    system_copy.symlink_to(fonts.bundled_font_path())
    latin = font_manager.findfont("DejaVu Sans")
    entries = [
        SimpleNamespace(fname=latin, name="DejaVu Sans", style="normal"),
        # a CJK font under a family that is not in the list (e.g. Japanese-first) is skipped
        SimpleNamespace(fname=str(system_copy), name="Noto Sans CJK JP", style="normal"),
        SimpleNamespace(fname=str(system_copy), name="Noto Sans CJK SC", style="normal"),
    ]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", entries)
    info = cjk_font()
    assert info.source == "system"
    assert info.family == "Noto Sans CJK SC"
    assert info.path == system_copy.resolve()


def test_no_system_font_falls_back_to_bundled(monkeypatch, fresh_discovery):
    latin = font_manager.findfont("DejaVu Sans")
    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        [SimpleNamespace(fname=latin, name="SimHei", style="normal")],  # wrong coverage
    )
    info = cjk_font()
    assert info.source == "bundled"
    assert info.path == fonts.bundled_font_path().resolve()


def test_preference_list_is_simplified_chinese_first():
    assert fonts.SYSTEM_FONT_PREFERENCE[0] == "Noto Sans CJK SC"
    assert not any("JP" in f or "TC" in f or "KR" in f for f in fonts.SYSTEM_FONT_PREFERENCE)
