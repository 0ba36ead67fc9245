"""Tests for bqw_research.textplot: clouds, bars, comparison clouds, masks, saving."""

from __future__ import annotations

import hashlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from PIL import Image, ImageDraw

from bqw_research import config
from bqw_research.textplot import (
    comparison_terms,
    guangdong_mask,
    load_mask,
    save_figure,
    textplot_comparison_cloud,
    textplot_top_terms,
    textplot_wordcloud,
    textplot_wordcloud_with_bars,
)
from bqw_research.textplot.clouds import opaque_rgba
from bqw_research.textplot.fonts import MissingGlyphError, cjk_font_path, missing_glyphs
from bqw_research.textstat import textstat_frequency, textstat_keyness

SMALL = {"width": 360, "height": 240, "scale": 1}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def make_tokens(docs: dict[str, list[str]]) -> pd.DataFrame:
    rows = [
        {"doc_id": d, "para_id": 1, "sent_id": 1, "token_id": i, "token": t}
        for d, toks in docs.items()
        for i, t in enumerate(toks, start=1)
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def toks() -> pd.DataFrame:
    a = ["百千万工程"] * 9 + ["县"] * 6 + ["镇"] * 5 + ["村"] * 4 + ["的"] * 12 + ["，"] * 8
    a += ["乡村振兴"] * 3 + ["高质量发展"] * 3 + ["和"] * 5 + ["产业"] * 2 + ["江门"] * 7
    b = ["百千万工程"] * 8 + ["县域"] * 6 + ["的"] * 10 + ["。"] * 6 + ["汕尾"] * 7
    b += ["产业"] * 5 + ["镇"] * 2 + ["了"] * 4 + ["海洋"] * 4
    return make_tokens({"江门篇": a, "汕尾篇": b})


@pytest.fixture
def freq(toks) -> pd.DataFrame:
    return textstat_frequency(toks)


def png_pixels(path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB")).astype(int)


def drawn_fraction(rgb: np.ndarray) -> float:
    """Share of pixels that are not (near-)white background."""
    return float((rgb.min(axis=2) < 200).mean())


# ---------------------------------------------------------------------------- clouds


def test_wordcloud_draws_pixels_and_only_covered_words(freq, tmp_path):
    fig = textplot_wordcloud(freq, seed=1, **SMALL)
    paths = save_figure(fig, "cloud", out_dir=tmp_path, dpi=100)
    assert set(paths) == {"png", "svg"}
    assert drawn_fraction(png_pixels(paths["png"])) > 0.02
    drawn = fig.bqw_layout["token"].tolist()
    assert drawn, "no word was drawn"
    assert missing_glyphs(drawn, cjk_font_path()) == set()
    svg = paths["svg"].read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<image" in svg


def test_single_characters_kept_and_stopwords_removed(freq):
    fig = textplot_wordcloud(freq, seed=1, **SMALL)
    drawn = set(fig.bqw_layout["token"])
    assert {"县", "镇", "村"} <= drawn  # wordcloud's regexp would have dropped these
    assert not drawn & {"的", "和", "了", "，", "。"}
    # sizes follow counts: 百千万工程 (17) is drawn at least as large as 村 (4)
    size = fig.bqw_layout.set_index("token")["font_size"]
    assert size["百千万工程"] >= size["村"]
    weight = fig.bqw_layout.set_index("token")["weight"]
    assert weight["百千万工程"] == 17 and weight["村"] == 4


def test_same_seed_same_bytes_different_seed_different_layout(freq, tmp_path):
    hashes = []
    layouts = []
    for run, seed in enumerate([3, 3, 4]):
        fig = textplot_wordcloud(freq, seed=seed, **SMALL)
        layouts.append(fig.bqw_layout[["token", "x", "y"]].to_numpy().tolist())
        paths = save_figure(fig, "cloud", out_dir=tmp_path / str(run), dpi=100)
        hashes.append({k: hashlib.sha256(p.read_bytes()).hexdigest() for k, p in paths.items()})
        plt.close(fig)
    assert hashes[0] == hashes[1]
    assert layouts[0] == layouts[1]
    assert layouts[0] != layouts[2]
    assert hashes[0]["png"] != hashes[2]["png"] and hashes[0]["svg"] != hashes[2]["svg"]


def test_word_without_glyph_raises(freq):
    bad = pd.concat(
        [freq, pd.DataFrame({"group": ["all"], "token": ["\U00020000村"], "n": [50]})],
        ignore_index=True,
    )
    with pytest.raises(MissingGlyphError, match="U\\+20000"):
        textplot_wordcloud(bad, **SMALL)
    with pytest.raises(MissingGlyphError):
        textplot_top_terms(bad)


def test_wordcloud_group_selection(toks):
    by_doc = textstat_frequency(toks, group="doc_id")
    with pytest.raises(ValueError, match="several groups"):
        textplot_wordcloud(by_doc, **SMALL)
    with pytest.raises(ValueError, match="not in the table"):
        textplot_wordcloud(by_doc, group="广州篇", **SMALL)
    fig = textplot_wordcloud(by_doc, group="汕尾篇", seed=1, **SMALL)
    drawn = set(fig.bqw_layout["token"])
    assert "汕尾" in drawn and "江门" not in drawn
    empty = by_doc.iloc[0:0]
    with pytest.raises(ValueError, match="no words"):
        textplot_wordcloud(empty, **SMALL)


def test_max_words(freq):
    fig = textplot_wordcloud(freq, max_words=3, seed=1, **SMALL)
    assert fig.bqw_layout["token"].tolist() == freq["token"].head(3).tolist()


def test_top_terms_bars(freq):
    fig = textplot_top_terms(freq, n=5, title="高频词")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == freq["token"].head(5).tolist()
    widths = [p.get_width() for p in ax.patches]
    assert widths == freq["n"].head(5).tolist()
    assert ax.yaxis_inverted()  # largest at the top


def test_wordcloud_with_bars(freq, tmp_path):
    fig = textplot_wordcloud_with_bars(freq, n_bars=6, seed=1, title="词云与高频词", **SMALL)
    assert len(fig.axes) == 2
    bar_labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert bar_labels == freq["token"].head(6).tolist()
    # every barred term is in the cloud it summarises
    assert set(bar_labels) <= set(fig.bqw_layout["token"])
    paths = save_figure(fig, "cloud_bars", out_dir=tmp_path, dpi=80)
    assert drawn_fraction(png_pixels(paths["png"])) > 0.02


# ------------------------------------------------------------------ comparison clouds


def hand_keyness() -> pd.DataFrame:
    rows = [
        # group, token, n_target, n_reference, G2, log_ratio, p, p_adj, significant
        ("A", "江门", 20, 0, 25.0, 5.0, 1e-6, 1e-5, True),
        ("B", "江门", 0, 20, -25.0, -5.0, 1e-6, 1e-5, False),
        ("A", "海洋", 1, 10, -6.0, -2.0, 0.01, 0.03, False),
        ("B", "海洋", 10, 1, 6.0, 2.0, 0.01, 0.03, True),
        ("A", "产业", 10, 10, 0.1, 0.1, 0.75, 0.9, False),
        ("B", "产业", 10, 10, -0.1, -0.1, 0.75, 0.9, False),
        ("A", "县域", 4, 0, 3.0, 3.0, 0.08, 0.2, False),  # only in A, not significant
        ("B", "县域", 0, 4, -3.0, -3.0, 0.08, 0.2, False),
    ]
    cols = ["group", "token", "n_target", "n_reference", "G2", "log_ratio", "p", "p_adj"]
    return pd.DataFrame(rows, columns=[*cols, "significant"])


def test_comparison_terms_hand_table():
    terms = comparison_terms(hand_keyness())
    by_token = terms.set_index("token")
    assert by_token.loc["江门", "kind"] == "key" and by_token.loc["江门", "group"] == "A"
    assert by_token.loc["江门", "weight"] == 25.0
    assert by_token.loc["海洋", "group"] == "B" and by_token.loc["海洋", "weight"] == 6.0
    # shared: in every group, key for none; sized by total count
    assert by_token.loc["产业", "kind"] == "shared"
    assert by_token.loc["产业", "weight"] == 20
    assert "县域" not in by_token.index  # neither key nor present in all groups
    lr = comparison_terms(hand_keyness(), size_by="log_ratio").set_index("token")
    assert lr.loc["江门", "weight"] == 5.0
    with pytest.raises(ValueError):
        comparison_terms(hand_keyness(), size_by="n")


def test_comparison_terms_term_key_for_two_groups_goes_to_larger_g2():
    key = pd.DataFrame(
        {
            "group": ["A", "B", "C"],
            "token": ["镇"] * 3,
            "n_target": [30, 25, 0],
            "n_reference": [25, 30, 55],
            "G2": [12.0, 8.0, -30.0],
            "log_ratio": [1.0, 0.8, -6.0],
            "p": [1e-3, 1e-2, 1e-8],
            "p_adj": [1e-3, 1e-2, 1e-8],
            "significant": [True, True, False],
        }
    )
    terms = comparison_terms(key)
    assert terms[["token", "kind", "group"]].values.tolist() == [["镇", "key", "A"]]


def test_comparison_cloud_from_real_keyness(toks, tmp_path):
    key = textstat_keyness(toks, group="doc_id")
    fig = textplot_comparison_cloud(key, seed=2, width=360, height=240, title="比较词云")
    terms = fig.bqw_terms
    assert set(terms["kind"]) <= {"key", "shared"}
    key_terms = terms[terms["kind"] == "key"]
    sig = key[(key["G2"] > 0) & key["significant"]]
    assert set(key_terms["token"]) <= set(sig["token"])
    assert not (set(key_terms["token"]) & set(terms.loc[terms["kind"] == "shared", "token"]))
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert {"江门篇", "汕尾篇"} <= set(legend)
    paths = save_figure(fig, "comparison", out_dir=tmp_path, dpi=80)
    assert drawn_fraction(png_pixels(paths["png"])) > 0.01


def test_comparison_cloud_without_key_terms_degrades():
    key = hand_keyness().assign(significant=False)
    fig = textplot_comparison_cloud(key, width=300, height=200)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("no term is significantly key" in t for t in texts)


# ----------------------------------------------------------------------------- masks


def _circle_image(path, *, fg, bg, mode="RGB", size=(200, 160)):
    img = Image.new(mode, size, bg)
    ImageDraw.Draw(img).ellipse((50, 30, 150, 130), fill=fg)
    img.save(path)
    return path


@pytest.mark.parametrize(
    ("mode", "fg", "bg"),
    [
        ("RGB", (0, 0, 0), (255, 255, 255)),  # dark shape on white
        ("RGB", (250, 250, 250), (10, 10, 40)),  # light shape on dark
        ("L", 90, 200),  # mid-grey levels (Otsu, not a fixed 128)
        ("RGBA", (255, 255, 255, 255), (255, 255, 255, 0)),  # shape only in the alpha channel
    ],
)
def test_load_mask_finds_the_shape(tmp_path, mode, fg, bg):
    path = _circle_image(tmp_path / "shape.png", fg=fg, bg=bg, mode=mode)
    mask = load_mask(path)
    assert mask.dtype == np.uint8 and mask.shape == (160, 200)
    assert mask[80, 100] == 0  # centre of the circle: words allowed
    assert mask[0, 0] == 255 and mask[-1, -1] == 255  # corners masked out
    assert set(np.unique(mask)) == {0, 255}
    inverted = load_mask(path, invert=True)
    assert inverted[80, 100] == 255 and inverted[0, 0] == 0


def test_load_mask_noise_and_resize(tmp_path):
    rng = np.random.default_rng(0)
    base = np.full((400, 500), 220.0)
    base[100:300, 150:350] = 60.0
    noisy = np.clip(base + rng.normal(0, 20, base.shape), 0, 255).astype(np.uint8)
    path = tmp_path / "noisy.png"
    Image.fromarray(noisy).save(path)
    mask = load_mask(path, max_size=250)
    assert mask.shape == (200, 250)
    inside = mask[55:145, 80:170]
    assert (inside == 0).mean() > 0.99
    assert (mask[:40] == 255).mean() > 0.99


def test_load_mask_rejects_blank_image(tmp_path):
    path = tmp_path / "blank.png"
    Image.new("RGB", (50, 50), "white").save(path)
    with pytest.raises(ValueError, match="leaves"):
        load_mask(path)


def test_guangdong_mask_and_words_inside(freq):
    mask = guangdong_mask(400, 300)
    assert mask.shape == (300, 400)
    free = (mask == 0).mean()
    assert 0.2 < free < 0.8  # a province outline, not a rectangle or nothing
    assert mask[0, 0] == 255 and mask[-1, 0] == 255 and mask[0, -1] == 255
    fig = textplot_wordcloud(freq, mask=mask, seed=5, scale=1)
    layout = fig.bqw_layout
    assert len(layout) > 0
    # every word box starts on a drawable pixel of the mask
    assert all(mask[y, x] != 255 for x, y in zip(layout["x"], layout["y"], strict=True))


def test_mask_from_path_in_cloud(freq, tmp_path):
    path = _circle_image(tmp_path / "c.png", fg=(0, 0, 0), bg=(255, 255, 255), size=(300, 240))
    fig = textplot_wordcloud(freq, mask=path, seed=1, scale=1)
    assert len(fig.bqw_layout) > 0


# ---------------------------------------------------------------------------- saving


def test_save_figure_names_and_resolution(freq, tmp_path):
    fig = textplot_top_terms(freq, n=4)
    paths = save_figure(fig, "高频词 / 江门:篇", out_dir=tmp_path, dpi=150)
    assert paths["png"].name == "高频词_江门_篇.png"
    assert paths["png"].parent == tmp_path
    w, h = Image.open(paths["png"]).size
    fw, fh = fig.get_size_inches()
    # tight bounding box at the requested dpi: about the figure size times 150
    assert 0.5 * fw * 150 < w <= fw * 150 + 20
    assert 0.5 * fh * 150 < h <= fh * 150 + 20
    svg = paths["svg"].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg  # no timestamp
    with pytest.raises(ValueError):
        save_figure(fig, "///", out_dir=tmp_path)


def test_default_out_dir_is_figures_dir(freq, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "FIGURES_DIR", tmp_path / "figs")
    paths = save_figure(textplot_top_terms(freq, n=3), "bars", formats=("png",))
    assert paths == {"png": tmp_path / "figs" / "bars.png"}
    assert paths["png"].is_file()


@pytest.mark.shared_corpus
def test_cloud_on_shared_corpus(shared_corpus, tmp_path):
    from bqw_research import tokens

    toks = tokens(shared_corpus)
    freq = textstat_frequency(toks, remove_numbers=True)
    fig = textplot_wordcloud_with_bars(freq, seed=42, width=600, height=400, scale=1)
    drawn = fig.bqw_layout["token"].tolist()
    assert len(drawn) > 50
    assert missing_glyphs(drawn, cjk_font_path()) == set()
    paths = save_figure(fig, "shared", out_dir=tmp_path, dpi=100, formats=("png",))
    assert drawn_fraction(png_pixels(paths["png"])) > 0.02


def test_drawing_into_given_axes(freq):
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8, 3))
    out = textplot_wordcloud(freq, ax=ax1, seed=1, title="县镇村", **SMALL)
    assert out is fig
    assert ax1.get_title() == "县镇村" and len(ax1.images) == 1
    out2 = textplot_top_terms(freq, n=3, ax=ax2)
    assert out2 is fig and len(ax2.patches) == 3


def test_opaque_rgba_adds_an_opaque_alpha_channel():
    rgb = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3)
    rgba = opaque_rgba(rgb)
    assert rgba.shape == (2, 3, 4) and rgba.dtype == np.uint8
    assert (rgba[..., :3] == rgb).all() and (rgba[..., 3] == 255).all()
    assert opaque_rgba(rgba) is rgba  # already RGBA: as it is
