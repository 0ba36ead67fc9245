"""A missing data file is an error naming the file, never a silently empty result."""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from bqw_research import config, doctor, load_corpus
from bqw_research.corpus.manifest import genre_rules, infer_genre
from bqw_research.shipped import SHIPPED, shipped_files
from bqw_research.textstat import frequency as frequency_module
from bqw_research.textstat import meaningful_single_chars, textstat_frequency
from bqw_research.tokens import domain_lexicon


@pytest.fixture
def no_genre_rules(tmp_path, monkeypatch):
    missing = tmp_path / "lexicons" / "genre_rules.csv"
    monkeypatch.setattr(config, "GENRE_RULES", missing)
    genre_rules.cache_clear()
    yield missing
    genre_rules.cache_clear()


def test_missing_genre_rules_fail_the_genre_not_silently_none(no_genre_rules):
    with pytest.raises(FileNotFoundError, match=re.escape(str(no_genre_rules))):
        infer_genre("广东省召开百县千镇万村高质量发展工程推进会", ["百千万工程"])


def test_missing_genre_rules_fail_the_load_naming_the_file(no_genre_rules, tmp_path):
    corpus = tmp_path / "语料"
    shutil.copytree(config.RAW_DIR, corpus)
    with pytest.raises(FileNotFoundError, match=r"genre_rules\.csv"):
        load_corpus(corpus)


def test_missing_single_char_list_is_an_error(tmp_path, monkeypatch):
    missing = tmp_path / "meaningful_single_chars.csv"
    with pytest.raises(FileNotFoundError, match=re.escape(str(missing))):
        meaningful_single_chars(missing)
    monkeypatch.setattr(frequency_module, "SINGLE_CHAR_TERMS", missing)
    toks = pd.DataFrame(
        {"doc_id": "a", "para_id": 1, "sent_id": 1, "token_id": [1, 2], "token": ["县", "振兴"]}
    )
    with pytest.raises(FileNotFoundError, match=re.escape(str(missing))):
        textstat_frequency(toks)


def test_missing_domain_lexicon_is_an_error_when_keeping_its_words(tmp_path, monkeypatch):
    missing = tmp_path / "domain_lexicon.csv"
    monkeypatch.setattr(config, "DOMAIN_LEXICON", missing)
    toks = pd.DataFrame(
        {"doc_id": "a", "para_id": 1, "sent_id": 1, "token_id": [1, 2], "token": ["十五五", "县"]}
    )
    with pytest.raises(FileNotFoundError, match=r"domain_lexicon\.csv"):
        textstat_frequency(toks, keep_lexicon=True)
    domain_lexicon.cache_clear()


def test_installed_package_without_its_data_names_the_missing_folder(tmp_path, monkeypatch):
    package = tmp_path / "bqw_fake_empty"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    with pytest.raises(FileNotFoundError, match=re.escape(str(package / "_resources"))):
        config.resource_root("bqw_fake_empty")


@pytest.mark.parametrize("missing", SHIPPED)
def test_build_without_a_shipped_folder_fails_naming_it(tmp_path, missing):
    for folder in SHIPPED:
        if folder != missing:
            (tmp_path / folder).mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match=re.escape(str(Path(tmp_path, missing)))):
        list(shipped_files(tmp_path))


def test_doctor_fails_on_missing_genre_rules(no_genre_rules, capsys):
    assert doctor.main() == 1
    line = next(ln for ln in capsys.readouterr().out.splitlines() if "genre rules" in ln)
    assert line.startswith("[fail]") and str(no_genre_rules) in line
