"""Templates in text reuse: a carried sentence whose slots (date, amount, names) were refilled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bqw_research.textstat.reuse import textstat_reuse
from bqw_research.textstat.reuse.align import align_pair, content_view, specific_prefix
from bqw_research.textstat.reuse.template import sentence_window, template_passages

# One news template carried between two broadcasts: date, amount, provinces and a clause changed.
FUND_A = (
    "8月13日，财政部、应急管理部紧急预拨1.7亿元中央自然灾害救灾资金，支持江苏、安徽、湖北、"
    "重庆、四川、贵州、甘肃应急抢险救援和救助受灾群众，重点做好搜救转移安置受灾人员、排危除险等"
    "应急处置、倒损民房修复等工作。"
)
FUND_B = (
    "8月29日，财政部、应急管理部紧急预拨2.2亿元中央自然灾害救灾资金，支持北京、河北、天津、"
    "内蒙古、辽宁、云南应急抢险救援和救助受灾群众，重点做好转移安置受灾人员、排危除险、"
    "倒损民房修复等工作。"
)
OPENING = "各位观众晚上好。今天是{}，欢迎收看本台节目。"
FILLER_A = "本地气温回升，市民纷纷走出家门踏青赏花，公园里游人如织。"
FILLER_B = "沿海渔船陆续归港，渔民忙着卸货分拣，码头一片繁忙景象。"


def _corpus(first: str, second: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["甲", "乙"],
            "text": [first, second],
            "published": pd.to_datetime(["2025-08-13", "2025-08-30"]).tz_localize("Asia/Shanghai"),
        }
    )


@pytest.mark.parametrize(
    ("text", "where", "sentence"),
    [
        ("会议强调。要推进百千万工程！镇村面貌一新。", "推进", "要推进百千万工程"),
        ("第一句话；第二句话\n第三句", "第三", "第三句"),
        ("没有句号的一段话", "句号", "没有句号的一段话"),
    ],
)
def test_sentence_window_is_the_sentence_holding_the_span(text, where, sentence):
    view = content_view(text)
    at = view.text.index(where)
    lo, hi = sentence_window(view, at, at + len(where))
    assert view.text[lo:hi] == content_view(sentence).text


def test_seed_alignment_stops_at_the_first_refilled_slot():
    rows = align_pair(content_view(FUND_A), content_view(FUND_B), k=8, max_gap=10, min_chars=8)
    longest = max(int(r[1] - r[0]) for r in rows)
    assert longest < 0.5 * len(content_view(FUND_A).text)


def test_template_is_reported_whole_with_its_slots():
    found = textstat_reuse(_corpus(FILLER_A + FUND_A, FILLER_B + FUND_B))
    assert len(found) == 1
    row = found.iloc[0]
    assert bool(row["template"])
    assert row["source_text"].startswith("8月13日，财政部") or row["source_text"].startswith("日")
    assert row["source_text"].endswith("倒损民房修复等工作")
    assert row["echo_text"].endswith("倒损民房修复等工作")
    assert 0.6 <= row["similarity"] < 1


def test_without_templates_only_the_first_fragment_is_found():
    found = textstat_reuse(_corpus(FILLER_A + FUND_A, FILLER_B + FUND_B), template_share=None)
    assert not found["template"].any()
    assert all(len(t) < 0.5 * len(FUND_A) for t in found["source_text"])


def test_unrelated_sentences_sharing_one_phrase_are_no_template():
    a = "茂名市委常委会召开会议，研究部署推进百县千镇万村高质量发展工程的具体举措和年度任务。"
    b = "湛江举办渔业博览会，吸引客商参观洽谈，推进百县千镇万村高质量发展工程成为展会热词。"
    va, vb = content_view(a), content_view(b)
    rows = align_pair(va, vb, k=8, max_gap=10, min_chars=8)
    assert len(rows) == 1
    templates, held = template_passages(va, vb, rows, share=0.6)
    assert templates == [] and not held.any()


def test_consecutive_template_sentences_are_one_passage():
    a = "今天（5月20日），国务院新闻办公室举行中外记者见面会。五位民政系统代表围绕践行民政使命主题，与中外记者见面交流。"
    b = "今天（5月23日），国务院新闻办公室举行中外记者见面会。五位农业农村领域代表围绕乡村振兴主题，与中外记者见面交流。"
    va, vb = content_view(a), content_view(b)
    rows = align_pair(va, vb, k=8, max_gap=10, min_chars=8)
    templates, held = template_passages(va, vb, rows, share=0.6)
    assert len(templates) == 1 and held.all()
    t = templates[0]
    assert va.text[t.a_start : t.a_end].endswith("与中外记者见面交流")
    assert vb.text[t.b_start : t.b_end].startswith("今天5月2")


def test_template_begins_on_specific_text_not_on_the_programme_opening():
    a = OPENING.format("8月13号") + FUND_A
    b = OPENING.format("8月30号") + FUND_B
    va, vb = content_view(a), content_view(b)
    rows = align_pair(va, vb, k=8, max_gap=10, min_chars=8)
    # the opening's characters are furniture: no specific characters there
    opening_end = len(content_view(OPENING.format("8月13号")).text)
    own = np.diff(va.han_prefix).astype(bool)
    own[:opening_end] = False
    specific = np.concatenate(([0], np.cumsum(own)))
    with_opening, _ = template_passages(va, vb, rows, share=0.6)
    trimmed, _ = template_passages(va, vb, rows, share=0.6, specific_a=specific)
    assert min(t.a_start for t in with_opening) < opening_end
    assert all(t.a_start >= opening_end for t in trimmed)
    assert specific_prefix(va, k=8, common=np.empty(0, np.uint64))[-1] == va.han_prefix[-1]


def test_template_share_is_checked():
    with pytest.raises(ValueError, match="template_share"):
        textstat_reuse(_corpus(FUND_A, FUND_B), template_share=1.5)


def test_a_short_shared_line_does_not_join_the_template_after_it():
    a = "省委常委会召开会议。" + FUND_A
    b = "汕头市委常委会召开会议，传达学习省委全会精神。" + FUND_B
    va, vb = content_view(a), content_view(b)
    rows = align_pair(va, vb, k=8, max_gap=10, min_chars=8)
    joined, _ = template_passages(va, vb, rows, share=0.5)
    alone, _ = template_passages(va, vb, rows, share=0.5, min_specific=10)
    assert va.text[joined[0].a_start :].startswith("委常委会召开会议")
    assert len(alone) == 1 and va.text[alone[0].a_start :].startswith("日财政部")


def test_two_templates_apart_in_one_pair_are_two_passages():
    gap_a = "本地气温回升，市民纷纷走出家门踏青赏花，公园里游人如织，处处洋溢着春天的气息。"
    gap_b = "沿海渔船陆续归港，渔民忙着卸货分拣，码头一片繁忙景象，鱼货价格保持平稳运行。"
    opening = "今天（5月{}日），国务院新闻办公室举行中外记者见面会，介绍民生领域有关情况。"
    a, b = opening.format(20) + gap_a + FUND_A, opening.format(23) + gap_b + FUND_B
    va, vb = content_view(a), content_view(b)
    rows = align_pair(va, vb, k=8, max_gap=10, min_chars=8)
    templates, _ = template_passages(va, vb, rows, share=0.5)
    texts = [va.text[t.a_start : t.a_end] for t in templates]
    assert len(texts) == 2
    assert "国务院新闻办公室举行中外记者见面会" in texts[0]
    assert texts[1].endswith("倒损民房修复等工作")
