"""Speech acts: the rules of the seventh round (batch 4 of the labels, branch speech-batch4).

Every sentence is written for the test in the style of 新华社 / 新闻联播 reporting; each
case names the codebook rule (``speakers_and_citations.md``, version 1) or the labelled
set's decision it checks, with negative cases for what must stay out.
"""

from __future__ import annotations

import pytest
from support.speech_tables import edges_of, speakers_in

# ------------------------------- a time word or a dotted name after an office title


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("巴西总统卢拉当天表示，将会坚定捍卫主权。", {"卢拉"}),
        ("美国国务卿鲁比奥当天称，谈判仍有很长的路要走。", {"鲁比奥"}),
        ("俄总统新闻秘书佩斯科夫今天表示，大桥结构未受损坏。", {"佩斯科夫"}),
        ("同一天，德国总理默茨称，美国不应低估欧盟采取反制措施的意愿。", {"默茨"}),
        ("法国总统马克龙今天（4月11日）表示，关税暂停是“脆弱的”。", {"马克龙"}),
        # 朔, 热, 茨 are transliteration characters (朔尔茨, 兰热尔, 卡茨)
        ("德国总理朔尔茨15日在记者会上表示，德国坚决反对外来干涉。", {"朔尔茨"}),
        ("以色列国防部长卡茨17日称，将成立一个专门机构。", {"卡茨"}),
        ("欧盟外交与安全政策高级代表卡拉斯8日表示，各方必须尊重国际法。", {"卡拉斯"}),
        # a name joined by a middle dot is read whole
        ("美国前劳工部长罗伯特·赖克19日表示，投资者正在放弃美债。", {"罗伯特·赖克"}),
        ("古巴国家主席迪亚斯-卡内尔当天表示，古巴是一个主权国家。", {"迪亚斯-卡内尔"}),
        # when the part after the dot is not read, the part before it still is
        ("阿拉伯海湾国家研究所高级研究员侯赛因·伊比什表示，关税战破坏了信心。", {"侯赛因"}),
        # a time word with no speech verb gives no act
        ("巴西总统卢拉当天抵达北京，开始国事访问。", set()),
    ],
)
def test_time_words_and_dotted_names(sentence, expected):
    assert speakers_in(sentence) == expected


# ------------------------- names listed before one shared predicate (分别致辞, 先后致辞)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # titled names, each in its own comma clause, then 分别致辞
        (
            "广东省委书记张明，香港特别行政区行政长官李家强，国家体育总局局长高志远分别致辞。",
            {"张明", "李家强", "高志远"},
        ),
        # untitled names after a titled one, closed by 等人
        (
            "报告会上，报告团成员王芳、刘建、陈晓东等人分别结合自身经历作了报告。",
            {"王芳", "刘建", "陈晓东"},
        ),
        # 致欢迎辞 is 致辞; 及 ends a name
        (
            "开幕式上，论坛理事长潘基文致欢迎辞，老挝总理宋赛、孟加拉国临时政府首席顾问尤努斯及工商界代表先后致辞。",
            {"潘基文", "宋赛", "尤努斯"},
        ),
        # a comma list with no shared adverb: only the subject of the verb speaks
        ("广州市委书记郭永航，深圳市委书记孟凡利出席会议并讲话。", {"孟凡利"}),
        # untitled names not closed by 等人 or a shared adverb are not read as speakers
        ("报告团成员王芳、刘建表示，要把学习成果转化为工作动力。", {"王芳"}),
    ],
)
def test_names_sharing_one_predicate(sentence, expected):
    assert speakers_in(sentence) == expected


def test_co_subjects_cite_no_one():
    """Co-subjects of one predicate are not each other's sources."""
    edges = edges_of(["中共中央政治局委员、广东省委书记黄坤明，国家体育总局局长高志远分别致辞。"])
    assert edges == set()


# ------------------------------------------- bodies listed before 有关负责人 each speak


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "科技部、工业和信息化部、国务院国资委有关负责人表示，将加强关键核心技术攻关。",
            {"科技部", "工业和信息化部", "国务院国资委"},
        ),
        (
            "住房城乡建设部和国家发展改革委、财政部有关负责人介绍，城市更新取得积极进展。",
            {"住房城乡建设部", "国家发展改革委", "财政部"},
        ),
        # 等部门 closes the list
        (
            "国家发展改革委、国家数据局等部门相关负责人介绍，数据要素市场加快建设。",
            {"国家发展改革委", "国家数据局"},
        ),
        # places only are no named body (labelled set batch 4, decision 4)
        ("安徽省和广东省有关负责人介绍了下一步各自的工作重点。", set()),
        # one body with 和 inside its name
        ("工业和信息化部有关负责人表示，将加大支持力度。", {"工业和信息化部"}),
    ],
)
def test_bodies_listed_before_officials(sentence, expected):
    assert speakers_in(sentence) == expected


# --------------------------------- X提出Y N周年 is a date, not an act (batch 4 decision 7)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "国务院副总理丁薛祥说，今年是中国国家主席习近平提出构建亚洲命运共同体10周年。",
            {"丁薛祥"},
        ),
        ("外交部长王毅表示，今年是国家主席习近平提出“一带一路”倡议十二周年。", {"王毅"}),
        # 提出 with no anniversary stays an act
        ("国家主席习近平提出，要构建亚洲命运共同体。", {"习近平"}),
        # another verb before an anniversary stays an act
        ("国家主席习近平指出，今年是中国同欧盟建交50周年。", {"习近平"}),
    ],
)
def test_anniversary_of_a_proposal(sentence, expected):
    assert speakers_in(sentence) == expected


def test_anniversary_gives_no_edge():
    edges = edges_of(
        ["国务院副总理丁薛祥说，今年是中国国家主席习近平提出构建亚洲命运共同体10周年。"]
    )
    assert ("丁薛祥", "习近平") not in edges


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("美国中东问题特使威特科夫16日称，他将前往沙特。", {"威特科夫"}),
        # a body followed by the envoy's title and name: the envoy speaks
        ("美政府乌克兰和俄罗斯问题特使凯洛格15日称，谈判方将不会包括欧洲国家。", {"凯洛格"}),
    ],
)
def test_envoys(sentence, expected):
    assert speakers_in(sentence) == expected
