"""Paragraph → city attribution: whose actors, meeting or leader a paragraph reports."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from bqw_research.textstat.regions.cues import (
    CJK,
    Cues,
    attribution_cues,
    check_paragraphs,
    sentence_spans,
)
from bqw_research.textstat.regions.gazetteer import divisions, find_places

ATTRIBUTION_COLUMNS = ["doc_id", "para_id", "city", "region", "level", "mentioned"]

#: Columns of :func:`attribute_sections`.
SECTION_COLUMNS = ["doc_id", "section_no", "section", "city", "region", "level", "mentioned"]

#: Group label for paragraphs that are not attributed to a city (keyness reference).
NO_CITY = "（未归属）"


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """Replace every match of ``pattern`` by spaces, keeping offsets."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _name_after(text: str, pos: int, cues: Cues) -> str | None:
    """A 2–3 character personal name starting at ``pos`` (None when there is none).

    A third character that could start the following verb (陈勇委托) ends the name after
    two characters, unless a name's usual follower comes right after it (卢一先强调, 卢一先，);
    a one-character verb (陈勇说) always ends it.
    """
    cand = re.match(f"[{CJK}]{{2,3}}", text[pos:])
    if cand is None:
        return None
    name = cand.group(0)
    if name[0] in cues.name_stop or name[1] in cues.name_verb:
        return None
    if len(name) == 3 and name[2] in cues.name_stop:
        end = pos + 3
        complete = end >= len(text) or cues.name_follow.match(text, end) is not None
        if name[2] in cues.name_verb or not complete:
            name = name[:2]
    return name


def _section_city(section: str) -> str | None:
    """The one city a section heading names (广州, 茂名 …), else None.

    A city named only as a venue (广交会在广州举办) does not count.
    """
    ev = _evidence(section, {})
    cities = set(ev.strong) | set(ev.weak)
    return next(iter(cities)) if len(cities) == 1 else None


def _learn_leaders(
    texts: Iterable[str], section_cities: Iterable[str | None] | None = None
) -> dict[str, str]:
    """Leader name → city (or ``"province"``) from title patterns in one document.

    ``汕头市委书记温湛滨`` teaches 温湛滨 → 汕头市; ``省委书记黄坤明`` teaches
    黄坤明 → province; a bare ``市委书记庄悦群`` under a section headed 茂名 teaches
    庄悦群 → 茂名市. A name seen with two different places is dropped.
    """
    cues = attribution_cues()
    seen: dict[str, set[str]] = defaultdict(set)
    texts = list(texts)
    sections = list(section_cities) if section_cities is not None else [None] * len(texts)
    for text, sec_city in zip(texts, sections, strict=True):
        if sec_city:
            for t in cues.leader_title.finditer(text):
                if (
                    t.start() > 0
                    and text[t.start() - 1] not in "，。；、：（ “\n"
                    and not (text[t.start() - 1].isdigit() or text[t.start() - 1] == "日")
                ):
                    continue  # a place name stands before the title: handled below
                pos = t.end()
                while (extra := cues.leader_extra.match(text, pos)) is not None:
                    pos = extra.end()
                name = _name_after(text, pos, cues)
                if name:
                    seen[name].add(sec_city)
        for m in find_places(text):
            tail_start = m.end - 1 if m.mention[-1] in "市县区" else m.end
            title = cues.leader_title.match(text, tail_start)  # no ^ in these patterns
            if title is None:
                continue
            pos = title.end()
            while (extra := cues.leader_extra.match(text, pos)) is not None:
                pos = extra.end()
            name = _name_after(text, pos, cues)
            if name:
                seen[name].add(m.city)
        for t in cues.province_leader_title.finditer(text):
            if t.start() > 0 and text[t.start() - 1] in "市县区":
                continue  # 市长 inside 广州市长 is not 省长
            pos = t.end()
            while (extra := cues.leader_extra.match(text, pos)) is not None:
                pos = extra.end()
            name = _name_after(text, pos, cues)
            if name:
                seen[name].add("province")
    return {name: next(iter(places)) for name, places in seen.items() if len(places) == 1}


@dataclass
class _Evidence:
    strong: Counter
    weak: Counter
    province: int  # provincial actors (省委, 省长 …)
    central: int  # national actors (总书记视察, 国务院印发 …)
    guangdong: bool  # Guangdong named as a whole (广东, 全省)
    order: list[str]  # cities in order of first mention (named, then implied by a leader)
    named: list[str]  # cities the paragraph names (no leaders), in order
    continuation: bool
    interacting: bool  # some sentence names two cities that have actor evidence
    link: str | None  # first city of the one joint name (深中通道) that is the only evidence
    n_sentences: int
    upper_sentences: int  # sentences with a provincial or national actor
    city_sentences: Counter  # city → sentences that name it (venues excluded)

    @property
    def upper(self) -> int:
        """Evidence for a level above the city: provincial and national actors."""
        return self.province + self.central

    @property
    def upper_level(self) -> str:
        """``province`` when a provincial actor acts or national actors act on Guangdong."""
        return "province" if self.province or self.guangdong else "central"


_VENUE_BEFORE = re.compile("在(?:广东省?)?$")


def _evidence(text: str, leaders: dict[str, str]) -> _Evidence:
    cues = attribution_cues()
    cleaned = _blank(text, cues.boilerplate)
    strong: Counter = Counter()
    weak: Counter = Counter()
    named: list[str] = []
    counted: set[str] = set()  # cities with evidence (not only a venue or a study formula)
    matches = find_places(text)
    for m in matches:
        if m.city not in named:
            named.append(m.city)
        if cleaned[m.start : m.end].strip() == "":
            continue  # inside a study formula
        if _VENUE_BEFORE.search(text, 0, m.start) and cues.venue.match(text[m.end : m.end + 24]):
            continue  # 会议在广州召开: the venue only
        counted.add(m.city)
        tail_start = m.end - 1 if m.mention[-1] in "市县区" else m.end
        if cues.actor_after.match(text[tail_start : tail_start + 12]) or cues.actor_after.match(
            text[m.end : m.end + 12]
        ):
            strong[m.city] += 2
        elif cues.destination.search(text, 0, m.start) or (
            m.kind == "compound" and m.mention[0] in "来赴在驻"
        ):
            weak[m.city] += 1
        else:
            weak[m.city] += 0.5
    province = 2 * len(cues.province.findall(cleaned))
    central = 2 * len(cues.central.findall(cleaned))
    order = list(named)
    for name, place in leaders.items():
        if name in cleaned:
            if place == "province":
                province += 2
            else:
                strong[place] += 2
                if place not in order:
                    order.append(place)
    spans = {(m.start, m.end) for m in matches if m.city in counted}
    kinds = {m.kind for m in matches if m.city in counted}
    link = (
        next(m.city for m in matches if m.city in counted)
        if len(spans) == 1 and kinds == {"compound"} and not strong
        else None
    )
    upper_sentences = 0
    city_sentences: Counter = Counter()
    for offset, sent in sentence_spans(text):
        part = cleaned[offset : offset + len(sent)]
        upper_sentences += bool(cues.province.search(part) or cues.central.search(part))
        city_sentences.update(
            {
                m.city
                for m in matches
                if offset <= m.start < offset + len(sent) and m.city in counted
            }
        )
    interacting = False
    if len(strong) > 1:
        for _, sent in sentence_spans(text):
            in_sent = {m.city for m in find_places(sent)}
            in_sent |= {c for n, c in leaders.items() if n in sent and c != "province"}
            if len(in_sent & set(strong)) > 1:
                interacting = True
                break
    return _Evidence(
        strong,
        weak,
        province,
        central,
        bool(cues.guangdong.search(cleaned)),
        order,
        named,
        bool(cues.continuation.match(text.lstrip())),
        interacting,
        link,
        len(sentence_spans(text)),
        upper_sentences,
        city_sentences,
    )


def _decide(
    ev: _Evidence, prev: tuple[str | None, str], section_city: str | None = None
) -> tuple[str | None, str]:
    """(city, level) for one paragraph given its evidence and the previous decision."""
    prev_city, prev_level = prev
    if (
        ev.continuation
        and prev_level == "city"
        and not ev.province
        and set(ev.strong) <= {prev_city}
    ):
        return prev_city, "city"  # 会议指出…: the city's meeting goes on, whatever it quotes
    if ev.strong:
        score = {c: ev.strong[c] + ev.weak[c] for c in ev.strong}
        best = max(score.values())
        if ev.upper >= best:
            return None, ev.upper_level
        if len(ev.strong) > 1 and not ev.interacting:
            if section_city in ev.strong:
                return section_city, "city"
            return None, "none"  # a list: several cities, each with its own actors
        top = sorted((c for c, s in score.items() if s == best), key=ev.order.index)
        if len(top) == 1:
            return top[0], "city"
        if ev.continuation and prev_city in top:
            return prev_city, "city"
        if section_city in top:
            return section_city, "city"
        return None, "none"
    if ev.upper:
        if section_city and ev.city_sentences[section_city] >= ev.upper_sentences:
            return section_city, "city"  # most of it is about the city; the rest quotes leaders
        return None, ev.upper_level
    if section_city and (not ev.weak or set(ev.weak) == {section_city}):
        return section_city, "city"
    if ev.weak:
        if ev.continuation and prev_level == "city" and (prev_city in ev.weak or len(ev.weak) > 1):
            return prev_city, "city"
        if len(ev.weak) == 1:
            return next(iter(ev.weak)), "city"
        if ev.link and 2 * ev.city_sentences[ev.link] > ev.n_sentences:
            return ev.link, "city"  # one route or link (深中通道) joins its cities: A+B
        total = sum(ev.weak.values())
        city, best = max(ev.weak.items(), key=lambda kv: (kv[1], -ev.order.index(kv[0])))
        if best >= 1 and best > total / 2:
            return city, "city"
        return None, "none"
    if ev.continuation and prev_level in {"city", "province", "central"}:
        return prev_city, prev_level
    return None, "none"


def attribute_paragraphs(paragraphs: pd.DataFrame, *, titles: Any = None) -> pd.DataFrame:
    """Which city's actors, meeting or leader each paragraph reports.

    Returns ``doc_id, para_id, city, region, level, mentioned`` with one row per input
    paragraph:

    * ``level == "city"``: ``city`` is the city whose party committee, government,
      leader, delegation or places the paragraph reports. Evidence, strongest first:
      a place followed by an actor title (汕头市委常委会, 东莞市委书记韦皓); a leader
      named anywhere in the document with a title (温湛滨 after 汕头市委书记温湛滨);
      a place after a movement verb (来珠, 到三水区); a plain mention.
    * ``level == "province"``: provincial actors (省委, 省委书记黄坤明), or national
      leaders acting on Guangdong (总书记在广东考察), outweigh any city actor. ``city``
      is missing.
    * ``level == "central"``: national leaders or central bodies act (总书记主持中央
      政治局会议) and the paragraph does not name Guangdong as a whole. ``city`` is
      missing.
    * ``level == "none"``: commentary without a place, or several cities each with
      their own actors (a list).

    A city that is only the venue (会议在广州召开, 在清远开幕) gives no evidence, so a
    provincial meeting held in 广州 stays provincial.

    Study-and-implement formulas (学习贯彻…精神, 落实省委…部署) are ignored. A
    paragraph without any cue that opens like a continuation (会议强调…, 他指出…) takes
    the previous paragraph's city when both stand under the same section heading; when
    the previous paragraph is a city's, national leaders quoted in it (会议指出，习近平
    总书记…) do not take it away from the city.
    A section heading that names one city (round-ups headed 广州, 茂名 …) — or, when
    ``titles`` is given (a mapping or Series ``doc_id → title``, e.g.
    ``corpus.set_index("doc_id")["title"]``), an article title that names one city (a
    feature such as “梅州柚，享全球！”) — supplies the city for paragraphs that have no
    evidence of their own, and teaches bare titles (市委书记庄悦群 → 茂名).
    ``mentioned`` is the list of every other city the paragraph names (partners in
    对口帮扶, a delegation's home city), in order of first mention; a leader's name is
    not a mention (it can still make the paragraph's ``city``).
    """
    paras = check_paragraphs(paragraphs)
    region_of = dict(zip(divisions()["city"], divisions()["region"], strict=False))
    rows: list[dict[str, Any]] = []
    title_of = dict(titles.items()) if titles is not None else {}
    for doc_id, doc in paras.groupby("doc_id", sort=True):
        title = title_of.get(doc_id)
        doc_city = _section_city(title) if isinstance(title, str) else None
        sec_cities = {s: _section_city(s) or doc_city for s in doc["section"].unique()}
        leaders = _learn_leaders(doc["text"], doc["section"].map(sec_cities))
        prev: tuple[str | None, str] = (None, "none")
        prev_section: str | None = None
        for para_id, section, text in zip(doc["para_id"], doc["section"], doc["text"], strict=True):
            if section != prev_section:
                prev = (None, "none")
            ev = _evidence(text, leaders)
            city, level = _decide(ev, prev, sec_cities[section])
            mentioned = [c for c in ev.named if c != city]
            rows.append(
                {
                    "doc_id": doc_id,
                    "para_id": int(para_id),
                    "city": city,
                    "region": region_of.get(city) if city else None,
                    "level": level,
                    "mentioned": mentioned,
                }
            )
            prev = (city, level)
            prev_section = section
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ATTRIBUTION_COLUMNS})
    out = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    out["para_id"] = out["para_id"].astype("int64")
    return out


def attribute_sections(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """The city of each section heading (a headline such as ``<strong>深圳</strong>``).

    The corpus stage keeps headings out of the paragraph table and hands them to the
    paragraphs as ``section``; a round-up's bold headline that names one city is such a
    heading. This reports each run of paragraphs under one heading once, in document
    order (``section_no`` counts the runs from 1): ``city`` is the one city the heading
    names (``level`` ``city``), else none, with ``level`` ``province`` / ``central`` when
    it names a provincial or national actor and ``none`` otherwise; ``mentioned`` lists
    the other cities it names. Paragraphs before the first heading (``section == ""``)
    give no row. A heading does not inherit the article title's city: carry-over runs
    forward only.
    """
    paras = check_paragraphs(paragraphs)
    region_of = dict(zip(divisions()["city"], divisions()["region"], strict=False))
    rows: list[dict[str, Any]] = []
    for doc_id, doc in paras.groupby("doc_id", sort=True):
        runs = doc["section"].ne(doc["section"].shift()).cumsum()
        for no, section in enumerate(doc["section"].groupby(runs, sort=True).first(), start=1):
            if not section:
                continue
            city = _section_city(section)
            ev = _evidence(section, {})
            level = "city" if city else (ev.upper_level if ev.upper else "none")
            rows.append(
                {
                    "doc_id": doc_id,
                    "section_no": no,
                    "section": section,
                    "city": city,
                    "region": region_of.get(city) if city else None,
                    "level": level,
                    "mentioned": [c for c in ev.named if c != city],
                }
            )
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SECTION_COLUMNS})
    return pd.DataFrame(rows, columns=SECTION_COLUMNS)


def attribution_accuracy(predicted: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Compare :func:`attribute_paragraphs` output with hand labels.

    ``labels`` needs ``doc_id, para_id, city, level`` (``city`` empty unless level is
    ``city``). Returns one row per labelled paragraph with ``city_pred, level_pred,
    correct`` (both city and level right); the overall accuracy is
    ``result["correct"].mean()``.
    """
    lab = labels[["doc_id", "para_id", "city", "level"]].copy()
    lab["city"] = lab["city"].fillna("").astype(str)
    lab["doc_id"] = lab["doc_id"].astype(str)
    pred = predicted[["doc_id", "para_id", "city", "level"]].rename(
        columns={"city": "city_pred", "level": "level_pred"}
    )
    pred = pred.assign(city_pred=pred["city_pred"].fillna("").astype(str))
    out = lab.merge(pred, on=["doc_id", "para_id"], how="left")
    out["city_pred"] = out["city_pred"].fillna("")
    out["level_pred"] = out["level_pred"].fillna("(missing)")
    out["correct"] = (out["city"] == out["city_pred"]) & (out["level"] == out["level_pred"])
    return out


def attribution_groups(
    attribution: pd.DataFrame, *, by: str = "city", other: str = NO_CITY
) -> pd.DataFrame:
    """``doc_id, para_id, group`` for keyness: the paragraph's city (or region).

    Paragraphs not attributed to a city get ``other`` so that they stay in the
    reference corpus of every comparison.
    """
    if by not in {"city", "region"}:
        raise ValueError("by must be 'city' or 'region'")
    out = attribution[["doc_id", "para_id"]].copy()
    grp = attribution[by].where(attribution["level"] == "city")
    out["group"] = grp.fillna(other).astype(str)
    return out
