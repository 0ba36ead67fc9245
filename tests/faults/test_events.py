"""Events on bad input: clear errors for what cannot be read, no error for what merely lacks data."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.events import (
    EVENT_COLUMNS,
    activity_types,
    textstat_events,
    textstat_response_latency,
)
from bqw_research.textstat.events import cues as event_cues_module


def test_events_need_a_corpus_or_paragraphs():
    with pytest.raises(ValueError, match="needs a corpus"):
        textstat_events()


def test_a_paragraph_table_without_text_is_refused_by_name():
    with pytest.raises(KeyError, match="text"):
        textstat_events(paragraphs=pd.DataFrame({"doc_id": ["a"], "para_id": [1]}))


@pytest.mark.parametrize("published", [None, "unknown", pd.NaT, "2025-13-45"])
def test_a_missing_or_unreadable_publication_date_leaves_the_year_unknown(published):
    corpus = pd.DataFrame({"doc_id": ["a"], "title": ["x"], "published": [published]})
    paras = pd.DataFrame(
        {"doc_id": ["a"], "para_id": [1], "text": ["11月21日，汕头市委常委会召开会议。"]}
    )
    ev = textstat_events(corpus, paragraphs=paras)
    assert ev["date_start"].tolist() == ["XXXX-11-21"]


def test_empty_and_missing_texts_give_an_empty_table():
    paras = pd.DataFrame({"doc_id": ["a", "a"], "para_id": [1, 2], "text": [None, ""]})
    ev = textstat_events(paragraphs=paras)
    assert ev.empty and list(ev.columns) == EVENT_COLUMNS


def test_latency_names_the_columns_it_lacks():
    with pytest.raises(KeyError, match="date_precision"):
        textstat_response_latency(pd.DataFrame({"city": ["广州"]}), trigger="2025-11-07")


def test_an_unknown_type_in_the_typology_file_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "activity_types.csv"
    bad.write_text(
        "type,typology,cue,reports,note,source\nparty,聚会,聚会,yes,x,y\n", encoding="utf-8"
    )
    monkeypatch.setattr(event_cues_module, "ACTIVITY_TYPES", bad)
    with pytest.raises(ValueError, match="unknown type"):
        activity_types()
