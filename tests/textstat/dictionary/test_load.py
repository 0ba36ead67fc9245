"""dictionary(): YAML, CSV, mappings and the shipped themes read into one table."""

from __future__ import annotations

import pandas as pd

from bqw_research.textstat.dictionary import DICTIONARY_COLUMNS, dictionary

YAML = """\
industry:
  label: 产业与招商
  terms: [产业, 招商*, "*产业园", "re:产业(链|集群)"]
  exclude: [产业化]
rural:
  - 乡村
  - "!乡村旅游"
"""


def test_yaml_dictionary_parses_kinds_labels_and_exclusions(tmp_path):
    path = tmp_path / "dic.yaml"
    path.write_text(YAML, encoding="utf-8")
    d = dictionary(path)
    assert list(d.columns) == DICTIONARY_COLUMNS
    rows = {(r.category, r.term): (r.kind, r.exclude) for r in d.itertuples()}
    assert rows == {
        ("industry", "产业"): ("word", False),
        ("industry", "招商*"): ("wildcard", False),
        ("industry", "*产业园"): ("wildcard", False),
        ("industry", "产业(链|集群)"): ("regex", False),
        ("industry", "产业化"): ("word", True),
        ("rural", "乡村"): ("word", False),
        ("rural", "乡村旅游"): ("word", True),
    }
    assert set(d.loc[d["category"] == "industry", "label"]) == {"产业与招商"}
    assert set(d.loc[d["category"] == "rural", "label"]) == {"rural"}


def test_csv_dictionary_equals_the_same_mapping(tmp_path):
    path = tmp_path / "dic.csv"
    pd.DataFrame(
        {
            "category": ["industry", "industry", "rural"],
            "term": ["产业", "!产业化", "乡村*"],
            "source": "test",
        }
    ).to_csv(path, index=False)
    from_csv = dictionary(path)
    from_map = dictionary({"industry": ["产业", "!产业化"], "rural": ["乡村*"]})
    cols = ["category", "term", "kind", "exclude"]
    pd.testing.assert_frame_equal(from_csv[cols], from_map[cols])


def test_a_loaded_dictionary_reads_back_unchanged():
    d = dictionary({"industry": ["re:产业.*", "!产业化", "招商"]})
    pd.testing.assert_frame_equal(dictionary(d), d)


def test_shipped_themes_are_a_dictionary_with_nine_labelled_categories():
    d = dictionary("themes")
    assert d["category"].nunique() == 9
    assert (d["label"] != d["category"]).all()  # theme_zh read as the label
    assert d.loc[d["term"] == "创新", "not_in"].str.contains("增创新").all()


def test_written_dictionary_reads_back_the_same(tmp_path):
    from bqw_research.textstat.dictionary import write_dictionary

    themes = dictionary("themes")
    again = dictionary(write_dictionary(themes, tmp_path / "themes.csv"))
    pd.testing.assert_frame_equal(again, themes)
    mixed = {
        "industry": {
            "terms": ["产业", "招商*", "re:产业(链|集群)"],
            "exclude": ["产业化"],
            "label": "产业",
        },
        "rural": ["乡村", "!乡村旅游"],
    }
    table = dictionary(mixed)
    pd.testing.assert_frame_equal(dictionary(write_dictionary(table, tmp_path / "m.yaml")), table)
