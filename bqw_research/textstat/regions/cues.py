"""What the regional measures read: the attribution cues (a data file), paragraph checks,
the cities in their canonical order, and sentences with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from bqw_research import config
from bqw_research.textstat.regions.gazetteer import REGIONS, divisions

#: Attribution cues: actor titles, leader-title patterns, provincial and central actors,
#: study formulas to ignore, continuation openers, movement verbs, venues, pairing words.
CUES = config.GAZETTEER_DIR / "attribution_cues.csv"

CJK = "\u4e00-\u9fff"


def check_paragraphs(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """A copy of a paragraph table with string columns, sorted by document and paragraph."""
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
class Cues:
    """The compiled attribution cues (see :data:`CUES`)."""

    actor_after: re.Pattern[str]
    leader_title: re.Pattern[str]
    leader_extra: re.Pattern[str]
    province_leader_title: re.Pattern[str]
    name_stop: frozenset[str]
    name_verb: frozenset[str]
    name_follow: re.Pattern[str]
    province: re.Pattern[str]
    central: re.Pattern[str]
    guangdong: re.Pattern[str]
    venue: re.Pattern[str]
    boilerplate: re.Pattern[str]
    continuation: re.Pattern[str]
    destination: re.Pattern[str]
    pairing: re.Pattern[str]
    visit: re.Pattern[str]


@lru_cache(maxsize=1)
def attribution_cues() -> Cues:
    """The cues of :data:`CUES`, compiled once."""
    table = pd.read_csv(CUES, dtype=str, keep_default_na=False)

    def joined(kind: str) -> str:
        pats = table.loc[table["kind"] == kind, "pattern"].tolist()
        if not pats:
            raise ValueError(f"{CUES}: no cue of kind {kind!r}")
        return "|".join(f"(?:{p})" for p in pats)

    def characters(kind: str) -> frozenset[str]:
        return frozenset(joined(kind).replace("(?:", "").replace(")", "").split("|"))

    return Cues(
        actor_after=re.compile(joined("actor_after")),
        leader_title=re.compile(joined("leader_title")),
        leader_extra=re.compile(joined("leader_title_extra")),
        province_leader_title=re.compile(joined("province_leader_title")),
        name_stop=characters("name_stop"),
        name_verb=characters("name_verb"),
        name_follow=re.compile(joined("name_follow")),
        province=re.compile(joined("province")),
        central=re.compile(joined("central")),
        guangdong=re.compile(joined("guangdong")),
        venue=re.compile(joined("venue")),
        boilerplate=re.compile(joined("boilerplate")),
        continuation=re.compile(joined("continuation")),
        destination=re.compile(joined("destination")),
        pairing=re.compile(joined("pairing")),
        visit=re.compile(joined("visit")),
    )


def city_order() -> list[str]:
    """The 21 cities by region (珠三角, 粤东, 粤西, 粤北), then GB/T 2260 code."""
    d = divisions()
    cities = d[d["level"] == "city"].copy()
    cities["r"] = cities["region"].map({r: i for i, r in enumerate(REGIONS)})
    return cities.sort_values(["r", "code"], kind="mergesort")["name"].tolist()


def sentence_spans(text: str) -> list[tuple[int, str]]:
    """``(offset, sentence)`` of each sentence (ended by 。！？；) of ``text``."""
    return [
        (m.start(), m.group(0))
        for m in re.finditer(r"[^。！？；]*[。！？；]?", text)
        if m.group(0).strip()
    ]
