"""Speakers and citation edges scored against ``data/labels/speakers_and_citations/``.

Two measures are scored, by the rules of the codebook's "Comparison" section
(``speakers_and_citations.md``, codebook version 1):

``speakers`` — one item per speech act, that is (article, sentence, speaker).
    * **Text.** Label sentences and the detector's sentences are reduced to CJK
      ideographs, Latin letters and digits after HTML unescaping and Unicode NFKC
      (:func:`reduce_text`). Each article's sentences, reduced and concatenated in
      order, give the article's in-scope text: the corpus loader has already left out
      headings, block quotes, rules and iframes.
    * **Sentences** are matched by span, not by sentence splitter: a label's
      ``sentence`` is located by its unique occurrence in the reduced article text
      (a label found zero or several times cannot be matched and stays a miss); a
      detected act's span is its sentence's span. A detected act matches a label of
      the same article when the speakers match (:func:`same_speaker`) and the spans
      overlap by at least min(6, length of either span) characters. Pairs are taken
      by largest overlap first; each label and each detection is used once.
    * Several verbs of one speaker in one sentence are one act (the detector's rows
      are made unique by article, sentence and speaker before matching).

``citation_edges`` — one item per unique (article, speaker, cited source) triple.
    * The cited string is reduced to its node by removing spaces, 《》 and quotation
      marks (the detector already writes normalised nodes: 习近平, 二十届四中全会,
      省委常委会 …) and compared exactly.
    * A detected speaker is replaced by the first labelled speaker of that article (in
      sorted order, exact equality first) that it matches by :func:`same_speaker`;
      one that matches none stays as written (and is a false positive).

Speaker matching (:func:`same_speaker`): a body name that parses into a place (a
city, 省 or 中央) and an organ (常委会, 全会, 干部大会, … and their long forms)
matches a body with the same place and organ (and the same session, when both
name one: 十三届七次 ≠ 十三届六次). An organ without a place (会议, 全会, 常委会)
never matches. Any other name matches when the labelled name equals the detected
string, ends it (市委书记张三) or starts it (习近平总书记).

Articles: every article listed in the set's README table is labelled, even with no
rows; a detection there with no label is a false positive. Detections in articles
that are not in the set are ignored. Grey rows: the set has none (every row is a
positive); its README's decisions are the reference for borderline classes.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from bqw_research import config
from bqw_research.evaluation.labels import label_set
from bqw_research.evaluation.scores import Scores, score_rows, set_scores
from bqw_research.textstat.rhetoric.common import read_lexicon

MEASURE_DIR = "speakers_and_citations"
TARGET_PRECISION = 0.95
TARGET_RECALL = 0.85
PARTS = ("tune", "untouched")

_KEEP = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]")
_README_ROW = re.compile(r"^\|\s*(tune|untouched)\s*\|[^|]*\|\s*([^|]+?)\s*\|")
_ARTICLES_HEADING = "## Articles, parts and counts"
_CITED_STRIP = re.compile(r"[\s《》“”‘’\"'「」『』]")
_SESSION = re.compile(
    r"第?([一二三四五六七八九十\d]+)届(?:委员会)?第?([一二三四五六七八九十\d]+)([次中])"
)

#: Places a body name may start with, longest first within each level.
_CENTRAL_PREFIXES = ("中共中央", "党中央", "中央", "全国", "国务院")
_PROVINCE_PREFIXES = ("广东省", "全省", "省")
#: The codebook's organs; a long form is listed before the organ it maps to.
_ORGANS = (
    ("常务委员会", "常委会"),
    ("常委会", "常委会"),
    ("全体会议", "全会"),
    ("全会", "全会"),
    ("干部大会", "干部大会"),
    ("务虚会", "务虚会"),
    ("常务会议", "常务会议"),
    ("党组会议", "党组会议"),
    ("财经委员会", "财经委"),
    ("财经委", "财经委"),
    ("中心组", "中心组"),
    ("经济形势分析会", "经济形势分析会"),
    ("专题会议", "专题会议"),
    ("座谈会", "座谈会"),
    ("决策会", "决策会"),
    ("指挥部", "指挥部"),
    ("政治局", "政治局"),
    ("人民代表大会", "人代会"),
    ("人代会", "人代会"),
)
_BARE_ORGANS = frozenset({"会议", "全会", "常委会", "扩大会议", "全体会议"})


def reduce_text(text: str) -> str:
    """Only CJK ideographs, Latin letters and digits, after HTML unescaping and NFKC."""
    text = unicodedata.normalize("NFKC", html.unescape(str(text)))
    return "".join(_KEEP.findall(text))


def labelled_articles(*, labels_dir=None) -> dict[str, str]:
    """``doc_id → part`` of every labelled article, read from the set's README table.

    The README's section "Articles, parts and counts" lists articles with no rows too
    (their correct output is nothing); its first table has one row per article.
    """
    readme = ((labels_dir or config.LABELS_DIR) / MEASURE_DIR / "README.md").read_text(
        encoding="utf-8"
    )
    lines = readme.split(_ARTICLES_HEADING, 1)[-1].strip().splitlines()
    out: dict[str, str] = {}
    for line in lines:
        if not line.startswith("|"):
            break
        m = _README_ROW.match(line)
        if m:
            out[m.group(2)] = m.group(1)
    return out


# ------------------------------------------------------------------------- speakers


def _cities() -> tuple[str, ...]:
    from bqw_research.textstat.regions.gazetteer import gazetteer_cities

    return tuple(sorted(gazetteer_cities()["short_name"], key=len, reverse=True))


def body_key(name: str) -> tuple[str | None, str | None, str | None]:
    """``(place, organ, session)`` of a body name; ``None`` where a part is missing.

    ``place`` is ``中央``, ``省`` or a city's short name (梅州市委常委会 → 梅州);
    ``session`` is the 届/次 part of a plenum (省委十三届七次全会 → 十三届七次).
    """
    name = re.sub(r"^(?:中国共产党|中共)", "", reduce_text(name))
    place = None
    if name.startswith(_CENTRAL_PREFIXES) or re.match(r"(党的)?[一二三四五六七八九十]+届", name):
        place = "中央"
    elif name.startswith(_PROVINCE_PREFIXES):
        place = "省"
    else:
        place = next((c for c in _cities() if name.startswith(c)), None)
    organ = None
    for form, short in _ORGANS:
        if form in name:
            organ = short
            break
    if organ is None and re.search(r"[一二三四五六七八九十\d]+[次中]全会", name):
        organ = "全会"
    session = _SESSION.search(name)
    return place, organ, "{}届{}{}".format(*session.groups()) if session else None


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Short names of bodies → full names (``body_aliases.csv``: 联合国安理会 → 联合国安全理事会)."""
    table = read_lexicon("body_aliases")
    return {
        reduce_text(a): reduce_text(n) for a, n in zip(table["alias"], table["name"], strict=True)
    }


def same_speaker(label: str, predicted: str) -> bool:
    """Whether a detected speaker string denotes the labelled speaker (see module doc).

    A body's customary short name and its full name (``body_aliases.csv``) are the same
    speaker.
    """
    label, predicted = reduce_text(label), reduce_text(predicted)
    label, predicted = _aliases().get(label, label), _aliases().get(predicted, predicted)
    if not label or not predicted or predicted in _BARE_ORGANS:
        return False
    lp, lo, ls = body_key(label)
    pp, po, ps = body_key(predicted)
    if lo and po and (lp or pp):
        return lp == pp and lo == po and (ls is None or ps is None or ls == ps)
    if po and not pp and predicted.endswith(("会议", "全会", "常委会")):
        return False
    return predicted == label or predicted.endswith(label) or predicted.startswith(label)


# ---------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class ArticleText:
    """An article's reduced in-scope text and the span of each of its sentences."""

    text: str
    spans: dict[tuple[int, int], tuple[int, int]]


def article_texts(sentences: pd.DataFrame, docs: Iterable[str]) -> dict[str, ArticleText]:
    """Reduced text and sentence spans of each of ``docs`` (absent ones are left out)."""
    wanted = set(docs)
    part = sentences[sentences["doc_id"].isin(wanted)].sort_values(
        ["doc_id", "para_id", "sent_id"], kind="mergesort"
    )
    out: dict[str, ArticleText] = {}
    for doc, rows in part.groupby("doc_id", sort=True):
        pieces, spans, pos = [], {}, 0
        for para, sid, text in zip(rows["para_id"], rows["sent_id"], rows["text"], strict=True):
            r = reduce_text(text)
            spans[(int(para), int(sid))] = (pos, pos + len(r))
            pieces.append(r)
            pos += len(r)
        out[str(doc)] = ArticleText("".join(pieces), spans)
    return out


def label_span(article: ArticleText, sentence: str) -> tuple[int, int] | None:
    """The span of a label's sentence: its unique occurrence, else ``None``."""
    r = reduce_text(sentence)
    if not r or article.text.count(r) != 1:
        return None
    s = article.text.find(r)
    return s, s + len(r)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_acts(
    predicted: list[tuple[tuple[int, int], str]], gold: list[tuple[tuple[int, int] | None, str]]
) -> Scores:
    """Scores of one article's detected acts against its labelled acts (span, speaker)."""
    pairs = []
    for i, (gs, gsp) in enumerate(gold):
        if gs is None:
            continue
        for j, (ps, psp) in enumerate(predicted):
            ov = overlap(gs, ps)
            need = min(6, gs[1] - gs[0], ps[1] - ps[0])
            if ov >= max(need, 1) and same_speaker(gsp, psp):
                pairs.append((-ov, i, j))
    used_g, used_p = set(), set()
    for _neg, i, j in sorted(pairs):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    tp = len(used_g)
    return Scores(tp=tp, fp=len(predicted) - tp, fn=len(gold) - tp)


def canonical_speaker(predicted: str, labelled: list[str]) -> str:
    """The labelled speaker of the article that a detected speaker denotes, else itself."""
    ordered = sorted(set(labelled), key=lambda s: (s != predicted, s))
    return next((s for s in ordered if same_speaker(s, predicted)), predicted)


def cited_node(text: str) -> str:
    """A cited string as a node: spaces, 《》 and quotation marks removed."""
    return _CITED_STRIP.sub("", unicodedata.normalize("NFKC", str(text)))


# ------------------------------------------------------------------------- evaluate


def _detections(tables: dict[str, pd.DataFrame], docs: list[str]):
    from bqw_research.textstat.rhetoric import citation_chains, citations

    sents = tables["sentences"]
    sents = sents[sents["doc_id"].isin(docs)]
    return citations(sents), citation_chains(sents)


def speaker_scores(
    acts: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, ArticleText], docs: list[str]
) -> Scores:
    """Speech-act scores over ``docs`` (detected ``acts`` rows vs labelled ``gold`` rows)."""
    total = Scores(0, 0, 0)
    for doc in docs:
        art = texts.get(doc)
        g = gold[gold["doc_id"] == doc]
        if art is None:
            total = total + Scores(0, 0, len(g))
            continue
        a = acts[acts["doc_id"] == doc]
        predicted = sorted(
            {
                (art.spans[(int(p), int(s))], str(sp))
                for p, s, sp in zip(a["para_id"], a["sent_id"], a["speaker"], strict=True)
                if (int(p), int(s)) in art.spans
            }
        )
        labelled = [
            (label_span(art, s), sp) for s, sp in zip(g["sentence"], g["speaker"], strict=True)
        ]
        total = total + match_acts(predicted, labelled)
    return total


def edge_scores(edges: pd.DataFrame, gold: pd.DataFrame, speakers: pd.DataFrame, docs: list[str]):
    """Citation-edge scores over ``docs``: unique (doc, speaker, node) triples."""
    known: dict[str, list[str]] = defaultdict(list)
    for table in (gold, speakers):
        for doc, sp in zip(table["doc_id"], table["speaker"], strict=True):
            known[doc].append(sp)
    gold_items = {
        (d, sp, cited_node(c))
        for d, sp, c in zip(gold["doc_id"], gold["speaker"], gold["cited_source"], strict=True)
        if d in docs
    }
    e = edges[edges["doc_id"].isin(docs)]
    pred_items = {
        (d, canonical_speaker(str(sp), known[d]), cited_node(c))
        for d, sp, c in zip(e["doc_id"], e["speaker"], e["cited"], strict=True)
    }
    return set_scores(pred_items, gold_items)


def evaluate_both(
    tables: dict[str, pd.DataFrame], *, exclude: Iterable[str] = ()
) -> dict[str, dict[str, Scores]]:
    """``{"speakers": {part: Scores}, "citation_edges": {part: Scores}}``.

    ``exclude`` leaves articles out (the README asks for untouched figures without the
    two articles of ``../shared/corpus``, on which the package was tuned before).
    """
    articles = {d: p for d, p in labelled_articles().items() if d not in set(exclude)}
    speakers = label_set(MEASURE_DIR, "speakers")
    edges = label_set(MEASURE_DIR, "citation_edges")
    docs = sorted(articles)
    acts, chains = _detections(tables, docs)
    texts = article_texts(tables["sentences"], docs)
    out: dict[str, dict[str, Scores]] = {"speakers": {}, "citation_edges": {}}
    for part in PARTS:
        in_part = [d for d in docs if articles[d] == part]
        sp = speakers[speakers["doc_id"].isin(in_part)]
        ed = edges[edges["doc_id"].isin(in_part)]
        out["speakers"][part] = speaker_scores(acts, sp, texts, in_part)
        out["citation_edges"][part] = edge_scores(chains, ed, speakers, in_part)
    return out


def _rows(measure: str, unit: str, scores: dict[str, Scores]) -> pd.DataFrame:
    return score_rows(
        measure,
        unit,
        scores,
        target_precision=TARGET_PRECISION,
        target_recall=TARGET_RECALL,
        n_articles=len(labelled_articles()),
    )


def evaluate_speakers(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Speech acts (article × sentence × speaker) against ``speakers.tsv``; see module doc."""
    return _rows("speakers", "speech act (sentence × speaker)", evaluate_both(tables)["speakers"])


def evaluate_citation_edges(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Citation edges (article × speaker × cited node) against ``citation_edges.tsv``."""
    return _rows(
        "citation_edges",
        "edge (article × speaker × cited node)",
        evaluate_both(tables)["citation_edges"],
    )
