"""An interactive explorer of two groups (scattertext-like), as one standalone HTML page.

Every term is a point placed by its rate in group A (x) and in group B (y) — rank-scaled
(the default: the points spread evenly, as scattertext does) or log-scaled — and coloured
by its log ratio of A against B (the package's keyness, :func:`textstat_comparison`);
terms significant under the keyness test are drawn larger and opaque. Hovering shows
counts, rates and keyness; clicking a term (or finding it in the search box) shows its
keyword-in-context lines from both groups (:func:`textstat_comparison_kwic`).

The page is drawn with bokeh and written with its JavaScript inline (no CDN: it works
offline, e-mailed or archived) and with the report's embedded CJK web font
(:func:`bqw_research.textplot.webfont.font_face_css`, subset to the page's characters), so the
Chinese shows on a computer without Chinese fonts. Terms are sorted and the jitter that
separates tied points is seeded: the same tables give the same picture. Size is kept sane
by capping terms (``max_terms``, most frequent first) and KWIC lines per term and group.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bqw_research import config
from bqw_research.textstat.compare import (
    Comparison,
    explorer_comparisons,
    textstat_comparison,
    textstat_comparison_kwic,
)

__all__ = [
    "EXPLORERS_DIR",
    "FONT_STACK",
    "explorer_html",
    "explorers_dir",
    "textplot_explorer",
    "write_explorers",
]

#: Folder (under the report's output folder) the pages are written to.
EXPLORERS_DIR = "explorers"
#: Common CJK system fonts, after the embedded subset (``bqw-cjk``) in :data:`FONT_STACK`.
SYSTEM_FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", sans-serif'
)
#: Fonts of the page's text: the embedded subset first, then the system's.
FONT_STACK = f'"bqw-cjk", {SYSTEM_FONTS}'
#: Run when the page is ready: once the embedded font is loaded, the labels drawn on the
#: canvas (which does not wait for web fonts) are drawn again with it.
_FONT_READY_JS = """
if (document.fonts) {
  document.fonts.load('11px "bqw-cjk"', "中").then(() => {
    labels.text_font = {value: font};
    title.text_font = font; bar.title_text_font = font;
    for (const axis of axes) { axis.axis_label_text_font = font; }
  });
}
"""
_SCALES = ("rank", "log")
#: Colour limits of the log ratio (binary log: ±4 = 16 times more frequent).
_LOG_RATIO_LIMIT = 4.0


def explorers_dir() -> Path:
    """``<output folder>/explorers`` (``reports/explorers``, or ``$BQW_OUT_DIR/explorers``)."""
    return config.output_dir() / EXPLORERS_DIR


def _positions(rate: pd.Series, *, scale: str, jitter: np.ndarray) -> np.ndarray:
    """Rank (0–1, ties averaged) or log10 rate (zero at half the smallest rate), jittered."""
    if scale == "rank":
        return rate.rank(method="average", pct=True).to_numpy() + jitter / max(len(rate), 1)
    positive = rate[rate > 0]
    floor = positive.min() / 2 if len(positive) else 1.0
    return np.log10(rate.where(rate > 0, floor).to_numpy(dtype=float)) + jitter * 0.02


#: Separators of the KWIC lines of one term, as stored in the page (text never holds them).
_FIELD, _LINE = "\x1f", "\x1e"


def _kwic_data(lines: pd.DataFrame, terms: pd.Series) -> list[str]:
    """Each term's KWIC lines as compact text (group, before, match, after), in the order
    of ``lines`` (A's lines first); ``""`` for a term without lines.

    The page turns them into an escaped table when the term is clicked (:data:`_SHOW_JS`):
    HTML markup written out for 2,000 terms would double the page. Built column-wise for
    all terms at once.
    """
    if lines.empty:
        return [""] * len(terms)

    def field(column: str) -> pd.Series:
        return lines[column].astype(str).str.replace(_FIELD, " ").str.replace(_LINE, " ")

    record = field("group") + _FIELD + field("pre") + _FIELD + field("keyword") + _FIELD
    record = record + field("post")
    joined = record.groupby(lines["token"].to_numpy(), sort=False).agg(_LINE.join)
    return terms.map(joined).fillna("").tolist()


#: The click handler: the term's counts and keyness, then its KWIC lines (all text escaped).
_SHOW_JS = """
const i = source.selected.indices[0];
if (i === undefined) { panel.text = hint; return; }
const esc = (t) => String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const d = source.data;
let out = `<h3>${esc(d.token[i])}</h3><p>${esc(a)}: ${d.n_a[i]} (${d.per_10k_a[i]} per 10k) · ` +
  `${esc(b)}: ${d.n_b[i]} (${d.per_10k_b[i]} per 10k) · G² ${d.G2[i]} · log ratio ${d.log_ratio[i]}` +
  `${d.significant[i] ? " · significant" : ""}</p>`;
const lines = d.kwic[i] ? d.kwic[i].split(LINE) : [];
if (!lines.length) { panel.text = out + "<p>(no KWIC line)</p>"; return; }
out += '<table class="kwic">';
for (const line of lines) {
  const [g, pre, kw, post] = line.split(FIELD);
  out += `<tr><td class="g">${esc(g)}</td><td class="pre">${esc(pre)}</td>` +
    `<td><mark>${esc(kw)}</mark>${esc(post)}</td></tr>`;
}
panel.text = out + "</table>";
"""


_CSS = f"""
body {{ font-family: {FONT_STACK}; margin: 1rem 2rem; color: #222; }}
.kwic {{ border-collapse: collapse; font-size: 95%; }}
.kwic td {{ padding: .15rem .4rem; border-bottom: 1px solid #eee; }}
.kwic td.g {{ color: #555; white-space: nowrap; }} .kwic td.pre {{ text-align: right; }}
mark {{ background: #ffe08a; }}
"""


def explorer_html(
    table: pd.DataFrame,
    lines: pd.DataFrame,
    *,
    title: str | None = None,
    scale: str = "rank",
    seed: int = 0,
    label_terms: int = 12,
    note: str = "",
    embed_font: bool = True,
) -> str:
    """The standalone page of a :func:`textstat_comparison` table and its KWIC lines.

    ``lines`` is :func:`textstat_comparison_kwic`'s table (may be empty). ``scale`` is
    ``"rank"`` or ``"log"``; ``seed`` seeds the jitter; ``label_terms`` terms most key for
    each side are written on the plot; ``note`` is shown under the title. With
    ``embed_font`` the CJK characters of the page are embedded as a web font subset (left
    out, with the system fonts used instead, when the font cannot be read).
    """
    from bokeh.document import Document
    from bokeh.embed import file_html
    from bokeh.layouts import column, row
    from bokeh.models import (
        AutocompleteInput,
        ColorBar,
        ColumnDataSource,
        CustomJS,
        Div,
        HoverTool,
        LabelSet,
        LinearColorMapper,
        TapTool,
    )
    from bokeh.palettes import RdBu11
    from bokeh.plotting import figure
    from bokeh.resources import INLINE

    if scale not in _SCALES:
        raise ValueError(f"scale must be one of {_SCALES}; got {scale!r}")
    if table.empty:
        raise ValueError("nothing to draw: the comparison table has no term")
    a, b = str(table["group_a"].iloc[0]), str(table["group_b"].iloc[0])
    data = table.sort_values("token", kind="mergesort").reset_index(drop=True)
    rng = np.random.default_rng(seed)
    jitter = rng.uniform(-0.5, 0.5, size=(2, len(data)))
    source = ColumnDataSource(
        {
            **{c: data[c].tolist() for c in ("token", "n_a", "n_b", "per_10k_a", "per_10k_b")},
            "G2": data["G2"].round(2).tolist(),
            "log_ratio": data["log_ratio"].round(3).tolist(),
            "p_adj": [f"{p:.2g}" for p in data["p_adj"]],
            "x": _positions(data["per_10k_a"], scale=scale, jitter=jitter[0]).tolist(),
            "y": _positions(data["per_10k_b"], scale=scale, jitter=jitter[1]).tolist(),
            "size": np.where(data["significant"], 9, 5).tolist(),
            "alpha": np.where(data["significant"], 0.9, 0.35).tolist(),
            "significant": data["significant"].astype(bool).tolist(),
            "kwic": _kwic_data(lines, data["token"]),
        }
    )
    axis = "rank of the rate" if scale == "rank" else "log₁₀ rate per 10,000 tokens"
    plot = figure(
        width=820,
        height=720,
        title=title or f"{a} vs {b}",
        x_axis_label=f"{a}: {axis}",
        y_axis_label=f"{b}: {axis}",
        tools="pan,wheel_zoom,box_zoom,reset,save",
        toolbar_location="above",
    )
    mapper = LinearColorMapper(palette=list(RdBu11), low=-_LOG_RATIO_LIMIT, high=_LOG_RATIO_LIMIT)
    dots = plot.scatter(
        "x",
        "y",
        source=source,
        size="size",
        fill_alpha="alpha",
        line_alpha="alpha",
        color={"field": "log_ratio", "transform": mapper},
    )
    plot.add_tools(
        HoverTool(
            renderers=[dots],
            tooltips=[
                ("term", "@token"),
                (a, "@n_a (@per_10k_a per 10k)"),
                (b, "@n_b (@per_10k_b per 10k)"),
                ("G²", "@G2"),
                ("log ratio", "@log_ratio"),
                ("p (BH)", "@p_adj"),
            ],
        ),
        TapTool(renderers=[dots]),
    )
    bar = ColorBar(color_mapper=mapper, title=f"log₂ ratio ({a} / {b})")
    plot.add_layout(bar, "right")
    # the system's fonts until the embedded one has loaded (_FONT_READY_JS)
    plot.title.text_font = bar.title_text_font = SYSTEM_FONTS
    axes = [plot.xaxis[0], plot.yaxis[0]]
    for drawn in axes:
        drawn.axis_label_text_font = SYSTEM_FONTS
    key = data[data["significant"]]
    shown = pd.concat(
        [
            key[key["G2"] > 0].nlargest(label_terms, "G2"),
            key[key["G2"] < 0].nsmallest(label_terms, "G2"),
        ]
    ).index
    labels = ColumnDataSource({c: source.data[c] for c in ("x", "y", "token")})
    labels.data = {c: [labels.data[c][i] for i in shown] for c in labels.data}
    label_set = LabelSet(
        x="x",
        y="y",
        text="token",
        source=labels,
        text_font={"value": SYSTEM_FONTS},
        text_font_size="11px",
        x_offset=4,
        y_offset=2,
    )
    plot.add_layout(label_set)
    hint = "<p>Click a term (or find it above) to see its KWIC lines.</p>"
    panel = Div(text=hint, width=560, styles={"font-family": FONT_STACK})
    source.selected.js_on_change(
        "indices",
        CustomJS(
            args={
                "source": source,
                "panel": panel,
                "hint": hint,
                "a": a,
                "b": b,
                "FIELD": _FIELD,
                "LINE": _LINE,
            },
            code=_SHOW_JS,
        ),
    )
    search = AutocompleteInput(
        completions=data["token"].tolist(), placeholder="find a term", width=240
    )
    search.js_on_change(
        "value",
        CustomJS(
            args={"source": source},
            code="const i = source.data.token.indexOf(cb_obj.value);\n"
            "if (i >= 0) { source.selected.indices = [i]; }",
        ),
    )
    e = html.escape
    header = Div(
        text=(
            f"<h2>{e(title or f'{a} vs {b}')}</h2><p>{len(data):,} terms (the most frequent in "
            f"the two groups). x: {e(a)}, y: {e(b)}, {e(axis)}; colour: log ratio of {e(a)} "
            f"against {e(b)} (red: more in {e(a)}, blue: more in {e(b)}); large dots: "
            f"significant keyness (G², Benjamini–Hochberg, dispersion checked).</p>"
            + (f"<p><em>{e(note)}</em></p>" if note else "")
        ),
        width=1400,
        styles={"font-family": FONT_STACK},
    )
    document = Document()
    document.add_root(column(header, search, row(plot, panel)))
    document.js_on_event(
        "document_ready",
        CustomJS(
            args={
                "labels": label_set,
                "title": plot.title,
                "bar": bar,
                "axes": axes,
                "font": FONT_STACK,
            },
            code=_FONT_READY_JS,
        ),
    )
    page = _stable_ids(file_html(document, resources=INLINE, title=title or f"{a} vs {b}"))
    page = _unescape_cjk(page)
    head_end = page.rfind("</head>")  # the last: bokeh's inlined JavaScript holds others
    page = f"{page[:head_end]}<style>{_CSS}</style>\n{page[head_end:]}"
    return _with_font(page, data, lines) if embed_font else page


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
_MODEL_ID = re.compile(r'"id":"(p\d+)"')


#: A JSON escape of a CJK character (punctuation, kana, ideographs, full-width forms) not
#: itself escaped: bokeh writes ``\\u4e61``; the character itself takes half the bytes.
_CJK_ESCAPE = re.compile(r"(?<!\\)\\u(3[0-9a-f]{3}|[4-9][0-9a-f]{3}|ff[0-9a-e][0-9a-f])")


_DOC_JSON = re.compile(r'(<script type="application/json"[^>]*>)(.*?)(</script>)', re.S)


def _unescape_cjk(page: str) -> str:
    """``page`` with the JSON escapes of CJK characters in its document written as the
    characters (UTF-8); bokeh's own JavaScript is left as it is."""
    return _DOC_JSON.sub(
        lambda d: (
            d.group(1)
            + _CJK_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), d.group(2))
            + d.group(3)
        ),
        page,
    )


def _stable_ids(page: str) -> str:
    """``page`` with bokeh's random element ids and process-wide model counters renumbered
    in order of appearance, so the same tables give the same bytes."""
    uuids = {
        u: f"00000000-0000-4000-8000-{i:012d}"
        for i, u in enumerate(dict.fromkeys(_UUID.findall(page)))
    }
    page = _UUID.sub(lambda m: uuids[m.group(0)], page)
    ids = {m: f"p{i + 1000}" for i, m in enumerate(dict.fromkeys(_MODEL_ID.findall(page)))}
    return re.sub(r'"(p\d+)"', lambda m: f'"{ids.get(m.group(1), m.group(1))}"', page)


def _with_font(page: str, data: pd.DataFrame, lines: pd.DataFrame) -> str:
    """``page`` with the CJK characters of its terms and KWIC lines embedded as a web font."""
    from bqw_research.textplot.webfont import embed_font, font_face_css, page_characters

    text = " ".join(
        [*data["token"].astype(str), *data["group_a"].astype(str), *data["group_b"].astype(str)]
        + [" ".join(map(str, lines[c])) for c in ("pre", "keyword", "post", "group")]
    )
    try:
        css = font_face_css(page_characters([html.escape(text)]))
    except Exception:  # no font file or fontTools failure: the system fonts are used
        return page
    return embed_font(page, css)


def textplot_explorer(
    toks: pd.DataFrame,
    group_a: str,
    group_b: str | None = None,
    *,
    corpus: pd.DataFrame | None,
    group: Any,
    path: str | os.PathLike[str] | None = None,
    title: str | None = None,
    max_terms: int = 2000,
    kwic_per_group: int = 3,
    window: int = 20,
    min_count: int = 2,
    scale: str = "rank",
    seed: int = 0,
    embed_font: bool = True,
) -> str | Path:
    """The explorer page of ``group_a`` against ``group_b`` (``None``: all other text).

    ``group`` is the grouping (a corpus column via a ``doc_id → group`` mapping, or the
    city/region attribution as a paragraph table with ``group``); ``corpus`` supplies the
    paragraphs' text for the KWIC lines (``None``: no KWIC lines). The ``max_terms`` most
    frequent terms are drawn, each with up to ``kwic_per_group`` lines of ``window``
    characters from each group. Returns the HTML, or the path when ``path`` is given (its
    folder is made).
    """
    table = textstat_comparison(
        toks, group=group, a=group_a, b=group_b, min_count=min_count, max_terms=max_terms
    )
    lines = (
        textstat_comparison_kwic(
            corpus,
            toks,
            table["token"].tolist(),
            group=group,
            a=group_a,
            b=group_b,
            per_group=kwic_per_group,
            window=window,
        )
        if corpus is not None
        else pd.DataFrame(columns=["token", "group", "pre", "keyword", "post"])
    )
    page = explorer_html(table, lines, title=title, scale=scale, seed=seed, embed_font=embed_font)
    if path is None:
        return page
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target


def write_explorers(
    corpus: pd.DataFrame,
    toks: pd.DataFrame,
    *,
    attribution: pd.DataFrame | None = None,
    extra: list[Comparison] | None = None,
    out_dir: str | os.PathLike[str] | None = None,
    **options: Any,
) -> dict[str, Path]:
    """Write the explorer page of each standard comparison (and of ``extra`` ones).

    The standard comparisons are :func:`~bqw_research.textstat.compare.explorer_comparisons`
    (region with most text vs the rest, the two cities and the two outlets with most text).
    Pages go to ``out_dir`` (default :func:`explorers_dir`) as ``<notebook>_<name>.html``
    when the report runner runs the notebook (``$BQW_NOTEBOOK``; the index links them),
    ``<name>.html`` otherwise. A comparison that fails (a group left without counted
    terms) is skipped with a warning. ``options`` go to :func:`textplot_explorer`.
    Returns ``name → path``.
    """
    import warnings

    folder = Path(out_dir) if out_dir is not None else explorers_dir()
    prefix = os.environ.get(config.NOTEBOOK_ENV, "")
    written: dict[str, Path] = {}
    for comp in [*(extra or []), *explorer_comparisons(corpus, attribution)]:
        if comp.name in written:
            continue
        file = folder / (f"{prefix}_{comp.name}.html" if prefix else f"{comp.name}.html")
        try:
            written[comp.name] = textplot_explorer(  # type: ignore[assignment]
                toks, comp.a, comp.b, corpus=corpus, group=comp.group, path=file, **options
            )
        except ValueError as exc:
            warnings.warn(f"explorer {comp.name} not written: {exc}", stacklevel=2)
    return written
