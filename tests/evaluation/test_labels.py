"""The labelled sets: parseable, split into parts by article, drawn from real articles."""

import pytest

from bqw_research import config
from bqw_research.evaluation import label_set

#: (measure folder, table name, article column)
SETS = [
    ("parallelism", "parallelism", "article"),
    ("numbered_formulae", "numbered_formulae", "doc_id"),
    ("numbered_formulae", "articles", "doc_id"),
    ("idioms", "idioms", "doc_id"),
    ("speakers_and_citations", "speakers", "doc_id"),
    ("speakers_and_citations", "citation_edges", "doc_id"),
    ("attribution", "attribution", "article"),
    ("events", "events", "article"),
]


@pytest.mark.parametrize(("measure", "name", "article"), SETS)
def test_each_set_has_both_parts_split_by_article(measure, name, article):
    table = label_set(measure, name)
    assert set(table["part"]) == {"tune", "untouched"}
    # an article is in one part only, so tuning never sees an untouched article's labels
    parts_per_article = table.groupby(article)["part"].nunique()
    assert (parts_per_article == 1).all(), parts_per_article[parts_per_article > 1]
    # a real share is kept untouched: over a fifth of the articles (the unit of the split); rows
    # follow the articles (tune batches added later lower their share, never under 15 %)
    assert (table.groupby(article)["part"].first() == "untouched").mean() > 0.2
    assert (table["part"] == "untouched").mean() > 0.15


@pytest.mark.parametrize("measure", sorted({m for m, _, _ in SETS}))
def test_each_set_has_a_readme_naming_its_codebook(measure):
    readme = (config.LABELS_DIR / measure / "README.md").read_text(encoding="utf-8")
    assert "codebook" in readme.lower()


def test_a_missing_set_is_a_named_error():
    with pytest.raises(FileNotFoundError, match="no_such_measure"):
        label_set("no_such_measure")


@pytest.mark.parametrize(("measure", "name", "article"), SETS)
def test_labelled_articles_exist_in_the_folders_they_were_drawn_from(measure, name, article):
    folders = [config.SHARED_CORPUS_DEV, config.SHARED_CORPUS]
    if not all(f.is_dir() for f in folders):
        pytest.skip(f"real article folders not found beside the project: {folders}")
    names = {p.stem for f in folders for p in f.iterdir()}
    missing = sorted(set(label_set(measure, name)[article]) - names)
    assert not missing
