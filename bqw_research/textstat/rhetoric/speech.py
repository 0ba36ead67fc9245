"""Who speaks in a sentence: speaker mentions, clause subjects and speech acts.

The rules follow the project's codebook (``speakers_and_citations.md``, version 1):
a speech act is a speech verb (``speech_verbs.csv``: 说, 表示, 强调, 指出, 要求,
主持, …并讲话, 作…报告, 作出…指示 …) whose grammatical subject is a *named* person
or a *named* body. The subject is read clause by clause (clauses end at ，；：。！？):

* a clause that starts — after dates and connectives (11月13日下午, 此外, 据 …) —
  with a speaker expression has that speaker as subject: a title and a name
  (省委书记黄坤明, 总统马克龙), a name and a name-first title (习近平总书记), a name
  already seen with a title in the article, 总书记 (= 习近平), 他/她 (= the last person
  named as a subject), a meeting by pattern (``citation_nodes.csv``: 省委常委会,
  梅州市委常委会, 省委十三届七次全会 …; 会议/全会 resolve to the meeting just
  reported) or a named body ending in an organ (``body_suffixes.csv``: 俄罗斯国防部,
  国际商会, 洛杉矶警方 …);
* a clause that starts with a verb or a preposition (并主持…, 强调…, 面向…宣讲)
  keeps the subject of the clause before it; at the start of a sentence it takes the
  subject of the paragraph's previous sentence (…。强调要…);
* any other clause (要…, 全省上下…, 广东…, 我们…) has no speaker: the document's own
  voice, a place or an unnamed subject never speaks.

A verb counts when what lies between its subject and it is adverbial (在…时/上/中,
近日, 再次, 代表…, 对…, 就…) and holds no relay verb and no 的; verbs in nominal
use (…的讲话, 提出的要求, 重要讲话, 在致辞中) are never acts. One act per sentence
and speaker; its verbs are joined with ``+``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bqw_research.textstat.rhetoric.common import CJK, jieba_dictionary, read_lexicon
from bqw_research.textstat.rhetoric.scan import Scanner, scanning_in_full

#: Chinese numerals of sessions (十三届七次, 二十届四中).
NUMERALS = "[一二三四五六七八九十]+"
CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")
PERSON, BODY, MEETING = "person", "institution", "meeting"
OTHER = "other"  # a clause subject that is not a speaker (place, document, own voice)
WEAK = "weak"  # a clause that opens with an unknown word: no subject of its own

#: Adverbs that open a predicate (高度评价…, 积极组织…), skipped as part of a clause's lead.
_PREDICATE_ADVERBS = (
    "全面|认真|坚决|切实|扎实|持续|迅速|积极|大力|着力|进一步|深刻|坚定|有力|亲自|先后"
    "|精心|周密|谆谆|悉心|高度"
)
_LEAD = re.compile(
    r"(?:\d{1,4}年|\d{1,2}月|\d{1,2}日|[上下]午|晚上|晚间|早上|凌晨|中午|当天|当晚|今天（[^）]{0,12}）"
    r"|今天|昨天|近日|日前|此前|此外|另外|同时|随后|其间|其中|前不久|同一天|正如|据|并|还|也|又|而|但|对此"
    f"|{_PREDICATE_ADVERBS}|专题|一体|明确"
    r"|再次|多次|首次|[一两二三四五六七八九十\d]+次|(?:党的)?[^，。；：“”]{1,12}?以来(?=[，,])"
    r"|[“”\s])"
)
#: A clause lead that ends in one of :data:`_PREDICATE_ADVERBS`.
_ADVERB_END = re.compile(f"(?:{_PREDICATE_ADVERBS})$")
_PRONOUN = re.compile(r"[他她](?![们人])")
#: Verbs that, opening a sentence with no subject, are the content of the previous
#: speaker's words rather than a new report (…指出，…。希望双方…): a continuation.
_CONTENT_OPENERS = ("希望",)
_DE_FREE = re.compile(r"在[^，。；：]{0,30}?(?:时|上|中|期间|之际|后|前)")
_GAP_BLOCK = ("的", "将", "把", "是", "聆听", "听取", "要把", "按照")
_SUBJECT_BLOCK = (
    "会见",
    "请",
    "受",
    "委托",
    "陪同",
    "听取",
    "聆听",
    "对",
    "向",
    "将",
    "把",
    "致电",
)
_NOMINAL_BEFORE = (
    "的",
    "重要",
    "明确",
    "具体",
    "总体",
    "部署",
    "实践",
    "工作",
    "有关",
    "更高",
    "严格",
)
_NOMINAL_BEFORE += ("基本", "各项", "殷切", "这一", "上述", "新", "政治", "纪律", "提出", "根本")
_PREPOSITIONS = ("在", "对", "就", "向", "面向", "围绕", "代表", "按照", "根据", "把", "将")
_PREPOSITIONS += ("带领", "率领", "通过", "结合", "针对", "随着")
#: Clause openings that are a subject other than a speaker: the document's own voice
#: (我们, 要 …), generic or unnamed subjects (各地, 全省上下), places, documents.
_NOT_SPEAKER = re.compile(
    r"要|必须|应当|应该|务必|需要|我|你|咱|他们|她们|大家|各|该|这|那|此|其|本|全省|全市|全县|全区"
    r"|全国|全党|全社会|广东|我国|我省|我市|中国|广大|纷纷|与会|《|“"
)


@dataclass(frozen=True)
class Mention:
    """A person or body mentioned in a sentence (``kind``: person | institution | meeting)."""

    start: int
    end: int
    name: str
    title: str
    kind: str
    cited: bool = False
    level: str = ""
    co: tuple[Mention, ...] = ()  # people sharing the subject (张三、李四分别作报告)


@dataclass
class DocState:
    """What a document has said so far: names with titles, the meeting being reported."""

    known: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    meeting: Mention | None = None
    plenum: tuple[str, str] | None = None
    plenums: dict[str, str] = field(default_factory=dict)  # level → last plenum named
    bodies: dict[str, str] = field(default_factory=dict)
    last_person: Mention | None = None


@dataclass(frozen=True)
class Act:
    """A speech act in a sentence: speaker, verbs, position of the first verb."""

    speaker: Mention
    verbs: tuple[str, ...]
    start: int


@dataclass(frozen=True)
class Clause:
    """A clause's span, where its text starts after leading adverbials, and its subject."""

    start: int
    end: int
    body: int
    subject: Mention | str | None  # Mention, OTHER, or None (inherits)


# --------------------------------------------------------------------------- lexicons


def _sub_placeholders(pattern: str, cities: str) -> str:
    return pattern.replace("{N}", NUMERALS).replace("{CITY}", cities)


@lru_cache(maxsize=1)
def speech_lexicons() -> dict[str, Any]:
    """Every lexicon of speakers and speech acts, compiled once.

    The speech verbs and the node patterns are :class:`.scan.Scanner` objects: they
    are tried only where a match can start (the verbs' alternation is otherwise tried
    at every character), with the same matches as ``re``.
    """
    from bqw_research.textstat.regions.gazetteer import gazetteer_cities

    cities = sorted(gazetteer_cities()["short_name"], key=len, reverse=True)
    city_alt = "(?:" + "|".join(map(re.escape, cities)) + ")"
    offices = read_lexicon("offices")
    verbs = read_lexicon("speech_verbs")
    nodes = read_lexicon("citation_nodes")
    title_first = offices.loc[offices["order"] == "title_first"]
    name_first = offices.loc[offices["order"].str.startswith("name_first")]
    verb_alt = "|".join(f"(?P<v{i}>{p})" for i, p in enumerate(verbs["pattern"]))
    node_rows = []
    for row in nodes.itertuples(index=False):
        rx = Scanner.of(_sub_placeholders(row.pattern, city_alt))
        node_rows.append((rx, row.node, row.level, row.role, row.needs))
    countries = read_lexicon("country_abbreviations")
    suffixes = sorted(read_lexicon("body_suffixes")["suffix"], key=len, reverse=True)
    return {
        "cities": tuple(cities),
        "city_re": re.compile(city_alt),
        "surnames": frozenset(read_lexicon("surnames")["surname"]),
        "translit": frozenset(read_lexicon("transliteration_chars")["char"]),
        "boundaries": tuple(sorted(read_lexicon("name_boundaries")["word"], key=len, reverse=True)),
        "frames": tuple(sorted(read_lexicon("citation_frames")["word"], key=len, reverse=True)),
        "title_first": tuple(sorted(title_first["title"], key=len, reverse=True)),
        "title_re": re.compile(
            "|".join(map(re.escape, sorted(title_first["title"], key=len, reverse=True)))
        ),
        "title_levels": dict(zip(offices["title"], offices["level"], strict=True)),
        "name_first": tuple(sorted(name_first["title"], key=len, reverse=True)),
        "name_first_any": tuple(
            name_first.loc[name_first["order"] == "name_first", "title"].sort_values()
        ),
        "verb_re": Scanner.of(verb_alt),
        "verb_names": tuple(verbs["verb"]),
        "verb_acts": dict(zip(verbs["verb"], verbs["act"], strict=True)),
        "nodes": tuple(node_rows),
        "country_full": dict(zip(countries["abbr"], countries["name"], strict=True)),
        "country_abbr": dict(zip(countries["name"], countries["abbr"], strict=True)),
        "suffixes": tuple(suffixes),
        "suffix_re": re.compile("(?:" + "|".join(map(re.escape, suffixes)) + ")$"),
        "aliases": dict(
            zip(*(read_lexicon("body_aliases")[c] for c in ("alias", "name")), strict=True)
        ),
    }


# ---------------------------------------------------------------------------- clauses


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of ``text`` (each ends after its punctuation mark)."""
    spans, start = [], 0
    for m in CLAUSE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def skip_lead(text: str, pos: int, end: int) -> int:
    """Position after the dates, times and connectives that open a clause at ``pos``."""
    while pos < end:
        m = _LEAD.match(text, pos, end)
        if not m or m.end() == pos:
            break
        if m.group(0).endswith("以来") and speech_lexicons()["verb_re"].search(m.group(0)):
            break  # 指出盐田港自开发建设以来，: a verb, not a time phrase
        pos = m.end()
    return pos


# ---------------------------------------------------------------------------- persons


def name_level(title: str) -> str:
    """Level of a person from the last office of the title chain (中央 / 省 / 市 / 县 /
    国际 …): 省委常委、X市委书记 → 市; 中共中央总书记、国家主席、中央军委主席 → 中央."""
    if not title:
        return ""
    last = title.split("、")[-1]
    if last.startswith(("中共中央", "国家", "国务院", "中央", "全国")) or last == "总书记":
        return "中央"
    for mark, level in (("省", "省"), ("市", "市"), ("县", "县"), ("区", "县")):
        if mark in last[:4]:
            return level
    lx = speech_lexicons()
    return lx["title_levels"].get(last, "") or ""


def _is_boundary(rest: str, lx: dict[str, Any]) -> bool:
    if not rest or not re.match(f"[{CJK}]", rest[0]):
        return True
    if rest.startswith(lx["boundaries"]) or rest.startswith(lx["frames"]):
        return True
    return lx["verb_re"].match(rest) is not None


def chinese_name(text: str, pos: int, lx: dict[str, Any]) -> int:
    """End of a surname-led name of 2–3 characters at ``pos`` (0 when there is none).

    The name must end where a boundary starts (punctuation, a predicate opener, a speech
    or relay verb). When both lengths fit, a two-character name wins if what follows it
    is a word of two or more characters from the boundary list (逯峰来到, 余钢表示).
    """
    surname = 2 if text[pos : pos + 2] in lx["surnames"] else 1
    if text[pos : pos + surname] not in lx["surnames"]:
        return 0
    fits = []
    for length in (surname + 2, surname + 1):
        name = text[pos : pos + length]
        cjk = len(name) == length and re.fullmatch(f"[{CJK}]+", name)
        if cjk and _is_boundary(text[pos + length :], lx):
            fits.append(length)
    if not fits:
        return 0
    if len(fits) == 2:
        rest2 = text[pos + fits[1] :]
        long_word = rest2[:1] in lx["boundaries"] or any(
            rest2.startswith(w) for w in lx["boundaries"] if len(w) >= 2
        )
        if long_word or lx["verb_re"].match(rest2) or rest2.startswith(lx["frames"]):
            return pos + fits[1]
    return pos + fits[0]


#: Hyphens inside a transliterated name (塔赫特-拉万希), like the middle dot.
_NAME_JOINERS = ("-", "－", "‐")
_JOINED = ("·", *_NAME_JOINERS)


def foreign_name(text: str, pos: int, lx: dict[str, Any]) -> int:
    """End of a transliterated name (2–8 characters of the transliteration table, hyphens
    between them; up to 14 when a middle dot or hyphen joins its parts: 皮埃尔·普瓦列夫尔)."""
    end = pos
    while end < len(text) and (
        end - pos < 8 or (end - pos < 14 and any(c in text[pos:end] for c in _JOINED))
    ):
        joined = (
            text[end] in _NAME_JOINERS and end > pos and text[end + 1 : end + 2] in lx["translit"]
        )
        if text[end] not in lx["translit"] and not joined:
            break
        end += 1
    while end - pos >= 2:
        if text[end - 1] not in ("·", *_NAME_JOINERS) and _is_boundary(text[end:], lx):
            return end
        end -= 1
    return 0


def title_before(text: str, pos: int, lx: dict[str, Any]) -> str:
    """The office title that ends right before ``pos`` (``""`` when none; a closing
    bracket between them is skipped: 校长（院长）陈希)."""
    pos -= text.endswith("）", 0, pos)
    return next((t for t in lx["title_first"] if text.endswith(t, 0, pos)), "")


#: What ends a title chain read backwards from a name: a date, a verb of meeting or
#: visiting, a preposition (…会见越南国会副主席陈光方: the chain is 越南国会副主席).
_CHAIN_BREAK = re.compile(r"\d+日|会见|会谈|接见|看望|慰问|陪同|同|与|向|对|在|及")


def title_chain(text: str, start: int, pos: int) -> str:
    """The title chain written from ``start`` to ``pos``, without a leading place."""
    chain = text[start:pos].strip("，、 ")
    cut = list(_CHAIN_BREAK.finditer(chain))
    if cut:  # 委员长赵乐际20日在北京会见越南国会副主席 → 越南国会副主席
        chain = chain[cut[-1].end() :]
    lx = speech_lexicons()
    for city in lx["cities"]:
        if chain.startswith(city):
            chain = chain[len(city) :]
            break
    chain = re.sub(
        r"^(?:广东(?:省(?!委))?|中国|韩国|法国|美国|俄罗斯|塞尔维亚|乌兹别克斯坦|伊朗)", "", chain
    )
    return chain


def _after_named_title(text: str, pos: int, title: str) -> bool:
    """A title that itself follows a name (习近平总书记殷殷嘱托): no second name after it."""
    start = pos - len(title)
    if text.endswith("总", 0, start):
        start -= 1
    head = text[max(0, start - 4) : start]
    return (
        bool(head)
        and not head.endswith(("中共中央", "党中央", "、"))
        and bool(re.match(f"[{CJK}]", head[-1:]))
        and text[start:pos].endswith("总书记")
    )


_FUNCTION_CHARS = frozenset(
    "的等在将于共邀时要以和今已就对向也还又都并与及同跟给把被让使是为从到着了过请称说"
)


def plausible_name(name: str, *, recurring: bool = False) -> bool:
    """The precision check of a learned name (it may reach the tokenizer).

    A name passes when it is no common word of jieba's dictionary (全面, 关于, 通话 …)
    unless tagged as a person name there (李强 nrfg, 布朗 nr); when it does not end in
    a function character (王毅等, 卢拉邀, 万斯的); and, for a three-character name, when
    its given name is no common word (国今天, 和大家: 今天, 大家 are words, not names) —
    checked for names accepted by ``recurring`` only (no boundary after the title).
    """
    words = jieba_dictionary()
    tag = words.get(name)
    foreign = set(name) <= speech_lexicons()["translit"]
    if tag is not None and not tag.startswith("nr") and not (foreign and tag in ("ns", "nz")):
        return False  # jieba tags some foreign leaders as places (普京 ns)
    if name[-1] in _FUNCTION_CHARS:
        return False
    given = words.get(name[1:]) if len(name) == 3 and recurring else None
    return given is None or given.startswith("nr")


def titled_names(text: str, *, relaxed: bool = False) -> list[tuple[int, int, str]]:
    """Names right after an office title: ``(start, end, title chain)``.

    A name is a surname-led name of 2–3 characters or a transliterated name that ends at
    a boundary; with ``relaxed``, every surname-led candidate of 3 and 2 characters is
    returned too (the caller keeps those that recur in the article).
    """
    lx = speech_lexicons()
    out = []
    for tm in lx["title_re"].finditer(text):
        i, title = tm.end(), tm.group(0)
        i += text.startswith("）", i)  # 校长（院长）陈希: the name after the bracket
        if i >= len(text) or _after_named_title(text, i, title):
            continue
        if title + text[i] in jieba_dictionary():  # 主席国, 主席台, 委员会: no name follows
            continue
        cl = max(text.rfind(c, 0, i - len(title)) for c in "，。；：") + 1
        chain = title_chain(text, cl, i) or title
        end = chinese_name(text, i, lx) or foreign_name(text, i, lx)
        if end and text[end : end + 1] in _JOINED:  # 皮埃尔·普瓦列夫尔: the name goes on
            end = max(end, foreign_name(text, i, lx))
        if end:
            if plausible_name(text[i:end]):
                out.append((i, end, chain))
        elif relaxed:
            run = i
            while run < len(text) and run - i < 8 and text[run] in lx["translit"]:
                run += 1
            if text[i] in lx["surnames"]:
                out += [
                    (i, i + n, chain)
                    for n in (3, 2)
                    if re.fullmatch(f"[{CJK}]{{{n}}}", text[i : i + n])
                ]
            out += [(i, e, chain) for e in range(run, i + 1, -1)]
    return out


def name_first_names(text: str, known: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """Names right before a name-first title (习近平总书记): ``(start, end, name, title)``.

    总书记 and 同志 follow any three-character surname-led name that starts at a word
    boundary (学习贯彻总书记 gives no 习贯彻); 主席, 总统 and 总理 only a known name.
    """
    lx = speech_lexicons()
    out = []
    for t in lx["name_first"]:
        if t not in text and not scanning_in_full():
            continue
        for m in re.finditer(re.escape(t), text):
            for length in (3, 2):
                s = m.start() - length
                cand = text[max(s, 0) : m.start()]
                if s < 0 or not re.fullmatch(f"[{CJK}]+", cand):
                    continue
                if cand in known:
                    out.append((s, m.end(), cand, t))
                    break
                before = text[:s]
                at_boundary = (
                    not before
                    or not re.match(f"[{CJK}]", before[-1])
                    or before.endswith(lx["frames"])
                    or before.endswith(lx["boundaries"])
                    or before[-1] in "对向同与和及请由是为将把给以到见跟的"
                    or before.endswith("正如")
                )
                if (
                    t in lx["name_first_any"]
                    and length == 3
                    and cand[0] in lx["surnames"]
                    and at_boundary
                    and not lx["verb_re"].match(cand)
                ):
                    out.append((s, m.end(), cand, t))
                    break
    return out


def learn_names(texts: list[str]) -> dict[str, str]:
    """Names an article gives with a title (name → first title chain), from all its text.

    A name found after a title whose end is unclear (韩国总统李在明举行…) is kept when
    the same string recurs elsewhere in the article.
    """
    known: dict[str, str] = {}
    whole = "\n".join(texts)
    pending: list[tuple[str, str]] = []
    for text in texts:
        for s, e, chain in titled_names(text, relaxed=True):
            name = text[s:e]
            lx = speech_lexicons()
            if chinese_name(text, s, lx) == e or foreign_name(text, s, lx) == e:
                if plausible_name(name):
                    known.setdefault(name, chain)
            else:
                pending.append((name, chain))
        for _s, _e, name, t in name_first_names(text, known):
            if plausible_name(name):
                known.setdefault(name, t)
    lx = speech_lexicons()
    for name, chain in pending:
        if (
            name in known
            or not plausible_name(name, recurring=True)
            or any(k.startswith(name) or name.startswith(k) for k in known)
        ):
            continue
        ends = [m.end() for m in re.finditer(re.escape(name), whole)]
        if len(ends) >= 2 and any(_is_boundary(whole[e:], lx) for e in ends):
            known[name] = chain
    return known


@lru_cache(maxsize=64)
def known_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of an article's known names, longest first."""
    if not names:
        return None
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


def person_mentions(text: str, state: DocState) -> list[Mention]:
    """People named in ``text``: after a title, before a name-first title, or known.

    ``state.known`` (name → title) holds the names learned from the whole article
    (:func:`learn_names`); names found here after a title are added to it.
    """
    lx = speech_lexicons()
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, name: str, title: str) -> None:
        if any(a < e and s < b for a, b in taken):
            return
        state.known.setdefault(name, title)
        state.levels.setdefault(name, name_level(state.known[name]))
        out.append(Mention(s, e, name, state.known[name], PERSON, level=state.levels[name]))
        taken.append((s, e))

    for s, e, chain in titled_names(text):
        add(s, e, text[s:e], chain)
    for s, e, name, t in name_first_names(text, state.known):
        add(s, e, name, t)
    pattern = known_pattern(tuple(sorted(state.known)))
    for m in pattern.finditer(text) if pattern else ():
        name, rest = m.group(0), text[m.end() :]
        if len(name) >= 3 or _is_boundary(rest, lx) or rest.startswith(lx["name_first"]):
            add(m.start(), m.end(), name, state.known[name])
    for m in re.finditer("(?<![党支])总书记(?!、)", text):  # 总书记 on its own is 习近平
        add(m.start(), m.end(), "习近平", state.known.get("习近平", "总书记"))
    return sorted(out, key=lambda mt: mt.start)


# ----------------------------------------------------------------------------- bodies


def body_name(raw: str, state: DocState) -> str:
    """A body's name, the same for every mention in an article (俄国防部 = 俄罗斯国防部)."""
    lx = speech_lexicons()
    name = lx["aliases"].get(raw, raw)
    full = lx["country_full"].get(name[:1])
    if full and name[1:].startswith(lx["suffixes"]) and len(name) > 3:
        name = full + name[1:]
    key = name
    for country, abbr in lx["country_abbr"].items():
        if key.startswith(country):
            key = abbr + key[len(country) :]
            break
    key = key.replace("方面", "方")
    return state.bodies.setdefault(key, name)


@lru_cache(maxsize=4096)
def speaker_nodes(first: str = "") -> tuple[tuple[Any, ...], ...]:
    """The node patterns of speakers (role speaker or both), in lexicon order, that a
    match starting with the character ``first`` may come from (``""``: all of them)."""
    return tuple(
        row
        for row in speech_lexicons()["nodes"]
        if row[3] != "source" and (not first or row[0].first is None or first in row[0].first)
    )


def meeting_at(text: str, pos: int, end: int, state: DocState, city: str | None):
    """A meeting or named organ by pattern at ``pos`` → ``(node, level, match end)``."""
    at = pos < min(end, len(text)) and not scanning_in_full()
    for rx, node, level, _role, _needs in speaker_nodes(text[pos] if at else ""):
        m = rx.match(text, pos, end)
        if not m:
            continue
        groups = {k: v or "" for k, v in m.groupdict().items()}
        if "{ctxcity}" in node:
            if not city:
                continue
            groups["ctxcity"] = city
        return node.format(**groups), level, m.end()
    return None


_WINDOW = re.compile(f"[{CJK}]{{1,16}}")
_BODY_BLOCK = re.compile(
    r"的|位于|立即|作出|推进|推动|健全|加快|持续|已经|正在|将|要|是|在|把|从|对|向|有关|相关"
)
_COMMON_ENDINGS = ("部署", "签署", "干部", "全部", "内部", "外部", "局部", "总部", "东部", "西部")
_COMMON_ENDINGS += ("南部", "北部", "中部", "大局", "格局", "布局", "开局", "结局", "变局", "全局")


def named_body_at(text: str, pos: int, end: int, state: DocState):
    """A named body at ``pos`` → ``(name, end)``: the longest opening that ends in an organ
    of ``body_suffixes.csv`` (国务院办公厅, 俄罗斯国防部, 国际商会方面) or is a country's
    side (中方, 乌方). A one-character organ (部, 局, 署) needs a boundary after it and is
    not the end of a common word (部署, 干部, 格局)."""
    lx = speech_lexicons()
    window = _WINDOW.match(text, pos, end)
    if not window or window.group(0)[0] in "各有相其该这那我你双多一本全":
        return None
    window_text = window.group(0)
    best = None
    for i in range(2, len(window_text) + 1):
        head = window_text[:i]
        if _BODY_BLOCK.search(head):
            break
        found = lx["suffix_re"].search(head)
        suffix = found.group(0) if found else ""
        side = len(head) == 2 and head[1] == "方" and head[0] in lx["country_full"]
        if head in lx["aliases"] or side or len(head) > len(suffix) >= 2:
            best = i
        elif suffix and not head.endswith(_COMMON_ENDINGS) and len(head) >= 3:
            after = text[pos + i :]
            if _is_boundary(after, lx) or re.match(
                r"\d|今天|同一天|当天|当晚|当地时间|昨天|近日|日前", after
            ):
                best = i
    if best is None or _adverbial_head(window_text[:best], lx):
        return None
    office = lx["title_re"].match(text, pos + best)
    if office and (chinese_name(text, office.end(), lx) or foreign_name(text, office.end(), lx)):
        return None  # 乌克兰武装部队总司令瑟尔斯基称: the named office-holder speaks, not the body
    return body_name(window_text[:best], state), pos + best


def _adverbial_head(head: str, lx: dict[str, Any]) -> bool:
    """An organ ending after an adverb or a verb (精心组织, 统筹部门) is no body name."""
    found = lx["suffix_re"].search(head)
    before = head[: found.start()] if found else head
    return jieba_dictionary().get(before, "n")[:1] in ("d", "a", "v", "c", "p")


def body_level(name: str) -> str:
    """Level of a body node from its name."""
    lx = speech_lexicons()
    if name.startswith(("中央", "党中央", "中共中央", "国务院", "最高人民")) or re.match(
        f"(?:党的)?{NUMERALS}届", name
    ):
        return "中央"
    if name.startswith("省") or re.match(f"[{CJK}]{{2,3}}省", name):
        return "省"
    if name.startswith(lx["cities"]):
        return "市"
    return "国际"


# ---------------------------------------------------------------------------- subjects


def context_city(text: str, upto: int) -> str | None:
    """The last city named in ``text`` before ``upto``."""
    found = speech_lexicons()["city_re"].findall(text[:upto])
    return found[-1] if found else None


_POSSESSIVE = re.compile(r"(?:在[^，。；：]{0,20}?(?:时|上|中|期间))?的")


def _document_after(text: str, end: int) -> bool:
    """A subject followed by 《…》 or 的 is a document or a possessor, not a speaker
    (习近平总书记在广东考察时的重要讲话在深圳引发反响: the subject is the speech)."""
    return text.startswith("《", end) or _POSSESSIVE.match(text, end) is not None


def subject_at(
    text: str, pos: int, end: int, persons: list[Mention], state: DocState, city: str | None
) -> Mention | str | None:
    """The subject of the clause whose text starts at ``pos`` (see module doc).

    Returns a :class:`Mention`, ``OTHER`` (a subject that does not speak), ``None``
    (the clause opens with a verb or a preposition and keeps the subject before it) or
    ``WEAK`` (an unknown opening: keeps the subject of its own sentence only).
    """
    lx = speech_lexicons()
    if pos >= end or CLAUSE_END.match(text, pos):
        return None
    if _PRONOUN.match(text, pos):
        if state.last_person is None:
            return OTHER
        p = state.last_person
        return Mention(pos, pos + 1, p.name, p.title, PERSON, level=p.level)
    for k, p in enumerate(persons):
        if p.start < pos or p.start >= end:
            continue
        if _titled_subject(text, pos, p) and not _document_after(text, p.end):
            return _with_co_subjects(text, p, persons[k + 1 :], end)
    if text.startswith(("会议", "全会"), pos) and not text.startswith("会议室", pos):
        if _document_after(text, pos + 2):
            return OTHER
        return _resolved_meeting(text[pos : pos + 2], pos, state)
    met = meeting_at(text, pos, end, state, city)
    if met:
        node, level, m_end = met
        if _document_after(text, m_end):
            return OTHER
        return Mention(pos, m_end, node, "", MEETING, level=level)
    if _opens_predicate(text, pos):
        return None
    if _NOT_SPEAKER.match(text, pos) or text.startswith(lx["cities"], pos):
        return OTHER
    listed = _responsible_list(text, pos, end, state)
    if listed is not None:
        return listed
    body = responsible_body_at(text, pos, end, state) or named_body_at(text, pos, end, state)
    if body:
        name, b_end = body
        if name.startswith("市") and city:  # 市委宣传部 in a 深圳 paragraph
            name = city + name
        return Mention(pos, b_end, name, "", BODY, level=body_level(name))
    return WEAK


#: An unnamed official of a named body (XX局相关负责人表示): the body speaks (codebook v1).
_RESPONSIBLE = re.compile(f"([{CJK}]{{2,14}}?)(?:有关|相关|主要)?负责(?:人|同志)")


def responsible_body_at(text: str, pos: int, end: int, state: DocState):
    """``(body name, end)`` of a clause opening ``X有关负责人`` (腾讯有关负责人表示,
    市建筑工务署相关负责人介绍); ``None`` otherwise or when X is not a name (各地, 有关)."""
    m = _RESPONSIBLE.match(text, pos, end)
    unnamed = m is not None and m.group(1).endswith(("有关", "相关", "主要"))
    if not m or unnamed or _NOT_SPEAKER.match(m.group(1)) or _BODY_BLOCK.search(m.group(1)):
        return None
    return body_name(m.group(1), state), m.end()


_RESPONSIBLE_LIST = re.compile(
    f"((?:[{CJK}]{{2,14}}?[、和])+[{CJK}]{{2,14}}?)(?:有关|相关|主要)?负责(?:人|同志)"
)
_LIST_TAIL = re.compile(r"等(?:[一二三四五六七八九十\d]+个?)?(?:部门|单位|地)?$")
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:省|市|自治区|县|区|州)")


def _responsible_list(text: str, pos: int, end: int, state: DocState) -> Mention | str | None:
    """``A、B、C有关负责人``: each named body speaks (co-subjects); places only
    (安徽省和广东省有关负责人) are no named body (labelled set batch 4, decision 4):
    ``OTHER``. ``None`` when the clause does not open so."""
    m = _RESPONSIBLE_LIST.match(text, pos, end)
    if not m:
        return None
    cities = speech_lexicons()["cities"]
    if all(_PLACE.fullmatch(x) or x in cities for x in re.split("[、和]", m.group(1))):
        return OTHER
    # 和 after a body's last character joins two bodies; inside a name it stays (工业和信息化部)
    listed = _LIST_TAIL.sub("", m.group(1))
    parts = [x for x in re.split("、|(?<=[部委局署院办行厅])和", listed) if x]
    parts = [x for x in parts if not (_PLACE.fullmatch(x) or x in cities)]  # places: no body
    if len(parts) < 2:
        return OTHER if not parts else None
    if any(_NOT_SPEAKER.match(x) or _BODY_BLOCK.search(x) or len(x) < 2 for x in parts):
        return None
    names = [body_name(x, state) for x in parts]
    co = tuple(Mention(pos, m.end(), n, "", BODY, level=body_level(n)) for n in names[1:])
    return Mention(pos, m.end(), names[0], "", BODY, level=body_level(names[0]), co=co)


def _titled_subject(text: str, pos: int, p: Mention) -> bool:
    """Whether ``p`` opens the clause at ``pos``, alone or after its title chain."""
    lx = speech_lexicons()
    prefix = text[pos : p.start]
    if not prefix:
        return True
    return bool(
        title_before(text, p.start, lx)
        and not any(w in prefix for w in _SUBJECT_BLOCK)
        and not lx["verb_re"].search(prefix)
        and not _opens_predicate(text, pos)
    )


def _with_co_subjects(text: str, p: Mention, later: list[Mention], end: int) -> Mention:
    """``p`` with the people joined to it by 、/和 (广州市委书记郭永航、韶关市委书记陈少荣…)."""
    co: list[Mention] = []
    last = p
    for q in later:
        if q.start >= end or text[last.end : last.end + 1] not in ("、", "和", "及", "与"):
            break
        if not _titled_subject(text, last.end + 1, q) and q.start != last.end + 1:
            break
        co.append(q)
        last = q
    co += _untitled_names(text, last.end, end)
    if not co:
        return p
    last = co[-1] if co[-1].end > last.end else last
    return Mention(p.start, last.end, p.name, p.title, p.kind, p.cited, p.level, tuple(co))


def _untitled_names(text: str, pos: int, end: int) -> list[Mention]:
    """Names with no title of their own listed after a titled name and closed by 等(人)
    or a shared predicate (报告团成员梅玫、吴波、唐焕然等人分别作报告): each is a
    co-subject. Nothing when the list is not closed that way."""
    lx = speech_lexicons()
    out: list[Mention] = []
    while text[pos : pos + 1] == "、" and pos < end:
        n_end = chinese_name(text, pos + 1, lx)
        if not n_end or not plausible_name(text[pos + 1 : n_end]):
            return []
        out.append(Mention(pos + 1, n_end, text[pos + 1 : n_end], "", PERSON))
        pos = n_end
    closed = text.startswith(("等人", "等同志"), pos) or (
        text.startswith("等", pos) and _SHARED.match(text, pos + 1)
    )
    return out if out and (closed or _SHARED.match(text, pos)) else []


def _opens_predicate(text: str, pos: int) -> bool:
    """A clause opening with a verb, a relay verb, a predicate opener or a preposition."""
    lx = speech_lexicons()
    return bool(
        lx["verb_re"].match(text, pos)
        or text.startswith(lx["frames"], pos)
        or text.startswith(lx["boundaries"], pos)
        or text.startswith(_PREPOSITIONS, pos)
    )


def _resolved_meeting(word: str, pos: int, state: DocState) -> Mention | str:
    """会议 → the meeting just reported; 全会 → it if a plenum, else the last plenum."""
    meeting = state.meeting
    if word == "全会" and state.plenum and (meeting is None or not meeting.name.endswith("全会")):
        node, level = state.plenum
        return Mention(pos, pos + 2, node, "", MEETING, level=level)
    if meeting is not None:
        return Mention(pos, pos + 2, meeting.name, "", MEETING, level=meeting.level)
    return OTHER


_DASH = "——"


def _after_apposition(
    text: str, body: int, end: int, persons: list[Mention], state: DocState, city: str | None
) -> Mention | None:
    """The speaker named after a descriptive apposition that opens the clause
    (总部位于法国巴黎的全球性商业组织——国际商会方面7日发表声明说): the description
    before the dash holds no verb; the name after it is the subject."""
    dash = text.find(_DASH, body, end)
    if dash < 0 or speech_lexicons()["verb_re"].search(text[body:dash]):
        return None
    subject = subject_at(text, dash + len(_DASH), end, persons, state, city)
    return subject if isinstance(subject, Mention) else None


def clauses_of(text: str, persons: list[Mention], state: DocState, city: str | None):
    """The clauses of a sentence with their subjects (``Clause``)."""
    out = []
    for s, e in split_clauses(text):
        body = skip_lead(text, s, e)
        c_city = context_city(text, body) or city
        subject = subject_at(text, body, e, persons, state, c_city)
        if not isinstance(subject, Mention):
            subject = _after_apposition(text, body, e, persons, state, c_city) or subject
        if (
            isinstance(subject, Mention)
            and subject.kind == BODY
            and _ADVERB_END.search(text, s, body)
        ):
            subject = None  # 高度评价上合组织…: after an adverb, a predicate, not a subject
        if isinstance(subject, Mention) and subject.kind == PERSON:
            state.last_person = subject  # 他 later in the sentence is this person
            convened = convened_meeting(text, body, e, state)
            state.meeting = convened or state.meeting  # …主持召开X会议，会议指出
        out.append(Clause(s, e, body, subject))
    return _comma_joined(text, out)


#: Adverbs of a shared predicate (张三，李四，王五分别致辞): each named person speaks.
_SHARED = re.compile(r"(?:\d{1,2}日|当天|今天)?(?:分别|先后|均|共同|一同|依次)")


def _comma_joined(text: str, clauses: list[Clause]) -> list[Clause]:
    """Clauses that hold only a titled name each, followed by one whose named subject
    shares its predicate (广东省委书记黄坤明，香港特别行政区行政长官李家超，…分别致辞):
    the earlier names join that subject as co-subjects."""
    run: list[Mention] = []
    for k, cl in enumerate(clauses):
        subj = cl.subject
        if not isinstance(subj, Mention) or subj.kind != PERSON:
            run = []
            continue
        if text[subj.end : cl.end] in ("，", ","):
            run.append(subj)
            continue
        if run and _SHARED.match(text, subj.end):
            co = tuple(x for r in run for x in (r, *r.co)) + subj.co
            joined = Mention(
                subj.start, subj.end, subj.name, subj.title, subj.kind, subj.cited, subj.level, co
            )
            clauses[k] = Clause(cl.start, cl.end, cl.body, joined)
        run = []
    return clauses


# ------------------------------------------------------------------------------ verbs


@lru_cache(maxsize=4096)
def speech_verbs(text: str) -> tuple[tuple[int, int, str], ...]:
    """Speech verbs in ``text`` that are not in nominal use: ``(start, end, verb)``."""
    lx = speech_lexicons()
    out = []
    for m in lx["verb_re"].finditer(text):
        verb = lx["verb_names"][int(m.lastgroup[1:])]
        s, e = m.start(), m.end()
        if text.startswith("的", e) or text.endswith("的", 0, s):
            continue
        verbal = text[e : e + 1] in ("，", "：", ":", "“")
        nominal_form = verb in ("要求", "嘱托", "指示", "肯定") and text.endswith(
            _NOMINAL_BEFORE, 0, s
        )
        if nominal_form and not verbal:
            continue
        if verb in ("讲话", "致辞", "作报告") and text.endswith("在", 0, s):
            continue
        if verb == "提出" and _ANNIVERSARY.match(text, e):  # X提出Y10周年: a date
            continue
        out.append((s, e, verb))
    return tuple(out)


#: The rest of a clause naming an anniversary (…提出构建亚洲命运共同体10周年; labelled
#: set batch 4, decision 7).
_ANNIVERSARY = re.compile(r"[^，。；：]{0,30}?(?:\d+|[一二三四五六七八九十]+)周年")


def gap_ok(gap: str) -> bool:
    """Whether the text between a subject and its verb is adverbial only."""
    if len(gap) > 40:
        return False
    gap = _DE_FREE.sub("", gap)
    if re.fullmatch(r"[^，。；：]*?(?:时|期间|之际)", gap):
        gap = ""
    lx = speech_lexicons()
    if _OBJECT_PHRASE.fullmatch(gap):  # 对不断上升的债务表示担忧: 的 inside the 对-phrase
        gap = ""
    if any(w in gap for w in _GAP_BLOCK):
        return False
    return not any(f in gap for f in lx["frames"] if f not in ("宣讲", "结合"))


#: A 对/就-phrase right before the verb (对…表示担忧, 就…表示谴责): its object may hold 的.
_OBJECT_PHRASE = re.compile(r"[对就][^，。；：“”将把是要]{1,24}")


def lead_only(text: str, clause: Clause) -> bool:
    """A clause of dates and connectives only (同时，/ 此外，/ 11月5日，): the zero subject
    of the clause after it is still the previous sentence's (同时，强调要…)."""
    return not re.search(f"[{CJK}]", text[clause.body : clause.end])


def sentence_acts(
    text: str,
    clauses: list[Clause],
    prev_subject: Mention | None,
) -> tuple[list[Act], list[Mention | None]]:
    """Speech acts of a sentence, and the governing subject of each clause."""
    verbs = speech_verbs(text)
    acts: dict[str, Act] = {}
    governing: list[Mention | None] = []
    current: Mention | str | None = prev_subject
    first = next((k for k, cl in enumerate(clauses) if not lead_only(text, cl)), 0)
    for k, cl in enumerate(clauses):
        if k == first and prev_subject is not None and cl.subject is None:
            opener = text[cl.body : cl.body + 4]
            if not speech_lexicons()["verb_re"].match(opener) or opener.startswith(
                _CONTENT_OPENERS
            ):
                current = None  # 希望…: the previous speaker's words go on (no act of its own)
        if isinstance(cl.subject, Mention):
            current = cl.subject
            origin = cl.subject.end
        elif cl.subject == OTHER or (cl.subject == WEAK and current is prev_subject):
            current = OTHER
            origin = cl.body
        else:
            if k <= first and prev_subject is None:
                current = None
            origin = cl.body
        speaker = current if isinstance(current, Mention) else None
        governing.append(speaker)
        for s, _e, verb in verbs:
            if not (cl.body <= s < cl.end) or speaker is None:
                continue
            if s < origin or not gap_ok(text[origin:s]):
                continue
            for one in (speaker, *speaker.co):
                prev = acts.get(one.name)
                vs = (*prev.verbs, verb) if prev else (verb,)
                acts[one.name] = Act(one, vs, prev.start if prev else s)
        colon = text[cl.end - 1 : cl.end] in "：:" and text[cl.end : cl.end + 1] in '“"'
        named = isinstance(cl.subject, Mention) and speaker is not None
        if colon and named and speaker.kind == PERSON and speaker.name not in acts:
            acts[speaker.name] = Act(speaker, ("：",), cl.end - 1)
    return sorted(acts.values(), key=lambda a: a.start), governing


_CONVENES = re.compile("(?:主持)?召开了?")


def convened_meeting(text: str, start: int, end: int, state: DocState) -> Mention | None:
    """A named meeting a person subject convenes between ``start`` and ``end``
    (习近平…主持召开中央财经委员会第六次会议): the one 会议 refers to next (会议指出…)."""
    for m in _CONVENES.finditer(text, start, end):
        met = meeting_at(text, m.end(), end, state, None)
        if met:
            node, level, m_end = met
            return Mention(m.end(), m_end, node, "", MEETING, level=level)
    return None
