"""``textstat_events``: one row per reported activity — who did what, where and when.

The unit is the codebook's statement (:mod:`.statements`). A statement reports an
event when its *frame* — the words before what was said (强调, 指出 …), with objects
of study blanked (传达学习…会议精神, 落实省委…部署, 《…》) — holds

1. a reporting verb or an activity that reports itself (召开, 举行, 调研, 宣讲 …),
2. an activity of the typology (:mod:`.types`),
3. an actor: a Guangdong city's leader or body, the province, a national organ or
   leader (:mod:`.actors`); failing one, the Guangdong place that hosts an opening or
   a ceremony (…开赛仪式在湛江市…举行);
4. a date (:mod:`.dates`), or else a strong frame: an event named as the setting of
   what a leader said (在全市干部大会上，X强调), a body's meeting (市委常委会召开扩大会议),
   a named body holding something (中国驻新西兰大使馆…举行了国庆招待会), a government's
   signing, or a leader opening the clause with an activity, also after a move
   (走进韶关学院，为师生讲授思政课).

It does not when it opens like detail or speech (会议强调, 会上, …期间), announces
the future (将于…召开), or is generic (各地纷纷召开…) without naming cities.

Rows: ``A、B……等地`` gives one row per named city, ``中国驻A、B……等国使领馆`` one per
embassy, actors of different cities acting each (``A市委书记X、B市委书记Y分别…``) one per
city; a second activity of the same statement (同时套开…, 调研…并主持召开…会议,
视察…，出席…) gives a second row; a signing by two governments gives one row each. An
undated statement about a city that already has an event in the paragraph is detail of
it (unless another leader of the city acts on his own, or a meeting of another kind
follows the paragraph's meetings), so is an undated statement of a leader already
reported with a date, and an event reported again later in the article (same city,
type, activity name and date) is not repeated.

The actor is the leader named in the frame, or else in the next statements of the
paragraph or the first of the next (X主持会议并讲话); the title without the city
(市委书记), or the body (市委) when no leader is named.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from bqw_research.textstat.events.actors import (
    CENTRAL,
    PROVINCE,
    Actor,
    city_mentions,
    county_places,
    leader_mentions,
    learn_leaders,
    short_city,
    statement_actors,
    visited_places,
)
from bqw_research.textstat.events.cues import compiled_cues
from bqw_research.textstat.events.dates import EventDate, as_date, find_event_date
from bqw_research.textstat.events.statements import event_statements
from bqw_research.textstat.events.types import ActivityCue, activity_type
from bqw_research.textstat.regions import find_places
from bqw_research.textstat.regions.cues import check_paragraphs

EVENT_COLUMNS = [
    "doc_id",
    "para_id",
    "sent_id",
    "sentence",
    "date_start",
    "date_end",
    "date_precision",
    "level",
    "city",
    "county",
    "actor",
    "actor_title",
    "type",
    "typology",
    "counterpart",
    "topics",
    "evidence",
]

_LOOKAHEAD = 3  # statements of the paragraph searched for the presiding leader
_PRESIDING = re.compile("主持|出席|讲话|致辞|强调|指出|要求|表示|作[^，。；]{0,8}报告|宣讲|参加")
#: A leader at a gathering someone else hosts: attendance, not speech that may be quoted.
_ATTENDING = re.compile("主持|出席|参加|致辞|宣布")
#: Rank of a leader's title when several attend (codebook D7: the top leader is the actor).
_TOP_TITLES = ("总书记", "省委书记", "市委书记", "县委书记", "区委书记", "书记", "省长", "市长")


def blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def statement_frame(text: str) -> str:
    """The part of a statement that reports: objects of study blanked, cut before speech."""
    cues = compiled_cues()
    blanked = blank(text, cues["object"])
    speech = cues["speech"].search(blanked)
    if speech is not None:  # 吴国强调研: the 强 of 强调 ends a leader's name
        inside = [a.end for a in leader_mentions(blanked) if a.start < speech.start() < a.end]
        if inside:
            speech = cues["speech"].search(blanked, max(inside))
    return blanked[: speech.start()] if speech else blanked


_TITLE_CHAIN = re.compile("(?:长|主任|书记|主席|常委|委员|成员)、$")


def title_chain_start(frame: str, leader: Actor) -> int:
    """Where a leader's mention starts with its place and the titles chained before it.

    (省委常委、广州市委书记郭永航 and 开幕式指挥部指挥长、广州市委书记郭永航 start at the
    clause: the 省委 of 省委常委 is a title, not an actor.)
    """
    start = leader.start
    places = [m for m in find_places(frame[max(0, start - 12) : start]) if m.end == min(12, start)]
    if places:
        start -= (
            len(places[-1].mention)
            if frame[start - 1] != "市" or places[-1].mention.endswith("市")
            else 0
        )
    clause = max((frame.rfind(p, 0, start) for p in "，。；："), default=-1) + 1
    return clause if _TITLE_CHAIN.search(frame[clause:start]) else start


def untitled(frame: str) -> str:
    """``frame`` with leaders' titles and names blanked (全国人大常委会委员长 names no 常委会
    meeting; 开幕式指挥部指挥长、广州市委书记郭永航 names no opening)."""
    for a in leader_mentions(frame):
        start = title_chain_start(frame, a)
        frame = frame[:start] + " " * (a.end - start) + frame[a.end :]
    return frame


def frame_actors(frame: str, ctx: DocContext, para: int) -> list[Actor]:
    """The actors of a frame with their cities resolved; a named leader spans its title chain.

    A body inside a leader's chained titles (the 省委 of 省委常委、广州市委书记郭永航) is
    dropped, and the leader starts where the chain starts, so that it opens its clause.
    """
    actors = [
        a for a in (_resolve(a, frame, ctx, para) for a in statement_actors(frame, ctx.known)) if a
    ]
    spans = [(title_chain_start(frame, a), a.start) for a in actors if a.kind == "leader"]
    kept = [
        replace(a, start=title_chain_start(frame, a)) if a.kind == "leader" else a
        for a in actors
        if a.kind == "leader" or not any(s <= a.start and a.end <= e for s, e in spans)
    ]
    return sorted(kept, key=lambda a: a.start)


def listed_cities(frame: str) -> list[str]:
    """Cities of a list ``A、B……等地`` (two or more cities joined by 、 before 等地/也召开)."""
    marker = compiled_cues()["list"].search(frame)
    if marker is None:
        return []
    places = [m for m in find_places(frame[: marker.start()]) if m.level == "city"]
    run: list[Any] = []
    for m in reversed(places):
        nxt = run[-1].start if run else marker.start()
        gap = frame[m.end : nxt]
        if gap.strip("、") == "" or (not run and re.fullmatch(r"[市]?", gap)):
            run.append(m)
        else:
            break
    cities = [short_city(m.city) for m in reversed(run)]
    return list(dict.fromkeys(cities)) if len(set(cities)) >= 2 else []


def listed_units(frame: str) -> list[str]:
    """Named embassies of a list ``中国驻A、B……等国使领馆`` (codebook D14: one row each)."""
    m = compiled_cues()["unit_list"].search(frame)
    return m.group("units").split("、") if m else []


_VISITORS = re.compile("、|(?<!共)和(?!国)")


def met_in_turn(frame: str) -> int:
    """How many visitors one leader met in turn (…分别会见A副总理甲、B副总统乙: two; cue
    ``each_met``); the visitors are the names after the clause's last 的, split at 、 and 和. Not after
    访问 (韩正访问西班牙，在马德里分别会见…: the visit is the event)."""
    m = compiled_cues()["each_met"].search(frame)
    if m is None or "访问" in frame[: m.start()]:
        return 0  # the meetings of a visit abroad are its detail (D4): one row, the visit
    clause = re.split("[，。；]", frame[m.end() :], maxsplit=1)[0]
    visitors = [v for v in _VISITORS.split(clause.rsplit("的", 1)[-1]) if v.strip()]
    return len(visitors) if len(visitors) > 1 else 0


_JOINT_GAP = re.compile("[^，。；、]{0,4}[、和与及]")
_EACH = re.compile("[^，。；、]{0,4}?(?:也|还)?(?:分别|均|各自)")


def joint_subjects(frame: str, first: Actor, actors: list[Actor]) -> list[Actor]:
    """Actors of different cities listed as one subject, each acting on its own
    (汕头市委书记温湛滨、揭阳市委书记曾风保分别到基层宣讲: one row per city), or named
    bodies of one city or the centre each acting (最高人民法院和最高人民检察院分别举行…)."""
    run = [first]
    for a in actors:
        if a.start <= run[-1].start or a.kind != first.kind:
            continue
        if not _JOINT_GAP.fullmatch(frame[run[-1].end : a.start]):
            break
        run.append(a)
    if _EACH.match(frame, run[-1].end) is None:
        return []
    if len({a.city for a in run}) > 1:
        return list({a.city: a for a in run}.values())
    bodies = {a.title: a for a in run if a.kind == "body"}
    # bodies of one level acting each (最高人民法院和最高人民检察院分别举行…): one row per body
    return list(bodies.values()) if len(bodies) == len(run) > 1 else []


@dataclass
class DocContext:
    """What one article tells about its statements."""

    doc_id: str
    published: dt.date | None
    known: dict[str, Actor]
    section_city: dict[int, str]
    para_city: dict[int, str]
    done: set[tuple[str, str, str]] = field(default_factory=set)  # (city, type, actor) reported
    para_actors: dict[int, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    para_date: dict[int, EventDate] = field(default_factory=dict)
    dated_leaders: set[tuple[str, str]] = field(default_factory=set)  # (city, name) with a date
    para_kinds: dict[int, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))


def _resolve(actor: Actor, frame: str, ctx: DocContext, para: int) -> Actor | None:
    """A bare actor's city: its known name, the section heading, the places of the frame."""
    if actor.level:
        return actor
    if actor.name and actor.name in ctx.known:
        return replace(ctx.known[actor.name], start=actor.start, end=actor.end)
    visited = {start for start, _, _ in visited_places(frame)}
    places = city_mentions(frame)
    own = [p for p in places if p[0] not in visited]
    city = ctx.section_city.get(para) or (own[0][1] if own else "")
    city = city or (places[0][1] if places else "") or ctx.para_city.get(para, "")
    kind = "leader" if actor.name else actor.kind  # 在潮州，市委书记何晓军…: a named leader
    return replace(actor, level="city", city=city, kind=kind) if city else None


def _host(frame: str) -> Actor | None:
    """The Guangdong place hosting an event that names no actor (…在湛江市…举行); failing
    one, the centre for a gathering held in Beijing, another province or abroad
    (…座谈会5日在京举行; cue ``national_host``)."""
    hosted = [(s, c, k) for s, c, k in visited_places(frame)]
    for m in find_places(frame):
        if "在" in frame[max(0, m.start - 4) : m.start]:  # 在广州, 在广东省梅州市
            hosted.append((m.start, short_city(m.city), m.mention if m.level != "city" else ""))
    if not hosted:
        national = compiled_cues()["national_host"].search(frame)
        if national is None:
            return None  # 在京, 在上海, 当地时间…在芝加哥: a national event (CENTRAL)
        return Actor(national.start(), national.start(), "central", CENTRAL, "", "", "", "host")
    start, city, county = min(hosted)
    return Actor(start, start, "city", city, county, "", "", "host")


def _leader_for(
    event: dict[str, Any], texts: list[str], ctx: DocContext, *, cue: re.Pattern[str] = _PRESIDING
) -> tuple[str, str, int]:
    """(name, title, index of the text) of the leader who presided, searched in ``texts``
    (after the first, the leader's name must be followed by ``cue``)."""
    found = []
    for i, text in enumerate(texts):
        for a in statement_actors(text, ctx.known):
            if a.kind == "bare" and a.name:  # 市委书记刘吉: a bare title takes the event's city
                a = replace(a, city=event["city"])
            if a.kind not in {"leader", "bare"} or not a.name or a.city != event["city"]:
                continue
            if cue.search(text[a.end : a.end + 12]) or i == 0:
                found.append((_title_rank(a.title), i, a.start, a))
    if not found:
        return "", "", -1
    _, i, _, best = min(found, key=lambda f: f[:3])
    return best.name, best.title, i


_TITLE_WORDS = re.compile(
    "中共中央|中央|政治局|常委|委员|主席|总书记|委员长|总理|书记|主任|市长|省长|县长|区长|团长|成员|、|\\s"
)


def is_subject(frame: str, actor: Actor) -> bool:
    """Whether ``actor`` opens its clause: before it only dates, places and titles.

    (东莞市委书记韦皓前往… yes; 节目实地探访习近平调研过的地方 no.)
    """
    from bqw_research.textstat.events.dates import DATE_RE, RELATIVE_RE

    start = max((frame.rfind(p, 0, actor.start) for p in "，。；："), default=-1) + 1
    prefix = frame[start : actor.start]
    for m in reversed(find_places(prefix)):
        prefix = prefix[: m.start] + prefix[m.end :]
    for pattern in (DATE_RE, RELATIVE_RE, _TITLE_WORDS):
        prefix = pattern.sub("", prefix)
    return prefix.strip("（）()市") == ""


def _title_rank(title: str) -> int:
    return next((k for k, t in enumerate(_TOP_TITLES) if title.endswith(t)), len(_TOP_TITLES))


def _next_meeting(frame: str, kind: ActivityCue, before: set[tuple[str, str]]) -> bool:
    """A meeting of another kind convened after the paragraph's meetings is an event of its
    own (市委常委会召开扩大会议…随后召开的全市干部大会; codebook D16), while a meeting during a
    trip (调研…，并召开座谈会) stays detail of the trip (D4)."""
    return (
        kind.type == "meeting"
        and bool(before)
        and {t for t, _ in before} == {"meeting"}
        and kind.typology not in {n for _, n in before}
        and _GATHERING.search(frame) is not None
    )


_ACT_ADVERB = re.compile("(?:还|也|又|先后|分别|随后|专程|率队|带队)?")


def acts(frame: str, actor: Actor) -> bool:
    """Whether a leader opens its clause and a move or an activity follows the name at once
    (曾峰到澄海区宣讲; not 吴泽桐对…代表团一行的到来表示欢迎)."""
    cues = compiled_cues()
    pos = _ACT_ADVERB.match(frame, actor.end).end()
    verb = cues["destination"].match(frame, pos) or cues.reporting.match(frame, pos)
    return verb is not None and is_subject(frame, actor)


def _is_detail(frame: str, actor: Actor, before: set[tuple[str, str]]) -> bool:
    """An undated statement goes on with an event of its paragraph: same actor or city, or
    it names that event's city (珠海市长…对茂名市党政代表团的到来表示欢迎 after 茂名's visit)."""
    if not before:
        return False
    if actor.kind == "leader" and (actor.city, actor.name) not in before and acts(frame, actor):
        return False  # another leader of the city on his own errand (市长曾峰到澄海区宣讲…)
    cities = {c for c, _ in before}
    named = {c for _, c, _, _ in city_mentions(frame)}
    return actor.city in cities or bool(cities & named)


#: A bare title naming one person (市委书记, 市长, 市委主要负责同志).
_PERSON_TITLE = re.compile("(?:书记|长|负责同志|主要领导|元首)$")
#: After a title: a possessive or a setting, so what follows is the title's, not its act.
_OWNED = re.compile("的|在(?:回信|贺信|贺电|信|讲话|致辞|批示|指示)中")
_GATHERING = re.compile("召开|举行|举办")


#: A setting named by its bare noun (在座谈会上, 在会上): the event already reported.
_BACK_SETTING = re.compile("在(?:座谈会|会议|大会|会|开幕式|仪式|论坛|发布会)上")


def speech_setting(frame: str) -> bool:
    """Whether an event is named as the setting of what was said (在全市干部大会上，X强调)."""
    return re.search("(?:在|从)[^，。；]{2,40}?(?:会|式|礼)上", frame) is not None


def _is_strong(frame: str, actor: Actor, kind: ActivityCue) -> bool:
    """An undated statement still reports an event (speech frame, a body's meeting, a signing)."""
    cues = compiled_cues()
    if cues["attendance"].search(frame):
        return False  # X出席会议, X在开幕式上宣读了贺信: detail of the event reported before
    if speech_setting(frame):
        return True
    clauses = re.split("[，；：]", frame[actor.end :], maxsplit=1)
    clause = clauses[0]
    if cues["destination"].search(clause):
        clause = frame[actor.end :]  # 走进韶关学院，为师生讲授思政课: the activities after the move
    person = actor.kind == "leader" or (
        actor.kind in {"bare", "body"}
        and _PERSON_TITLE.search(actor.title) is not None
        and _OWNED.match(frame, actor.end) is None
    )  # 总书记给…回信: a person named by title alone (not 总书记的回信, 总书记在回信中)
    if person and is_subject(frame, actor) and cues.reporting.search(clause):
        return True  # a leader doing something (宣讲, 调研, 视察 …; 市委书记到…宣讲), undated
    if kind.type == "meeting" and actor.kind in {"body", "bare"} and re.search("召开|举行", frame):
        return True
    if actor.kind == "body" and is_subject(frame, actor) and _GATHERING.search(clauses[0]):
        return True  # a named body holding something (中国驻新西兰大使馆…举行了国庆招待会)
    return kind.type == "signing" and "政府" in actor.title


def statement_events(text: str, ctx: DocContext, para: int) -> list[tuple[dict[str, Any], Actor]]:
    """The events one statement reports (rows without the look-ahead for the leader)."""
    cues = compiled_cues()
    frame = statement_frame(text)
    second = cues["second"].search(frame, 1)
    main = frame[: second.start()] if second else frame
    kind = activity_type(untitled(main))
    if kind is None or not cues.reporting.search(main):
        return []
    opener = cues["opener"].search(main.lstrip()) or re.match(
        r"\s*[^，。；]{0,12}(?:式|会)上，", main
    )
    if opener is not None:
        # detail of an event already reported, except a government's own signing there
        rest = main[main.index("，") + 1 :] if "，" in main else ""
        signing = activity_type(rest)
        if signing is None or signing.type != "signing" or "政府" not in rest:
            return []
        main = " " * (len(main) - len(rest)) + rest
        kind = signing
    report = cues.reporting.search(main)
    if report is None or cues["future"].search(main[: report.end()]):
        return []  # nothing reported, or announced for the future (将于…召开)
    date = find_event_date(main, ctx.published)
    same_day = cues["same_day"].search(main)
    if not date.is_known and same_day is not None:
        before = EventDate(
            "",
            ctx.published.isoformat() if ctx.published else "",
            "before publication",
            same_day.group(0),
            same_day.start(),
        )
        date = replace(ctx.para_date.get(para, before), text=same_day.group(0))
    listed = listed_cities(main)
    units = listed_units(main)
    actors = frame_actors(main, ctx, para)
    subjects = [a for a in actors if is_subject(main, a)]
    actor = (subjects or actors)[0] if actors else _host(main)
    if units and (actor is None or actor.level != "central"):
        start = compiled_cues()["unit_list"].search(main).start()
        actor = Actor(start, start, "central", CENTRAL, "", "", "使领馆", "body")
    if actor is not None and actor.kind != "leader":
        # 中共中央政治局常委、全国人大常委会委员长赵乐际: the leader, not the title's organ
        clause_end = min(
            [i for i in (main.find("，", actor.start), main.find("；", actor.start)) if i >= 0]
            or [len(main)]
        )
        leaders = [
            a
            for a in actors
            if a.kind == "leader" and a.city == actor.city and a.start < clause_end
        ]
        actor = leaders[0] if leaders else actor
    if actor is None:
        return []
    generic = cues["generic"].search(main)
    if (
        generic
        and not (listed or units)
        and (generic.start() < actor.start or actor.kind in {"bare", "host"})
    ):
        return []  # 各地纷纷召开…: no named actor
    visited = [v for v in visited_places(main) if v[1] != actor.city and actor.level == "city"]
    counterpart = visited[0][1] if visited else ""
    led = bool(counterpart) and bool(
        cues["delegation_lead"].search(main[actor.start : visited[0][0]])
    )
    kind = activity_type(untitled(main), led_to_city=led) or kind
    if not date.is_known and not _is_strong(main, actor, kind):
        return []
    if not date.is_known and cues["aggregate"].search(main):
        return []  # “十四五”以来…多次…: activities over a period, with no time
    if not date.is_known and cues["subgroup"].search(main):
        return []  # 王沪宁带领一分团到…考察: a sub-group of a delegation already reported
    if (
        not date.is_known
        and (actor.city, actor.name) in ctx.dated_leaders
        and not speech_setting(main)
    ):
        return []  # 韦皓前往…调研 after 11月21日，韦皓前往中堂镇…: the same trip, in detail
    if (
        not date.is_known
        and not _next_meeting(main, kind, ctx.para_kinds[para])
        and _is_detail(main, actor, ctx.para_actors[para])
    ):
        return []  # detail of an event of the paragraph (韦皓前往…调研 after the dated visit)
    if (
        not date.is_known
        and (actor.city, kind.type, actor.name or main[actor.start : actor.end]) in ctx.done
    ):
        return []  # an undated restatement of an event already reported
    if (
        not date.is_known
        and _BACK_SETTING.search(main)
        and any(c == actor.city and t == kind.type for c, t, _ in ctx.done)
    ):
        return []  # 陈文清在座谈会上缅怀… after the 座谈会 reported: what was said there
    base = {
        "date": date,
        "level": actor.level,
        "city": actor.city,
        "county": actor.county or county_places(main),
        "title": actor.title,
        "name": actor.name,
        "type": kind.type,
        "typology": kind.typology,
        "counterpart": counterpart if kind.type in {"delegation", "inspection", "other"} else "",
        "evidence": f"date «{date.text}»；actor «{main[actor.start : actor.end].strip()}»；activity «{kind.text}»",
    }
    out = []
    if units:
        out = [({**base, "county": "", "name": ""}, actor) for _ in units]
    elif listed:
        out = [
            ({**base, "city": c, "level": "city", "county": "", "name": ""}, actor) for c in listed
        ]
    elif len(joint := joint_subjects(main, actor, actors)) > 1:
        out = [
            (
                {**base, "city": a.city, "level": a.level, "county": a.county}
                | {"name": a.name, "title": a.title},
                a,
            )
            for a in joint
        ]
    elif kind.type == "signing":
        governments = [a for a in actors if "政府" in a.title]
        cities = list(dict.fromkeys((a.city, a.county) for a in governments))
        if len(cities) > 1:
            out = [({**base, "city": c, "county": k, "level": "city"}, actor) for c, k in cities]
    elif (visitors := met_in_turn(main)) > 1:
        out = [(base, actor)] * visitors
    if not out:
        out = [(base, actor)]
    if second is not None:
        rest = frame[second.end() :]
        rest = rest[: min([i for i in (rest.find("，"), rest.find("；")) if i >= 0] or [len(rest)])]
        extra = activity_type(rest)
        if extra is not None:
            out.append(({**base, "type": extra.type, "typology": extra.typology}, actor))
    return out


def _higher_host(
    row: dict[str, Any], searched: list[str], ctx: DocContext
) -> tuple[dict[str, Any], str, str, int]:
    """A gathering hosted in a Guangdong city with no leader of that city presiding or
    attending: the event of the national, failing that the provincial, leader who attends
    it in the same paragraph (…全国运动会9日晚在广东省广州市隆重开幕。…习近平出席开幕式 →
    CENTRAL; the codebook's city is the actor's, not the place's). Only attendance counts
    (出席, 主持, 参加, 致辞, 宣布): a leader quoted there (与会嘉宾表示，习近平主席强调…) is
    not at the event. Unchanged when neither is found."""
    for level, city in (("central", CENTRAL), ("province", PROVINCE)):
        higher = {**row, "city": city, "level": level, "county": ""}
        name, title, where = _leader_for(higher, searched, ctx, cue=_ATTENDING)
        if name:
            return higher, name, title, where
    return row, "", "", -1


def names_other_province(text: str) -> bool:
    """Whether ``text`` names an organ of a province other than Guangdong (山东省委常委会,
    浙江省人民政府; cue ``other_province``): a bare 省委 after it in the paragraph is that
    province's."""
    return compiled_cues()["other_province"].search(text) is not None


def _following(texts: list[str], paras: list[int], i: int) -> list[tuple[str, int]]:
    """``(text, para_id)`` of the statements searched for the leader of statement ``i``'s
    event: the next :data:`_LOOKAHEAD` of its paragraph, then the first of the next one."""
    later = list(zip(texts[i + 1 :], paras[i + 1 :], strict=True))
    after = [(t, p) for t, p in later if p == paras[i]]
    nxt = [(t, p) for t, p in later if p != paras[i]]
    return [*after[:_LOOKAHEAD], *nxt[:1]]


def doc_events(statements: pd.DataFrame, ctx: DocContext) -> list[dict[str, Any]]:
    """The events of one article's statements (in order)."""
    texts = statements["text"].tolist()
    paras = statements["para_id"].tolist()
    sents = statements["sent_id"].tolist()
    rows: list[dict[str, Any]] = []
    elsewhere: set[int] = set()  # paragraphs where another province's organ was named
    for i, (para, text) in enumerate(zip(paras, texts, strict=True)):
        found = statement_events(text, ctx, para)
        if names_other_province(text):
            elsewhere.add(para)
        for row, actor in found:
            if actor.kind == "body" and actor.level == "province" and para in elsewhere:
                continue  # 山东省委常委会…。省委举办…: the bare 省委 is Shandong's, not Guangdong's
            name, title, where, following = row["name"], row["title"], -1, []
            if not name:  # the leader who presided, in this statement or the next ones
                following = _following(texts, paras, i)
                searched = [statement_frame(text), *[t for t, _ in following]]
                name, found_title, where = _leader_for(row, searched, ctx)
                if not name and actor.kind == "host" and actor.level == "city":
                    # the statement and the rest of its paragraph: `following` lists those first
                    same = searched[: 1 + sum(p == para for _, p in following)]
                    row, name, found_title, where = _higher_host(row, same, ctx)
                title = found_title or title
            if actor.kind == "host" and actor.level == "central" and not name:
                continue  # held elsewhere, no national leader there: not a national event
            ctx.done.add((row["city"], row["type"], actor.name or text[actor.start : actor.end]))
            ctx.para_actors[para].add((row["city"], actor.name or text[actor.start : actor.end]))
            ctx.para_kinds[para].add((row["type"], row["typology"]))
            if row["date"].precision in {"day", "range"}:
                ctx.para_date[para] = row["date"]
            if row["date"].is_known and actor.kind == "leader" and actor.name:
                ctx.dated_leaders.add((row["city"], actor.name))
            if where > 0 and following[where - 1][1] != para:
                ctx.para_actors[following[where - 1][1]].add((row["city"], name))  # 致辞 next
            ctx.para_actors[para].add((row["city"], name))
            date: EventDate = row["date"]
            rows.append(
                {
                    "doc_id": ctx.doc_id,
                    "para_id": para,
                    "sent_id": sents[i],
                    "sentence": text,
                    "date_start": date.start,
                    "date_end": date.end,
                    "date_precision": date.precision,
                    "level": row["level"],
                    "city": row["city"],
                    "county": row["county"],
                    "actor": name,
                    "actor_title": title or _default_title(row["level"]),
                    "type": row["type"],
                    "typology": row["typology"],
                    "counterpart": row["counterpart"],
                    "evidence": row["evidence"],
                }
            )
    return rows


def _default_title(level: str) -> str:
    return {"city": "市委", "province": "省委"}.get(level, "")


def _unique_city(text: str) -> str:
    cities = {short_city(m.city) for m in find_places(text or "")}
    return next(iter(cities)) if len(cities) == 1 else ""


def _published(corpus: pd.DataFrame | None) -> dict[str, dt.date | None]:
    if corpus is None or "published" not in corpus.columns:
        return {}
    return {str(d): as_date(p) for d, p in zip(corpus["doc_id"], corpus["published"], strict=True)}


def _contexts(
    paragraphs: pd.DataFrame, statements: pd.DataFrame, corpus: pd.DataFrame | None, docs: set[str]
) -> dict[str, DocContext]:
    from bqw_research.textstat.regions import attribute_paragraphs

    published = _published(corpus)
    paras = paragraphs[paragraphs["doc_id"].astype(str).isin(docs)]
    sections = paras.get("section", pd.Series("", index=paras.index)).fillna("").astype(str)
    titles = (
        corpus.set_index(corpus["doc_id"].astype(str))["title"]
        if corpus is not None and "title" in corpus.columns
        else None
    )
    attribution = attribute_paragraphs(paras, titles=titles) if len(paras) else pd.DataFrame()
    out = {}
    for doc_id in sorted(docs):
        in_doc = paras["doc_id"].astype(str) == doc_id
        sec = {
            int(p): _unique_city(s)
            for p, s in zip(paras.loc[in_doc, "para_id"], sections[in_doc], strict=True)
        }
        att = attribution[attribution["doc_id"] == doc_id] if len(attribution) else attribution
        para_city = {
            int(p): short_city(c)
            for p, c, lv in zip(
                att.get("para_id", []), att.get("city", []), att.get("level", []), strict=True
            )
            if lv == "city" and isinstance(c, str)
        }
        st = statements[statements["doc_id"] == doc_id]
        known = learn_leaders(st["text"], [sec.get(int(p), "") for p in st["para_id"]])
        out[doc_id] = DocContext(doc_id, published.get(doc_id), known, sec, para_city)
    return out


def _topic_finder() -> Any:
    from bqw_research.textstat.regions import themes
    from bqw_research.textstat.rhetoric import find_numeric_formulae, slogan_lexicon

    slogans = slogan_lexicon()
    canonical = dict(zip(slogans["variant"], slogans["canonical"], strict=True))
    theme_table = themes()
    theme_of = dict(zip(theme_table["term"], theme_table["theme_zh"], strict=False))

    def alternation(terms: Any) -> re.Pattern[str]:
        return re.compile(
            "|".join(re.escape(t) for t in sorted(set(terms), key=lambda t: (-len(t), t)))
        )

    slogan_re, theme_re = alternation(canonical), alternation(theme_of)

    def topics(text: str) -> str:
        found = [canonical[m.group(0)] for m in slogan_re.finditer(text)]
        found += [f for _, f in find_numeric_formulae(text)]
        found += [theme_of[m.group(0)] for m in theme_re.finditer(text)]
        return "|".join(dict.fromkeys(found))

    return topics


def textstat_events(
    corpus: pd.DataFrame | None = None,
    *,
    paragraphs: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per reported activity: :data:`EVENT_COLUMNS` (see the module docstring).

    ``corpus`` is a corpus table (:func:`bqw_research.load_corpus`: its ``published``
    dates resolve the dates, its titles help attribute cities); ``paragraphs`` and
    ``sentences`` default to its tables. Dates are strings (:mod:`.dates`): without a
    publication date the year stays ``XXXX``. ``level`` is ``city``, ``province``
    (``city`` = 省) or ``central`` (``city`` = 中央). ``topics`` joins with ``|`` the
    slogans (``slogans.csv``), numbered formulae and themes (``themes.csv``) the
    sentence names. An article without dated activities simply has no row.
    """
    from bqw_research.corpus import corpus_paragraphs, corpus_sentences

    if corpus is None and paragraphs is None:
        raise ValueError("textstat_events needs a corpus (load_corpus) or a paragraph table")
    if paragraphs is None:
        paragraphs = corpus_paragraphs(corpus)
    paragraphs = check_paragraphs(paragraphs)
    if sentences is None:
        sentences = corpus_sentences(paragraphs)
    statements = event_statements(sentences)
    statements["doc_id"] = statements["doc_id"].astype(str)
    candidate = statements["text"].str.contains(compiled_cues().reporting, regex=True)
    docs = set(statements.loc[candidate, "doc_id"])
    rows: list[dict[str, Any]] = []
    for doc_id, ctx in _contexts(paragraphs, statements, corpus, docs).items():
        rows.extend(doc_events(statements[statements["doc_id"] == doc_id], ctx))
    table = pd.DataFrame(rows, columns=[c for c in EVENT_COLUMNS if c != "topics"])
    if table.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in EVENT_COLUMNS})
    topics = _topic_finder()
    table["topics"] = table["sentence"].map(topics)
    table["para_id"] = table["para_id"].astype("int64")
    table["sent_id"] = table["sent_id"].astype("int64")
    return table[EVENT_COLUMNS].reset_index(drop=True)


__all__ = ["CENTRAL", "EVENT_COLUMNS", "PROVINCE", "statement_frame", "textstat_events"]
