"""Parallelism (排比) by the codebook's strict rule: three or more consecutive members that
share one frame and repeat an anchor in the same slot.

The rule (``../shared/codebook/parallelism.md``, version 1) is applied as follows.

*Members.* A sentence is cut into members at three levels: segments (at ，、；：—, and
between two quotations “…”“…”), clauses (at ，；：— only, keeping 、-lists inside) and
coarse members (at ；, and at 。！？ when several sentences are given, for series that run
over consecutive sentences: 要…。要…。要…。). Members are compared on their Chinese
characters and digits only (quotation marks and punctuation are dropped).

*Anchor in the same slot.* Three or more consecutive members are aligned either on their
starts or on their ends (codebook: "the same character offset from the start … or from the
end"). The first member may carry a lead-in before the series (着力|稳就业; 河源强调，|要…)
and, when the members are aligned on their ends, the last one a continuation after it
(…|绿色化|发展); the cut falls where a word begins (or in the middle of a two-character
token that glues a lead-in word to the frame word: 我们|要以|更大的决心…), at the alignment
that shares the most positions, and a trimmed member is believed only when its anchor lies within two characters
of the aligned edge and it is at most twice as long as the longest other member. The shared
positions within eight characters of the aligned edge are the candidate anchor. They are
not an anchor (see ``data/lexicons/rhetoric/parallelism_non_anchors.csv``) when they are:

* digits, ranks (第二大), numerals and classifiers, date units, derivational affixes
  (化 性 感 式 型 器 者); function words, pair connectives (既 也 又) and administrative units
  (市 县 …) when they stand alone as one-character words;
* inside a person, place or organisation name (jieba tags ``nr``, ``ns``, ``nt``) in every
  member (江门提出|阳江主动|湛江提出);
* only a particle (的 之 所), unless the members form the short particle frame: up to six
  characters, of equal length, with their particles in the same places, and not all opening
  with a verb or noun (以昂扬的斗志、饱满的热情、务实的作风);
* one noun (or adjective word) at one edge only — the category noun of a list
  (生态效益、经济效益、社会效益) or a modifier shared by noun phrases (重点场所、重点区域); a noun
  shared at both edges is a two-point frame and counts (城市规划水平、城市建设水平、城市精细化管理水平);
  a head after a varying one-character word, alone or in one token with it, is a coined set
  and counts (“硬联通”、“软联通”);
* one ending character that is inside a longer word in most members (a suffix: 领导力),
  unless it is a verb ending verbs in members of up to six characters (准确识变、科学应变);
* an opening that is not a word of its own: in members longer than six characters it is cut
  back to where a word ends in every member (坚定信念 | 坚定不移), in shorter ones a
  one-character opener must be a word in most members (更加公平、更可持续) or a verb,
  adjective or adverb bound into a different word in each (共谋发展、共筑安全、共兴文明;
  高质量发展、高品质生活), and not the modifier of noun items (新型显示、新型储能、新材料;
  重大部署、重要任务 are lists);
* one character inside the members, unless a shared frame word opens them (在思想上统一),
  or it begins a word in every member (or all but one that jieba keeps whole: 社会安定)
  within two characters of the aligned edge (政府有为, 坚定信念信心不动摇, 政治安全、社会安定、
  人民安宁) and, in a trimmed member, follows words of one word class;
* two characters inside members longer than ten characters (recurrence, not a frame);
* the shared text of members that vary only by a name or a numeral before or after it
  (广州提出…；深圳提出…; 广州市委书记郭永航、韶关市委书记陈少荣; 一级…、二级…);
* shared text after alternating pair connectives (既有…，也有…，既有…: pairs);
* an opening followed by a figure in every member, or any anchor of members that all hold
  figures (statistics: 新增…N).

*Subjects of different lengths.* Subject–predicate members (X更Y, X最Y, X有Y) whose
subjects differ in length share the predicate word after the subject, at no common offset:
获得感成色更足、幸福感更可持续、安全感更有保障 (``parallelism.predicate``; the predicate words
are ``data/lexicons/rhetoric/parallelism_predicate_anchors.csv``, each sourced).

*Phrases, not words.* Members must have at least four characters; three are allowed when
every member opens with the same verb and one member is longer (比决心、比干劲、比……的能力).
Series whose members open with numbering (一是、二是; （1）; 第一) are enumerations.

A text contains 排比 when any run is found (:func:`has_parallelism`); that is what
``bqw_research.evaluation.parallelism`` scores against the labelled set.

Known limits (see docs/rhetoric.md): word classes come from jieba's tags, which are noisy
(全面 tagged a noun, 安宁 a place, 幸福感 a person), so some list/frame decisions follow
the tagger; a bound opener is accepted by its tag (品 of 品种、品质、品牌 is tagged a verb, so
品种培优、品质提升、品牌打造 counts); a two-character anchor inside members longer than ten
characters is not believed (全面总结…经济工作，深入分析…经济形势 is missed); named sets of noun
items with a two-point frame (全球发展倡议、全球安全倡议) and lists on a suffix that the
segmenter keeps apart (…领导力、…引领力) are counted.
"""

from bqw_research.textstat.rhetoric.parallelism.members import (
    non_anchor_chars,
    split_clauses,
    split_segments,
    split_sentences,
)
from bqw_research.textstat.rhetoric.parallelism.search import (
    ParallelRun,
    detect_parallelism,
    has_parallelism,
)
from bqw_research.textstat.rhetoric.parallelism.tables import (
    RUN_COLUMNS,
    SUMMARY_COLUMNS,
    parallelism_runs,
    textstat_parallelism,
)

__all__ = [
    "RUN_COLUMNS",
    "SUMMARY_COLUMNS",
    "ParallelRun",
    "detect_parallelism",
    "has_parallelism",
    "non_anchor_chars",
    "parallelism_runs",
    "split_clauses",
    "split_segments",
    "split_sentences",
    "textstat_parallelism",
]
