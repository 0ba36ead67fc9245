"""Paragraph → city attribution and place mentions, scored by the codebook (``attribution.md``).

The labelled set is ``data/labels/attribution/attribution.tsv``: one row per paragraph of
every drawn article, with ``primary`` (a city, ``A+B``, ``PROVINCE`` or ``NONE``), the other
``mentioned`` cities, the sampling stratum ``genre`` (transcript, commentary, feature,
roundup) and ``part``. The detector is
:func:`bqw_research.textstat.regions.attribute_paragraphs`, run on the package's own
paragraphs of the labelled articles (with their titles), together with
:func:`bqw_research.textstat.regions.attribute_sections` for the section headings: the
package keeps a bold headline line (``**…**``, ``<strong>深圳</strong>``) out of its
paragraph table as the heading of what follows, while the codebook counts it as a
paragraph, so the headings are the detector's answer for those rows.

**Matching a labelled row to the detector's paragraphs** (codebook, "Comparison"):

1. *By key.* The key of a text is the first 12 hex digits of the SHA-1 of its first 16
   characters after HTML tags are removed, entities unescaped and whitespace (U+3000,
   U+2003, U+00A0 included), ``*`` and ``_`` removed. The n-th labelled row with a key takes
   the n-th detector paragraph of the same article with that key (the last one if there are
   fewer).
2. *Loosely*, when no key matches: the labelled paragraph's text is recovered from the
   article file by the codebook's split (blank lines; headings ``#``, rules and ``>`` quotes
   are not paragraphs) and checked against its key. Both texts are reduced (HTML removed,
   Markdown links and images replaced by their text, list markers removed, whitespace and
   ``* _ # >`` removed); a detector paragraph matches when the first 16 characters of either
   reduced text occur in the other (texts under 4 characters never match). With several
   matches the city is that of the longest matching paragraph that has one, and the
   mentions are the union.
3. A row that matches nothing is a paragraph the detector did not return: no city and no
   mentions (counted in ``not_returned``).

**Normalisation.** City strings are trimmed and a trailing 市 is dropped on both sides.

**Scores.** ``attribution`` (one row per genre × part, plus genre ``all``): ``accuracy`` is
the share of rows whose ``primary`` is right: a city row when the detector's city equals it
(for ``A+B`` any one of the cities), a ``PROVINCE`` or ``NONE`` row when the detector gives no
city. ``tp/fp/fn`` count the city claims: ``tp`` a city row given its city, ``fp`` a city
given to a row that is not that city (a ``NONE``/``PROVINCE`` row, or another city's row),
``fn`` a city row not given its city; so a city row given the wrong city is one ``fp`` and
one ``fn``. ``place_mentions``: per paragraph, the labelled cities are ``mentioned`` ∪ the
primary's cities, the detector's are its ``mentioned`` ∪ its ``city``; TP/FP/FN are summed
over paragraphs (items are ``(article, para_no, city)``), per genre × part.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.scores import Scores, score_rows, set_scores

__all__ = [
    "MATCH_COLUMNS",
    "attribution_matches",
    "codebook_paragraphs",
    "evaluate_attribution",
    "evaluate_place_mentions",
    "mention_scores",
    "paragraph_key",
    "primary_scores",
    "reduced_text",
]

#: Columns of :func:`attribution_matches`.
MATCH_COLUMNS = [
    "article",
    "para_no",
    "genre",
    "part",
    "primary",
    "gold_cities",
    "city",
    "cities",
    "returned",
    "correct",
]

_TAG = re.compile(r"<[^>]*>")
_KEY_DROP = re.compile(r"[\s\u3000\u2003\u00a0*_]")
_BLOCK_SPLIT = re.compile(r"\n[ \t\u3000\u00a0\u2003\f\v]*\n")
_RULE = re.compile(r"(-{3,}|\*{3,}|_{3,})")
_IMAGE_ONLY = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LIST_MARKER = re.compile(r"(?m)^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_REDUCE_DROP = re.compile(r"[\s\u3000\u2003\u00a0*_#>]")


def _key_text(text: str) -> str:
    return _KEY_DROP.sub("", html.unescape(_TAG.sub("", text)))


def paragraph_key(text: str) -> str:
    """The codebook's paragraph key: SHA-1 (12 hex digits) of the first 16 normalised characters.

    >>> paragraph_key("**深圳** 市委常委会") == paragraph_key("深圳市委常委会")
    True
    """
    return hashlib.sha1(_key_text(text)[:16].encode("utf-8")).hexdigest()[:12]


def reduced_text(text: str) -> str:
    """A text reduced for the codebook's loose match (links → their text, no markup, no spaces)."""
    s = html.unescape(_TAG.sub("", text))
    s = _LINK.sub(r"\1", s)
    s = _LIST_MARKER.sub("", s)
    return _REDUCE_DROP.sub("", s)


def codebook_paragraphs(markdown: str) -> dict[int, str]:
    """``para_no → block`` of an article file split as the codebook's "Unit" section says.

    Blocks are separated by blank lines; empty blocks, headings (``#``), horizontal rules and
    block quotes (``>``) get no number. Paragraphs without words keep their number.
    """
    text = markdown.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    out: dict[int, str] = {}
    for block in (b.strip() for b in _BLOCK_SPLIT.split(text)):
        if not block or block.startswith(("#", ">")) or _RULE.fullmatch(block.replace(" ", "")):
            continue
        out[len(out) + 1] = block
    return out


def _city(name: object) -> str:
    s = str(name).strip() if isinstance(name, str) else ""
    return s.removesuffix("市") if len(s) > 2 else s


@dataclass(frozen=True)
class _Para:
    key: str
    reduced: str
    city: str
    cities: frozenset[str]


def _detector_paragraphs(
    tables: dict[str, pd.DataFrame], articles: set[str]
) -> dict[str, list[_Para]]:
    from bqw_research.textstat.regions import attribute_paragraphs, attribute_sections

    paras = tables["paragraphs"]
    paras = paras[paras["doc_id"].astype(str).isin(articles)]
    corpus = tables["corpus"]
    titles = corpus.drop_duplicates("doc_id").set_index("doc_id")["title"]
    att = attribute_paragraphs(paras, titles=titles)
    text_of = dict(
        zip(
            zip(paras["doc_id"].astype(str), paras["para_id"], strict=True),
            paras["text"],
            strict=True,
        )
    )
    out: dict[str, list[_Para]] = defaultdict(list)
    for doc_id, para_id, city, mentioned in zip(
        att["doc_id"], att["para_id"], att["city"], att["mentioned"], strict=True
    ):
        text = str(text_of[(doc_id, para_id)])
        own = _city(city)
        cities = frozenset({_city(c) for c in (mentioned or [])} | ({own} if own else set()))
        out[doc_id].append(_Para(paragraph_key(text), reduced_text(text), own, cities))
    heads = attribute_sections(paras)
    for doc_id, section, city, mentioned in zip(
        heads["doc_id"], heads["section"], heads["city"], heads["mentioned"], strict=True
    ):
        own = _city(city)
        cities = frozenset({_city(c) for c in mentioned} | ({own} if own else set()))
        out[doc_id].append(_Para(paragraph_key(section), reduced_text(section), own, cities))
    return out


def _loose(label_text: str, candidates: list[_Para]) -> tuple[str, frozenset[str], bool]:
    lab = reduced_text(label_text)
    if len(lab) < 4:
        return "", frozenset(), False
    hits = [
        p
        for p in candidates
        if len(p.reduced) >= 4 and (lab[:16] in p.reduced or p.reduced[:16] in lab)
    ]
    if not hits:
        return "", frozenset(), False
    with_city = sorted((p for p in hits if p.city), key=lambda p: -len(p.reduced))
    city = with_city[0].city if with_city else ""
    return city, frozenset().union(*(p.cities for p in hits)), True


def _article_blocks(tables: dict[str, pd.DataFrame], article: str) -> dict[int, str]:
    corpus = tables["corpus"]
    paths = corpus.loc[corpus["doc_id"].astype(str) == article, "path"]
    if paths.empty or not Path(str(paths.iloc[0])).is_file():
        return {}
    return codebook_paragraphs(Path(str(paths.iloc[0])).read_text(encoding="utf-8"))


def _gold_cities(primary: str, mentioned: str) -> frozenset[str]:
    named = {_city(c) for c in re.split(r"[;,]", mentioned) if c.strip()}
    return frozenset(_primary_cities(primary) | named)


def attribution_matches(
    tables: dict[str, pd.DataFrame], labels: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every labelled paragraph with the detector's answer (see the module docstring).

    Returns :data:`MATCH_COLUMNS`: ``gold_cities`` and ``cities`` are sorted tuples of the
    labelled and detected city sets, ``city`` the detector's city (``""`` for none),
    ``returned`` whether a detector paragraph was matched, ``correct`` whether ``primary``
    is right. Rows keep the order of the labelled set.
    """
    lab = label_set("attribution") if labels is None else labels
    detected = _detector_paragraphs(tables, set(lab["article"]))
    by_key: dict[str, dict[str, list[_Para]]] = {}
    seen: dict[tuple[str, str], int] = defaultdict(int)
    blocks: dict[str, dict[int, str]] = {}
    rows = []
    for r in lab.itertuples(index=False):
        paras = detected.get(r.article, [])
        if r.article not in by_key:
            by_key[r.article] = defaultdict(list)
            for p in paras:
                by_key[r.article][p.key].append(p)
        same = by_key[r.article].get(r.key, [])
        if same:
            p = same[min(seen[(r.article, r.key)], len(same) - 1)]
            seen[(r.article, r.key)] += 1
            city, cities, returned = p.city, p.cities, True
        else:
            if r.article not in blocks:
                blocks[r.article] = _article_blocks(tables, r.article)
            block = blocks[r.article].get(int(r.para_no), "")
            if block and paragraph_key(block) == r.key:
                city, cities, returned = _loose(block, paras)
            else:
                city, cities, returned = "", frozenset(), False
        primary = r.primary.strip()
        rows.append(
            {
                "article": r.article,
                "para_no": int(r.para_no),
                "genre": r.genre,
                "part": r.part,
                "primary": primary,
                "gold_cities": tuple(sorted(_gold_cities(primary, r.mentioned))),
                "city": city,
                "cities": tuple(sorted(cities)),
                "returned": returned,
                "correct": _primary_right(primary, city),
            }
        )
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def _primary_cities(primary: str) -> set[str]:
    return {_city(c) for c in primary.split("+")} - {"PROVINCE", "NONE"}


def _primary_right(primary: str, city: str) -> bool:
    gold = _primary_cities(primary)
    return city in gold if gold else city == ""


def primary_scores(matches: pd.DataFrame) -> Scores:
    """City claims of the detector against the labelled ``primary`` (module docstring)."""
    tp = fp = fn = 0
    for primary, city in zip(matches["primary"], matches["city"], strict=True):
        gold = _primary_cities(primary)
        hit = bool(city) and city in gold
        tp += hit
        fp += bool(city) and not hit
        fn += bool(gold) and not hit
    return Scores(tp, fp, fn)


def mention_scores(matches: pd.DataFrame) -> Scores:
    """Mentions as ``(article, para_no, city)`` items, summed over paragraphs."""
    gold = [
        (a, p, c)
        for a, p, cs in zip(
            matches["article"], matches["para_no"], matches["gold_cities"], strict=True
        )
        for c in cs
    ]
    pred = [
        (a, p, c)
        for a, p, cs in zip(matches["article"], matches["para_no"], matches["cities"], strict=True)
        for c in cs
    ]
    return set_scores(pred, gold)


def _genre_rows(
    matches: pd.DataFrame,
    measure: str,
    unit: str,
    scorer: Callable[[pd.DataFrame], Scores],
    *,
    with_accuracy: bool,
) -> pd.DataFrame:
    """Rows of the validity table per genre (and ``all``) × part (``tune``, ``untouched``, ``all``)."""
    frames = []
    genres = [*sorted(set(matches["genre"])), "all"]
    for genre in genres:
        sub = matches if genre == "all" else matches[matches["genre"] == genre]
        parts = {p: sub[sub["part"] == p] for p in ("tune", "untouched")}
        parts["all"] = sub
        rows = score_rows(
            measure,
            unit,
            {p: scorer(s) for p, s in parts.items()},
            genre=genre,
        )
        rows["n_articles"] = [parts[p]["article"].nunique() for p in rows["part"]]
        if with_accuracy:
            rows["accuracy"] = [parts[p]["correct"].mean() for p in rows["part"]]
        frames.append(rows)
    return pd.concat(frames, ignore_index=True)


def evaluate_attribution(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Accuracy of ``primary`` per genre × part, with the city claims as tp/fp/fn."""
    return _genre_rows(
        attribution_matches(tables),
        "attribution",
        "paragraph (primary city)",
        primary_scores,
        with_accuracy=True,
    )


def evaluate_place_mentions(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Mention precision/recall/F1 per genre × part (items: paragraph × city)."""
    return _genre_rows(
        attribution_matches(tables),
        "place_mentions",
        "city named in paragraph",
        mention_scores,
        with_accuracy=False,
    )
