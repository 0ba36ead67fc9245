"""Regional comparison: who is covered, what each city and region stresses, who pairs with whom.

Everything starts from the paragraph table of the core (``corpus_paragraphs``:
``doc_id, para_id, section, text``):

* :func:`textstat_places` — every mention of one of Guangdong's 21 cities or 122
  county-level units, resolved to city and region (see :mod:`bqw_research.gazetteer`
  for the disambiguation rules, which are data files).
* :func:`attribute_paragraphs` — the one city whose actors, meeting or leader a
  paragraph reports (or ``province`` / ``none``), carrying the city over to
  paragraphs that go on with the same story without naming it.
* :func:`textstat_coverage`, :func:`textstat_themes`, :func:`textstat_region_keyness`,
  :func:`textstat_pairings` — tidy statistics with a ``group`` column.
* :func:`textplot_theme_heatmap`, :func:`textplot_pairing_network` — figures that
  only draw those tables (the map is in :mod:`bqw_research.geo`).

Attribution cues (actor titles, leader-title patterns, provincial actors, study
formulas to ignore, continuation openers, movement verbs, pairing words) live in
``data/gazetteer/attribution_cues.csv``; the theme dictionary in
``data/lexicons/themes.csv``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from bqw_research import config
from bqw_research.gazetteer import REGIONS, PlaceMatch, divisions, find_places
from bqw_research.geo import REGION_COLORS

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "CUES",
    "NO_CITY",
    "PLACE_COLUMNS",
    "THEMES",
    "attribute_paragraphs",
    "attribution_accuracy",
    "attribution_groups",
    "city_drilldown",
    "pairing_edges",
    "textplot_pairing_network",
    "textplot_theme_heatmap",
    "textstat_coverage",
    "textstat_pairings",
    "textstat_places",
    "textstat_region_keyness",
    "textstat_themes",
    "themes",
]

CUES = config.GAZETTEER_DIR / "attribution_cues.csv"
THEMES = config.LEXICON_DIR / "themes.csv"

PLACE_COLUMNS = [
    "doc_id",
    "para_id",
    "start",
    "end",
    "mention",
    "code",
    "name",
    "level",
    "city",
    "region",
    "kind",
]
ATTRIBUTION_COLUMNS = ["doc_id", "para_id", "city", "region", "level", "mentioned"]

#: Group label for paragraphs that are not attributed to a city (keyness reference).
NO_CITY = "（未归属）"

_CJK = "\u4e00-\u9fff"


# ---------------------------------------------------------------------------- inputs


def _check_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    missing = {"doc_id", "para_id", "text"} - set(paragraphs.columns)
    if missing:
        raise KeyError(f"paragraph table needs columns {sorted(missing)}")
    out = paragraphs.copy()
    if "section" not in out.columns:
        out["section"] = ""
    out["section"] = out["section"].fillna("").astype(str)
    out["text"] = out["text"].fillna("").astype(str)
    out["doc_id"] = out["doc_id"].astype(str)
    return out.sort_values(["doc_id", "para_id"], kind="mergesort").reset_index(drop=True)


@dataclass(frozen=True)
class _Cues:
    actor_after: re.Pattern[str]
    leader_title: re.Pattern[str]
    leader_extra: re.Pattern[str]
    province_leader_title: re.Pattern[str]
    name_stop: frozenset[str]
    province: re.Pattern[str]
    boilerplate: re.Pattern[str]
    continuation: re.Pattern[str]
    destination: re.Pattern[str]
    pairing: re.Pattern[str]
    visit: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    table = pd.read_csv(CUES, dtype=str, keep_default_na=False)

    def joined(kind: str) -> str:
        pats = table.loc[table["kind"] == kind, "pattern"].tolist()
        if not pats:
            raise ValueError(f"{CUES}: no cue of kind {kind!r}")
        return "|".join(f"(?:{p})" for p in pats)

    stops = joined("name_stop").replace("(?:", "").replace(")", "")
    return _Cues(
        actor_after=re.compile(joined("actor_after")),
        leader_title=re.compile(joined("leader_title")),
        leader_extra=re.compile(joined("leader_title_extra")),
        province_leader_title=re.compile(joined("province_leader_title")),
        name_stop=frozenset(stops.split("|")),
        province=re.compile(joined("province")),
        boilerplate=re.compile(joined("boilerplate")),
        continuation=re.compile(joined("continuation")),
        destination=re.compile(joined("destination")),
        pairing=re.compile(joined("pairing")),
        visit=re.compile(joined("visit")),
    )


# ------------------------------------------------------------------------ mentions


def textstat_places(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a Guangdong city or county-level unit, one row per implied city.

    Returns ``doc_id, para_id, start, end, mention, code, name, level, city, region,
    kind`` where ``start``/``end`` are character offsets in the paragraph text,
    ``code``/``name``/``level`` describe the division named (a county for 紫金县), and
    ``city``/``region`` the prefecture-level city it belongs to. ``kind`` is ``full``
    (广州市), ``short`` (广州), ``abbrev`` (穗, 鹏城) or ``compound`` (深中 → two rows).
    """
    paras = _check_paragraphs(paragraphs)
    rows: list[dict[str, Any]] = []
    for doc_id, para_id, text in zip(paras["doc_id"], paras["para_id"], paras["text"], strict=True):
        for m in find_places(text):
            rows.append({"doc_id": doc_id, "para_id": para_id, **_match_dict(m)})
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PLACE_COLUMNS})
    out = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    out["para_id"] = out["para_id"].astype("int64")
    return out


def _match_dict(m: PlaceMatch) -> dict[str, Any]:
    return {
        "start": m.start,
        "end": m.end,
        "mention": m.mention,
        "code": m.code,
        "name": m.name,
        "level": m.level,
        "city": m.city,
        "region": m.region,
    } | {"kind": m.kind}


# --------------------------------------------------------------------- attribution


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """Replace every match of ``pattern`` by spaces, keeping offsets."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _name_after(text: str, pos: int, stops: frozenset[str]) -> str | None:
    """A 2–3 character personal name starting at ``pos`` (None when there is none)."""
    cand = re.match(f"[{_CJK}]{{2,3}}", text[pos:])
    if cand is None:
        return None
    name = cand.group(0)
    if len(name) == 3 and name[2] in stops:
        name = name[:2]
    if name[0] in stops or name[1] in stops:
        return None
    return name


def _section_city(section: str) -> str | None:
    """The one city a section heading names (广州, 茂名 …), else None."""
    cities = {m.city for m in find_places(section)}
    return next(iter(cities)) if len(cities) == 1 else None


def _learn_leaders(
    texts: Iterable[str], section_cities: Iterable[str | None] | None = None
) -> dict[str, str]:
    """Leader name → city (or ``"province"``) from title patterns in one document.

    ``汕头市委书记温湛滨`` teaches 温湛滨 → 汕头市; ``省委书记黄坤明`` teaches
    黄坤明 → province; a bare ``市委书记庄悦群`` under a section headed 茂名 teaches
    庄悦群 → 茂名市. A name seen with two different places is dropped.
    """
    cues = _cues()
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
                name = _name_after(text, pos, cues.name_stop)
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
            name = _name_after(text, pos, cues.name_stop)
            if name:
                seen[name].add(m.city)
        for t in cues.province_leader_title.finditer(text):
            if t.start() > 0 and text[t.start() - 1] in "市县区":
                continue  # 市长 inside 广州市长 is not 省长
            pos = t.end()
            while (extra := cues.leader_extra.match(text, pos)) is not None:
                pos = extra.end()
            name = _name_after(text, pos, cues.name_stop)
            if name:
                seen[name].add("province")
    return {name: next(iter(places)) for name, places in seen.items() if len(places) == 1}


@dataclass
class _Evidence:
    strong: Counter
    weak: Counter
    province: int
    order: list[str]  # cities in order of first mention
    continuation: bool
    interacting: bool  # some sentence names two cities that have actor evidence


def _evidence(text: str, leaders: dict[str, str]) -> _Evidence:
    cues = _cues()
    cleaned = _blank(text, cues.boilerplate)
    strong: Counter = Counter()
    weak: Counter = Counter()
    order: list[str] = []
    for m in find_places(text):
        if m.city not in order:
            order.append(m.city)
        if cleaned[m.start : m.end].strip() == "":
            continue  # inside a study formula
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
    for name, place in leaders.items():
        if name in cleaned:
            if place == "province":
                province += 2
            else:
                strong[place] += 2
                if place not in order:
                    order.append(place)
    interacting = False
    if len(strong) > 1:
        for _, sent in _sentences(text):
            named = {m.city for m in find_places(sent)}
            named |= {c for n, c in leaders.items() if n in sent and c != "province"}
            if len(named & set(strong)) > 1:
                interacting = True
                break
    return _Evidence(
        strong,
        weak,
        province,
        order,
        bool(cues.continuation.match(text.lstrip())),
        interacting,
    )


def _decide(
    ev: _Evidence, prev: tuple[str | None, str], section_city: str | None = None
) -> tuple[str | None, str]:
    """(city, level) for one paragraph given its evidence and the previous decision."""
    prev_city, prev_level = prev
    if ev.strong:
        score = {c: ev.strong[c] + ev.weak[c] for c in ev.strong}
        best = max(score.values())
        if ev.province >= best:
            return None, "province"
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
    if ev.province:
        return None, "province"
    if section_city and (not ev.weak or set(ev.weak) == {section_city}):
        return section_city, "city"
    if ev.weak:
        if ev.continuation and prev_level == "city" and (prev_city in ev.weak or len(ev.weak) > 1):
            return prev_city, "city"
        if len(ev.weak) == 1:
            return next(iter(ev.weak)), "city"
        total = sum(ev.weak.values())
        city, best = max(ev.weak.items(), key=lambda kv: (kv[1], -ev.order.index(kv[0])))
        if best >= 1 and best > total / 2:
            return city, "city"
        return None, "none"
    if ev.continuation and prev_level in {"city", "province"}:
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
    * ``level == "province"``: provincial actors (省委, 省委书记黄坤明) or national
      leaders acting (总书记视察) outweigh any city actor. ``city`` is missing.
    * ``level == "none"``: commentary without a place, or several cities each with
      their own actors (a list).

    Study-and-implement formulas (学习贯彻…精神, 落实省委…部署) are ignored. A
    paragraph without any cue that opens like a continuation (会议强调…, 他指出…) takes
    the previous paragraph's city when both stand under the same section heading.
    A section heading that names one city (round-ups headed 广州, 茂名 …) — or, when
    ``titles`` is given (a mapping or Series ``doc_id → title``, e.g.
    ``corpus.set_index("doc_id")["title"]``), an article title that names one city (a
    feature such as “梅州柚，享全球！”) — supplies the city for paragraphs that have no
    evidence of their own, and teaches bare titles (市委书记庄悦群 → 茂名).
    ``mentioned`` is the list of every other city named or implied (partners in
    对口帮扶, a delegation's home city), in order of first mention.
    """
    paras = _check_paragraphs(paragraphs)
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
            mentioned = [c for c in ev.order if c != city]
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


# ----------------------------------------------------------------------- statistics


def _city_order() -> list[str]:
    d = divisions()
    cities = d[d["level"] == "city"].copy()
    cities["r"] = cities["region"].map({r: i for i, r in enumerate(REGIONS)})
    return cities.sort_values(["r", "code"], kind="mergesort")["name"].tolist()


def _unit_table(attribution: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Attributed paragraphs with their text and length, city-level only."""
    paras = _check_paragraphs(paragraphs)[["doc_id", "para_id", "text"]]
    att = attribution[attribution["level"] == "city"][["doc_id", "para_id", "city", "region"]]
    out = att.merge(paras, on=["doc_id", "para_id"], how="inner")
    out["n_chars"] = out["text"].str.len()
    return out


def textstat_coverage(attribution: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """How much of the corpus each city and region gets.

    Returns one row per city (all 21, zero when absent) and per region, with columns
    ``group, kind, region, paragraphs, chars, share, articles, mentions``:
    ``paragraphs``/``chars`` count paragraphs attributed to the group (level ``city``)
    and their characters, ``share`` is ``chars`` over the characters of all attributed
    paragraphs, ``articles`` the number of documents with at least one attributed
    paragraph, ``mentions`` the number of paragraphs naming the city at all
    (attributed or in ``mentioned``). ``kind`` is ``city`` or ``region``. Cities are
    ordered by region then code.
    """
    units = _unit_table(attribution, paragraphs)
    total = float(units["n_chars"].sum())
    mention_rows = []
    for doc_id, para_id, city, mentioned in zip(
        attribution["doc_id"],
        attribution["para_id"],
        attribution["city"],
        attribution["mentioned"],
        strict=True,
    ):
        for c in {*(mentioned or []), *([city] if isinstance(city, str) else [])}:
            mention_rows.append((doc_id, para_id, c))
    mentions = Counter(c for _, _, c in mention_rows)
    region_of = dict(zip(divisions()["city"], divisions()["region"], strict=False))
    rows = []
    for city in _city_order():
        sub = units[units["city"] == city]
        rows.append(
            {
                "group": city,
                "kind": "city",
                "region": region_of[city],
                "paragraphs": len(sub),
                "chars": int(sub["n_chars"].sum()),
                "share": float(sub["n_chars"].sum()) / total if total else 0.0,
                "articles": sub["doc_id"].nunique(),
                "mentions": mentions.get(city, 0),
            }
        )
    for region in REGIONS:
        sub = units[units["region"] == region]
        rows.append(
            {
                "group": region,
                "kind": "region",
                "region": region,
                "paragraphs": len(sub),
                "chars": int(sub["n_chars"].sum()),
                "share": float(sub["n_chars"].sum()) / total if total else 0.0,
                "articles": sub["doc_id"].nunique(),
                "mentions": len({(d, p) for d, p, c in mention_rows if region_of.get(c) == region}),
            }
        )
    out = pd.DataFrame(rows)
    for col in ("paragraphs", "chars", "articles", "mentions"):
        out[col] = out[col].astype("int64")
    return out


@lru_cache(maxsize=2)
def _themes(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def themes() -> pd.DataFrame:
    """The theme dictionary: ``theme, theme_zh, term, source`` (``data/lexicons/themes.csv``)."""
    return _themes(str(THEMES)).copy()


def _count_terms(text: str, pattern: re.Pattern[str]) -> int:
    return sum(1 for _ in pattern.finditer(text))


def textstat_themes(
    attribution: pd.DataFrame,
    paragraphs: pd.DataFrame,
    *,
    per: int = 10_000,
    dictionary: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Theme scores per city and region, normalised by text length.

    Each theme's terms are counted in the group's attributed paragraphs (leftmost-
    longest, non-overlapping within a theme, so 产业转移合作园 counts once, not also
    as 合作园). Returns ``group, kind, theme, theme_zh, n, chars, per_10k`` where
    ``per_10k`` = ``n / chars * per``; groups without text are left out.
    """
    dic = themes() if dictionary is None else dictionary
    units = _unit_table(attribution, paragraphs)
    patterns = {}
    labels = {}
    for theme, sub in dic.groupby("theme", sort=False):
        terms = sorted(set(sub["term"]), key=lambda t: (-len(t), t))
        patterns[theme] = re.compile("|".join(re.escape(t) for t in terms))
        labels[theme] = sub["theme_zh"].iloc[0]
    groups: list[tuple[str, str, pd.DataFrame]] = [
        (c, "city", units[units["city"] == c]) for c in _city_order()
    ] + [(r, "region", units[units["region"] == r]) for r in REGIONS]
    rows = []
    for group, kind, sub in groups:
        chars = int(sub["n_chars"].sum())
        if chars == 0:
            continue
        text = "\n".join(sub["text"])
        for theme, pat in patterns.items():
            n = _count_terms(text, pat)
            rows.append(
                {
                    "group": group,
                    "kind": kind,
                    "theme": theme,
                    "theme_zh": labels[theme],
                    "n": n,
                    "chars": chars,
                    "per_10k": n / chars * per,
                }
            )
    cols = ["group", "kind", "theme", "theme_zh", "n", "chars", "per_10k"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    return pd.DataFrame(rows, columns=cols)


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


def textstat_region_keyness(
    toks: pd.DataFrame,
    attribution: pd.DataFrame,
    *,
    by: str = "region",
    min_count: int = 2,
    alpha: float = 0.05,
    min_chars: int = 2,
) -> pd.DataFrame:
    """Keyness of each city or region against all other paragraphs (G², log ratio, BH).

    A thin wrapper over :func:`bqw_research.textstat.textstat_keyness`: paragraphs are
    grouped by their attributed ``city`` or ``region`` (unattributed paragraphs form the
    group :data:`NO_CITY`, which is part of every reference but not reported). Returns
    the keyness table (``group, token, n_target, n_reference, G2, log_ratio, p, p_adj,
    significant``) for the city/region groups only; empty when fewer than two groups
    have text.
    """
    from bqw_research.textstat import KEYNESS_COLUMNS, textstat_keyness

    groups = attribution_groups(attribution, by=by)
    present = sorted(set(groups["group"]) - {NO_CITY})
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in KEYNESS_COLUMNS})
    if not present or groups["group"].nunique() < 2:
        return empty
    try:
        return textstat_keyness(
            toks,
            group=groups,
            target=present,
            min_count=min_count,
            alpha=alpha,
            min_chars=min_chars,
            remove_numbers=True,
        )
    except ValueError:
        return empty


# ------------------------------------------------------------------------- pairing


def _sentences(text: str) -> list[tuple[int, str]]:
    return [
        (m.start(), m.group(0))
        for m in re.finditer(r"[^。！？；]*[。！？；]?", text)
        if m.group(0).strip()
    ]


def _sentence_pairs(
    matches: list[PlaceMatch], own: str | None, order: dict[str, int]
) -> list[tuple[str, str]]:
    """City pairs of one pairing sentence (see :func:`textstat_pairings`)."""
    pairs: list[tuple[str, str]] = []
    spans: dict[tuple[int, int], list[str]] = defaultdict(list)
    for m in matches:
        if m.kind == "compound":
            spans[(m.start, m.end)].append(m.city)
    single_cities: set[str] = set()
    for cities in spans.values():  # 深汕, 广清, 莞韶: the compound names the pair
        uniq = sorted(set(cities), key=order.__getitem__)
        if len(uniq) == 1:  # 来珠 names one city
            single_cities.add(uniq[0])
        pairs += [(a, b) for i, a in enumerate(uniq) for b in uniq[i + 1 :]]
    single_cities |= {m.city for m in matches if m.kind != "compound"}
    singles = sorted(single_cities - {own}, key=order.__getitem__)
    if own:
        pairs += [(own, c) for c in singles]  # a star around the paragraph's city
    elif len(singles) == 2:
        pairs.append((singles[0], singles[1]))
    return pairs


def textstat_pairings(
    paragraphs: pd.DataFrame, attribution: pd.DataFrame | None = None
) -> pd.DataFrame:
    """City-to-city relations found in the text, with the evidence sentence.

    A sentence that names (or implies) two or more cities *and* contains a pairing
    word (对口帮扶, 结对, 帮扶协作, 产业转移合作园, 飞地, 合作区 …) or a visit word
    (代表团, 考察交流 …) yields edges: a compound names its own pair (深汕特别合作区 →
    深圳–汕尾, 广清 → 广州–清远); when ``attribution`` gives the paragraph a city, that
    city is linked with each other city of the sentence (a star: “唐屹峰强调，要深化与
    茂名、云浮对口帮扶协作” in a 佛山 paragraph links 佛山–茂名 and 佛山–云浮, not
    茂名–云浮); otherwise two cities named alone in the sentence are linked, and a
    longer list without a host city yields no edge (it does not say who pairs with
    whom).

    Returns ``source, target, relation, doc_id, para_id, evidence`` (``relation`` is
    ``pairing`` or ``visit``; ``source`` comes before ``target`` in region/code order,
    so edges are undirected). One row per (pair, relation, sentence);
    :func:`pairing_edges` weights them.
    """
    paras = _check_paragraphs(paragraphs)
    cues = _cues()
    city_of: dict[tuple[str, int], str] = {}
    if attribution is not None and len(attribution):
        for d, p, c, lvl in zip(
            attribution["doc_id"],
            attribution["para_id"],
            attribution["city"],
            attribution["level"],
            strict=True,
        ):
            if lvl == "city" and isinstance(c, str):
                city_of[(str(d), int(p))] = c
    order = {c: i for i, c in enumerate(_city_order())}
    rows = []
    for doc_id, para_id, text in zip(paras["doc_id"], paras["para_id"], paras["text"], strict=True):
        own = city_of.get((doc_id, int(para_id)))
        for _, sent in _sentences(text):
            if cues.pairing.search(sent):
                relation = "pairing"
            elif cues.visit.search(sent):
                relation = "visit"
            else:
                continue
            matches = find_places(sent)
            pairs = _sentence_pairs(matches, own, order)
            for x, y in pairs:
                a, b = sorted((x, y), key=order.__getitem__)
                if a != b:
                    rows.append(
                        {
                            "source": a,
                            "target": b,
                            "relation": relation,
                            "doc_id": doc_id,
                            "para_id": int(para_id),
                            "evidence": sent.strip(),
                        }
                    )
    cols = ["source", "target", "relation", "doc_id", "para_id", "evidence"]
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    out = pd.DataFrame(rows, columns=cols).drop_duplicates(ignore_index=True)
    out["para_id"] = out["para_id"].astype("int64")
    return out


def pairing_edges(pairings: pd.DataFrame) -> pd.DataFrame:
    """Weighted edge table: ``source, target, weight, relations, documents``."""
    cols = ["source", "target", "weight", "relations", "documents"]
    if pairings.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    g = pairings.groupby(["source", "target"], sort=True)
    out = g.agg(
        weight=("evidence", "size"),
        relations=("relation", lambda s: "、".join(sorted(set(s)))),
        documents=("doc_id", "nunique"),
    ).reset_index()
    return out.sort_values(
        ["weight", "source", "target"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)


def city_drilldown(
    attribution: pd.DataFrame, paragraphs: pd.DataFrame, city: str, *, max_chars: int = 160
) -> pd.DataFrame:
    """The paragraphs attributed to ``city`` (short or full name), with a text excerpt.

    Returns ``doc_id, para_id, section, excerpt, mentioned`` in document order.
    """
    full = city if city.endswith("市") else f"{city}市"
    paras = _check_paragraphs(paragraphs)
    att = attribution[(attribution["level"] == "city") & (attribution["city"] == full)]
    out = att[["doc_id", "para_id", "mentioned"]].merge(
        paras[["doc_id", "para_id", "section", "text"]], on=["doc_id", "para_id"]
    )
    out["excerpt"] = [t if len(t) <= max_chars else t[:max_chars] + "…" for t in out["text"]]
    out["mentioned"] = ["、".join(m) for m in out["mentioned"]]
    return out[["doc_id", "para_id", "section", "excerpt", "mentioned"]].reset_index(drop=True)


# --------------------------------------------------------------------------- plots


def textplot_theme_heatmap(
    theme_scores: pd.DataFrame, *, kind: str = "region", ax: Any = None, cmap: str = "YlOrRd"
) -> Any:
    """Heatmap of ``per_10k`` (rows = groups of ``kind``, columns = themes).

    Draws the table from :func:`textstat_themes` as is; cells are annotated with their
    value. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    sub = theme_scores[theme_scores["kind"] == kind]
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 0.6 * max(2, sub["group"].nunique()) + 2))
    if sub.empty:
        ax.text(0.5, 0.5, "没有可比较的文本", ha="center", va="center")
        ax.set_axis_off()
        return ax
    order = [
        g for g in ([*REGIONS] if kind == "region" else _city_order()) if g in set(sub["group"])
    ]
    themes_order = list(dict.fromkeys(sub["theme_zh"]))
    wide = sub.pivot_table(index="group", columns="theme_zh", values="per_10k", aggfunc="sum")
    wide = wide.reindex(index=order, columns=themes_order)
    im = ax.imshow(wide.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    ax.set_xticks(range(len(themes_order)), themes_order, rotation=40, ha="right")
    ax.set_yticks(range(len(order)), order)
    vmax = np.nanmax(wide.to_numpy(dtype=float)) if wide.size else 0
    for i in range(wide.shape[0]):
        for j in range(wide.shape[1]):
            v = wide.iat[i, j]
            if not (isinstance(v, float) and math.isnan(v)):
                ax.text(
                    j,
                    i,
                    f"{v:.1f}",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if vmax and v > 0.6 * vmax else "black",
                )
    ax.figure.colorbar(im, ax=ax, label="每万字词频")
    ax.set_title("主题强度（每万字）")
    return ax


def textplot_pairing_network(
    edges: pd.DataFrame, *, ax: Any = None, all_cities: bool = True
) -> Any:
    """Draw a city network from :func:`pairing_edges` (a region-grouped circle).

    Nodes sit on a circle ordered by region and code (deterministic); edge width
    follows ``weight``. With ``all_cities`` every one of the 21 cities is drawn, so
    that absent links are visible too. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 7.5))
    region_of = dict(zip(divisions()["city"], divisions()["region"], strict=False))
    nodes = _city_order()
    if not all_cities:
        used = set(edges["source"]) | set(edges["target"]) if len(edges) else set()
        nodes = [c for c in nodes if c in used]
    angle = {c: math.pi / 2 - 2 * math.pi * i / max(1, len(nodes)) for i, c in enumerate(nodes)}
    pos = {c: (math.cos(a), math.sin(a)) for c, a in angle.items()}
    wmax = float(edges["weight"].max()) if len(edges) else 1.0
    for s, t, w in zip(
        edges.get("source", []), edges.get("target", []), edges.get("weight", []), strict=True
    ):
        if s in pos and t in pos:
            (x1, y1), (x2, y2) = pos[s], pos[t]
            ax.plot([x1, x2], [y1, y2], color="#555555", alpha=0.6, lw=1 + 4 * w / wmax, zorder=1)
    degree = Counter()
    for s, t in zip(edges.get("source", []), edges.get("target", []), strict=True):
        degree[s] += 1
        degree[t] += 1
    for c in nodes:
        x, y = pos[c]
        ax.scatter(
            [x],
            [y],
            s=120 + 80 * degree[c],
            color=REGION_COLORS[region_of[c]],
            zorder=2,
            edgecolor="white",
        )
        ax.text(1.15 * x, 1.15 * y, c.removesuffix("市"), ha="center", va="center", fontsize=10)
    handles = [
        Line2D([], [], marker="o", ls="", color=col, label=r) for r, col in REGION_COLORS.items()
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False)
    ax.set_xlim(-1.35, 1.35)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title("城市间帮扶与协作关系（文本中出现的）")
    if edges.empty:
        ax.text(0, 0, "文本中没有发现城市间的帮扶或协作关系", ha="center", va="center")
    return ax
