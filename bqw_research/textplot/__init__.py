"""Stage 4, textplot: figures that only draw the tables they are given.

One module per figure family — :mod:`.clouds` (word clouds, top terms beside
them, comparison clouds, masks), :mod:`.bars`, :mod:`.distributions`,
:mod:`.heatmaps`, :mod:`.lines`, :mod:`.maps` (Guangdong's cities and regions),
:mod:`.networks`, :mod:`.reuse` (text reuse network, lags), :mod:`.simil` (similarity heatmap), :mod:`.explorer` (an interactive HTML page comparing two groups), :mod:`.events` (timelines, response latency), :mod:`.topics` (top terms
per topic, topic shares by group) — plus :mod:`.fonts` (the CJK font every figure draws with)
and :mod:`.save` (print-resolution PNG and SVG). Importing this package
changes no global state: each function sets matplotlib up for Chinese
(:func:`setup_matplotlib`) when it makes a figure.
"""

from bqw_research.textplot.bars import (
    textplot_cleaning,
    textplot_rhetoric_bars,
    textplot_stacked_shares,
)
from bqw_research.textplot.clouds import (
    comparison_terms,
    group_colors,
    guangdong_mask,
    load_mask,
    make_wordcloud,
    mask_from_array,
    textplot_comparison_cloud,
    textplot_top_terms,
    textplot_wordcloud,
    textplot_wordcloud_with_bars,
)
from bqw_research.textplot.distributions import textplot_sentence_lengths
from bqw_research.textplot.events import (
    TYPE_COLORS,
    textplot_events_timeline,
    textplot_response_latency,
)
from bqw_research.textplot.explorer import explorer_html, textplot_explorer, write_explorers
from bqw_research.textplot.fonts import (
    MissingGlyphError,
    cjk_font,
    cjk_font_path,
    ensure_glyphs,
    setup_matplotlib,
)
from bqw_research.textplot.heatmaps import textplot_theme_heatmap
from bqw_research.textplot.lines import textplot_measure_series
from bqw_research.textplot.maps import REGION_COLORS, textplot_choropleth
from bqw_research.textplot.networks import textplot_citation_network, textplot_pairing_network
from bqw_research.textplot.reuse import textplot_reuse_lags, textplot_reuse_network
from bqw_research.textplot.save import save_figure
from bqw_research.textplot.simil import simil_matrix, simil_order, textplot_simil_heatmap
from bqw_research.textplot.topics import textplot_topic_shares, textplot_topic_terms

__all__ = [
    "REGION_COLORS",
    "TYPE_COLORS",
    "MissingGlyphError",
    "cjk_font",
    "cjk_font_path",
    "comparison_terms",
    "ensure_glyphs",
    "explorer_html",
    "group_colors",
    "guangdong_mask",
    "load_mask",
    "make_wordcloud",
    "mask_from_array",
    "save_figure",
    "setup_matplotlib",
    "simil_matrix",
    "simil_order",
    "textplot_choropleth",
    "textplot_citation_network",
    "textplot_cleaning",
    "textplot_comparison_cloud",
    "textplot_events_timeline",
    "textplot_explorer",
    "textplot_measure_series",
    "textplot_pairing_network",
    "textplot_response_latency",
    "textplot_reuse_lags",
    "textplot_reuse_network",
    "textplot_rhetoric_bars",
    "textplot_sentence_lengths",
    "textplot_simil_heatmap",
    "textplot_stacked_shares",
    "textplot_theme_heatmap",
    "textplot_top_terms",
    "textplot_topic_shares",
    "textplot_topic_terms",
    "textplot_wordcloud",
    "textplot_wordcloud_with_bars",
    "write_explorers",
]
