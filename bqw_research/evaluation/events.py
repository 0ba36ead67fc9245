"""The event table scored against ``data/labels/events/events.tsv`` (codebook ``events.md`` v1).

Matching rule (codebook, "Comparison with a detector"):

* **Articles.** The labelled articles are listed in ``data/labels/events/articles.tsv``
  (from the set's README; two tune articles have no event and count as precision
  tests). The detector (:func:`bqw_research.textstat.events.textstat_events`) runs on
  those articles only; its rows elsewhere are ignored.
* **Sentence key.** Both sides' sentences lose whitespace (with U+3000), ``*``, ``_``
  and the quotation marks “ ” ``"``; the first 40 characters are the key.
* **City.** 省 / province → ``PROVINCE``, 中央 / central → ``CENTRAL``, a trailing 市 dropped.
* **Events** match on (article, sentence key, city) as multisets: precision = matched /
  predicted, recall = matched / labelled (unit :data:`UNIT`).
* **Date** (unit :data:`UNIT_DATE`): labelled events with a concrete ``date_start`` (not
  ``before:``) whose sentence key was predicted; right when one prediction for that key
  has the same ``date_start`` (first 10 characters).
* **City** (:data:`UNIT_CITY`): labelled events whose sentence key was predicted; right
  when a prediction for the key has the event's city (multiset: two labelled cities of
  one sentence need two predicted).
* **Actor** and **type** (:data:`UNIT_ACTOR`, :data:`UNIT_TYPE`), which the codebook
  leaves unscored, are checked on matched events: the labelled actor (when it names one)
  or type is among the predictions for that (article, key, city) — multiset for types.

Field rows put the number right in ``tp`` and wrong in ``fp`` and the rate in
``accuracy``; the event rows fill precision, recall and F1. Targets (issue 14): event
F1 ≥ 0.9, date and city accuracy ≥ 0.95, type accuracy ≥ 0.85 (``target_f1``,
``target_accuracy``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from bqw_research import config
from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.scores import Scores, score_rows, set_scores

MEASURE = "events"
UNIT = "event (article, sentence key, city)"
UNIT_DATE = "date accuracy (labelled dates of matched sentences)"
UNIT_CITY = "city accuracy (labelled events of matched sentences)"
UNIT_ACTOR = "actor accuracy (matched events naming a leader)"
UNIT_TYPE = "type accuracy (matched events)"
PARTS = ("tune", "untouched")
TARGET_F1 = 0.9
TARGET_ACCURACY = {UNIT_DATE: 0.95, UNIT_CITY: 0.95, UNIT_TYPE: 0.85}
KEY_CHARS = 40

_KEY_DROP = re.compile(r"[\s\u3000*_“”\"]")


def sentence_key(sentence: str) -> str:
    """The codebook's sentence key: no whitespace, ``*``, ``_`` or “”"; 40 characters."""
    return _KEY_DROP.sub("", str(sentence))[:KEY_CHARS]


def normalise_city(city: str) -> str:
    """省/province → PROVINCE, 中央/central → CENTRAL, else the name without 市."""
    c = str(city).strip()
    if c in {"省", "province", "PROVINCE"}:
        return "PROVINCE"
    if c in {"中央", "central", "CENTRAL"}:
        return "CENTRAL"
    return c.removesuffix("市")


def labelled_articles() -> pd.DataFrame:
    """``article, part, folder, genre, n_events`` of every labelled article (with 0-event ones)."""
    path = config.LABELS_DIR / MEASURE / "articles.tsv"
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def article_tables(
    tables: Mapping[str, pd.DataFrame], articles: Iterable[str]
) -> dict[str, pd.DataFrame]:
    """``corpus, paragraphs, sentences`` of the given articles only."""
    wanted = set(articles)
    return {
        name: tables[name][tables[name]["doc_id"].astype(str).isin(wanted)].reset_index(drop=True)
        for name in ("corpus", "paragraphs", "sentences")
    }


def predicted_events(tables: Mapping[str, pd.DataFrame], articles: Iterable[str]) -> pd.DataFrame:
    """The detector's event table on the given labelled articles."""
    from bqw_research.textstat.events import textstat_events

    sub = article_tables(tables, articles)
    return textstat_events(sub["corpus"], paragraphs=sub["paragraphs"], sentences=sub["sentences"])


def _keyed(table: pd.DataFrame, *, article: str, city: str) -> pd.DataFrame:
    out = table.copy()
    out["key_article"] = out[article].astype(str)
    out["key_sentence"] = out["sentence"].map(sentence_key)
    out["key_city"] = out[city].map(normalise_city)
    return out


def event_matches(predicted: pd.DataFrame, labels: pd.DataFrame) -> Scores:
    """Matched, predicted and labelled events on (article, key, city), as multisets."""
    pred = _keyed(predicted, article="doc_id", city="city")
    gold = _keyed(labels, article="article", city="city")
    return set_scores(
        zip(pred["key_article"], pred["key_sentence"], pred["key_city"], strict=True),
        zip(gold["key_article"], gold["key_sentence"], gold["key_city"], strict=True),
    )


def field_accuracy(predicted: pd.DataFrame, labels: pd.DataFrame) -> dict[str, Scores]:
    """(right, wrong) per field as :class:`Scores` (``tp`` right, ``fp`` wrong, ``fn`` 0)."""
    pred = _keyed(predicted, article="doc_id", city="city")
    gold = _keyed(labels, article="article", city="city")
    by_key = pred.groupby(["key_article", "key_sentence"])
    by_event = pred.groupby(["key_article", "key_sentence", "key_city"])
    keys = set(by_key.groups)
    events = set(by_event.groups)
    out = {}
    # date
    right = wrong = 0
    for g in gold.itertuples():
        if (
            (g.key_article, g.key_sentence) not in keys
            or not g.date_start
            or g.date_start.startswith("before:")
        ):
            continue
        dates = {
            str(d)[:10] for d in by_key.get_group((g.key_article, g.key_sentence))["date_start"]
        }
        right, wrong = (right + 1, wrong) if g.date_start[:10] in dates else (right, wrong + 1)
    out[UNIT_DATE] = Scores(right, wrong, 0)
    # city (multiset per sentence key)
    right = total = 0
    for key, rows in gold.groupby(["key_article", "key_sentence"]):
        if key not in keys:
            continue
        have = Counter(by_key.get_group(key)["key_city"])
        want = Counter(rows["key_city"])
        right += sum((have & want).values())
        total += sum(want.values())
    out[UNIT_CITY] = Scores(right, total - right, 0)
    # actor and type on matched events
    right_a = wrong_a = right_t = total_t = 0
    for key, rows in gold.groupby(["key_article", "key_sentence", "key_city"]):
        if key not in events:
            continue
        got = by_event.get_group(key)
        matched = min(len(rows), len(got))
        have_t, want_t = Counter(got["type"]), Counter(rows["type"])
        right_t += min(sum((have_t & want_t).values()), matched)
        total_t += matched
        actors = set(got["actor"].astype(str))
        for actor in rows["actor"].head(matched):
            if actor:
                right_a, wrong_a = (
                    (right_a + 1, wrong_a) if actor in actors else (right_a, wrong_a + 1)
                )
    out[UNIT_ACTOR] = Scores(right_a, wrong_a, 0)
    out[UNIT_TYPE] = Scores(right_t, total_t - right_t, 0)
    return out


def event_errors(predicted: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Unmatched rows of both sides: ``side`` (``predicted``/``labelled``), article, city, sentence."""
    pred = _keyed(predicted, article="doc_id", city="city")
    gold = _keyed(labels, article="article", city="city")
    p = Counter(zip(pred["key_article"], pred["key_sentence"], pred["key_city"], strict=True))
    g = Counter(zip(gold["key_article"], gold["key_sentence"], gold["key_city"], strict=True))
    rows = []
    for side, extra, table in (("predicted", p - g, pred), ("labelled", g - p, gold)):
        for (article, key, city), n in extra.items():
            hit = table[(table["key_article"] == article) & (table["key_sentence"] == key)]
            rows += [(side, article, city, hit["sentence"].iloc[0])] * n
    return pd.DataFrame(rows, columns=["side", "article", "city", "sentence"])


def event_validity(
    tables: Mapping[str, pd.DataFrame], *, parts: Iterable[str] = PARTS
) -> pd.DataFrame:
    """Validity rows of the event table for ``parts`` (the detector runs on those articles only)."""
    parts = tuple(parts)
    articles = labelled_articles()
    labels = label_set(MEASURE)
    events: dict[str, Scores] = {}
    fields: dict[str, dict[str, Scores]] = {}
    n_articles = {}
    for part in parts:
        docs = articles.loc[articles["part"] == part, "article"].tolist()
        predicted = predicted_events(tables, docs)
        gold = labels[labels["part"] == part]
        events[part] = event_matches(predicted, gold)
        fields[part] = field_accuracy(predicted, gold)
        n_articles[part] = len(docs)
    frames = [score_rows(MEASURE, UNIT, events, target_f1=TARGET_F1)]
    for unit in (UNIT_DATE, UNIT_CITY, UNIT_ACTOR, UNIT_TYPE):
        rows = score_rows(MEASURE, unit, {p: fields[p][unit] for p in parts})
        rows["accuracy"] = rows["tp"] / (rows["tp"] + rows["fp"]).where(rows["tp"] + rows["fp"] > 0)
        rows[["precision", "recall", "f1"]] = float("nan")
        rows["target_accuracy"] = TARGET_ACCURACY.get(unit, float("nan"))
        frames.append(rows)
    table = pd.concat(frames, ignore_index=True)
    table["n_articles"] = table["part"].map({**n_articles, "all": sum(n_articles.values())})
    return table


def evaluate_events(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Validity rows of the event table on both parts (tune, untouched, all)."""
    return event_validity(tables, parts=PARTS)
