"""Parallelism (排比) detector, by the codebook's strict rule (../shared/codebook/parallelism.md).

Sentences are the codebook's examples, sentences written for these tests, and sentences
of tuning articles of ``data/labels/parallelism`` (never of its untouched part).
"""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat import rhetoric as rh


@pytest.mark.parametrize(
    ("text", "scope", "rule", "items", "shared"),
    [
        # content anchor last (R2a)
        ("党委带头学、部门系统学、基层全面学。", "clause", "suffix",
         ("党委带头学", "部门系统学", "基层全面学"), "…学"),
        # frame words opening every member
        ("回响在工地上，回响在车间里，回响在课堂里。", "clause", "prefix",
         ("回响在工地上", "回响在车间里", "回响在课堂里"), "回响…"),
        ("让乡愁变为产业，让记忆转化为动能，让古村焕发新生机。", "clause", "prefix",
         ("让乡愁变为产业", "让记忆转化为动能", "让古村焕发新生机"), "让…"),
        # same slot from the end: the last member's continuation is trimmed; the first
        # member keeps its lead-in (where it begins is not known when aligned on ends)
        ("引领西藏步入发展最好、变化最大、群众得实惠最多的历史时期。", "clause", "frame",
         ("引领西藏步入发展最好", "变化最大", "群众得实惠最多"), "…最_"),
        # quotations one after another are members
        ("明确提出“共同营造良好环境”“共同培育强劲动能”“共同构建治理格局”。", "clause", "prefix",
         ("共同营造良好环境", "共同培育强劲动能", "共同构建治理格局"), "共同…"),
        # a sentence group; the first member after a reporting clause
        ("河源强调，要深刻领会全会精神。要深刻领会省委部署。要深刻领会目标任务。", "sentence",
         "prefix", ("要深刻领会全会精神", "要深刻领会省委部署", "要深刻领会目标任务"), "要深刻领会…"),
    ],
)  # fmt: skip
def test_runs(text, scope, rule, items, shared):
    runs = rh.detect_parallelism(text)
    assert [(r.scope, r.rule, r.items, r.shared) for r in runs] == [(scope, rule, items, shared)]


@pytest.mark.parametrize(
    "text",
    [
        # the codebook's definition and decision table
        "从农村到城市、从沿海到内地、从东部到西部，处处生机勃勃。",
        "政府有为、市场有效、企业有活力、社会有序。",
        "学有所教、劳有所得、病有所医、老有所养。",
        "资源变资产、资金变股金、农民变股东。",
        "思想上更加重视、行动上更加自觉、措施上更加有力。",
        "更高质量、更有效率、更加公平、更可持续。",
        "宜粮则粮、宜经则经、宜牧则牧。",
        "对群众的深厚感情、对事业的执着追求、对工作的高度负责。",
        "向深处拓展、向实处用力、向细处落笔。",
        "要坚持问题导向；要坚持系统观念；要坚持守正创新。",
        "城市规划水平、城市建设水平、城市精细化管理水平不断提高。",
        "以昂扬的斗志、饱满的热情、务实的作风投入工作。",
        # a coined set on a shared head that jieba keeps in one token with its varying
        # character (硬联通 is in the domain lexicon)
        "推进设施“硬联通”、规则标准“软联通”、人文交流“心联通”。",
        "因水而兴、依水而美、傍水而居。",
        "比决心、比干劲、比抓落实的能力。",
        "农业提质增效、工业提档升级、服务业提速扩容。",
        "从湾区到山区，到县域；从产业，到治理；从科技，到民生。",
        # a series whose first member is glued to a lead-in
        "“四点建议”有助于进一步凝聚更广泛共识、开辟更广阔道路、采取更务实行动。",
        # one-character anchors (让…×3, 有…)
        "让城市更有温度，让乡村更有活力，让群众更有获得感。",
        # a content morpheme bound into a different word in every member (共, 增, 知, 高)
        "我们要深入践行全球治理倡议，共谋发展、共筑安全、共兴文明、共促治理。",
        "引导广大干部群众进一步增进共识、增强信心、增添干劲。",
        "知重负重、知难克难、知责尽责，守护好广东的绿水青山。",
        "更好统筹高质量发展、高品质生活、高效能治理。",
        # a one-character anchor in slot 2 where jieba keeps one member whole (社会安定)
        "确保首都政治安全、社会安定、人民安宁。",
        # a verb bound as the head of every member's last word (X变)
        "坚定不移走好自己的路，准确识变、科学应变、主动求变。",
        # subject + predicate word with subjects of different lengths (X更Y, X最Y)
        "让各族群众的获得感成色更足、幸福感更可持续、安全感更有保障。",
        "推动中古关系进入政治互信更深厚、战略协作更紧密、民意基础更牢固的新阶段。",
        "产业更强、城乡更美、人民生活更幸福。",
        # a lead-in glued to the frame word by the tokenizer (我们|要以|更…)
        "我们要以更大的决心推进改革，以更实的举措扩大开放，以更强的担当服务群众。",
        # the data README's decisions: 不 as anchor, 一方, 在X上Y, a series over ！
        "直面矛盾问题不回避，铲除顽瘴痼疾不含糊，应对风险挑战不退缩。",
        "促一方发展、保一方平安、富一方百姓。",
        "在思想上统一，在政治上坚定，在行动上一致。",
        "正义必胜！和平必胜！人民必胜！",
        # one verb after adverbial openers of different lengths (decision 21)
        "坚定维护国家主权和安全，毫不动摇维护发展利益，维护社会大局稳定。",
        "大力推动科技创新，积极推动产业升级，推动区域协调发展。",
        "坚决落实党中央决策部署，不折不扣落实省委工作要求，落实好各项惠民政策。",
        # the copula right after subjects, whatever the adverb before it (X就是Y, X也是Y)
        "绿水青山就是金山银山，冰天雪地也是金山银山，蓝天白云就是人民福祉。",
    ],
)
def test_parallelism(text):
    assert rh.has_parallelism(text)


@pytest.mark.parametrize(
    "text",
    [
        # word-level members (R4)
        "推动制造业高端化、智能化、绿色化发展。",
        "增强群众的获得感、幸福感、安全感。",
        "发展新技术、新产业、新业态。",
        "着力稳就业、稳企业、稳市场、稳预期。",
        "硬联通、软联通、心联通。",
        "有基础、有条件、有底气、有责任继续用好这关键一招。",
        # no anchor (R2)
        "产业升级、城乡融合、生态改善。",
        "凝心聚力、攻坚克难、担当作为。",
        "扩大内需、优化结构、提振信心。",
        "发挥制度优势、政治优势、发展潜力。",
        "科技兴农、强农惠农、农业增效。",
        "推进科技创新、要素改革、数字转型。",
        # a shared first character of modifier + noun items is a list, not a coined set
        "抓好重大部署、重要任务、重点工作落实。",
        "扩大新质生产力、新兴服务业、新型基础设施等领域投资。",
        # a category noun in one token with a character that does not vary (农产品 twice)
        "培育更多地理标志产品、粤字号农产品，推动预制菜等农产品出海。",
        # nouns ending in a character jieba also lists as a verb (会) stay a list
        "香港友好协进会、香港中国企业协会、香港教育工作者联会出席。",
        # subject–predicate round-ups of places
        "广州更加注重创新，深圳更加突出开放，佛山更加重视制造。",
        # a character recurring at the same offset of members that are not built alike
        "采冰汉子手握冰镩，踏冰起舞，头冰破江而出。",
        # lists: category nouns, shared modifiers, offices, names, places
        "保障粮食安全、能源安全、产业链供应链安全。",
        "单边主义、保护主义、霸权主义对世界和平与安全威胁上升。",
        "紧盯重点场所、重点区域、重点人群、重点时段。",
        "市委副书记、市长、市人大常委会主任出席。",
        "出席会议的有广州市委书记郭永航、韶关市委书记陈少荣、中山市委书记郭文海。",
        "江门提出加快建设；阳江主动融入；湛江提出打造。",
        "西藏自治区正式成立，西藏社会制度实现了伟大跨越，西藏历史由此翻开了崭新的一页。",
        # numbering, statistics, ranks
        "一是要加强领导；二是要加强统筹；三是要加强督查。",
        "新增就业岗位1.2万个。新增市场主体3000户。新增高新技术企业200家。",
        "稳居世界第二大经济体、第一大工业国、第一大货物贸易国。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        # pairs, and several pairs
        "内化于心、外化于行。",
        "既有守土尽责的担当，也有着眼全局的远见，既有见微知著的敏锐，也有防患未然的意识。",
        "让乡愁变为产业，让记忆转化为动能。",
        # the attributive 的 in long members; a shared first character of different words
        "树立不负人民的家国情怀、追求崇高的思想境界、增强过硬的担当本领。",
        "中国共产党应运而生，中国人民从精神上由被动转为主动，中华民族走向伟大复兴。",
        "坚定信念信心，坚定不移办好自己的事，坚定不移扩大高水平对外开放。",
        # the shared word after different verbs is no slot; a condition is no series
        "畅通贸易往来，提升贸易便利化水平，进一步释放服务贸易发展潜力。",
        "没有改革开放，就没有今天的深圳，就没有大湾区的繁荣。",
        # numbered items, rosters, calendars and kinds of one noun with a copula
        "模型由三个层次组成：第一层是质量特性，第二层是质量子特性，第三层是度量指标。",
        "会长是张三，副会长是李四，秘书长是王五。",
        "今天是星期一，明天是星期二，后天是星期三。",
        "一月是冬天，四月是春天，七月是夏天。",
        "原因是多方面的，主要原因是资金，根本原因是机制。",
        # an attribute (V的), not a governing verb
        "重要的事情，非常重要的工作，重要任务。",
    ],
)
def test_no_parallelism(text):
    assert not rh.has_parallelism(text)


def test_sentence_runs_only_when_sentences_are_consecutive_members():
    text = "要坚持稳中求进。要坚持改革创新。要坚持人民至上。"
    assert rh.detect_parallelism(text)[0].scope == "sentence"
    assert rh.detect_parallelism(text, across_sentences=False) == []


def test_non_anchor_lexicon_has_a_source_per_entry():
    table = rh.read_lexicon("parallelism_non_anchors")
    assert table["source"].str.strip().ne("").all()
    assert set(table["kind"]) == {"particle", "function", "affix", "numeral", "place", "pair"}


def test_predicate_lexicon_has_a_source_per_entry():
    table = rh.read_lexicon("parallelism_predicate_anchors")
    assert table["source"].str.strip().ne("").all()
    assert set(table["kind"]) == {"degree", "verb"}


def test_parallelism_runs_and_summary_on_a_table():
    df = pd.DataFrame(
        {
            "doc_id": ["a", "a", "a", "a", "b"],
            "para_id": [1, 2, 2, 2, 1],
            "sent_id": [1, 1, 2, 3, 1],
            "text": [
                "党委带头学、部门系统学、基层全面学。",
                "要坚持稳中求进。",
                "要坚持改革创新。",
                "要坚持人民至上。",
                "普通的一句话。",
            ],
        }
    )
    runs = rh.parallelism_runs(df)
    assert runs[["doc_id", "para_id", "sent_id", "scope", "n_items"]].values.tolist() == [
        ["a", 1, 1, "clause", 3],
        ["a", 2, 1, "sentence", 3],
    ]
    out = rh.textstat_parallelism(df, group="doc_id").set_index("group")
    assert out.loc["a", "n_runs"] == 2 and out.loc["a", "n_sentence_runs"] == 1
    assert out.loc["a", "runs_per_100_sentences"] == pytest.approx(50.0)
    assert out.loc["b", "n_runs"] == 0


def test_a_sentence_group_does_not_cross_a_paragraph():
    df = pd.DataFrame(
        {
            "doc_id": ["a"] * 3,
            "para_id": [1, 2, 3],
            "sent_id": [1, 1, 1],
            "text": ["要坚持稳中求进。", "要坚持改革创新。", "要坚持人民至上。"],
        }
    )
    assert rh.parallelism_runs(df).empty
