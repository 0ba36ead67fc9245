"""save_figure follows the output settings the report runner gives each kernel."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from bqw_research import config
from bqw_research.textplot import save_figure, setup_matplotlib


@pytest.fixture
def figure():
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.bar(["茂名", "江门", "韶关"], [3, 5, 2])
    ax.set_title("各市报道份额")
    yield fig
    plt.close(fig)


@pytest.mark.parametrize(
    ("env_formats", "expected"),
    [
        (None, ["png", "svg"]),
        ("png", ["png"]),
        ("PNG, pdf", ["png", "pdf"]),
        ("svg,pdf,png", ["svg", "pdf", "png"]),
    ],
)
def test_out_dir_and_formats_from_the_environment(
    figure, tmp_path, monkeypatch, env_formats, expected
):
    monkeypatch.setenv(config.OUT_DIR_ENV, str(tmp_path / "report"))
    if env_formats is None:
        monkeypatch.delenv(config.FIGURE_FORMATS_ENV, raising=False)
    else:
        monkeypatch.setenv(config.FIGURE_FORMATS_ENV, env_formats)
    paths = save_figure(figure, "02_份额", dpi=50)
    assert list(paths) == expected
    for fmt, path in paths.items():
        assert path == tmp_path / "report" / "figures" / f"02_份额.{fmt}"
        assert path.stat().st_size > 0


def test_interactive_default_is_reports_figures(figure, tmp_path, monkeypatch):
    monkeypatch.delenv(config.OUT_DIR_ENV, raising=False)
    monkeypatch.setattr(config, "FIGURES_DIR", tmp_path / "reports" / "figures")
    assert save_figure(figure, "x", dpi=50, formats=["png"]) == {
        "png": tmp_path / "reports" / "figures" / "x.png"
    }


def test_pdf_embeds_the_cjk_font_as_truetype(figure, tmp_path):
    pdf = save_figure(figure, "份额", out_dir=tmp_path, formats=["pdf"])["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf  # Type 42: the font program is embedded
    assert b"/Type3" not in pdf  # not drawn as Type 3 outlines
    assert b"CIDFontType2" in pdf and b"/ToUnicode" in pdf  # the Chinese stays text
    assert b"/CreationDate" not in pdf  # reproducible


@pytest.mark.parametrize("value", ["gif", "png,tiff", ",", ""])
def test_unknown_formats_in_the_environment(figure, tmp_path, monkeypatch, value):
    monkeypatch.setenv(config.FIGURE_FORMATS_ENV, value or " ")
    with pytest.raises(ValueError, match="use a comma list of png, svg, pdf"):
        save_figure(figure, "x", out_dir=tmp_path)


def test_tight_bbox_of_an_image_figure_is_the_one_savefig_computes(tmp_path):
    """Images are hidden while the box is laid out (not resampled): the box is
    the one ``bbox_inches="tight"`` finds with them drawn, and they stay visible."""
    import numpy as np
    from matplotlib.transforms import Bbox

    from bqw_research.textplot.save import tight_bbox

    setup_matplotlib()
    fig, (ax, bars) = plt.subplots(1, 2, figsize=(6, 3))
    image = ax.imshow(np.random.default_rng(0).random((40, 80)), interpolation="bilinear")
    ax.set_title("广东 · 词云")
    bars.barh(["发展", "建设", "推进"], [27, 16, 18])
    try:
        got = tight_bbox(fig, pad_inches=0.05)
        renderer = fig.canvas.get_renderer()
        fig.draw(renderer)
        expected: Bbox = fig.get_tightbbox(renderer).padded(0.05)
        assert np.allclose(got.bounds, expected.bounds)
        assert image.get_visible()
        # and the saved file is the figure with its image drawn
        paths = save_figure(fig, "词云", out_dir=tmp_path, formats=["png"], dpi=50)
        assert paths["png"].stat().st_size > 1000
    finally:
        plt.close(fig)
