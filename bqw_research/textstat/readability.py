"""Chinese readability measures per document and per group, in one tidy table.

Four text features that the Chinese readability literature uses as predictors of
difficulty — not a fitted formula: published formulae were fitted on teaching texts for
learners (郭望皓 2010; 左虹 & 朱勇 2014) or for school pupils (Sung et al. 2015), and
their weights do not carry over to policy prose. Each measure is reported on its own:

* ``mean_sentence_chars`` — Han characters per sentence. Sentence length is the
  syntactic feature every Chinese formula includes (郭望皓 2010; 左虹 & 朱勇 2014;
  Sung et al. 2015).
* ``common_char_share`` — share of Han characters that are among the 3,755 level-1
  常用汉字 of GB 2312-80 (``data/lexicons/readability/common_chars.csv``); character
  frequency is a character-level feature of these models (Sung et al. 2015).
* ``idiom_share`` — share of Han characters inside four-character 成语 (the idiom
  dictionary of :func:`bqw_research.textstat.rhetoric.fourchar.idiom_set`): set phrases
  are dense, often classical, and a known source of difficulty.
* ``clauses_per_sentence`` — clauses per sentence, a sentence cut at ，；： (and their
  ASCII forms): a simple proxy of how many predications a sentence chains, in the
  spirit of the syntactic features of Sung et al. (2015).

References: 郭望皓 (2010) 对外汉语文本易读性公式研究, 硕士学位论文, 上海交通大学.
左虹, 朱勇 (2014) 中级欧美留学生汉语文本可读性公式研究, 《世界汉语教学》.
Sung, Y.-T., Chen, J.-L., Cha, J.-H., Tseng, H.-C., Chang, T.-H., & Chang, K.-E. (2015).
Constructing and validating readability models: the method of integrating multilevel
linguistic features with machine learning. Behavior Research Methods, 47(2), 340–354.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import pandas as pd

from bqw_research import config
from bqw_research.corpus import corpus_sentences
from bqw_research.textstat.groups import attach_group
from bqw_research.textstat.rhetoric.fourchar import idiom_set, idioms_in_text

__all__ = [
    "COMMON_CHARS",
    "MEASURES",
    "READABILITY_COLUMNS",
    "common_chars",
    "sentence_features",
    "textstat_readability",
]

READABILITY_COLUMNS = ["group", "measure", "value", "n_docs"]
COMMON_CHARS = config.LEXICON_DIR / "readability" / "common_chars.csv"
#: measure → (what it is, its source), in the order of the table.
MEASURES = {
    "mean_sentence_chars": (
        "Han characters per sentence",
        "郭望皓 2010; 左虹 & 朱勇 2014; Sung et al. 2015",
    ),
    "common_char_share": (
        "share of Han characters among GB 2312-80's 3,755 level-1 常用汉字",
        "GB 2312-80; Sung et al. 2015 (character frequency)",
    ),
    "idiom_share": ("share of Han characters inside four-character 成语", "idiom_set()"),
    "clauses_per_sentence": (
        "clauses per sentence, cut at ，；：",
        "Sung et al. 2015 (syntactic features)",
    ),
}
#: Document grouping: every document its own group.
BY_DOCUMENT = "document"

_HAN = re.compile("[\u4e00-\u9fff]")
_CLAUSE_CUT = re.compile("[，；：,;:]+")


@lru_cache(maxsize=2)
def _read_common(path: str, mtime: float) -> frozenset[str]:
    table = pd.read_csv(path, dtype=str, comment="#")
    return frozenset(table["char"])


def common_chars() -> frozenset[str]:
    """The 3,755 level-1 常用汉字 of GB 2312-80 (an error naming the file when missing)."""
    if not COMMON_CHARS.is_file():
        raise FileNotFoundError(f"common-character list not found: {COMMON_CHARS}")
    return _read_common(str(COMMON_CHARS), COMMON_CHARS.stat().st_mtime)


def _clauses(text: str) -> int:
    return sum(1 for part in _CLAUSE_CUT.split(text) if _HAN.search(part))


def _common_count(text: str, common: frozenset[str]) -> int:
    return sum(c in common for c in _HAN.findall(text))


def sentence_features(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per sentence with Han characters: its keys, ``n_han, n_common, n_idiom_chars, n_clauses``.

    Sentences without a Han character (figures, English lines) are left out, so they
    do not shorten the mean sentence. Other columns (``group``) are kept.
    """
    common = common_chars()
    idioms = idiom_set()  # built once: a union of three lexicons
    text = sentences["text"].astype(str)
    n_han = text.str.count(_HAN.pattern)
    keep = n_han > 0
    text = text[keep]
    return sentences.loc[keep].assign(
        n_han=n_han[keep],
        n_common=text.map(lambda t: _common_count(t, common)),
        n_idiom_chars=text.map(lambda t: 4 * sum(idioms_in_text(t, idioms=idioms).values())),
        n_clauses=text.map(_clauses),
    )


def _grouping(group: Any, data: pd.DataFrame, sentences: pd.DataFrame) -> Any:
    """``"document"`` → ``doc_id``; a column of the corpus table (``outlet``) → a mapping."""
    if not isinstance(group, str):
        return group
    if group == BY_DOCUMENT:
        return "doc_id"
    if group not in sentences.columns and group in data.columns:
        per_doc = data.drop_duplicates("doc_id")
        return pd.Series(per_doc[group].to_numpy(), index=per_doc["doc_id"])
    return group


def textstat_readability(data: pd.DataFrame, *, group: Any = None) -> pd.DataFrame:
    """Readability measures (:data:`MEASURES`) per group: ``group, measure, value, n_docs``.

    ``data``: a corpus, paragraph or sentence table (sentences are split as
    :func:`corpus_sentences` splits them). ``group``: ``"document"`` (one group per
    ``doc_id``) or any grouping :func:`attach_group` takes — ``None`` (all text), a
    column of ``data`` such as the corpus's ``"outlet"`` or ``"genre"``, a ``doc_id → group`` mapping, or a paragraph table with
    ``group`` (e.g. from ``attribution_groups``). Values pool the group's sentences
    (ratios of sums), so a long article weighs more than a short one.
    """
    sentences = data if "sent_id" in data.columns else corpus_sentences(data)
    grouped = attach_group(sentences, _grouping(group, data, sentences))
    feats = sentence_features(grouped)
    if feats.empty:
        return pd.DataFrame(columns=READABILITY_COLUMNS)
    agg = feats.groupby("group", sort=True).agg(
        n_sent=("n_han", "size"),
        n_han=("n_han", "sum"),
        n_common=("n_common", "sum"),
        n_idiom=("n_idiom_chars", "sum"),
        n_clauses=("n_clauses", "sum"),
        n_docs=("doc_id", "nunique"),
    )
    values = pd.DataFrame(
        {
            "mean_sentence_chars": agg["n_han"] / agg["n_sent"],
            "common_char_share": agg["n_common"] / agg["n_han"],
            "idiom_share": agg["n_idiom"] / agg["n_han"],
            "clauses_per_sentence": agg["n_clauses"] / agg["n_sent"],
        }
    )
    out = values.reset_index().melt(id_vars="group", var_name="measure", value_name="value")
    out["n_docs"] = out["group"].map(agg["n_docs"]).astype("int64")
    out["measure"] = pd.Categorical(out["measure"], categories=list(MEASURES), ordered=True)
    out = out.sort_values(["group", "measure"], kind="mergesort").reset_index(drop=True)
    return out.assign(measure=out["measure"].astype(str))[READABILITY_COLUMNS]
