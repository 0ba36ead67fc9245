"""bqw_research: corpus → tokens → textstat → textplot for 百千万工程 policy discourse.

The stages are subpackages (:mod:`.corpus`, :mod:`.tokens`, :mod:`.textstat`,
:mod:`.textplot`), with the scale layer (:mod:`.scale`: workers, cache, Dask)
beneath them and the notebook runner (:mod:`.report`) on top. Each stage's verbs
are re-exported here; they are imported on first use, so ``import bqw_research``
stays cheap (worker processes, the command line).
"""

from __future__ import annotations

from bqw_research.lazy import lazy_exports

__version__ = "0.1.0"

#: Re-exported name → the module that defines it.
_EXPORTS = {
    # corpus
    "CorpusError": "bqw_research.corpus",
    "CorpusWarning": "bqw_research.corpus",
    "load_corpus": "bqw_research.corpus",
    "corpus_paragraphs": "bqw_research.corpus",
    "corpus_sentences": "bqw_research.corpus",
    "corpus_emphasis": "bqw_research.corpus",
    "corpus_originals": "bqw_research.corpus",
    "corpus_cleaning_report": "bqw_research.corpus",
    "corpus_problems": "bqw_research.corpus",
    "corpus_summary": "bqw_research.corpus",
    # tokens
    "tokens": "bqw_research.tokens",
    "tokens_remove": "bqw_research.tokens",
    "tokens_compound": "bqw_research.tokens",
    "tokens_lookup": "bqw_research.textstat",
    "dictionary": "bqw_research.textstat",
    # the whole pipeline at once
    "ingest": "bqw_research.pipeline",
    "IngestResult": "bqw_research.pipeline",
    # textstat
    "textstat_frequency": "bqw_research.textstat",
    "textstat_keyness": "bqw_research.textstat",
    "textstat_removed": "bqw_research.textstat",
    "textstat_overview": "bqw_research.textstat",
    "textstat_cleaning": "bqw_research.textstat",
    "textstat_emphasis": "bqw_research.textstat",
    "textstat_emphasised_terms": "bqw_research.textstat",
    "textstat_collocations": "bqw_research.textstat",
    "textstat_dictionary": "bqw_research.textstat",
    "textstat_simil": "bqw_research.textstat",
    "most_similar": "bqw_research.textstat",
    "kwic": "bqw_research.textstat",
    "kwic_html": "bqw_research.textstat",
    "textstat_places": "bqw_research.textstat.regions",
    "attribute_paragraphs": "bqw_research.textstat.regions",
    "textstat_coverage": "bqw_research.textstat.regions",
    "textstat_themes": "bqw_research.textstat.regions",
    "textstat_region_keyness": "bqw_research.textstat.regions",
    "textstat_pairings": "bqw_research.textstat.regions",
    "textstat_rhetoric_profile": "bqw_research.textstat.rhetoric",
    "textstat_events": "bqw_research.textstat.events",
    "textstat_response_latency": "bqw_research.textstat.events",
    "textstat_topics": "bqw_research.textstat.topics",
    "textstat_boilerplate": "bqw_research.textstat",
    "textstat_topic_shares": "bqw_research.textstat.topics",
    "textstat_readability": "bqw_research.textstat.readability",
    "textstat_reuse": "bqw_research.textstat.reuse",
    "textstat_reuse_network": "bqw_research.textstat.reuse",
    "textstat_formulation_diffusion": "bqw_research.textstat.reuse",
    "textstat_embeddings": "bqw_research.textstat",
    "textstat_nearest": "bqw_research.textstat",
    "textstat_expand_dictionary": "bqw_research.textstat",
    "accept_candidates": "bqw_research.textstat",
    "write_dictionary": "bqw_research.textstat",
    "textstat_comparison": "bqw_research.textstat",
    # tables out (CSV with BOM, XLSX)
    "save_table": "bqw_research.export",
    "show_table": "bqw_research.export",
    # textplot
    "save_figure": "bqw_research.textplot",
    "setup_matplotlib": "bqw_research.textplot",
    "textplot_wordcloud": "bqw_research.textplot",
    "textplot_wordcloud_with_bars": "bqw_research.textplot",
    "textplot_comparison_cloud": "bqw_research.textplot",
    "textplot_top_terms": "bqw_research.textplot",
    "textplot_choropleth": "bqw_research.textplot",
    "textplot_theme_heatmap": "bqw_research.textplot",
    "textplot_simil_heatmap": "bqw_research.textplot",
    "textplot_pairing_network": "bqw_research.textplot",
    "textplot_citation_network": "bqw_research.textplot",
    "textplot_events_timeline": "bqw_research.textplot",
    "textplot_response_latency": "bqw_research.textplot",
    "textplot_rhetoric_bars": "bqw_research.textplot",
    "textplot_sentence_lengths": "bqw_research.textplot",
    "textplot_cleaning": "bqw_research.textplot",
    "textplot_topic_terms": "bqw_research.textplot",
    "textplot_topic_shares": "bqw_research.textplot",
    "textplot_reuse_network": "bqw_research.textplot",
    "textplot_reuse_lags": "bqw_research.textplot",
    "textplot_explorer": "bqw_research.textplot",
    "write_explorers": "bqw_research.textplot",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
