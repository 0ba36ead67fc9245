"""Every table and figure the notebooks produce is what it was before the restructure.

The references in ``tests/fixtures/notebook_outputs/`` are digests of every pandas
table the numbered notebooks leave in their namespace and of every figure file they
save, taken with ``tests/support/notebook_outputs.py`` from the code before the
package was laid out in stage folders (commit 2669df4), on the shipped corpus and on
``../shared/corpus``. The notebooks are run again here and must give the same bytes,
except where a fault was fixed on purpose: :data:`CHANGED` names each such output
and why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.notebook_outputs import snapshot

from bqw_research import config

FIXTURES = Path(__file__).parent / "fixtures" / "notebook_outputs"

#: Outputs that differ from the reference on purpose: (notebook, kind, name) → why.
CHANGED = {
    ("01_corpus_overview", "figure", "01_sentence_lengths.png"): (
        "one set of bins for every article (the bins came from the first article's "
        "sentences, so longer sentences of later articles fell outside them); one "
        "textplot_sentence_lengths for notebooks 01 and 03"
    ),
    ("01_corpus_overview", "figure", "01_sentence_lengths.svg"): "as the PNG",
    ("03_rhetoric_analysis", "table", "shares"): (
        "directive shares sorted by the share of mandatory, then obligation sentences "
        "(rh.directive_shares), as the notebook displayed them"
    ),
    ("03_rhetoric_analysis", "figure", "03_directives.png"): (
        "the chart draws the rows of the table above it (the TOP articles with the most "
        "mandatory sentences, in that order); it drew every article, 700 bars on a large "
        "folder"
    ),
    ("03_rhetoric_analysis", "figure", "03_directives.svg"): "as the PNG",
    ("03_rhetoric_analysis", "table", "fourchar"): (
        "idioms are the four-character entries of a 成语 dictionary (chengyu.csv, 新华 data) "
        "with the codebook's additions and exclusions, not jieba's i tags, which called "
        "political compounds such as 贯彻落实 idioms (issue 12)"
    ),
    ("03_rhetoric_analysis", "table", "phrases"): "kinds of four-character words, as fourchar",
    ("03_rhetoric_analysis", "table", "first_of"): "a notebook temporary, now in rh.pick_pair",
    ("03_rhetoric_analysis", "table", "part"): "a notebook temporary, now in rh.profile_leaders",
    ("03_rhetoric_analysis", "table", "row"): "a notebook temporary, now in rh.profile_leaders",
    ("03_rhetoric_analysis", "table", "formulae"): (
        "numbered formulae by the codebook (issue 12): a numeral grammar plus a sourced "
        "lexicon; scale programmes (百县千镇万村) and time targets (三年初见成效) are no longer "
        "reported, and each occurrence is reported once"
    ),
    (
        "03_rhetoric_analysis",
        "table",
        "labels",
    ): "the lenient-rule check on parallelism_labels.csv gave way to the validity table (issue 12)",
    (
        "03_rhetoric_analysis",
        "table",
        "misses",
    ): "the lenient-rule check on parallelism_labels.csv gave way to the validity table (issue 12)",
    (
        "03_rhetoric_analysis",
        "table",
        "gold",
    ): "the lenient-rule check on parallelism_labels.csv gave way to the validity table (issue 12)",
    (
        "03_rhetoric_analysis",
        "table",
        "pred",
    ): "the lenient-rule check on parallelism_labels.csv gave way to the validity table (issue 12)",
    (
        "03_rhetoric_analysis",
        "table",
        "runs",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "profile",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "pair_table",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "ratios",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "plot_df",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "prof",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "wide",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "profiles[city]",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "profiles[genre]",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "profiles[month]",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "table",
        "profiles[outlet]",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "figure",
        "03_pair_profile.png",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
    (
        "03_rhetoric_analysis",
        "figure",
        "03_pair_profile.svg",
    ): "排比 detected by the codebook's strict rule (issue 12): word-level series, lists and no-anchor series dropped",
}


def differences(reference: dict, now: dict) -> list[str]:
    """Outputs of ``reference`` that are missing or differ in ``now``, unless in CHANGED."""
    problems = []
    for stem, parts in reference.items():
        for kind, key in (("table", "tables"), ("figure", "figures")):
            for name, digest in parts[key].items():
                if (stem, kind, name) in CHANGED:
                    continue
                got = now.get(stem, {}).get(key, {}).get(name)
                if isinstance(got, dict):
                    got = got["sha256"]
                if got is None:
                    problems.append(f"{stem}: {kind} {name} missing")
                elif got != digest:
                    problems.append(f"{stem}: {kind} {name} differs")
    return problems


def check(corpus: str | None, reference: str, tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / reference).read_text(encoding="utf-8"))
    now = snapshot(corpus, tmp_path)
    assert differences(expected, now) == []


@pytest.mark.slow
def test_notebooks_give_the_same_outputs_on_the_shipped_corpus(tmp_path, monkeypatch):
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "cache"))
    check(None, "shipped.json", tmp_path / "out")


@pytest.mark.slow
@pytest.mark.shared_corpus
def test_notebooks_give_the_same_outputs_on_the_sample_corpus(
    shared_corpus_path, tmp_path, monkeypatch
):
    monkeypatch.setenv("BQW_CACHE_DIR", str(tmp_path / "cache"))
    check(str(shared_corpus_path), "shared.json", tmp_path / "out")


def test_every_named_change_is_an_output_of_the_reference():
    reference = json.loads((FIXTURES / "shared.json").read_text(encoding="utf-8"))
    for stem, kind, name in CHANGED:
        assert name in reference[stem][f"{kind}s"], (stem, kind, name)


def test_references_hold_digests_only():
    for path in FIXTURES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for parts in data.values():
            for digests in (parts["tables"], parts["figures"]):
                assert all(len(d) == 64 and int(d, 16) >= 0 for d in digests.values())
    assert config.SHARED_CORPUS.name == "corpus"
