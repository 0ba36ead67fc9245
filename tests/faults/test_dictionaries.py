"""Faulty dictionaries: each is refused with a message naming the file, category or term."""

from __future__ import annotations

import re

import pytest

from bqw_research.textstat.dictionary import dictionary


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("industry: [产业, 're:产业(链']\n", ".yaml", "bad regular expression '产业(链'"),
        ("industry: ['', 产业]\n", ".yaml", "empty term"),
        ("industry: ['*']\n", ".yaml", "empty term"),
        ("industry: 产业\n", ".yaml", "'terms' must be a list"),
        ("industry: {terms: [产业], weight: 2}\n", ".yaml", "unknown keys ['weight']"),
        ("- 产业\n- 招商\n", ".yaml", "must map categories to terms"),
        ("industry: [产业\n", ".yaml", "not a readable UTF-8 YAML"),
        ("rural: ['!乡村旅游']\n", ".yaml", "exclusions only"),
        ("theme_name,word\nindustry,产业\n", ".csv", "needs columns ['category', 'term']"),
        (",产业\n", ".csv", "needs columns"),
        ("category,term\n,产业\n", ".csv", "without a category"),
        ("industry: [产业]\n", ".txt", "are .yaml, .yml or .csv"),
    ],
)
def test_faulty_dictionary_files_name_their_fault(tmp_path, content, suffix, message):
    path = tmp_path / f"dic{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)) as err:
        dictionary(path)
    assert str(path) in str(err.value)


def test_a_gbk_encoded_dictionary_is_refused_as_not_utf8(tmp_path):
    path = tmp_path / "dic.yaml"
    path.write_bytes("industry: [产业]\n".encode("gbk"))
    with pytest.raises(ValueError, match="UTF-8"):
        dictionary(path)


def test_missing_dictionary_names_path_and_shipped_names(tmp_path):
    with pytest.raises(FileNotFoundError, match="shipped dictionaries: themes"):
        dictionary(tmp_path / "nope.yaml")


def test_a_dictionary_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match="got int"):
        dictionary(3)


@pytest.mark.parametrize(
    ("source", "name", "message"),
    [
        ("themes", "themes.yaml", "not_in is a CSV column"),  # themes.csv uses not_in
        ({"industry": ["产业"]}, "dic.txt", "written as .yaml, .yml or .csv"),
    ],
)
def test_dictionary_that_cannot_be_written_so_is_refused(tmp_path, source, name, message):
    from bqw_research.textstat.dictionary import write_dictionary

    with pytest.raises(ValueError, match=re.escape(message)):
        write_dictionary(source, tmp_path / name)
    assert not (tmp_path / name).exists()
