"""The idiom measure (four-character 成语) scored against ``data/labels/idioms/idioms.tsv``.

Matching rule (codebook ``idioms.md`` v1, "Comparison with a detector"):

* **Text.** Each labelled article is read as the codebook reads it: the whole Markdown
  file with ``<iframe>`` blocks removed and every line cleaned by
  :func:`bqw_research.corpus.clean.clean_inline` (HTML tags, link and image targets,
  emphasis marks). Title, headings, captions, quotations and exam questions are text;
  lines stay apart, so no string spans a line break. (The corpus table's ``text`` has
  no headings, which hold 成语 too.)
* **Item.** One item is a distinct (article, four-character string) pair: the detector
  (:func:`~bqw_research.textstat.rhetoric.fourchar.find_idioms`) predicts the strings
  it calls 成语, however often each occurs; the labels give one row per pair. Strings
  are compared exactly, with no normalisation.
* **Scores.** A prediction whose pair has a row labelled ``idiom`` is a hit; one whose
  row is labelled ``not`` is a false alarm; every ``idiom`` row not predicted is a miss.
  A prediction without a row is *not scored* (the ``not`` rows are not exhaustive);
  such pairs are listed by :func:`unscored_predictions` and counted as false alarms in
  the ``worst case`` unit. The labels list every 成语 of the article, so recall is
  meaningful.
* **Borderline rows** (``note`` starting ``borderline:``) are kept in the main unit; the
  ``without borderline rows`` unit drops them from gold and from scoring (a prediction
  of a borderline string then counts neither way).
* Predictions in articles outside the set are ignored; every labelled article has rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from bqw_research.corpus.clean import clean_inline
from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.scores import Scores, score_rows
from bqw_research.textstat.rhetoric.fourchar import find_idioms

MEASURE = "idioms"
UNIT = "idiom per article"
UNIT_WORST = "idiom per article, unscored predictions counted wrong"
UNIT_CLEAR = "idiom per article, borderline rows left out"
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.8
PARTS = ("tune", "untouched")

_IFRAME_RE = re.compile(r"<iframe\b.*?(?:</iframe>|/>)", re.IGNORECASE | re.DOTALL)


def codebook_text(markdown: str) -> str:
    """An article's Markdown as the codebook's "Text" section defines it (lines kept)."""
    lines = _IFRAME_RE.sub("", markdown).split("\n")
    return "\n".join(clean_inline(line) for line in lines)


def article_texts(corpus: pd.DataFrame, doc_ids: Iterable[str]) -> pd.DataFrame:
    """``doc_id, text`` of the labelled articles, read from their files (``path``).

    Only articles of the development corpus (``folder == "corpus-dev"``, where the set was
    drawn) are read, in ``doc_id`` order.
    """
    wanted = set(doc_ids)
    rows = corpus[corpus["doc_id"].isin(wanted) & (corpus["folder"] == "corpus-dev")]
    rows = rows.drop_duplicates("doc_id").sort_values("doc_id", kind="mergesort")
    texts = [codebook_text(Path(p).read_text(encoding="utf-8")) for p in rows["path"]]
    return pd.DataFrame({"doc_id": rows["doc_id"].tolist(), "text": texts})


def is_borderline(note: str) -> bool:
    """Whether a row's note marks it as a borderline call."""
    return str(note).strip().lower().startswith("borderline:")


def idiom_scores(
    predicted: Iterable[tuple[str, str]], labels: pd.DataFrame, *, worst_case: bool = False
) -> Scores:
    """Hits, false alarms and misses of predicted (doc_id, idiom) pairs against ``labels``.

    ``labels`` has ``doc_id, idiom, label``. Pairs without a row are not scored, unless
    ``worst_case``, when they count as false alarms.
    """
    rows = dict(
        zip(zip(labels["doc_id"], labels["idiom"], strict=True), labels["label"], strict=True)
    )
    found = set(predicted)
    tp = sum(1 for pair in found if rows.get(pair) == "idiom")
    fp = sum(1 for pair in found if rows.get(pair) == "not")
    if worst_case:
        fp += sum(1 for pair in found if pair not in rows)
    gold = sum(1 for label in rows.values() if label == "idiom")
    return Scores(tp=tp, fp=fp, fn=gold - tp)


def predicted_pairs(tables: Mapping[str, pd.DataFrame], labels: pd.DataFrame) -> pd.DataFrame:
    """The detector's ``doc_id, idiom, n`` on the codebook text of every labelled article."""
    return find_idioms(article_texts(tables["corpus"], labels["doc_id"].unique()))


def unscored_predictions(predicted: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Predicted rows whose (doc_id, idiom) has no labelled row (listed, not scored)."""
    keys = set(zip(labels["doc_id"], labels["idiom"], strict=True))
    has_row = [pair in keys for pair in zip(predicted["doc_id"], predicted["idiom"], strict=True)]
    return predicted[~pd.Series(has_row, index=predicted.index, dtype=bool)].reset_index(drop=True)


def evaluate_idioms(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Validity rows of :func:`~bqw_research.textstat.rhetoric.fourchar.find_idioms`.

    Three units × parts (tune / untouched / all): the codebook's figures (``UNIT``), the
    worst case that counts unscored predictions as wrong (``UNIT_WORST``), and the figures
    without the ``borderline:`` rows (``UNIT_CLEAR``). Matching rule: module docstring.
    """
    labels = label_set(MEASURE)
    predicted = predicted_pairs(tables, labels)
    pairs = list(zip(predicted["doc_id"], predicted["idiom"], strict=True))
    clear = labels[~labels["note"].map(is_borderline)]
    frames = []
    for unit, rows, worst in (
        (UNIT, labels, False),
        (UNIT_WORST, labels, True),
        (UNIT_CLEAR, clear, False),
    ):
        by_part = {}
        for part in PARTS:
            part_docs = set(labels.loc[labels["part"] == part, "doc_id"])
            part_pairs = [pair for pair in pairs if pair[0] in part_docs]
            by_part[part] = idiom_scores(part_pairs, rows[rows["part"] == part], worst_case=worst)
        frames.append(
            score_rows(
                MEASURE,
                unit,
                by_part,
                target_precision=TARGET_PRECISION,
                target_recall=TARGET_RECALL,
                n_articles=labels["doc_id"].nunique(),
            )
        )
    return pd.concat(frames, ignore_index=True)
