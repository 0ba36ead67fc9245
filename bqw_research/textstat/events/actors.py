"""Who acts: city, provincial and national actors of a statement, leaders, places visited.

An actor is found by pattern, never from a list of names:

* a **leader**: an office title followed by a two- or three-character name
  (汕头市委书记温湛滨, 省委书记黄坤明, 国务院总理李强), the name ending where a
  verb starts (the ``name_stop`` characters of the attribution cues); the place right
  before the title gives the city (or the county, and through it the city). A name
  once seen with its title is recognised alone in the rest of the article
  (:func:`learn_leaders`);
* a **body**: a place followed by its committee, government, delegation or a meeting it
  held (广州市委, 茂名市党政代表团, 揭阳全市…现场会), a provincial organ (省委,
  省农业农村厅) or a national one (中共中央政治局, 国务院新闻办公室, 中国驻…使馆);
* a **bare** title or body (市委书记郭文海, 市委常委会) whose city comes from the
  statement's places, the leader's known city or the section heading.

Cities are Guangdong's 21 prefecture-level cities (gazetteer of
:mod:`bqw_research.textstat.regions`), written without 市; the province is
:data:`PROVINCE` and national actors :data:`CENTRAL`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from bqw_research.textstat.events.cues import compiled_cues
from bqw_research.textstat.regions import attribution_cues, find_places
from bqw_research.textstat.rhetoric import read_lexicon

#: ``city`` of provincial and national actors (``level`` says which, too).
PROVINCE = "省"
CENTRAL = "中央"

_CJK = "\u4e00-\u9fff"
_NAME_FIRST = re.compile(f"([{_CJK}]{{2,3}})总书记")
_PLACE_SUFFIX = "新区|开发区|工业区|产业园|街道|区|县|市|镇|乡|村"
_PLACE_RUN = re.compile(f"[{_CJK}、]{{2,24}}")
_PLACE_END = re.compile(f"^.*(?:{_PLACE_SUFFIX})")
#: Verbs that follow a leader's name (a third character starting one ends the name).
_VERBS = frozenset(
    [
        "发表",
        "主持",
        "出席",
        "表示",
        "强调",
        "指出",
        "讲话",
        "调研",
        "考察",
        "会见",
        "参加",
        "陪同",
        "宣讲",
        "带队",
        "率队",
        "前往",
        "来到",
        "到达",
    ]
)
#: Words that follow a bare title but are no name (市委书记分别到…, 市长一行).
_NOT_NAME = re.compile("分别|一行|一同|亲自|先后|共同|各自")
_NOT_PLACE = re.compile("委|书记|陪同")  # 在江门市委书记陈岸明陪同下到台山市: a person, no place
_NOT_COUNTY = ("市区", "城区", "园区", "社区", "辖区", "景区", "片区", "乡村")


@dataclass(frozen=True)
class Actor:
    """One actor mention in a statement (offsets into the statement)."""

    start: int
    end: int
    level: str  # city | province | central | "" (bare: city still unknown)
    city: str  # 广州 … | PROVINCE | CENTRAL | ""
    county: str
    name: str
    title: str
    kind: str  # leader | body | bare


def short_city(full: str) -> str:
    """广州市 → 广州 (the codebook writes cities without 市)."""
    return full.removesuffix("市")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(read_lexicon("surnames")["surname"])


def _is_name(name: str) -> bool:
    """Two or three CJK characters starting with a surname (``surnames.csv``)."""
    return 2 <= len(name) <= 3 and any(name.startswith(s) for s in _surnames())


def _name_after(text: str, pos: int, *, surname: bool = False) -> str:
    """A two- or three-character personal name at ``pos`` ("" when none).

    A third character that may start a verb (主持, 到 …) ends the name, unless the
    character after it starts a verb too (卢一先带队: 先 is part of the name).
    ``surname``: the name must start with a surname of ``surnames.csv`` (after national
    titles, which are also followed by words: 总书记重要讲话).
    """
    stops = attribution_cues().name_stop
    cand = re.match(f"[{_CJK}]{{2,3}}", text[pos:])
    if cand is None:
        return ""
    name = cand.group(0)
    following = text[pos + 3 : pos + 4]
    # 蔡奇发表: 发表 is a verb and 表讲 none, so 发 starts the verb; 吴国强调研: 强调 and 调研
    # are both verbs, so 强 ends the name and 调研 follows
    verb_after = (
        len(name) == 3 and name[2:] + following in _VERBS and text[pos + 3 : pos + 5] not in _VERBS
    )
    if (
        len(name) == 3
        and name[2] in stops
        and (verb_after or not (following and following in stops))
    ):
        name = name[:2]  # 蔡奇发表讲话: 发表 is a verb; 卢一先带队: 先带 is none
    if name[0] in stops or (surname and not _is_name(name)):  # 市委书记主持…: no name
        return ""
    return name


def _skip_extra_titles(text: str, pos: int) -> int:
    """After a title, skip further titles joined by 、 (市委书记、市人大常委会主任)."""
    extra = attribution_cues().leader_extra
    while (m := extra.match(text, pos)) is not None:
        pos = m.end()
    return pos


def _place_before(text: str, pos: int) -> tuple[str, str] | None:
    """(city, county) of a place ending at ``pos`` (or at ``pos + 1`` for 汕头市|委书记)."""
    for m in find_places(text[max(0, pos - 12) : pos + 1]):
        end = max(0, pos - 12) + m.end
        if end in (pos, pos + 1):
            county = m.mention if m.level != "city" else ""
            return short_city(m.city), county
    return None


_OWN_PROVINCE = "全本我该各两外"


def other_province(text: str, pos: int) -> bool:
    """Whether the 省 at ``pos`` belongs to another province (浙江省委, 陕西省人民政府)."""
    before = text[max(0, pos - 2) : pos]
    return (
        len(before) == 2
        and re.fullmatch(f"[{_CJK}]{{2}}", before) is not None
        and before != "广东"
        and before[-1] not in _OWN_PROVINCE
    )


def leader_mentions(text: str) -> list[Actor]:
    """Leaders named with a title in ``text`` (city, provincial and national)."""
    cues = attribution_cues()
    out: list[Actor] = []
    taken: set[int] = set()
    patterns = (
        ("city", cues.leader_title),
        ("province", cues.province_leader_title),
        ("central", compiled_cues()["central_title"]),
    )
    for level, pattern in patterns:
        for t in pattern.finditer(text):
            if level == "province" and (
                (t.start() > 0 and text[t.start() - 1] in "市县区")
                or other_province(text, t.start())
            ):
                continue  # 市长 inside 广州市长; 浙江省委书记
            pos = _skip_extra_titles(text, t.end())
            name = _name_after(text, pos, surname=level == "central")
            if not name or pos in taken or _NOT_NAME.match(name):
                continue
            taken.add(pos)
            title = t.group(0)
            if level == "city":
                place = _place_before(text, t.start())
                city, county = place if place else ("", "")
                kind = "leader" if place else "bare"
                out.append(
                    Actor(
                        t.start(),
                        pos + len(name),
                        "city" if place else "",
                        city,
                        county,
                        name,
                        title,
                        kind,
                    )
                )
            else:
                city = PROVINCE if level == "province" else CENTRAL
                out.append(
                    Actor(t.start(), pos + len(name), level, city, "", name, title, "leader")
                )
    for m in _NAME_FIRST.finditer(text):
        name = m.group(1)
        if not _is_name(name) or (len(name) == 3 and _is_name(name[1:])):
            name = name[1:]
        if _is_name(name) and not any(a.start <= m.start(1) < a.end for a in out):
            out.append(Actor(m.start(1), m.end(), "central", CENTRAL, "", name, "总书记", "leader"))
    return out


def body_mentions(text: str) -> list[Actor]:
    """Bodies: a place with its committee/government/delegation, provincial and national organs."""
    cues = compiled_cues()
    out: list[Actor] = []
    for m in find_places(text):
        tail_start = m.end - 1 if m.mention[-1] in "市县区" else m.end
        start = tail_start
        found = cues["city_actor"].match(text[start:])  # the cues are anchored with ^
        if found is None:
            start = m.end
            found = cues["city_actor"].match(text[start:])
        title_of = True
        if found is None and not re.search("[在于到赴来]$", text[: m.start]):
            found = cues["city_gathering"].match(text, m.end)  # 顺德区召开全区干部大会
            start, title_of = 0, False
        if found is None:
            continue
        county = m.mention if m.level != "city" else ""
        body = found.group(0)
        title = body if len(body) <= 6 and title_of else ""  # 阳江市…座谈会召开: no body
        out.append(
            Actor(
                m.start, start + found.end(), "city", short_city(m.city), county, "", title, "body"
            )
        )
    for level, city in (("province", PROVINCE), ("central", CENTRAL)):
        for m in cues[level].finditer(text):
            if (
                level == "province"
                and m.group(0).startswith("省")
                and other_province(text, m.start())
            ):
                continue
            out.append(Actor(m.start(), m.end(), level, city, "", "", m.group(0), "body"))
    for m in cues["bare_body"].finditer(text):
        out.append(Actor(m.start(), m.end(), "", "", "", "", m.group(0), "bare"))
    return out


def learn_leaders(texts: Iterable[str], section_cities: Iterable[str]) -> dict[str, Actor]:
    """Leader name → an :class:`Actor` template, from one article's statements.

    A bare title under a section heading that names one city (``section_cities``, ""
    else) teaches that city. A name seen with two different cities is dropped.
    """
    seen: dict[str, set[tuple[str, str]]] = {}
    first: dict[str, Actor] = {}
    for text, sec_city in zip(texts, section_cities, strict=True):
        for a in leader_mentions(text):
            if a.kind == "bare" and sec_city:
                a = replace(a, level="city", city=sec_city, kind="leader")
            if a.level:
                seen.setdefault(a.name, set()).add((a.level, a.city))
                first.setdefault(a.name, a)
    return {n: first[n] for n, places in seen.items() if len(places) == 1}


def _overlaps(a: Actor, taken: list[Actor]) -> bool:
    return any(a.start < b.end and b.start < a.end for b in taken)


def statement_actors(frame: str, known: dict[str, Actor]) -> list[Actor]:
    """Every actor of a statement's frame, by position; longer mentions win on overlap."""
    found = leader_mentions(frame)
    for name, template in known.items():
        for m in re.finditer(re.escape(name), frame):
            found.append(replace(template, start=m.start(), end=m.end(), kind="leader"))
    found.extend(body_mentions(frame))
    kept: list[Actor] = []
    rank = {"leader": 0, "body": 1, "bare": 2}
    for a in sorted(found, key=lambda a: (rank[a.kind], -(a.end - a.start), a.start)):
        if not _overlaps(a, kept):
            kept.append(a)
    for a in list(kept):  # a bare title whose name is known takes the name's city
        if a.kind == "bare" and a.name in known:
            kept[kept.index(a)] = replace(known[a.name], start=a.start, end=a.end)
    return sorted(kept, key=lambda a: a.start)


def city_mentions(frame: str) -> list[tuple[int, str, str, str]]:
    """``(start, city, county, mention)`` of every Guangdong place in ``frame``."""
    return [
        (m.start, short_city(m.city), m.mention if m.level != "city" else "", m.mention)
        for m in find_places(frame)
    ]


def visited_places(frame: str) -> list[tuple[int, str, str]]:
    """``(start, city, county)`` of places right after a movement verb (到三水区, 来珠)."""
    dest = compiled_cues()["destination"]
    out = []
    for m in find_places(frame):
        before = frame[max(0, m.start - 2) : m.start]
        if dest.search(before) or (m.kind == "compound" and m.mention[0] in "来赴到"):
            out.append((m.start, short_city(m.city), m.mention if m.level != "city" else ""))
    return out


def county_places(frame: str) -> str:
    """The county, district, town or zone visited or hosting, as written (顺德区, 禅城区和南海区).

    Read after a movement verb or 在; a prefecture-level city alone (到深圳市) or a venue
    (市医疗保障局, 市区) gives "".
    """
    dest = compiled_cues()["destination"]
    for m in re.finditer(f"(?:{dest.pattern}|在)", frame):
        run = _PLACE_RUN.match(frame, m.end())
        prefix = _PLACE_END.match(run.group(0)) if run else None
        if prefix is None:
            continue
        text = prefix.group(0).rstrip("、和及")
        if text in _NOT_COUNTY or text.startswith(("市", "省")) or _NOT_PLACE.search(text):
            continue
        places = find_places(text)
        if (
            places
            and all(p.level == "city" for p in places)
            and text == "".join(p.mention for p in places)
        ):
            continue  # a whole prefecture city
        if any(p.level != "city" for p in places) or re.search(
            "(?:镇|街道|乡|新区|工业区|开发区)$", text
        ):
            cities = [p for p in places if p.level == "city"]
            if cities and cities[0].start == 0 and len(places) > 1:
                text = text[cities[0].end :]  # 广州南沙 → 南沙
            return text
    return ""
