"""Numbered formulae (数字式提法) scored against ``data/labels/numbered_formulae/``.

The rule is the codebook's (``numbered_formulae.md``, version 1, "Normalisation and
comparison"); it is implemented here exactly so that a reviewer can check it:

* **Item:** one formula per article. The detector's predictions in an article are
  deduplicated by normalised key; labelled rows are the TSV's rows.
* **Key** (:func:`formula_key`): Unicode NFKC; Latin letters lower-cased; ``x``/``*``
  between two digits → ``×``; quotation marks, brackets, whitespace and punctuation
  removed (``+ × % .`` kept); every maximal run of Chinese numerals that reads as a whole
  number below 100 (one digit, or 十 with an optional digit 2–9 before and 1–9 after) is
  written in Arabic digits (四个意识 → 4个意识, 两个维护 ≡ 二个维护); other runs (百千万,
  十四五) and 双 stay as they are.
* **Match** (:func:`keys_match`): a prediction matches a row of the same article when its
  key equals the key of the row's ``canonical`` or of one of its ``surface`` forms
  (exact), or when one key contains the other, the longer adds at most 4 characters and
  none of them is a numeral, and the shorter key is a digit code or keeps a character
  that is neither a numeral nor a classifier (containment). A prediction with an exact
  match matches only the rows it equals.
* **Grey rows** (``note`` starting ``grey:``) are neither hits nor misses: a prediction
  matching only grey rows is neutral, and grey rows are left out of recall.
* **Scores:** ``tp`` = non-grey rows found (at least one matching prediction), ``fn`` =
  non-grey rows not found, ``fp`` = predictions matching no row of their article.
  Precision is correct predictions / (correct + spurious), where a correct prediction
  matches a non-grey row (two predictions of one row are both correct), so it can differ
  slightly from ``tp / (tp + fp)``; recall is ``tp / (tp + fn)``.
* **Articles:** those of ``articles.tsv`` (46, ten without any row, where every
  prediction is spurious). Predictions in other articles are ignored.

The text of an article is its title, its headings and its paragraphs (quote blocks
included), as the codebook defines it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bqw_research.corpus.document import kind_of
from bqw_research.corpus.parse import parse_document
from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.scores import Scores, score_rows
from bqw_research.textstat.rhetoric import find_numeric_formulae
from bqw_research.textstat.rhetoric.numbered import formula_rules, small_number

MEASURE = "numbered_formulae"
UNIT = "formula per article"
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.9

#: Characters that are numerals for the containment rule (codebook, comparison 4).
NUMERAL_CHARS = frozenset("0123456789〇零一二两三四五六七八九十百千万亿双")
#: Classifiers a shorter key must not consist of (with numerals) to match by containment.
CLASSIFIERS = ("方面", *"个项条大位种类点批次名家件")
#: Extra characters a containing key may add.
MAX_ADDED = 4

_NUMERAL_RUN = re.compile("[〇零一二两三四五六七八九十百千万亿]+")
_TIMES = re.compile(r"(?<=\d)[x*](?=\d)")
_KEEP = frozenset("+×%.")
_DIGIT_CODE = re.compile(r"[0-9+×%.]+")


def formula_key(text: str) -> str:
    """The codebook's normalised key of a formula string (see the module docstring)."""
    s = unicodedata.normalize("NFKC", str(text)).lower()
    s = _TIMES.sub("×", s)
    s = "".join(
        ch
        for ch in s
        if ch in _KEEP or not unicodedata.category(ch).startswith(("P", "S", "Z", "C"))
    )

    def arabic(m: re.Match[str]) -> str:
        value = small_number(m.group(0))
        return m.group(0) if value is None else str(value)

    return _NUMERAL_RUN.sub(arabic, s)


def _keeps_content(key: str) -> bool:
    if _DIGIT_CODE.fullmatch(key):
        return True
    rest = key
    for c in CLASSIFIERS:
        rest = rest.replace(c, "")
    return any(ch not in NUMERAL_CHARS for ch in rest)


def keys_match(a: str, b: str) -> bool:
    """Whether two normalised keys match exactly or by the codebook's containment rule."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if not short or short not in long or len(long) - len(short) > MAX_ADDED:
        return False
    start = long.index(short)
    added = long[:start] + long[start + len(short) :]
    if any(ch in NUMERAL_CHARS for ch in added):
        return False
    return _keeps_content(short)


@dataclass(frozen=True)
class FormulaScores(Scores):
    """Scores with precision from correct predictions (``correct``), as the codebook says."""

    correct: int = 0

    @property
    def precision(self) -> float:
        total = self.correct + self.fp
        return self.correct / total if total else float("nan")

    def __add__(self, other: Scores) -> FormulaScores:
        extra = other.correct if isinstance(other, FormulaScores) else other.tp
        return FormulaScores(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.correct + extra
        )


def row_keys(rows: pd.DataFrame) -> list[frozenset[str]]:
    """The keys of each labelled row: its ``canonical`` and every `` | ``-separated surface."""
    out = []
    for canonical, surface in zip(rows["canonical"], rows["surface"], strict=True):
        forms = [canonical, *str(surface).split(" | ")]
        out.append(frozenset(k for k in map(formula_key, forms) if k))
    return out


def matched_rows(key: str, keys: list[frozenset[str]]) -> list[int]:
    """Indices of the rows ``key`` matches: the exact ones if any, else by containment."""
    exact = [i for i, ks in enumerate(keys) if key in ks]
    if exact:
        return exact
    return [i for i, ks in enumerate(keys) if any(keys_match(key, k) for k in ks)]


def score_article(predicted: Iterable[str], rows: pd.DataFrame) -> FormulaScores:
    """Scores of one article's predicted formula strings against its labelled rows."""
    keys = row_keys(rows)
    grey = rows["note"].str.startswith("grey:").tolist()
    found: set[int] = set()
    correct = fp = 0
    for key in sorted({formula_key(p) for p in predicted} - {""}):
        hit = matched_rows(key, keys)
        found.update(hit)
        if any(not grey[i] for i in hit):
            correct += 1
        elif not hit:
            fp += 1
    scored = [i for i, g in enumerate(grey) if not g]
    tp = sum(i in found for i in scored)
    return FormulaScores(tp=tp, fp=fp, fn=len(scored) - tp, correct=correct)


def article_texts(tables: Mapping[str, pd.DataFrame], doc_ids: Iterable[str]) -> pd.DataFrame:
    """``doc_id, text``: title, headings and paragraphs of each development article.

    The codebook's text includes the reposter's ``>`` quote blocks, which the corpus
    tables leave out, so each article's file is parsed again with ``notes=True``; the
    source footer stays out.
    """
    wanted = set(doc_ids)
    corpus = tables["corpus"]
    corpus = corpus[corpus["doc_id"].isin(wanted) & (corpus["folder"] == "corpus-dev")]
    rows = []
    for doc, path, encoding in zip(
        corpus["doc_id"], corpus["path"], corpus["encoding"], strict=True
    ):
        raw = Path(path).read_text(encoding=encoding or "utf-8", errors="replace")
        parsed = parse_document(raw, kind=kind_of(str(path)), notes=True)
        heads = dict.fromkeys(p.section for p in parsed.paragraphs if p.section)
        texts = [parsed.title or "", *heads, *(p.text for p in parsed.paragraphs)]
        rows.extend((doc, t) for t in texts if t)
    return pd.DataFrame(rows, columns=["doc_id", "text"])


def predictions(units: pd.DataFrame) -> dict[str, list[str]]:
    """The detector's formula strings per article (every occurrence, in text order)."""
    rules = formula_rules()
    out: dict[str, list[str]] = {}
    for doc, text in zip(units["doc_id"], units["text"], strict=True):
        out.setdefault(doc, []).extend(f for _, f in find_numeric_formulae(text, rules=rules))
    return out


def evaluate_numbered_formulae(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Validity rows (tune / untouched / all) of :func:`find_numeric_formulae`.

    Matching rule: see the module docstring (codebook ``numbered_formulae.md`` v1).
    """
    labels = label_set(MEASURE)
    articles = label_set(MEASURE, "articles")
    found = predictions(article_texts(tables, articles["doc_id"]))
    by_part: dict[str, FormulaScores] = {}
    n_articles = 0
    for part in ("tune", "untouched"):
        total = FormulaScores(0, 0, 0)
        for doc in sorted(articles.loc[articles["part"] == part, "doc_id"]):
            rows = labels[(labels["doc_id"] == doc) & (labels["part"] == part)]
            total = total + score_article(found.get(doc, []), rows)
            n_articles += 1
        by_part[part] = total
    by_part["all"] = by_part["tune"] + by_part["untouched"]
    return score_rows(
        MEASURE,
        UNIT,
        by_part,
        target_precision=TARGET_PRECISION,
        target_recall=TARGET_RECALL,
        n_articles=n_articles,
    )
