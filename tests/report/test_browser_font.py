"""A report page in a real headless browser draws its Chinese with the embedded font.

The browser is given a font configuration with no CJK font at all (DejaVu only, or
nothing), as on a viewer's machine without Chinese fonts. Two pages that differ only
in their Chinese heading — strokes as sparse as 一二三 against dense 疆藏鑫 — must then
look different with the embedded font (glyphs are drawn) and alike without it (every
character is the same missing-glyph box), which also shows that no other font drew
them. Needs Debian's ``chromium`` (``apt-get install chromium``): skipped without it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from PIL import Image

from bqw_research.report.pages import add_navigation, embed_font, font_face_css, page_characters

BROWSER = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no headless chromium (apt-get install chromium) to render a page"
)

SPARSE, DENSE = "一二三", "疆藏鑫"
LATIN_FONTS = Path("/usr/share/fonts/truetype/dejavu")


def _report_page(heading: str) -> str:
    """A notebook page as the runner writes it, before the font is embedded."""
    from nbconvert import HTMLExporter

    nb = new_notebook(
        cells=[
            new_markdown_cell(f"# {heading}\n\nRegional comparison"),
            new_code_cell("1 + 1"),
        ]
    )
    body, _ = HTMLExporter().from_notebook_node(nb)
    return add_navigation(body)


@pytest.fixture(scope="module")
def no_cjk_fonts(tmp_path_factory) -> dict[str, str]:
    """Environment for the browser: fontconfig that knows no CJK font."""
    base = tmp_path_factory.mktemp("fontconfig")
    dirs = f"<dir>{LATIN_FONTS}</dir>" if LATIN_FONTS.is_dir() else ""
    conf = base / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig>{dirs}<cachedir>{base / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(base)}


def _screenshot(page: str, folder: Path, env: dict[str, str]) -> np.ndarray:
    """Grey levels of the top of *page* as chromium draws it (lazy: at most 60 s)."""
    folder.mkdir(parents=True, exist_ok=True)
    html_path, png = folder / "page.html", folder / "shot.png"
    html_path.write_text(page, encoding="utf-8")
    subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--user-data-dir={folder / 'profile'}",
            "--window-size=900,360",
            f"--screenshot={png}",
            html_path.as_uri(),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return np.asarray(Image.open(png).convert("L"), dtype=np.int16)


def _ink(image: np.ndarray) -> int:
    return int((image < 128).sum())


@pytest.fixture(scope="module")
def shots(tmp_path_factory, no_cjk_fonts):
    base = tmp_path_factory.mktemp("shots")
    pages = {text: _report_page(text) for text in (SPARSE, DENSE)}
    css = font_face_css(page_characters(pages.values()))
    return {
        (text, embedded): _screenshot(
            embed_font(page, css) if embedded else page,
            base / f"{'font' if embedded else 'plain'}-{len(text)}-{ord(text[0])}",
            no_cjk_fonts,
        )
        for text, page in pages.items()
        for embedded in (True, False)
    }


def test_without_the_font_every_character_is_the_same_box(shots):
    # the premise: this browser has no CJK font, so both headings draw alike
    assert np.abs(shots[(SPARSE, False)] - shots[(DENSE, False)]).max() == 0


def test_with_the_font_the_glyphs_are_drawn(shots):
    sparse, dense = shots[(SPARSE, True)], shots[(DENSE, True)]
    assert (np.abs(sparse - dense) > 64).sum() > 500  # different characters look different
    assert _ink(dense) > _ink(sparse) + 500  # 疆藏鑫 has far more strokes than 一二三
    # and not the missing-glyph boxes drawn without it
    assert (np.abs(dense - shots[(DENSE, False)]) > 64).sum() > 500
