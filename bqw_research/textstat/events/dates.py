"""Dates of reported activities, resolved against the article's publication date.

What is read (the first date expression of a statement wins):

* calendar dates: ``11月20日``, ``2023年9月22日``, ``28日`` (the month and year of
  publication), ``11月18日下午``, ``今天（9月29日）``;
* ranges: ``11月20日至21日``, ``11月19日下午和20日上午``, ``27至28日``, ``11月23—30日``;
* a month or a year opening a clause (``2022年12月，…``, ``2022年，…``), or a month right
  before a provincial or national actor (``是2022年12月广东省委…全会提出的``): month or year
  precision, nothing invented;
* relative words: ``今天``/``昨天`` (the publication day, the day before); ``上周``/``本周``,
  ``上月``/``本月`` (that week or month as a range); ``日前``/``近日``/``最近`` …
  ("before publication": only the end of the range is known).

Year rule (codebook): the year is the publication year, or the year before when the
month and day would fall after publication (a December event reported in January).
Without a publication date the year stays unknown and is written ``XXXX`` (EDTF,
ISO 8601-2 "unspecified digits": ``XXXX-11-20``).

A date is a pair of strings ``date_start, date_end`` (``YYYY-MM-DD``, ``YYYY-MM``,
``YYYY``; ``date_end`` empty for a single day) and a ``date_precision``:
``day``, ``range``, ``week``, ``month``, ``year``, ``before publication`` (``date_start``
empty, ``date_end`` the publication day) or ``none``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: Parts of the day that may follow a date (kept out of the date itself).
DAY_PART = r"(?:上午|下午|晚上|晚间|晚|早上|早晨|中午|凌晨|夜间|夜)?"
_SEP = r"(?:至|到|—|–|－|~|～|-)"
_SEP_AFTER_DAY = r"(?:至|到|—|–|－|~|～|-|和|、)"
_D = r"(?<![\d.])"

#: One pattern for every explicit date; the named groups say which form matched.
DATE_RE = re.compile(
    "|".join(
        [
            # ranges: 11月20日至21日, 11月19日下午和20日上午, 11月23—30日, 27至28日
            rf"{_D}(?:(?P<ry>\d{{4}})年)?(?:(?P<rm>\d{{1,2}})月)?(?P<rd>\d{{1,2}})"
            rf"(?:日{DAY_PART}{_SEP_AFTER_DAY}|{_SEP})"
            rf"(?:(?P<rm2>\d{{1,2}})月)?(?P<rd2>\d{{1,2}})日{DAY_PART}",
            # a day: 2023年9月22日, 11月20日, 28日
            rf"{_D}(?:(?P<y>\d{{4}})年)?(?:(?P<m>\d{{1,2}})月)?(?P<d>\d{{1,2}})日{DAY_PART}",
            # a month or a year opening a clause: 2022年12月，  2022年，
            r"(?:^|(?<=[，。；：、（(]))(?P<my>\d{4}|今|去)年(?P<mm>\d{1,2})月(?![\d份日])",
            # …or standing right before the actor (是2022年12月广东省委十三届二次全会提出的…)
            r"(?P<ay>\d{4})年(?P<am>\d{1,2})月(?=中共|广东|省委|省政府|党中央|中央|国务院|全国|习近平)",
            # a bare month opening a sentence or clause, its year from publication: 5月，习主席…
            r"(?:^|(?<=[，。；：、（(]))(?P<bm>\d{1,2})月(?=，)",
            r"(?:^|(?<=[，。；：、（(]))(?P<yy>\d{4})年(?=[，、])",
        ]
    )
)

#: Relative expressions, each resolved from the publication date.
RELATIVE_RE = re.compile(
    r"(?P<today>今天|今日)|(?P<yesterday>昨天|昨日)|(?P<lastweek>上周|上星期)"
    r"|(?P<thisweek>本周|这周)|(?P<lastmonth>上月|上个月)|(?P<thismonth>本月)"
    r"|(?P<before>日前|近日|近期|最近|不久前|前不久|此前|近来|连日来)"
)


@dataclass(frozen=True)
class EventDate:
    """A resolved date: ``start``/``end`` strings, ``precision``, and the words read."""

    start: str
    end: str
    precision: str
    text: str
    position: int

    @property
    def is_known(self) -> bool:
        return self.precision != "none"


NO_DATE = EventDate("", "", "none", "", -1)


def _iso(day: dt.date | None, month: int, d: int) -> str:
    """``YYYY-MM-DD`` or, without a year, ``XXXX-MM-DD``."""
    return day.isoformat() if day is not None else f"XXXX-{month:02d}-{d:02d}"


def _year_for(month: int, day: int, published: dt.date) -> int:
    """The publication year, or the year before when the day would fall after publication."""
    if (month, day) > (published.month, published.day):
        return published.year - 1
    return published.year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_for_day(day: int, published: dt.date) -> tuple[int, int]:
    """(year, month) of a bare ``28日``: the publication month, or the month before."""
    if day <= published.day:
        return published.year, published.month
    first = published.replace(day=1) - dt.timedelta(days=1)
    return first.year, first.month


def _calendar_day(
    y: str | None, m: str | None, d: str, published: dt.date | None
) -> tuple[str, dt.date | None] | None:
    """One day as a string and (when the year is known) a date; None when impossible."""
    day = int(d)
    if not 1 <= day <= 31:
        return None
    if m is None:
        if published is None:
            return f"XXXX-XX-{day:02d}", None
        year, month = _month_for_day(day, published)
    else:
        month = int(m)
        if not 1 <= month <= 12:
            return None
        if y is not None:
            year = int(y)
        elif published is not None:
            year = _year_for(month, day, published)
        else:
            return _iso(None, month, day), None
    when = _safe_date(year, month, day)
    return (when.isoformat(), when) if when else None


def _explicit(m: re.Match[str], published: dt.date | None) -> EventDate | None:
    g = m.groupdict()
    text, pos = m.group(0), m.start()
    if g["rd"] is not None:
        first = _calendar_day(g["ry"], g["rm"], g["rd"], published)
        month2 = g["rm2"] or g["rm"]
        year2 = g["ry"]
        if first is not None and first[1] is not None and month2 is not None:
            year2 = str(first[1].year + (1 if int(month2) < first[1].month else 0))
        second = _calendar_day(year2, month2, g["rd2"], published)
        if first is None or second is None:
            return None
        if first[1] is not None and second[1] is not None and second[1] < first[1]:
            shifted = _safe_date(
                second[1].year + (second[1].month == 12), second[1].month % 12 + 1, second[1].day
            )
            if g["rm2"] is None and shifted is not None:
                second = (shifted.isoformat(), shifted)  # 30日至1日: into the next month
        return EventDate(first[0], second[0], "range", text, pos)
    if g["d"] is not None:
        day = _calendar_day(g["y"], g["m"], g["d"], published)
        return EventDate(day[0], "", "day", text, pos) if day else None
    if g["bm"] is not None:
        month = int(g["bm"])
        if not 1 <= month <= 12:
            return None
        if published is None:
            return EventDate(f"XXXX-{month:02d}", "", "month", text, pos)
        year = _year_for(month, 1, published)  # a month after publication: last year's
        return EventDate(f"{year}-{month:02d}", "", "month", text, pos)
    if g["mm"] is not None or g["am"] is not None:
        month, year = int(g["mm"] or g["am"]), g["my"] or g["ay"]
        if year in {"今", "去"}:  # 今年7月, 去年12月: the publication year
            year = str(published.year - (year == "去")) if published else "XXXX"
        if 1 <= month <= 12:
            return EventDate(f"{year}-{month:02d}", "", "month", text, pos)
        return None
    return EventDate(g["yy"], "", "year", text, pos)


def _relative(m: re.Match[str], published: dt.date | None) -> EventDate:
    kind = m.lastgroup or "before"
    text, pos = m.group(0), m.start()
    if published is None:
        return EventDate("", "", "before publication", text, pos)
    if kind == "today":
        return EventDate(published.isoformat(), "", "day", text, pos)
    if kind == "yesterday":
        return EventDate((published - dt.timedelta(days=1)).isoformat(), "", "day", text, pos)
    if kind in {"lastweek", "thisweek"}:
        monday = published - dt.timedelta(days=published.weekday())
        if kind == "lastweek":
            monday -= dt.timedelta(days=7)
            end = monday + dt.timedelta(days=6)
        else:
            end = published
        return EventDate(monday.isoformat(), end.isoformat(), "week", text, pos)
    if kind in {"lastmonth", "thismonth"}:
        first = published.replace(day=1)
        if kind == "lastmonth":
            end = first - dt.timedelta(days=1)
            first = end.replace(day=1)
        else:
            end = published
        return EventDate(first.isoformat(), end.isoformat(), "month", text, pos)
    return EventDate("", published.isoformat(), "before publication", text, pos)


def find_event_date(text: str, published: dt.date | None = None) -> EventDate:
    """The first date expression of ``text`` resolved against ``published`` (or :data:`NO_DATE`).

    >>> find_event_date("11月20日至21日，茂名市委书记率团来珠考察交流。", dt.date(2025, 11, 24)).start
    '2025-11-20'
    >>> find_event_date("日前，清远市委书记到石角镇调研。", dt.date(2025, 11, 24)).precision
    'before publication'
    """
    found: list[EventDate] = []
    for m in DATE_RE.finditer(text):
        date = _explicit(m, published)
        if date is not None:
            found.append(date)
            break
    rel = RELATIVE_RE.search(text)
    if rel is not None:
        date = _relative(rel, published)
        # 今天（9月29日）: the explicit date in brackets right after the word wins
        if not (found and found[0].position <= rel.end() + 1):
            found.append(date)
    if not found:
        return NO_DATE
    return min(found, key=lambda d: d.position)


def as_date(value: object) -> dt.date | None:
    """A publication value (Timestamp, datetime, ``YYYY-MM-DD…`` string, NaN) as a date."""
    if value is None or value != value:  # None, NaN, NaT
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    if len(text) < 10 or text in {"NaT", "nan", "None"}:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
