"""Every table and figure the notebooks produce is what it was when the references were taken.

The references in ``tests/fixtures/notebook_outputs/`` are digests of every pandas
table the numbered notebooks leave in their namespace and of every figure file they
save, taken with ``tests/support/notebook_outputs.py`` on the shipped corpus and on
``../shared/corpus``. They were first taken from the code before the package was laid
out in stage folders (commit 2669df4) and held, except for the faults fixed on purpose,
through the restructure (commit fdec528). Issue 12 then changed most measures on purpose
(codebook rules, Han-character rates, keyness dispersion, a grown lexicon) and issues
13–15 added notebooks, so the references were taken again after those changes. Tables are
digested with floats at 12 significant digits, since the last bits of numpy's and
OpenBLAS's results depend on the CPU (on another machine the keyness G² and p of
notebooks 02 and 04 differed by 2e-16); the references were retaken so. On 2026-12-03 the
heatmaps (02 theme heatmap, 06 similarity heatmap, 07 topic shares) began to be drawn as
meshes of cells instead of images resampled to the figure's pixels (textplot.heatmaps.
draw_matrix: same cells and colours, ~0.6 GB less at 700 articles): their figure digests
were retaken, every table digest stayed the same. Any later
difference is a regression unless :data:`CHANGED` names the output and why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.notebook_outputs import snapshot

from bqw_research import config

FIXTURES = Path(__file__).parent / "fixtures" / "notebook_outputs"

#: Outputs that differ from the reference on purpose: (notebook, kind, name) → why.
CHANGED: dict[tuple[str, str, str], str] = {}


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


def test_every_notebook_and_every_named_change_is_in_the_reference():
    reference = json.loads((FIXTURES / "shared.json").read_text(encoding="utf-8"))
    notebooks = {p.stem for p in config.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")}
    assert set(reference) == notebooks
    for stem, kind, name in CHANGED:
        assert name in reference[stem][f"{kind}s"], (stem, kind, name)


def test_references_hold_digests_only():
    for path in FIXTURES.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for parts in data.values():
            for digests in (parts["tables"], parts["figures"]):
                assert all(len(d) == 64 and int(d, 16) >= 0 for d in digests.values())
    assert config.SHARED_CORPUS.name == "corpus"
