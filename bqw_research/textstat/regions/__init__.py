"""Regional comparison: who is covered, what each city and region stresses, who pairs with whom.

Everything starts from the paragraph table of the corpus stage
(``corpus_paragraphs``: ``doc_id, para_id, section, text``):

* :func:`textstat_places` — every mention of one of Guangdong's 21 cities or 122
  county-level units, resolved to city and region (see :mod:`.gazetteer` for the
  disambiguation rules, which are data files).
* :func:`attribute_paragraphs` — the one city whose actors, meeting or leader a
  paragraph reports (or ``province`` / ``central`` / ``none``), carrying the city over
  to paragraphs that go on with the same story without naming it;
  :func:`attribute_sections` does the same for section headings (a round-up's
  ``<strong>深圳</strong>``).
* :func:`textstat_coverage`, :func:`textstat_themes`, :func:`textstat_region_keyness`,
  :func:`textstat_pairings` — tidy statistics with a ``group`` column (their figures
  are in :mod:`bqw_research.textplot`).

Attribution cues live in ``data/gazetteer/attribution_cues.csv``; the theme
dictionary in ``data/lexicons/themes.csv``.
"""

from bqw_research.textstat.regions.attribution import (
    ATTRIBUTION_COLUMNS,
    NO_CITY,
    SECTION_COLUMNS,
    attribute_paragraphs,
    attribute_sections,
    attribution_accuracy,
    attribution_groups,
)
from bqw_research.textstat.regions.coverage import textstat_coverage
from bqw_research.textstat.regions.cues import CUES, attribution_cues, city_order
from bqw_research.textstat.regions.drilldown import city_drilldown
from bqw_research.textstat.regions.gazetteer import (
    REGIONS,
    city_region,
    divisions,
    find_places,
    gazetteer_cities,
    lookalikes,
)
from bqw_research.textstat.regions.keyness import is_place_token, textstat_region_keyness
from bqw_research.textstat.regions.pairings import pairing_edges, textstat_pairings
from bqw_research.textstat.regions.places import PLACE_COLUMNS, textstat_places
from bqw_research.textstat.regions.themes import THEMES, textstat_themes, themes

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "CUES",
    "NO_CITY",
    "PLACE_COLUMNS",
    "REGIONS",
    "SECTION_COLUMNS",
    "THEMES",
    "attribute_paragraphs",
    "attribute_sections",
    "attribution_accuracy",
    "attribution_cues",
    "attribution_groups",
    "city_drilldown",
    "city_order",
    "city_region",
    "divisions",
    "find_places",
    "gazetteer_cities",
    "is_place_token",
    "lookalikes",
    "pairing_edges",
    "textstat_coverage",
    "textstat_pairings",
    "textstat_places",
    "textstat_region_keyness",
    "textstat_themes",
    "themes",
]
