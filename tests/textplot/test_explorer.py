"""The two-group explorer: its comparison table, KWIC lines and the standalone bokeh page."""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import pytest

from bqw_research.textplot import explorer_html, textplot_explorer, write_explorers
from bqw_research.textstat.compare import (
    COMPARISON_COLUMNS,
    COMPARISON_KWIC_COLUMNS,
    REST,
    explorer_comparisons,
    textstat_comparison,
    textstat_comparison_kwic,
)

#: Paragraphs (doc_id, para_id) → tokens; the text is the tokens joined.
PARAGRAPHS = {
    ("a1", 1): ["乡村振兴", "推动", "农房", "改造", "，", "和美乡村", "建设", "。"],
    ("a1", 2): ["乡村振兴", "要", "农民", "增收", "。"],
    ("a2", 1): ["乡村振兴", "村庄", "整治", "，", "和美乡村", "。"],
    ("b1", 1): ["产业转移", "园区", "招商引资", "，", "制造业", "项目", "。"],
    ("b2", 1): ["园区", "招商引资", "项目", "投资", "，", "乡村振兴", "。"],
    ("c1", 1): ["党建引领", "基层党组织", "，", "乡村振兴", "。"],
}
GENRE = {"a1": "乡村", "a2": "乡村", "b1": "产业", "b2": "产业", "c1": "党建"}
OUTLET = {"a1": "南方日报", "a2": "南方日报", "b1": "羊城晚报", "b2": "羊城晚报", "c1": "茂名日报"}


def _toks() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"doc_id": d, "para_id": p, "sent_id": 1, "token_id": i, "token": t}
            for (d, p), ts in PARAGRAPHS.items()
            for i, t in enumerate(ts, start=1)
        ]
    )


def _paragraphs() -> pd.DataFrame:
    rows = [{"doc_id": d, "para_id": p, "text": "".join(ts)} for (d, p), ts in PARAGRAPHS.items()]
    return pd.DataFrame(rows).assign(outlet=lambda x: x["doc_id"].map(OUTLET))


def _document(page: str) -> dict:
    """The bokeh document embedded in the page."""
    found = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert found is not None
    return json.loads(html.unescape(found.group(1)))


def _terms(page: str) -> dict[str, dict]:
    """The page's points: term → its columns (counts, keyness, KWIC lines …)."""

    def sources(node):
        if isinstance(node, dict):
            if node.get("name") == "ColumnDataSource":
                yield dict(node["attributes"]["data"]["entries"])
            for value in node.values():
                yield from sources(value)
        elif isinstance(node, list):
            for value in node:
                yield from sources(value)

    data = next(d for d in sources(_document(page)) if "kwic" in d)
    return {t: {k: v[i] for k, v in data.items()} for i, t in enumerate(data["token"])}


@pytest.fixture(scope="module")
def page():
    return textplot_explorer(
        _toks(), "乡村", "产业", corpus=_paragraphs(), group=GENRE, min_count=1, embed_font=False
    )


def test_comparison_counts_rates_and_keyness_of_a_against_b():
    out = textstat_comparison(_toks(), group=GENRE, a="乡村", b="产业", min_count=1)
    assert list(out.columns) == COMPARISON_COLUMNS
    row = out.set_index("token").loc["乡村振兴"]
    assert (row["n_a"], row["n_b"], row["docs_a"], row["docs_b"]) == (3, 1, 2, 1)
    counted_a = 6 + 3 + 4  # the 乡村 paragraphs' counted tokens (要 and punctuation out)
    assert row["per_10k_a"] == pytest.approx(3 / counted_a * 10_000, abs=1e-3)
    assert out.set_index("token").loc["园区", "G2"] < 0  # more in B
    assert "党建引领" not in set(out["token"])  # the third group is in neither side
    total = out["n_a"] + out["n_b"]
    assert total.is_monotonic_decreasing
    assert out["token"].iloc[0] == "乡村振兴"


def test_against_the_rest_pools_every_other_group_and_caps_terms():
    out = textstat_comparison(_toks(), group=GENRE, a="乡村", min_count=1, max_terms=5)
    assert set(out["group_b"]) == {REST} and len(out) == 5
    assert out.set_index("token").loc["乡村振兴", "n_b"] == 2  # 产业 and 党建


def test_kwic_lines_come_from_both_groups_a_first_and_capped():
    lines = textstat_comparison_kwic(
        _paragraphs(), _toks(), ["乡村振兴", "园区"], group=GENRE, a="乡村", b="产业", per_group=1
    )
    assert list(lines.columns) == COMPARISON_KWIC_COLUMNS
    rural = lines[lines["token"] == "乡村振兴"]
    assert rural["group"].tolist() == ["乡村", "产业"]
    assert (rural["keyword"] == "乡村振兴").all()
    assert rural["post"].iloc[0] == "推动农房改造，和美乡村建设。"
    assert lines[lines["token"] == "园区"]["group"].tolist() == ["产业"]


def test_page_holds_terms_tooltips_and_kwic_lines(page):
    terms = _terms(page)
    assert {"乡村振兴", "和美乡村", "招商引资"} <= set(terms)
    rural = terms["乡村振兴"]
    assert (rural["n_a"], rural["n_b"]) == (3, 1)
    lines = [line.split("\x1f") for line in rural["kwic"].split("\x1e")]  # shown on click
    assert lines[0] == ["乡村", "", "乡村振兴", "推动农房改造，和美乡村建设。"]
    assert [g for g, *_ in lines] == ["乡村", "乡村", "乡村", "产业"]
    doc = json.dumps(_document(page), ensure_ascii=False)
    assert "@per_10k_a per 10k" in doc and "@G2" in doc  # hover
    assert "乡村振兴" in page  # written as UTF-8, not as JSON escapes


def test_page_is_standalone_without_external_scripts(page):
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=[\"']https?:", page)
    assert "cdn.bokeh.org" not in page
    assert len(page) < 3_000_000


def test_same_tables_give_the_same_page_bytes(page):
    again = textplot_explorer(
        _toks(), "乡村", "产业", corpus=_paragraphs(), group=GENRE, min_count=1, embed_font=False
    )
    assert again == page


@pytest.mark.parametrize("scale", ["rank", "log"])
def test_both_scales_draw(scale):
    table = textstat_comparison(_toks(), group=GENRE, a="乡村", b="产业", min_count=1)
    out = explorer_html(
        table, pd.DataFrame(columns=COMPARISON_KWIC_COLUMNS), scale=scale, embed_font=False
    )
    terms = _terms(out)
    assert terms["乡村振兴"]["kwic"] == ""
    xs = [t["x"] for t in terms.values()]
    assert len(set(xs)) == len(xs)  # ties separated by the seeded jitter


def test_embedded_cjk_font_covers_the_page():
    table = textstat_comparison(_toks(), group=GENRE, a="乡村", b="产业", min_count=1)
    out = explorer_html(table, pd.DataFrame(columns=COMPARISON_KWIC_COLUMNS))
    assert '@font-face { font-family: "bqw-cjk"' in out


def test_standard_comparisons_written_under_the_report_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BQW_OUT_DIR", str(tmp_path))
    monkeypatch.setenv("BQW_NOTEBOOK", "06_dictionaries_similarity")
    comps = explorer_comparisons(_paragraphs())
    assert [c.name for c in comps] == ["outlet_南方日报_vs_羊城晚报"]
    written = write_explorers(_paragraphs(), _toks(), min_count=1, embed_font=False)
    path = written["outlet_南方日报_vs_羊城晚报"]
    assert (
        path
        == tmp_path / "explorers" / "06_dictionaries_similarity_outlet_南方日报_vs_羊城晚报.html"
    )
    assert "乡村振兴" in _terms(path.read_text(encoding="utf-8"))


def test_explorer_without_corpus_text_still_draws_the_terms():
    page = textplot_explorer(
        _toks(), "乡村", "产业", corpus=None, group=GENRE, min_count=1, embed_font=False
    )
    terms = _terms(page)
    assert "乡村振兴" in terms and {t["kwic"] for t in terms.values()} == {""}


def test_bokeh_javascript_is_inlined_unchanged(page):
    from bokeh.resources import INLINE

    used = [b.strip() for b in INLINE.js_raw if b.strip()[:300] in page]
    assert len(used) >= 2  # bokeh and its widgets
    for bundle in used:
        assert bundle in page  # nothing inserted into them (they contain "</head>" themselves)
    assert page.index("<style>\nbody {") > max(page.index(b) + len(b) for b in used)
