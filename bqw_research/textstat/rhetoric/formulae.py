"""Formula discovery: quoted phrases, numbered formulae (grammar + lexicon, see
:mod:`bqw_research.textstat.rhetoric.numbered`), templates shared across articles."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any, NamedTuple

import pandas as pd

from bqw_research.corpus import corpus_originals
from bqw_research.textstat.rhetoric.common import (
    CJK,
    QUOTE_RE,
    as_sentences,
    attach_group,
    is_corpus,
    jieba_dictionary,
    n_cjk,
    read_lexicon,
)
from bqw_research.textstat.rhetoric.lexicon_counts import slogan_lexicon
from bqw_research.textstat.rhetoric.numbered import (
    FormulaRules,
    formula_lexicon,
    formula_rules,
    lexicon_variants,
    numbered_hits,
)

#: Paired quotation marks used in Chinese text (outer “…”, 「…」, inner ‘…’, 『…』).
QUOTE_PAIRS = {"“": "”", "「": "」", "‘": "’", "『": "』"}
_INNER_PUNCT = re.compile(r"[，。！？；：,.!?;:]")
_SENTENCE_PUNCT = re.compile(r"[。！？；：.!?;:]")
_SERIES_SPLIT = re.compile(r"[、，,]")
#: A numeral counting the quoted items right before the opening mark (三个“不会变”).
_COUNTED = re.compile(r"[0-9一二两三四五六七八九十]+个$")
#: 的 closing a clause right after the quote (…将是“X”的。).
_PREDICATE_DE = re.compile(r"的(?:[，。！？；,.!?;]|$)")
#: A numbered craft or mission name (海洋地质六号, 嫦娥六号).
_CRAFT_NUMBER = re.compile(r"[0-9一二三四五六七八九十百]+号$")
#: The words right after a closing mark, up to punctuation or the next quote (≤ 6 chars).
_AFTER_WINDOW = re.compile(r"[^，。！？；：、,.!?;:“”‘’「」『』\s]{0,6}")

QUOTED_COLUMNS = ["group", "phrase", "kind", "n", "n_docs", "share_docs", "rank"]
NUMERIC_COLUMNS = ["group", "kind", "formula", "n", "n_docs"]
TEMPLATE_COLUMNS = ["template", "n_chars", "n", "n_docs", "docs"]
FORMULAIC_COLUMNS = ["group", "n_docs", "cjk_chars", "formulaic_chars", "formulaic_share"]


class QuotedRules(NamedTuple):
    """What :func:`quoted_kind` needs: cue words of ``quoted_cues.csv``, the known formulae
    and slogans, and jieba's dictionary (word → part-of-speech tag)."""

    holidays: frozenset[str]
    name_heads: tuple[str, ...]
    name_left: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    ordinary_tags: frozenset[str]
    fragments: tuple[str, ...]
    known: frozenset[str]
    dictionary: Mapping[str, str]


def quoted_cues() -> pd.DataFrame:
    """``data/lexicons/rhetoric/quoted_cues.csv``: ``cue, word, source``."""
    return read_lexicon("quoted_cues")


def quoted_rules(*, cues: pd.DataFrame | None = None) -> QuotedRules:
    """The rules of :func:`quoted_kind` from ``quoted_cues.csv`` (or ``cues``), the variants
    of ``numbered_formulae.csv`` and ``slogans.csv``, and jieba's dictionary."""
    cues = quoted_cues() if cues is None else cues

    def words(cue: str) -> tuple[str, ...]:
        return tuple(sorted(cues.loc[cues["cue"] == cue, "word"].astype(str)))

    known = {v for v, _, _ in lexicon_variants(formula_lexicon())}
    known |= set(slogan_lexicon()["variant"].astype(str))
    return QuotedRules(
        holidays=frozenset(words("holiday")),
        name_heads=words("name_head"),
        name_left=words("name_left"),
        name_suffixes=words("name_suffix"),
        ordinary_tags=frozenset(words("ordinary_tag")),
        fragments=words("fragment"),
        known=frozenset(known),
        dictionary=jieba_dictionary(),
    )


def is_slogan_series(phrase: str) -> bool:
    """Two or more parallel pieces of equal length (2–8 characters) joined by 、 or ，
    and nothing else: a coined series (走在前、作示范、挑大梁; 科技赋能，创新引领)."""
    if _SENTENCE_PUNCT.search(phrase):
        return False
    pieces = _SERIES_SPLIT.split(phrase)
    sizes = {len(p) for p in pieces}
    return len(pieces) >= 2 and len(sizes) == 1 and 2 <= sizes.pop() <= 8


def is_name(phrase: str, *, before: str, after: str, rules: QuotedRules) -> bool:
    """Whether a quoted span is a name rather than a coined phrase: a holiday (五一), a
    title with a middle dot, a name by its suffix (金椰奖, 海洋地质六号, 红色市政厅) or
    by the word that precedes (台风“剑鱼”) or follows it (“五福迎春”中国瓷器展, “冰超”赛事)."""
    if phrase in rules.holidays or "·" in phrase or _CRAFT_NUMBER.search(phrase):
        return True
    if phrase.endswith(rules.name_suffixes) or before.rstrip().endswith(rules.name_left):
        return True
    window = _AFTER_WINDOW.match(after)
    w = window.group(0) if window else ""
    for head in rules.name_heads:
        if len(head) > 1 and (w.startswith(head) or w.endswith(head)):
            return True
        if len(head) == 1 and w.endswith(head) and w[-2:] not in rules.dictionary:
            return True
    return False


def quoted_kind(
    phrase: str, *, before: str = "", after: str = "", rules: QuotedRules, max_term_chars: int = 15
) -> str:
    """The kind of a quoted span given the text before and after it (rule v1 of
    ``docs/rhetoric.md``).

    ``term`` — a coined phrase: a known formula or slogan, a span counted by a numeral
    (三个“不会变”), a parallel series, or any other short span not excluded below;
    ``quotation`` — reported words (clause punctuation, longer than ``max_term_chars``,
    a grammatical particle of a clause such as 将/了/被, ending in 的, or a predicate
    closed by 的 right after the quote);
    ``name`` — a name (:func:`is_name`); ``word`` — a single character, or one ordinary
    dictionary word quoted for emphasis (a verb, adjective or 习用语 of jieba's dictionary:
    “清零”, “穿越”).
    """
    if phrase in rules.known or _COUNTED.search(before) or is_slogan_series(phrase):
        return "term"
    if _INNER_PUNCT.search(phrase) or len(phrase) > max_term_chars:
        return "quotation"
    if any(f in phrase for f in rules.fragments) or phrase.endswith("的"):
        return "quotation"
    if _PREDICATE_DE.match(after):  # 将是“高强度”的。: a quoted predicate
        return "quotation"
    if len(phrase) == 1 or rules.dictionary.get(phrase) in rules.ordinary_tags:
        return "word"
    if is_name(phrase, before=before, after=after, rules=rules):
        return "name"
    return "term"


def quoted_phrases(
    text: str, *, max_term_chars: int = 15, rules: QuotedRules | None = None
) -> list[tuple[str, str]]:
    """``(phrase, kind)`` for every span in quotation marks in ``text``.

    ``kind`` (:func:`quoted_kind`) is ``"term"`` for a coined phrase (头号工程, 两个确立,
    1310), ``"quotation"`` for reported words, ``"name"`` for names (ships, events,
    holidays), ``"word"`` for single characters and ordinary words in scare quotes. Quotes
    nested inside a quoted span follow it (‘百县千镇万村高质量发展工程’ inside a quoted
    sentence).
    """
    rules = quoted_rules() if rules is None else rules
    out = []
    for m in QUOTE_RE.finditer(text):
        g = next(i for i, v in enumerate(m.groups(), 1) if v is not None)
        phrase = m.group(g).strip()
        if not phrase:
            continue
        kind = quoted_kind(
            phrase,
            before=text[: m.start()],
            after=text[m.end() :],
            rules=rules,
            max_term_chars=max_term_chars,
        )
        out.append((phrase, kind))
        out.extend(quoted_phrases(phrase, max_term_chars=max_term_chars, rules=rules))
    return out


def textstat_quoted(
    x: pd.DataFrame,
    *,
    group: Any = None,
    kind: str | None = "term",
    min_count: int = 1,
    max_term_chars: int = 15,
    phrases: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Phrases in quotation marks ranked by frequency and spread across articles.

    Returns ``group, phrase, kind, n, n_docs, share_docs, rank`` where ``share_docs`` is
    the share of the group's articles using the phrase and ``rank`` orders by ``n_docs``
    then ``n`` (spread first: a phrase repeated by many outlets is more formulaic than one
    repeated within a single article). ``kind="term"`` (default) keeps coined phrases,
    ``"quotation"`` reported words, ``None`` both. ``phrases``: the units' quoted
    phrases when already known (:func:`quoted_phrase_table`, same ``max_term_chars``).
    """
    units = attach_group(as_sentences(x) if is_corpus(x) else x, group)
    if phrases is None:
        phrases = quoted_phrase_table(units, max_term_chars=max_term_chars)
    keys = [c for c in ("doc_id", "para_id", "sent_id") if c in units.columns]
    found = units[[*keys, "group"]].merge(
        phrases.drop_duplicates([*keys, "_at"]), on=keys, how="inner", sort=False
    )
    hits = found[["group", "doc_id", "phrase", "kind"]]
    if kind is not None:
        hits = hits[hits["kind"] == kind]
    if hits.empty:
        return pd.DataFrame(columns=QUOTED_COLUMNS)
    docs = units.groupby("group")["doc_id"].nunique()
    out = (
        hits.groupby(["group", "phrase", "kind"])
        .agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
    )
    out = out[out["n"] >= min_count].copy()
    out["share_docs"] = out["n_docs"] / out["group"].map(docs)
    out = out.sort_values(
        ["group", "n_docs", "n", "phrase"], ascending=[True, False, False, True], kind="mergesort"
    )
    out["rank"] = out.groupby("group").cumcount() + 1
    return out[QUOTED_COLUMNS].reset_index(drop=True)


def find_numeric_formulae(
    text: str,
    *,
    patterns: pd.DataFrame | None = None,
    lexicon: pd.DataFrame | None = None,
    lookalikes: pd.DataFrame | None = None,
    rules: FormulaRules | None = None,
) -> list[tuple[str, str]]:
    """``(kind, formula)`` for each numbered formula in ``text``, in text order.

    ``kind`` is ``lexicon`` (an established formula of ``numbered_formulae.csv``),
    ``quoted`` (a quoted label the numeral grammar accepts), or the kind of an unquoted
    frame of ``formula_patterns.csv`` (``digit code``, ``N大 X``); see
    :mod:`bqw_research.textstat.rhetoric.numbered`. Each occurrence is reported once.
    ``patterns``/``lexicon``/``lookalikes`` replace the shipped tables; ``rules``
    (:func:`~bqw_research.textstat.rhetoric.numbered.formula_rules`) saves preparing
    them again when many texts are read.
    """
    if rules is None:
        rules = formula_rules(patterns=patterns, lexicon=lexicon, lookalikes=lookalikes)
    return [(h.kind, h.formula) for h in numbered_hits(text, rules=rules)]


def textstat_numeric_formulae(
    x: pd.DataFrame,
    *,
    group: Any = None,
    patterns: pd.DataFrame | None = None,
    lexicon: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Numbered formulae (两个维护, 一带一路, 双碳, “1310”, 1+1+9, 三大全球倡议 …) per group.

    Returns ``group, kind, formula, n, n_docs`` sorted by group, ``n`` descending. A
    formula is counted once per occurrence; the same string in two articles is one row
    (an unquoted 十大工程 of two provinces is one row: the label, not the programme).
    """
    units = attach_group(as_sentences(x) if is_corpus(x) else x, group)
    rules = formula_rules(patterns=patterns, lexicon=lexicon)
    rows = [
        (g, doc, k, f)
        for g, doc, text in zip(
            units["group"], units["doc_id"], units["text"].astype(str), strict=True
        )
        if _NUMERAL_HINT.search(text) is not None
        for k, f in find_numeric_formulae(text, rules=rules)
    ]
    hits = pd.DataFrame(rows, columns=["group", "doc_id", "kind", "formula"])
    if hits.empty:
        return pd.DataFrame(columns=NUMERIC_COLUMNS)
    out = (
        hits.groupby(["group", "kind", "formula"])
        .agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
        .sort_values(
            ["group", "n", "kind", "formula"], ascending=[True, False, True, True], kind="mergesort"
        )
    )
    return out[NUMERIC_COLUMNS].reset_index(drop=True)


#: A sentence without any numeral (Chinese, Arabic or full-width) cannot hold a formula.
_NUMERAL_HINT = re.compile("[0-9０-９〇零一二两三四五六七八九十百千万双]")


# --------------------------------------------------------------------- template n-grams

_RUN_RE = re.compile(f"[{CJK}]+")


def _doc_runs(units: pd.DataFrame) -> dict[str, list[str]]:
    runs: dict[str, list[str]] = defaultdict(list)
    for doc, text in zip(units["doc_id"].astype(str), units["text"].astype(str), strict=True):
        runs[doc].extend(_RUN_RE.findall(text))
    return runs


def _shared_ngrams(runs: dict[str, list[str]], n: int, min_docs: int) -> set[str]:
    df: dict[str, int] = defaultdict(int)
    for parts in runs.values():
        seen = {p[i : i + n] for p in parts for i in range(len(p) - n + 1)}
        for g in seen:
            df[g] += 1
    return {g for g, c in df.items() if c >= min_docs}


def _covered_spans(run: str, shared: set[str], n: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for i in range(len(run) - n + 1):
        if run[i : i + n] in shared:
            if spans and i <= spans[-1][1]:
                spans[-1] = (spans[-1][0], i + n)
            else:
                spans.append((i, i + n))
    return spans


def textstat_templates(
    x: pd.DataFrame,
    *,
    n: int = 8,
    min_docs: int = 2,
    min_chars: int | None = None,
    exclude_near_duplicates: bool = True,
) -> pd.DataFrame:
    """Recurrent wording shared verbatim by several articles (template n-grams).

    Every run of CJK characters is cut into character ``n``-grams; an n-gram found in at
    least ``min_docs`` articles is *shared*; overlapping shared n-grams are merged into
    maximal spans (e.g. 深入学习贯彻党的二十届四中全会精神). Returns one row per distinct span:
    ``template, n_chars, n, n_docs, docs`` (``docs`` = ``;``-joined doc_ids), sorted by
    ``n_docs``, ``n``, length. Spans shorter than ``min_chars`` (default ``n``) are
    dropped. Articles flagged in ``near_duplicate_of`` (a corpus column) are left out when
    ``exclude_near_duplicates`` so that reposts do not count as shared formulae.
    """
    units = _template_units(x, exclude_near_duplicates)
    runs = _doc_runs(units)
    shared = _shared_ngrams(runs, n, min_docs)
    rows = []
    for doc, parts in runs.items():
        for p in parts:
            for s, e in _covered_spans(p, shared, n):
                rows.append((p[s:e], doc))
    spans = pd.DataFrame(rows, columns=["template", "doc_id"])
    if spans.empty:
        return pd.DataFrame(columns=TEMPLATE_COLUMNS)
    out = (
        spans.groupby("template")
        .agg(n=("doc_id", "size"), n_docs=("doc_id", "nunique"), docs=("doc_id", _join_sorted))
        .reset_index()
    )
    out["n_chars"] = out["template"].str.len()
    out = out[out["n_chars"] >= (n if min_chars is None else min_chars)]
    out = out.sort_values(
        ["n_docs", "n", "n_chars", "template"],
        ascending=[False, False, False, True],
        kind="mergesort",
    )
    return out[TEMPLATE_COLUMNS].reset_index(drop=True)


def _join_sorted(s: pd.Series) -> str:
    return ";".join(sorted(set(s.astype(str))))


def _template_units(x: pd.DataFrame, exclude_near_duplicates: bool) -> pd.DataFrame:
    if exclude_near_duplicates and is_corpus(x):
        x = corpus_originals(x)
    return as_sentences(x) if is_corpus(x) else x


def quoted_phrase_table(x: pd.DataFrame, *, max_term_chars: int = 15) -> pd.DataFrame:
    """Every quoted phrase of every unit of ``x``: keys, ``_at`` (its place), ``phrase, kind``."""
    units = as_sentences(x) if is_corpus(x) else x
    keys = [c for c in ("doc_id", "para_id", "sent_id") if c in units.columns]
    rules = quoted_rules()
    rows = []
    for rec, text in zip(
        units[keys].itertuples(index=False), units["text"].astype(str), strict=True
    ):
        found = quoted_phrases(text, max_term_chars=max_term_chars, rules=rules)
        for at, (phrase, k) in enumerate(found):
            rows.append((*rec, at, phrase, k))
    return pd.DataFrame(rows, columns=[*keys, "_at", "phrase", "kind"])


def formulaic_coverage(
    x: pd.DataFrame, *, n: int = 8, min_docs: int = 2, exclude_near_duplicates: bool = True
) -> pd.DataFrame:
    """The units of ``x`` with ``_cov`` (CJK characters in wording shared with another
    article) and ``_tot`` (all CJK characters): what :func:`textstat_formulaic` sums."""
    units = _template_units(x, exclude_near_duplicates)
    shared = _shared_ngrams(_doc_runs(units), n, min_docs)
    covered = []
    totals = []
    for text in units["text"].astype(str):
        c = 0
        for run in _RUN_RE.findall(text):
            c += sum(e - s for s, e in _covered_spans(run, shared, n))
        covered.append(c)
        totals.append(n_cjk(text))
    return units.assign(_cov=covered, _tot=totals)


def textstat_formulaic(
    x: pd.DataFrame,
    *,
    group: Any = "doc_id",
    n: int = 8,
    min_docs: int = 2,
    exclude_near_duplicates: bool = True,
    coverage: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Share of each group's CJK characters that lie in wording shared with other articles.

    Uses the same shared ``n``-grams as :func:`textstat_templates` (found in at least
    ``min_docs`` articles of the whole input). Returns ``group, n_docs, cjk_chars,
    formulaic_chars, formulaic_share``. With a single article nothing can be shared and
    the share is 0. ``coverage``: :func:`formulaic_coverage` of the same input, when
    already known.
    """
    if coverage is None:
        coverage = formulaic_coverage(
            x, n=n, min_docs=min_docs, exclude_near_duplicates=exclude_near_duplicates
        )
    units = attach_group(coverage, group)
    out = (
        units.groupby("group")
        .agg(
            n_docs=("doc_id", "nunique"), cjk_chars=("_tot", "sum"), formulaic_chars=("_cov", "sum")
        )
        .reset_index()
    )
    out["formulaic_share"] = (
        out["formulaic_chars"] / out["cjk_chars"].where(out["cjk_chars"] > 0)
    ).fillna(0.0)
    return out[FORMULAIC_COLUMNS].sort_values("group", kind="mergesort").reset_index(drop=True)
