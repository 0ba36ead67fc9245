"""Dictionaries (quanteda's ``dictionary`` / ``tokens_lookup`` / ``textstat_dictionary``).

A dictionary is the researcher's instrument: its counts are exact matches of its terms by
definition, not detections to be validated. What the package adds — and tests — is how
terms are matched: whole tokens, or whole words of the text (a term never counts inside
a longer word of the segmentation), wildcards, regular expressions and exclusions.
:mod:`.load` reads YAML/CSV, :mod:`.patterns` compiles and matches, :mod:`.lookup` and
:mod:`.score` are the verbs, :mod:`.write` writes a dictionary back as YAML or CSV. The nine regional themes are the shipped dictionary
``"themes"`` (``data/lexicons/themes.csv``).
"""

from bqw_research.textstat.dictionary.load import DICTIONARIES, DICTIONARY_COLUMNS, dictionary
from bqw_research.textstat.dictionary.lookup import tokens_lookup
from bqw_research.textstat.dictionary.patterns import (
    HIT_COLUMNS,
    Category,
    compile_dictionary,
    text_hits,
)
from bqw_research.textstat.dictionary.score import DICTIONARY_SCORE_COLUMNS, textstat_dictionary
from bqw_research.textstat.dictionary.write import write_dictionary

__all__ = [
    "DICTIONARIES",
    "DICTIONARY_COLUMNS",
    "DICTIONARY_SCORE_COLUMNS",
    "HIT_COLUMNS",
    "Category",
    "compile_dictionary",
    "dictionary",
    "text_hits",
    "textstat_dictionary",
    "tokens_lookup",
    "write_dictionary",
]
