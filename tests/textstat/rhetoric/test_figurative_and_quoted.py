"""Metaphors counted only in figurative use; quoted spans classified as coined or not (issue 12)."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat import rhetoric as rh
from bqw_research.textstat.rhetoric.formulae import is_slogan_series, quoted_phrases


def sentences(*paragraphs: str) -> pd.DataFrame:
    """One sentence per paragraph of article ``d``."""
    n = len(paragraphs)
    return pd.DataFrame(
        {"doc_id": ["d"] * n, "para_id": range(1, n + 1), "sent_id": [1] * n, "text": paragraphs}
    )


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("全市上下要干字当头、唯实争先，以实干实绩实效坚决拥护“两个确立”。", "争先"),
        ("在高质量发展赛道上跑出加速度，坚持从产业、县域和区位中挖潜能。", "赛道"),
        ("奋力拼经济、谋发展、兴文化、惠民生，把潮州建设得更加美好。", "拼"),
        ("各地正以更高标准打好一批标志性战役，力求基本消除重污染天气。", "战役"),
        ("中国经过艰苦努力，成功打赢脱贫攻坚战。", "打赢"),
        ("广东是中国改革开放的排头兵、先行地、实验区。", "排头兵"),
    ],
)
def test_figurative_uses_are_counted(text, term):
    assert term in set(rh.metaphor_matches(sentences(text))["term"])


@pytest.mark.parametrize(
    ("paragraph", "term"),
    [
        ("俄军继续袭击乌方能源设施。俄军继续在俄库尔斯克等地与乌军作战。", "作战"),
        ("习近平强调，要创新战斗力建设和运用模式，加快发展新质战斗力，推动我军建设。", "战斗力"),
        ("新修订的共同条令，坚持把谋打赢作为最大职责，立起备战打仗的根本指向。", "打赢"),
        ("名单包括红军长征湘江战役纪念园等71处设施。", "战役"),
        ("在亚布力雪上赛区，高山滑雪、冬季两项等八条雪上赛道已全部就位。", "赛道"),
        ("大家用实干担当、拼搏奋斗，为中国式现代化贡献力量。", "拼"),
        ("一种革命加拼命的精神。", "拼"),
        ("看懂经济大省山东这些年的升级打拼记。", "拼"),
        ("孩子们在活动室里拼积木。", "拼"),
        ("两艘航母编队开展远海训练。编队全程保持随时反应的作战状态。", "作战"),
        ("新型舰载机完成起降训练，提升体系作战能力。", "作战"),
        ("把赛道变为发展通途、以竞技汇聚融合动能。", "赛道"),
    ],
)
def test_literal_uses_are_not_counted(paragraph, term):
    assert term not in set(rh.metaphor_matches(sentences(paragraph))["term"])


def test_military_context_is_read_from_the_whole_paragraph():
    para = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            "para_id": [1, 1, 2],
            "sent_id": [1, 2, 1],
            "text": [
                "习近平在解放军和武警部队代表团全体会议上发表重要讲话。",
                "要评出发展质量、评出建设效益、评出体系作战能力。",
                "各地挂图作战，评出发展质量、评出体系作战能力。",
            ],
        }
    )
    hits = rh.metaphor_matches(para)
    # paragraph 1 is about the armed forces: 作战 literal; paragraph 2 is not
    assert hits[["para_id", "term"]].values.tolist() == [[2, "挂图作战"], [2, "作战"]]


def test_textstat_metaphors_counts_the_figurative_matches_only():
    x = sentences("俄军与乌军作战。", "集中精力拼经济、谋发展。")
    out = rh.textstat_metaphors(x, by="term")
    assert out[["term", "n"]].values.tolist() == [["拼", 1]]


@pytest.mark.parametrize(
    ("text", "phrase", "kind"),
    [
        ("各级领导干部要不断深化对“两个确立”决定性意义的认识。", "两个确立", "term"),
        ("离境退税“即买即退”全国落地。", "即买即退", "term"),
        ("“硬联通”扎实推进，建成中老铁路。", "硬联通", "term"),
        (
            "为广东在新征程上“走在前、作示范、挑大梁”提供了根本遵循。",
            "走在前、作示范、挑大梁",
            "term",
        ),
        ("总台将以“科技赋能，创新引领”，精心打造赛事转播。", "科技赋能，创新引领", "term"),
        ("三个“不会变”高屋建瓴、思想深邃。", "不会变", "term"),
        ("“五一”假期，丰富的文旅活动带动消费。", "五一", "name"),
        ("举办了“五福迎春”中国瓷器展，向当地民众展示。", "五福迎春", "name"),
        ("13个省市先后举办“外贸优品中华行”系列活动。", "外贸优品中华行", "name"),
        ("“海洋地质六号”科考船第15航次任务完成。", "海洋地质六号", "name"),
        ("共揭晓“金椰奖”最佳影片奖等十大奖项。", "金椰奖", "name"),
        ("今年第13号台风“剑鱼”在今天登陆。", "剑鱼", "name"),
        ("制造业领域外资准入限制实现“清零”。", "清零", "word"),
        ("发扬“闯”的精神。", "闯", "word"),
        # a dictionary word jieba tags as a person name: a name or a mis-tagged ordinary word
        ("抓住改革的“牛鼻子”，以点带面推进。", "牛鼻子", "word"),
        ("拉加德当天称，预计欧元区经济“短期内将持续疲软”。", "短期内将持续疲软", "quotation"),
        ("以色列将面临“不可想象的”状况。", "不可想象的", "quotation"),
        ("扩大军事行动将是“高强度”的。", "高强度", "quotation"),
        ("男主持人：“各位观众晚上好。”", "各位观众晚上好。", "quotation"),
    ],
)
def test_quoted_spans_are_classified(text, phrase, kind):
    assert (phrase, kind) in quoted_phrases(text)


def test_nested_quotes_are_read_inside_a_coined_span():
    found = quoted_phrases("以“建功‘十五五’、走好第一方阵”为主题。")
    assert found == [("建功‘十五五’、走好第一方阵", "term"), ("十五五", "term")]


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("老有所养、老有所安", True),
        ("认证规则可查、认证过程可追、认证结果可溯", True),
        ("大力提振消费、提高投资效益，全方位扩大国内需求", False),
        ("晚上好。", False),
        ("百千万工程", False),
    ],
)
def test_slogan_series(phrase, expected):
    assert is_slogan_series(phrase) is expected


def test_textstat_quoted_keeps_coined_phrases_by_default():
    x = sentences("“五一”假期，各地推进“百千万工程”。", "“百千万工程”见成效，“清零”。")
    out = rh.textstat_quoted(x)
    assert out[["phrase", "n"]].values.tolist() == [["百千万工程", 2]]
