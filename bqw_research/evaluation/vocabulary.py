"""New-word discovery scored against ``data/labels/vocabulary/vocabulary.tsv``.

Matching rule (the set's README):

* **Halves.** The development corpus (``folder == "corpus-dev"``) is split by article:
  an article is in ``tune`` when the first 8 hex digits of the SHA-256 of its ``doc_id``
  (UTF-8) are even, else ``untouched`` (:func:`discovery_half`). Words were reviewed into
  the domain lexicon from the ``tune`` half only.
* **Item.** One item is a candidate string among the first ``TOP`` (100) rows of
  :func:`~bqw_research.textstat.vocabulary.textstat_new_words` run on one half with
  ``new_only=True`` (words that neither jieba's dictionary nor the domain lexicon has and
  that the segmenter cuts into debris), with its default thresholds. Strings are
  compared exactly, without normalisation.
* **Scores.** A candidate labelled ``word`` is a hit, one labelled ``not`` a false
  alarm. A candidate without a row (the lexicon or the thresholds changed since the
  labels were made) is not scored; the ``worst case`` unit counts it as a false alarm.
  Borderline rows (note starting ``borderline:``) count as labelled; the ``without
  borderline rows`` unit leaves them out. There is no list of every word of a half, so
  recall is not defined: ``fn`` is 0 and ``recall``/``f1`` are left empty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.scores import Scores, score_rows

MEASURE = "vocabulary"
UNIT = "candidate word in the top 100 of a half"
UNIT_WORST = "candidate word in the top 100, unlabelled candidates counted wrong"
UNIT_CLEAR = "candidate word in the top 100, borderline rows left out"
TOP = 100
PARTS = ("tune", "untouched")


def discovery_half(doc_id: str) -> str:
    """``tune`` or ``untouched``: the half of the development corpus an article is in."""
    digest = hashlib.sha256(str(doc_id).encode("utf-8")).hexdigest()
    return "tune" if int(digest[:8], 16) % 2 == 0 else "untouched"


def candidate_scores(
    predicted: Iterable[str],
    labels: pd.DataFrame,
    *,
    worst_case: bool = False,
    skip_borderline: bool = False,
) -> Scores:
    """Hits and false alarms of predicted candidate strings against ``word, label, note``."""
    table = labels
    if skip_borderline:
        table = table[
            ~table["note"].astype(str).str.strip().str.lower().str.startswith("borderline:")
        ]
    verdict = dict(zip(table["word"], table["label"], strict=True))
    words = list(dict.fromkeys(predicted))
    skipped = set(labels["word"]) - set(table["word"])
    tp = sum(verdict.get(w) == "word" for w in words)
    fp = sum(verdict.get(w) == "not" for w in words)
    if worst_case:
        fp += sum(w not in verdict and w not in skipped for w in words)
    return Scores(tp=tp, fp=fp, fn=0)


def half_candidates(corpus: pd.DataFrame, part: str, *, top: int = TOP) -> list[str]:
    """The first ``top`` new-word candidates of one half of the development corpus."""
    from bqw_research.textstat.vocabulary import textstat_new_words

    dev = corpus[corpus["folder"] == "corpus-dev"] if "folder" in corpus.columns else corpus
    half = dev[dev["doc_id"].map(discovery_half) == part]
    return textstat_new_words(half, new_only=True).head(top)["word"].tolist()


def evaluate_vocabulary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Precision of the top 100 candidates of each half (see the module docstring)."""
    labels = label_set(MEASURE)
    predicted = {part: half_candidates(tables["corpus"], part) for part in PARTS}
    corpus = tables["corpus"]
    dev = corpus[corpus["folder"] == "corpus-dev"] if "folder" in corpus.columns else corpus
    n_articles = int(dev["doc_id"].nunique())
    frames = []
    for unit, options in (
        (UNIT, {}),
        (UNIT_WORST, {"worst_case": True}),
        (UNIT_CLEAR, {"skip_borderline": True}),
    ):
        scores = {
            part: candidate_scores(predicted[part], labels[labels["part"] == part], **options)
            for part in PARTS
        }
        frames.append(score_rows(MEASURE, unit, scores, n_articles=n_articles))
    table = pd.concat(frames, ignore_index=True)
    table[["recall", "f1"]] = np.nan
    return table
