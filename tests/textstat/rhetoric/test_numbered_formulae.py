"""Numbered formulae (数字式提法): the numeral grammar, the lexicon and the look-alikes."""

import itertools

import pandas as pd
import pytest

from bqw_research.textstat import rhetoric as rh
from bqw_research.textstat.rhetoric.numbered import (
    counted,
    formula_lexicon,
    is_recount,
    numbered_hits,
    quoted_formula,
    small_number,
)


def formulae(text: str) -> list[str]:
    return [f for _, f in rh.find_numeric_formulae(text)]


@pytest.mark.parametrize(
    ("text", "kind", "formula"),
    [
        # established formulae, quoted or not (lexicon)
        ("增强“四个意识”、坚定“四个自信”、做到“两个维护”", "lexicon", "四个意识"),
        ("锲而不舍落实中央八项规定精神", "lexicon", "八项规定"),
        ("坚守和平共处五项原则，维护国际贸易规则", "lexicon", "和平共处五项原则"),
        ("推动产业科技互促双强、蓬勃发展", "lexicon", "互促双强"),
        ("努力成为畅通国内国际双循环的重要节点", "lexicon", "双循环"),
        ("统筹推进“五位一体”总体布局", "lexicon", "五位一体"),
        ("服务“三农”的工作", "lexicon", "三农"),
        ("深入实施省委1310具体部署", "lexicon", "1310"),
        # quoted labels read by the numeral grammar
        ("围绕“六个坚持”开展研讨", "quoted", "六个坚持"),
        ("发挥“三个作用”上展现更大作为", "quoted", "三个作用"),
        ("小麦“一喷三防”作业高峰期", "quoted", "一喷三防"),
        ("高水平布局推进“一园两体系”建设", "quoted", "一园两体系"),
        ("重构“一中心、四板块、一网格”基层智治体系", "quoted", "一中心四板块一网格"),
        ("高新技术企业数量和产值“双倍增”行动", "quoted", "双倍增"),
        ("“新三样”产品出口增长", "lexicon", "新三样"),
        ("合作发布“科创板八条”", "quoted", "科创板八条"),
        ("实施减轻企业负担“20条”等政策", "quoted", "20条"),
        ("“四个一百”专项行动深入推进", "quoted", "四个一百"),
        ("促进“四千行动”，依山就势做深", "quoted", "四千行动"),
        ("带动形成“一核一带一区”区域发展新格局", "lexicon", "一核一带一区"),
        ("构建“一湖一县一盆地”发展格局", "quoted", "一湖一县一盆地"),
        # digit codes
        ("贯彻落实省委“1310”具体部署", "quoted", "1310"),
        ("深圳市“20+8”产业发展规划", "quoted", "20+8"),
        ("深化构建“4+4+X”现代化产业体系", "quoted", "4+4+X"),
        ("着力构建“4×4”现代化产业体系", "quoted", "4×4"),
        ("广州提出加快建设“１２２１８”现代化产业体系", "quoted", "12218"),
        ("粤港澳大湾区9+2城市群协同发展", "digit code", "9+2"),
        ("推进1+1+9工作部署落地见效", "digit code", "1+1+9"),
        # X大N used as a name
        ("人类命运共同体理念和三大全球倡议为世界带来希望", "lexicon", "三大全球倡议"),
        ("三大标志性战役取得了实质性进展", "N大 X", "三大标志性战役"),
        ("持续推进治本攻坚八大行动，建立健全燃气安全体系", "N大 X", "八大行动"),
    ],
)
def test_formulae_are_found(text, kind, formula):
    assert (kind, formula) in rh.find_numeric_formulae(text)


@pytest.mark.parametrize(
    "text",
    [
        # scale programmes (numerals give orders of magnitude)
        "深入实施“百县千镇万村高质量发展工程”",
        "学习运用“千万工程”经验",
        "实施好“十带百坊千创客”培育行动",
        "开展“万企兴万村”行动",
        # phased time targets, dates, ordinals
        "实现“三年初见成效”目标",
        "统筹做好“十四五”收官和“十五五”开局",
        "总台2025年“3·15”晚会今晚播出",
        "“十一”期间，公园将推出系列活动",
        "我国进入“七下八上”防汛关键期",
        "巴黎奥运会后的“十五运”筹备",
        # identifiers and quantities
        "舰艇舷号为“51”",
        "查询“005”员工参与的项目",
        "拨打“12345”热线反映问题",
        "世界最大打桩船“二航长青”轮今天交付",
        "打造“15分钟托育服务圈”",
        "大力开展“两个以上独立逃生通道”治理",
        "高新技术企业1310家",
        # lexical 一 and 双, idioms, names
        "推进“一网通办”“高效办成一件事”",
        "抓住“关键一招”",
        "实行“一企一策”精准帮扶",
        "实现合作“双赢”，避免“双输”",
        "反对‘双标’",
        "两会期间，两岸同胞共同关注",
        "打破“一亩三分地”思维定式",
        "“三心二意”要不得",
        "杭州“六小龙”火爆出圈",
        "执飞“三亚—布拉格”航线",
        # arithmetic is not a digit code
        "C.10*(20+30)-40",
        "即等于8+4+2，因此用第8位",
        "也就是要推迟8天：3+5 = 8天。",
        # appositive re-counts, rankings, 之一
        "集成电路、生物医药、人工智能三大先导产业",
        "“南粤家政”“广东技工”三大工程羊城行动",
        "公布其评选的2025年度十大科学突破",
        "作为“东数西算”工程的十大数据中心集群之一",
        "构建覆盖十大战略性领域的计量技术体系",
        # a lone 一X, 零
        "锚定“一个目标”",
        "建设“近零碳”机关",
    ],
)
def test_lookalikes_are_not_formulae(text):
    assert formulae(text) == []


def test_each_occurrence_is_reported_once():
    # “3+4+8” is a quoted digit code and an N+M code: one report
    assert rh.find_numeric_formulae("市委“3+4+8”工作部署") == [("quoted", "3+4+8")]
    # a lexicon formula inside quotes is the lexicon's, not also the grammar's
    assert formulae("拥护“两个确立”、做到“两个维护”") == ["两个确立", "两个维护"]


def test_formulae_come_in_text_order_with_positions():
    hits = numbered_hits("坚持“两个毫不动摇”，落实“五外联动”和“1+6+N”基层治理")
    assert [h.formula for h in hits] == ["两个毫不动摇", "五外联动", "1+6+N"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(hits))


def test_lexicon_skips_words_that_contain_a_variant():
    assert formulae("认识事物的两重性") == []
    assert formulae("更大力度支持“两重”项目") == ["两重"]


@pytest.mark.parametrize(
    ("run", "value"),
    [("一", 1), ("两", 2), ("十", 10), ("十四", 14), ("二十", 20), ("九十九", 99), ("〇", 0)],
)
def test_small_number_reads_whole_numbers_below_100(run, value):
    assert small_number(run) == value


@pytest.mark.parametrize("run", ["百千万", "十四五", "九三", "一十", "一百", "十十"])
def test_small_number_leaves_other_runs(run):
    assert small_number(run) is None


@pytest.mark.parametrize(
    ("run", "counts"), [("四", True), ("双", True), ("四千", True), ("一百", False), ("零", False)]
)
def test_counted_runs(run, counts):
    assert counted(run) is counts


@pytest.mark.parametrize(
    ("span", "formula"),
    [
        ("五统一、一开放", "五统一一开放"),
        ("两评估、一清单、一盘活", "两评估一清单一盘活"),
        ("互促双强", "互促双强"),
        ("1+N", "1+N"),
        ("2035", None),  # a year
        ("一江一河", None),  # two-part 一X一Y: distributive or place-counting
        ("三", None),  # a bare numeral
        ("九章号", None),  # a name
    ],
)
def test_quoted_formula(span, formula):
    assert quoted_formula(span) == formula


def test_is_recount_needs_a_list_before_in_the_same_clause():
    text = "全力落实三大先导产业新一轮方案，培育集成电路、生物医药、人工智能三大先导产业"
    first, second = (text.index("三大"), text.rindex("三大"))
    assert not is_recount(text, first, first + 6)
    assert is_recount(text, second, second + 6)


def test_every_lexicon_entry_has_a_level_and_a_source():
    lex = formula_lexicon()
    assert set(lex["level"]) <= {"中央", "省"}
    assert (lex["source"].str.len() > 5).all()
    assert lex["canonical"].is_unique


def test_textstat_numeric_formulae_counts_per_group():
    df = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b"],
            "para_id": [1, 1, 1],
            "sent_id": [1, 2, 1],
            "text": ["增强“四个意识”。", "坚定“四个自信”，增强四个意识。", "实施“百千万工程”。"],
        }
    )
    out = rh.textstat_numeric_formulae(df)
    assert list(out.columns) == ["group", "kind", "formula", "n", "n_docs"]
    assert out.set_index("formula").loc["四个意识", "n"] == 2
    assert set(out["formula"]) == {"四个意识", "四个自信"}
