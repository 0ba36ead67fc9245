"""Stage 4, textplot: figures that only draw the tables they are given.

One module per figure family — :mod:`.clouds` (word clouds, top terms beside
them, comparison clouds, masks), :mod:`.bars`, :mod:`.distributions`,
:mod:`.heatmaps`, :mod:`.lines`, :mod:`.maps` (Guangdong's cities and regions),
:mod:`.networks`, :mod:`.reuse` (text reuse network, lags), :mod:`.simil` (similarity heatmap), :mod:`.explorer` (an interactive HTML page comparing two groups), :mod:`.events` (timelines, response latency), :mod:`.topics` (top terms
per topic, topic shares by group) — plus :mod:`.fonts` (the CJK font every figure draws with)
and :mod:`.save` (print-resolution PNG and SVG). Importing this package
changes no global state and imports no figure module: each name is imported
from its module on first use (:mod:`bqw_research.lazy`), and each function sets
matplotlib up for Chinese (:func:`setup_matplotlib`) when it makes a figure.
"""

from bqw_research.lazy import lazy_exports

#: Re-exported name → the module that defines it.
_EXPORTS = {
    "textplot_cleaning": "bqw_research.textplot.bars",
    "textplot_rhetoric_bars": "bqw_research.textplot.bars",
    "textplot_stacked_shares": "bqw_research.textplot.bars",
    "comparison_terms": "bqw_research.textplot.clouds",
    "group_colors": "bqw_research.textplot.clouds",
    "guangdong_mask": "bqw_research.textplot.clouds",
    "load_mask": "bqw_research.textplot.clouds",
    "make_wordcloud": "bqw_research.textplot.clouds",
    "mask_from_array": "bqw_research.textplot.clouds",
    "textplot_comparison_cloud": "bqw_research.textplot.clouds",
    "textplot_top_terms": "bqw_research.textplot.clouds",
    "textplot_wordcloud": "bqw_research.textplot.clouds",
    "textplot_wordcloud_with_bars": "bqw_research.textplot.clouds",
    "textplot_sentence_lengths": "bqw_research.textplot.distributions",
    "TYPE_COLORS": "bqw_research.textplot.events",
    "textplot_events_timeline": "bqw_research.textplot.events",
    "textplot_response_latency": "bqw_research.textplot.events",
    "explorer_html": "bqw_research.textplot.explorer",
    "textplot_explorer": "bqw_research.textplot.explorer",
    "write_explorers": "bqw_research.textplot.explorer",
    "MissingGlyphError": "bqw_research.textplot.fonts",
    "cjk_font": "bqw_research.textplot.fonts",
    "cjk_font_path": "bqw_research.textplot.fonts",
    "ensure_glyphs": "bqw_research.textplot.fonts",
    "setup_matplotlib": "bqw_research.textplot.fonts",
    "textplot_theme_heatmap": "bqw_research.textplot.heatmaps",
    "textplot_measure_series": "bqw_research.textplot.lines",
    "REGION_COLORS": "bqw_research.textplot.maps",
    "textplot_choropleth": "bqw_research.textplot.maps",
    "textplot_citation_network": "bqw_research.textplot.networks",
    "textplot_pairing_network": "bqw_research.textplot.networks",
    "textplot_reuse_lags": "bqw_research.textplot.reuse",
    "textplot_reuse_network": "bqw_research.textplot.reuse",
    "save_figure": "bqw_research.textplot.save",
    "simil_matrix": "bqw_research.textplot.simil",
    "simil_order": "bqw_research.textplot.simil",
    "textplot_simil_heatmap": "bqw_research.textplot.simil",
    "textplot_topic_shares": "bqw_research.textplot.topics",
    "textplot_topic_terms": "bqw_research.textplot.topics",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
