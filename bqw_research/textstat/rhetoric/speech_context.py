"""Context rules of the speech-act walk that need more than one clause at a time.

These rules follow the codebook (``speakers_and_citations.md``, version 1) and are
called from :func:`.citations.analyse` on the results of :mod:`.speech`:

* :func:`home_city` — the city an article is about, when it names one city almost only:
  a body or meeting written without its city (市委宣传部表示, 市委常委会) takes it when the
  paragraph names none;
* :func:`declared_meeting` — a meeting or event whose name declares what it relays
  (学习贯彻…精神省委宣讲团宣讲报告会…开班式在梅城举行), or a named event held (2025年X旅游
  文化节在清远开幕，深入贯彻…): the meeting, named with its place and without the
  declaration, is the clause's subject and relays what the clause or the declaration
  names (codebook v1: "A meeting whose name declares the relay relays that source");
* :func:`department_subjects` — bodies closed by 等N部门 (全国妇联等16部门…，要求…)
  are the subject, the first with the others joined to it;
* :func:`declared_groups` — a lecture group whose name declares its relay
  (学习贯彻…精神中央宣讲团成员…宣讲) is the subject;
* :func:`according_to_subjects` — 据X…的消息， names a source, not the subject of the
  clauses after it;
* :func:`run_in_subjects` — a known person whose name is run into a bold lead-in merged
  with the paragraph (…的独特力量王定毅说，) is the subject of the speech verb after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from bqw_research.textstat.rhetoric.common import CJK, jieba_dictionary
from bqw_research.textstat.rhetoric.speech import (
    BODY,
    MEETING,
    OTHER,
    PERSON,
    WEAK,
    Clause,
    DocState,
    Mention,
    body_level,
    named_body_at,
    speech_lexicons,
    speech_verbs,
    title_before,
)

#: Share of an article's city mentions the most named city needs to be its home city.
HOME_SHARE = 0.8
HOME_MIN = 3


def home_city(texts: Iterable[str]) -> str | None:
    """The city an article is about: named at least :data:`HOME_MIN` times and in at
    least :data:`HOME_SHARE` of the article's city mentions (else ``None``)."""
    found = Counter(m for t in texts for m in speech_lexicons()["city_re"].findall(t))
    if not found:
        return None
    city, n = found.most_common(1)[0]
    return city if n >= HOME_MIN and n >= HOME_SHARE * sum(found.values()) else None


# --------------------------------------------------------------- declared meetings

#: A meeting or event reported as held (…在梅城举行, …在清远开幕), its name ending in an
#: event noun; ``theme``: a leading 以…为主题的.
_HELD = re.compile(
    r"(?P<theme>以[^，。；：]{1,30}?为主题的)?"
    r"(?P<name>(?:(?!出席|视察|考察|调研|率|到|在)[^，。；：]){2,150}?"
    r"(?:节|博览会|交易会|论坛|运动会|大会|报告会|开班式|研讨班|座谈会|学习会))"
    r"(?:在[^，。；：]{1,16}?)?(?:隆重|正式)?(?:开幕|举行|召开|开班|启幕)(?=[，。；,;]|$)"
)
#: The relay a meeting's name declares (学习贯彻党的二十届四中全会精神…报告会).
#: The study-and-implement opening of a declared relay (学习贯彻, 学习宣传贯彻落实 …).
_STUDY = r"学习(?:宣传)?贯彻(?:落实)?"
_DECLARATION = re.compile(rf"(?:传达)?{_STUDY}[^，。；：]{{1,80}}?精神")
#: The hosts before an event's name (由X和Y共同主办的): not part of the name.
_HOSTS = re.compile(r"^由[^，。；：]{1,40}?(?:主办|举办|承办)的")
#: Marks of a city-level meeting, which needs its city to be named.
_CITY_LEVEL = ("市委", "全市", "市政府")
_PROVINCE = re.compile("广东|全省|省委|省政府")
_CENTRAL = re.compile("全国|中央")


def declared_meeting(text: str, pos: int, end: int, city: str | None) -> Mention | None:
    """The meeting or event held at the clause opening at ``pos`` (see module doc).

    The node is the meeting's name without its declared relay (学习贯彻…精神) and
    without its theme, led by its city (汕尾市学习贯彻…报告会 → 汕尾…报告会; a city
    inside the name, else ``city``). A name with no place (中央, 全国, 广东, 省, a city)
    names no meeting; one of city level (市委, 全市) needs its city.
    """
    m = _HELD.match(text, pos, end)
    if not m:
        return None
    raw = m.group("name")
    declared = _DECLARATION.search(raw) is not None
    name = _HOSTS.sub("", _DECLARATION.sub("", raw))
    if not declared and not name.endswith(("节", "博览会", "交易会", "论坛", "运动会")):
        return None  # …大会举行 with nothing declared: the existing meeting patterns decide
    cities = speech_lexicons()["cities"]
    own = next((c for c in cities if name.startswith(c)), None)
    if own:
        name = name[len(own) :]
        if name.startswith("市") and not name.startswith(("市委", "市政府", "市人大", "市政协")):
            name = name[1:]  # 汕尾市…报告会 → 汕尾…报告会; 韶关市委宣讲团 keeps 市委
        else:
            name = own + name  # the city belongs to the organ (韶关市委宣讲团…)
            own = None
    inside = speech_lexicons()["city_re"].search(name)
    place = own or (inside.group(0) if inside else None)
    if place is None and any(k in name for k in _CITY_LEVEL):
        place = city
        if place is None:
            return None
    if place:
        node, level = (name if name.startswith(place) else place + name), "市"
    elif _PROVINCE.search(name):
        node, level = name, "省"
    elif _CENTRAL.search(name):
        node, level = name, "中央"
    else:
        return None
    return Mention(pos, m.end("name"), node, "", MEETING, level=level)


def declared_subjects(
    text: str, clauses: list[Clause], city: str | None, para_city: str | None
) -> list[Clause]:
    """``clauses`` with the subject of each clause that opens with a held meeting
    (:func:`declared_meeting`) set to that meeting; ``city`` is the paragraph's city so
    far (or the article's home city), ``para_city`` the first city of the whole paragraph."""
    out = []
    for cl in clauses:
        if not isinstance(cl.subject, Mention):
            met = declared_meeting(text, cl.body, cl.end, city or para_city)
            if met is not None:
                cl = Clause(cl.start, cl.end, cl.body, met)
        out.append(cl)
    return out


def paragraph_cities(paras: list[object], texts: list[str]) -> dict[object, str]:
    """The first city named in each paragraph (``paras[i]`` is the paragraph of
    ``texts[i]``); paragraphs that name none are left out."""
    out: dict[object, str] = {}
    for para, text in zip(paras, texts, strict=True):
        if para not in out:
            m = speech_lexicons()["city_re"].search(text)
            if m:
                out[para] = m.group(0)
    return out


# ------------------------------------------------------------ names run into a lead-in

#: Characters before a name that make it an object or a possessor, not a run-in subject.
_OBJECT_BEFORE = frozenset("的对向同与和及请由是为将把给以到见跟让被从受按了习彻实达会")
#: What may stand between a run-in name and its verb: nothing, or 在…时/上/中.
_RUN_IN_GAP = re.compile(r"(?:在[^，。；：]{0,30}?(?:时|上|中|期间))?")


def run_in_subjects(text: str, clauses: list[Clause], persons: list[Mention]) -> list[Clause]:
    """``clauses`` with the subject of a clause that has none set to a person whose name
    is run into a lead-in (a bold headline merged with the paragraph after it:
    …贡献经济特区的独特力量王定毅说，). The clause opens with no subject of its own (not
    a place, a document or the own voice); the person is known in the article (or is
    习近平总书记) and has no title right before the name; the word before the name is no
    verb or preposition (支持习近平主席提出…, 按特朗普要求) and no character that makes
    it an object (受, 从, 对 …); a speech verb follows at once or after 在…时 only; and
    nothing before the name in the clause is a speech or relay verb."""
    lx = speech_lexicons()
    out = []
    for cl in clauses:
        if cl.subject is None or cl.subject == WEAK:
            cl = _run_in(text, cl, persons, lx) or cl
        out.append(cl)
    return out


def _run_in(text: str, cl: Clause, persons: list[Mention], lx) -> Clause | None:
    p = next((p for p in persons if cl.body < p.start < cl.end), None)
    if p is None or p.kind != PERSON or title_before(text, p.start, lx):
        return None
    start = p.start - len(p.name) if text.endswith(p.name, 0, p.start) else p.start
    before = text[cl.body : start]  # 总书记 alone is 习近平: read before 习近平总书记
    if not before or before[-1] in _OBJECT_BEFORE or not re.match(f"[{CJK}]", before[-1]):
        return None
    if jieba_dictionary().get(before[-2:], "n") in ("v", "p"):  # not vn (发展, 建设)
        return None
    if lx["verb_re"].search(before) or any(f in before for f in lx["frames"]):
        return None
    verbs = [v for v in speech_verbs(text) if p.end <= v[0] < cl.end]
    if verbs and _RUN_IN_GAP.fullmatch(text, p.end, verbs[0][0]):
        return Clause(cl.start, cl.end, cl.body, p)
    return None


#: 据X…的消息/报道/通报，: X is the source of what follows, not its subject.
_ACCORDING_TO = re.compile(r"据[^，。；：]{2,30}的(?:消息|报道|通报|信息|声明)[，,]")


def according_to_subjects(text: str, clauses: list[Clause]) -> list[Clause]:
    """``clauses`` with the subject of a clause 据X…的消息， set to no speaker (据拉斯穆森
    会后发布的消息，丹麦已向美方提出…: 丹麦, not 拉斯穆森, is the subject of what follows)."""
    return [
        Clause(cl.start, cl.end, cl.body, OTHER)
        if _ACCORDING_TO.fullmatch(text, cl.start, cl.end)
        else cl
        for cl in clauses
    ]


# ------------------------------------------------- bodies joined as 等N部门

#: A list of bodies closed by 等N部门 (全国妇联等16部门, 中央政法委、全国人大法工委等6部门).
_DEPARTMENTS = re.compile(
    r"(?P<list>[^，。；：“”《》]{2,40}?)等(?:\d+|[一二三四五六七八九十]+)个?(?:部门|单位|部委)"
)
_CENTRAL_BODY = ("全国", "国家", "中国", "国务院", "中央", "中共中央")


def department_subjects(text: str, clauses: list[Clause], state: DocState) -> list[Clause]:
    """``clauses`` with the subject of a clause that opens with bodies closed by 等N部门
    set to the first of them, the others joined to it (全国妇联等16部门联合部署…，要求… →
    全国妇联): each listed name must be a named body (an organ ending of
    ``body_suffixes.csv``, a customary short name, or a central name of 4+ characters:
    全国妇联)."""
    out = []
    for cl in clauses:
        m = _DEPARTMENTS.match(text, cl.body, cl.end)
        subj = cl.subject
        partial = (
            isinstance(subj, Mention) and subj.kind == BODY and subj.end < m.end() if m else False
        )
        if m and (not isinstance(subj, Mention) or partial):
            bodies = _listed_bodies(text, m, state)
            if bodies:
                first = bodies[0]
                head = Mention(first.start, m.end(), first.name, "", BODY, level=first.level)
                cl = Clause(cl.start, cl.end, cl.body, replace(head, co=tuple(bodies[1:])))
        out.append(cl)
    return out


def _listed_bodies(text: str, m: re.Match[str], state: DocState) -> list[Mention]:
    bodies, pos = [], m.start("list")
    for part in m.group("list").split("、"):
        found = named_body_at(text, pos, pos + len(part), state)
        central = part.startswith(_CENTRAL_BODY) and len(part) >= 4
        if not (found and found[1] == pos + len(part)) and not central:
            return []
        name = found[0] if found and found[1] == pos + len(part) else part
        level = "中央" if part.startswith(_CENTRAL_BODY) else body_level(name)
        bodies.append(Mention(pos, pos + len(part), name, "", BODY, level=level))
        pos += len(part) + 1
    return bodies


# ------------------------------------------------- a lecture group that declares

#: 学习贯彻…精神中央宣讲团(成员)…: the group declares what it preaches (not its meetings:
#: …宣讲团动员会, …宣讲团报告会).
_DECLARED_GROUP = re.compile(
    rf"(?:{_STUDY})[^，。；：]{{1,60}}?精神(?P<x>中央|省委)宣讲团(?!宣讲报告会|[^，。；：]{{0,4}}会)"
)


def declared_groups(text: str, clauses: list[Clause]) -> list[Clause]:
    """``clauses`` with the subject of a clause that opens with a lecture group whose name
    declares its relay (学习贯彻党的二十届四中全会精神中央宣讲团成员在各地宣讲 → 中央宣讲团,
    the codebook's node) set to that group."""
    out = []
    for cl in clauses:
        m = _DECLARED_GROUP.match(text, cl.body, cl.end)
        if m and not isinstance(cl.subject, Mention):
            level = "中央" if m.group("x") == "中央" else "省"
            cl = Clause(
                cl.start,
                cl.end,
                cl.body,
                Mention(cl.body, m.end(), m.group("x") + "宣讲团", "", BODY, level=level),
            )
        out.append(cl)
    return out
