"""textstat_events on real round-up paragraphs: rows, dates, cities, types, what is left out."""

from __future__ import annotations

import pandas as pd
import pytest

from bqw_research.textstat.events import EVENT_COLUMNS, textstat_events


def _corpus(paragraphs: list[str], *, published: str | None = "2025-12-01", sections=None):
    paras = pd.DataFrame(
        {
            "doc_id": "roundup",
            "para_id": range(1, len(paragraphs) + 1),
            "section": sections or [""] * len(paragraphs),
            "text": paragraphs,
        }
    )
    corpus = pd.DataFrame(
        {
            "doc_id": ["roundup"],
            "title": ["广东各地怎么干"],
            "published": [pd.Timestamp(published) if published else pd.NaT],
        }
    )
    return corpus, paras


def _events(paragraphs, **kw):
    corpus, paras = _corpus(paragraphs, **kw)
    return textstat_events(corpus, paragraphs=paras)


def test_a_meeting_with_its_leader_from_the_next_sentence():
    ev = _events(
        ["11月20日，广州市委召开省级老同志座谈会，听取意见建议。广州市委书记郭永航主持会议并讲话。"]
    )
    row = ev.iloc[0]
    assert len(ev) == 1
    assert (row.date_start, row.city, row.level, row.type) == (
        "2025-11-20",
        "广州",
        "city",
        "meeting",
    )
    assert (row.actor, row.actor_title) == ("郭永航", "市委书记")


def test_a_delegation_names_its_counterpart():
    ev = _events(
        ["11月20日至21日，茂名市委书记、市人大常委会主任庄悦群率茂名市党政代表团来珠考察交流。"]
    )
    assert ev[["city", "counterpart", "type", "date_end"]].values.tolist() == [
        ["茂名", "珠海", "delegation", "2025-11-21"]
    ]


def test_named_cities_of_a_list_get_a_row_each():
    ev = _events(
        ["11月28日，广州、深圳、佛山等地市委书记第一时间主持会议，专题传达学习，部署贯彻落实。"]
    )
    assert ev["city"].tolist() == ["广州", "深圳", "佛山"]
    assert set(ev["type"]) == {"meeting"}


def test_a_second_body_convened_at_once_is_a_second_row():
    ev = _events(["11月28日，广州市委常委会召开会议，套开市委理论学习中心组学习会。"])
    assert ev["type"].tolist() == ["meeting", "study"]
    assert ev["sentence"].nunique() == 1


@pytest.mark.parametrize(
    "text",
    [
        "过去一周（11月23—30日），广东各地市纷纷召开市委常委会会议、市委工作务虚会等会议。",
        "会议决定，二十届四中全会将于10月20日至23日在北京召开。",
        "会议强调，要抓好规划编制，11月底前召开专题会议。",
        "12月2日，《广东省人民政府关于实施“百千万工程”的决定》正式发布。",
        "11月28日，深圳地铁16号线二期正式开通运营。",
    ],
)
def test_generic_future_detail_document_and_actorless_statements_are_not_events(text):
    assert _events([text]).empty


def test_an_undated_detail_of_a_reported_visit_is_not_a_second_event():
    ev = _events(
        [
            "11月21日，东莞市委书记韦皓前往中堂镇，宣讲党的二十届四中全会精神。"
            "韦皓前往潢涌村史馆、新时代文明实践站等，调研潢涌历史文化及经济转型情况。"
        ]
    )
    assert len(ev) == 1 and ev.iloc[0].type == "lecture"


def test_a_bare_title_takes_the_city_of_its_section():
    ev = _events(
        ["11月24日，市委书记郭文海到三乡镇，深入乡村基层一线，宣讲党的二十届四中全会精神。"],
        sections=["中山：锚定目标、精准发力"],
    )
    assert ev[["city", "county", "actor"]].values.tolist() == [["中山", "三乡镇", "郭文海"]]


def test_without_publication_the_year_is_unknown():
    ev = _events(["11月21日，汕头市委常委会召开会议。"], published=None)
    assert ev.iloc[0].date_start == "XXXX-11-21"


def test_an_article_without_activities_gives_an_empty_table_with_the_columns():
    ev = _events(["“百千万工程”是一项系统工程，需要久久为功，才能“成色”更足。"])
    assert ev.empty and list(ev.columns) == EVENT_COLUMNS


def test_the_shipped_round_up(seed_corpus):
    ev = textstat_events(seed_corpus)
    assert list(ev.columns) == EVENT_COLUMNS
    assert set(ev["doc_id"]) == {d for d in seed_corpus["doc_id"] if d.startswith("000")}
    visit = ev[ev["type"] == "delegation"].iloc[0]
    assert (visit.city, visit.counterpart, visit.date_start) == ("茂名", "珠海", "XXXX-11-20")
    assert {"中央", "省", "广州", "汕头", "东莞", "佛山", "河源", "江门", "清远"} <= set(ev["city"])
    assert "百千万工程" in "|".join(ev["topics"])


@pytest.mark.parametrize(
    ("text", "city", "county", "actor", "kind"),
    [
        # a leader's chained titles: 省委常委 is a title, the actor is the city's
        (
            "省委常委、广州市委书记郭永航到番禺区宣讲党的二十届四中全会精神。",
            "广州",
            "番禺区",
            "郭永航",
            "lecture",
        ),
        (
            "省委宣讲团成员、省委常委、深圳市委书记孟凡利到南山区宣讲全会精神。",
            "深圳",
            "南山区",
            "孟凡利",
            "lecture",
        ),
        # a bare title with a name, its city named before it
        ("在潮州，市委书记何晓军深入潮安区宣讲全会精神。", "潮州", "潮安区", "何晓军", "lecture"),
        # the activity in the clause after the move
        ("韶关市委书记陈少荣走进韶关学院，为师生讲授思政课。", "韶关", "", "陈少荣", "lecture"),
        (
            "河源市委书记王晖深入东源县，为基层党员干部讲授专题党课。",
            "河源",
            "东源县",
            "王晖",
            "lecture",
        ),
        # a county's leader: the prefecture city through the gazetteer
        ("惠东县委书记李明到白花镇调研百千万工程。", "惠州", "惠东县", "李明", "inspection"),
        # a named body holding a reception (codebook D10: embassies are CENTRAL)
        ("中国驻新西兰大使馆在新西兰国家博物馆举行了国庆招待会。", "中央", "", "", "other"),
    ],
)
def test_undated_activities_of_named_actors_are_events(text, city, county, actor, kind):
    ev = _events([text])
    assert ev[["city", "county", "actor", "type"]].values.tolist() == [[city, county, actor, kind]]
    assert ev.iloc[0].date_precision == "none"


@pytest.mark.parametrize(
    ("text", "city", "kind"),
    [
        # the provincial lecture group is the province's; its lecture meeting in a city is not
        ("11月5日，省委宣讲团在梅州市宣讲党的二十届四中全会精神。", "省", "lecture"),
        (
            "23日下午，中央宣讲团到横琴粤澳深度合作区调研，与居民、企业代表互动交流。",
            "中央",
            "lecture",
        ),
        ("中央宣讲团成员，商务部党组书记、部长王文涛11月9日在山东作宣讲报告。", "中央", "lecture"),
        ("今天（11月10日），国务院新闻办公室举行政策例行吹风会。", "中央", "other"),
        ("11月20日，商务部举行例行新闻发布会。", "中央", "other"),
        ("11月12日，顺德区召开全区干部大会。", "佛山", "meeting"),
        ("11月12日，英德市委常委会召开会议，传达学习全会精神。", "清远", "meeting"),
    ],
)
def test_provincial_central_and_county_actors_give_the_city(text, city, kind):
    ev = _events([text])
    assert ev[["city", "type"]].values.tolist() == [[city, kind]]


def test_a_list_of_named_embassies_gives_one_central_row_each():
    ev = _events(
        ["连日来，我驻卡塔尔、巴林、也门、波兰、日本、多哥等国使馆也举办了国庆招待会等活动。"]
    )
    assert ev["city"].tolist() == ["中央"] * 6
    assert set(ev["date_precision"]) == {"before publication"}


@pytest.mark.parametrize(
    "text",
    [
        "俄罗斯国防部22日称，俄军打击了乌克兰远程无人机发射点。",  # another country's ministry
        "党的十八大以来，习近平总书记对广东念兹在兹，历次视察广东都作出重要指示。",
        "连日来，中央宣讲团成员在各地宣讲，推动全会精神学习走深走实。",  # generic
    ],
)
def test_foreign_ministries_aggregates_and_generic_lectures_are_not_events(text):
    assert _events([text]).empty


def test_a_leader_sub_group_of_a_reported_delegation_is_detail():
    ev = _events(
        [
            "中央代表团各分团27至28日在新疆多地，继续看望慰问各族干部群众。",
            "中共中央政治局常委、全国政协主席、中央代表团团长王沪宁带领一分团到阿勒泰地区布尔津县考察。",
        ]
    )
    assert len(ev) == 1 and ev.iloc[0].para_id == 1


def test_an_undated_visit_of_a_leader_already_reported_with_a_date_is_detail():
    ev = _events(
        [
            "11月21日，东莞市委书记韦皓前往中堂镇，宣讲党的二十届四中全会精神。",
            "韦皓前往潢涌村史馆、新时代文明实践站等，调研潢涌历史文化及经济转型情况。",
        ]
    )
    assert ev["para_id"].tolist() == [1]


def test_a_meeting_of_another_kind_after_a_meeting_is_its_own_event():
    ev = _events(
        [
            "11月9日，广州市委常委会召开扩大会议，传达学习习近平总书记视察广东重要讲话精神。"
            "随后召开的全市干部大会进一步细化部署。"
        ]
    )
    assert ev[["city", "typology"]].values.tolist() == [
        ["广州", "常委会会议"],
        ["广州", "干部大会"],
    ]


def test_a_meeting_during_a_trip_stays_detail():
    ev = _events(
        [
            "11月18日，河源市委书记何国森到紫金县宣讲党的二十届四中全会精神。"
            "何国森在凤安镇召开座谈会，听取意见建议。"
        ]
    )
    assert ev["type"].tolist() == ["lecture"]


def test_a_dated_plenum_named_by_its_decision_is_an_event_and_an_undated_one_is_not():
    dated = _events(["2022年，广东省委十三届二次全会作出深入推进绿美广东生态建设的重要决定。"])
    assert dated[["city", "date_start", "type"]].values.tolist() == [["省", "2022", "meeting"]]
    assert _events(["党的二十届四中全会提出，要深入推进数字中国建设。"]).empty


@pytest.mark.parametrize(
    ("second", "rows"),
    [
        ("市委副书记、市长曾峰到澄海区宣讲全会精神。", 2),  # another leader on his own errand
        ("温湛滨还到澄海区，为企业家宣讲全会精神。", 1),  # the same leader: detail of the trip
    ],
)
def test_an_undated_activity_of_another_leader_of_the_city_is_its_own_event(second, rows):
    ev = _events(["在汕头，市委书记温湛滨到潮阳区宣讲全会精神。" + second])
    assert len(ev) == rows and set(ev["city"]) == {"汕头"}


@pytest.mark.parametrize(
    ("text", "city", "county", "kind"),
    [
        ("11月12日，湛江市委书记余钢与茂名市委书记庄悦群一行座谈。", "湛江", "", "meeting"),
        (
            "11月12日，省委书记黄坤明在江门市委书记陈岸明陪同下到台山市调研。",
            "省",
            "台山市",
            "inspection",
        ),
        ("11月12日，广东召开全省“百千万工程”推进会。", "省", "", "meeting"),
        ("11月12日，深汕特别合作区党工委召开会议。", "深圳", "", "meeting"),
        ("11月12日，横琴粤澳深度合作区执行委员会召开会议。", "珠海", "", "meeting"),
    ],
)
def test_talks_escorted_visits_provincial_meetings_and_zones(text, city, county, kind):
    ev = _events([text])
    assert ev[["city", "county", "type"]].values.tolist() == [[city, county, kind]]


@pytest.mark.parametrize(
    ("text", "actor_title", "kind"),
    [
        (
            "广州市委书记郭永航来到黄埔区，同企业负责人、科研人员面对面交流，宣讲全会精神。",
            "市委书记",
            "lecture",
        ),
        ("市委主要负责同志到南雄市宣讲全会精神。", "市委主要负责同志", "lecture"),
        ("珠海市委书记陈勇为全市党员干部作专题辅导报告。", "市委书记", "study"),
    ],
)
def test_undated_lectures_after_a_move_by_title_only_and_study_reports(text, actor_title, kind):
    ev = _events([text], sections=["韶关：奋力发展"])
    assert ev[["actor_title", "type"]].values.tolist() == [[actor_title, kind]]


@pytest.mark.parametrize(
    "text",
    [
        "政协第十四届全国委员会第四十二次主席会议27日下午在京召开。",
        "10月19日，国家主席习近平就日本前首相村山富市逝世向日本首相石破茂致唁电。",
    ],
)
def test_national_bodies_by_term_and_messages_of_condolence(text):
    assert _events([text])["city"].tolist() == ["中央"]


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        (
            "11月12日，汕头市委书记温湛滨、揭阳市委书记曾风保分别到基层宣讲全会精神。",
            ["汕头", "揭阳"],
        ),
        (
            "11月12日，汕头市委常委会、揭阳市委常委会分别召开会议，传达学习全会精神。",
            ["汕头", "揭阳"],
        ),
        ("11月12日，汕头市委书记温湛滨与揭阳市委书记曾风保座谈。", ["汕头"]),  # talks: one event
    ],
)
def test_cities_listed_as_one_subject_acting_each_get_a_row_each(text, cities):
    assert _events([text])["city"].tolist() == cities


def test_an_adverb_after_a_bare_title_is_no_name():
    ev = _events(["11月12日，汕头、揭阳、潮州等地市委书记分别到基层宣讲全会精神。"])
    assert ev["actor"].tolist() == ["", "", ""]


@pytest.mark.parametrize(
    "text",
    [
        "中央广播电视总台“炫彩中国·清新福建”全球推介会今天（10月12日）在京举行。",
        "10月12日中午，习近平和彭丽媛为与会国际贵宾举行欢迎宴会。",
    ],
)
def test_promotion_events_and_banquets_are_other_events(text):
    ev = _events([text])
    assert ev[["city", "type"]].values.tolist() == [["中央", "other"]]


def test_a_month_right_before_the_actor_dates_the_plenum_it_names():
    ev = _events(["“百千万工程”是2022年12月广东省委十三届二次全会提出的城乡区域协调发展核心战略。"])
    assert ev[["city", "date_start", "date_precision"]].values.tolist() == [
        ["省", "2022-12", "month"]
    ]


@pytest.mark.parametrize(
    ("text", "kind", "date"),
    [
        # 3日 before publication (2025-12-01): the last 3rd of a month, 11月3日
        ("全国宣传部长会议3日至4日在京召开。", "meeting", "2025-11-03"),
        (
            "应埃及总理马德布利邀请，当地时间7月9日上午，国务院总理李强乘包机抵达开罗，开始对埃及进行正式访问。",
            "other",
            "2025-07-09",
        ),
        ("4月23日，国家主席习近平向气候和公正转型领导人视频峰会发表致辞。", "other", "2025-04-23"),
    ],
)
def test_national_meetings_in_beijing_visits_abroad_and_addresses_are_central_events(
    text, kind, date
):
    ev = _events([text])
    assert ev[["city", "type"]].values.tolist() == [["中央", kind]]
    assert str(ev["date_start"].iloc[0])[:10] == date


@pytest.mark.parametrize(
    "paragraph",
    [
        "14日，在中国国家主席习近平对马来西亚进行国事访问前夕，马来西亚总理安瓦尔接受总台记者专访。",
        "苏林热烈欢迎习近平总书记、国家主席在两国建交75周年之际对越南进行国事访问。",
        "7月9日，第二届文化强国建设高峰论坛在深圳开幕。中共中央政治局委员、中宣部部长李书磊在开幕式上宣读了习近平主席的贺信。",
    ],
)
def test_visits_named_as_a_time_welcomed_visits_and_letters_read_out_add_no_event(paragraph):
    ev = _events([paragraph])
    assert not ev["sentence"].str.contains("前夕|热烈欢迎|宣读").any()


@pytest.mark.parametrize(
    ("text", "kind", "date"),
    [
        # a bare month opening the sentence: the publication year (2025-12-01), or the year before
        ("5月，习主席同巴西总统卢拉举行会谈时指出，要丰富中巴命运共同体内涵。", "other", "2025-05"),
        (
            "今天（8月7日），国务院新闻办公室举行“新征程上的奋斗者”中外记者见面会。",
            "other",
            "2025-08-07",
        ),
        ("中央周边工作会议4月8日至9日在北京举行。", "meeting", "2025-04-08"),
        (
            "8月7日，财政部、应急管理部再次紧急预拨4.3亿元中央自然灾害救灾资金，支持北京、河北做好受灾群众转移安置。",
            "other",
            "2025-08-07",
        ),
    ],
)
def test_month_dates_press_meetings_work_conferences_and_allocations(text, kind, date):
    ev = _events([text])
    assert ev[["city", "type"]].values.tolist() == [["中央", kind]]
    assert str(ev["date_start"].iloc[0]) == date


@pytest.mark.parametrize(
    "text",
    [
        "国家主席习近平3月11日签署了第四十五号主席令。",  # promulgating a law: a document
        "国家防灾减灾救灾委员会办公室向灾区调拨的4.2万件中央救灾物资，今天已全部运抵灾区。",
    ],
)
def test_presidential_orders_and_materials_arriving_are_not_events(text):
    assert _events([text]).empty


@pytest.mark.parametrize(
    ("paragraphs", "rows"),
    [
        # held in Beijing / another province / abroad, a national leader there: CENTRAL
        (
            [
                "全国民营经济座谈会6日在京召开。中共中央政治局常委、国务院副总理丁薛祥出席会议并讲话。"
            ],
            1,
        ),
        (["第三届全球数字贸易博览会9日在浙江杭州开幕。国务院副总理何立峰出席开幕式并致辞。"], 1),
        (
            [
                "当地时间5月8日，中国文化年开幕式在巴黎举行。中共中央政治局委员、中宣部部长李书磊出席并致辞。"
            ],
            1,
        ),
        # held elsewhere with no national leader named: not a national event (codebook: actor)
        (["第五届全民阅读大会8日在山西太原举办。与会嘉宾围绕书香社会建设展开交流。"], 0),
        (["2025年海峡两岸文化论坛12日在福建厦门开幕。论坛以交流合作为主题。"], 0),
    ],
)
def test_a_gathering_held_outside_guangdong_is_central_when_a_national_leader_attends(
    paragraphs, rows
):
    ev = _events(paragraphs)
    assert len(ev) == rows
    if rows:
        assert ev[["city", "level"]].values.tolist() == [["中央", "central"]]
        assert ev["actor"].iloc[0] != ""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("6月，习近平总书记来到河南林州，向红旗渠纪念碑敬献花篮。", "other"),
        ("8月，习近平委托中央组织部负责同志向老艺术家田华转达亲切问候。", "other"),
        ("几天后，总书记给北京大学的青年学生回信，勉励他们勇担使命。", "other"),
        ("今天（6月3日），国家文物局将一批流失海外文物划拨入藏中国国家博物馆。", "other"),
    ],
)
def test_tributes_messages_and_transfers_are_central_events(text, kind):
    ev = _events([text])
    assert ev[["city", "type"]].values.tolist() == [["中央", kind]]


def test_leaders_laying_wreaths_together_with_others_tomorrow_is_future():
    text = "9月30日是烈士纪念日，当天上午，党和国家领导人将同各界代表一起，在天安门广场向人民英雄敬献花篮。"
    assert _events([text]).empty


@pytest.mark.parametrize(
    "paragraph",
    [
        # other leaders attending what was just reported, a deliberation at the NPC: detail
        "国务院总理李强12日在北京会见新加坡总理黄循财。蔡奇、王毅等参加会见。",
        "第十届中国国际进口博览会5日在上海开幕。国务院副总理何立峰出席。",
        "中共中央书记处书记、国务委员王小洪在参加河北代表团审议时说，完全赞成政府工作报告。",
        # a title's possession, not its act; an undated aggregate
        "总书记的回信让师生们深受鼓舞、倍感振奋。",
        "总书记在回信中对青年学生提出殷切期望。",
        "“十四五”以来，总书记在国内考察期间，多次就乡村振兴作出重要指示。",
    ],
)
def test_attendance_deliberation_possessed_letters_and_aggregates_add_no_event(paragraph):
    ev = _events([paragraph])
    assert not ev["sentence"].str.contains("参加会见|出席。|审议时|回信|多次").any()


def test_a_verb_after_a_two_character_name_is_not_part_of_the_name():
    text = "7月7日，中共中央政治局常委、中央书记处书记蔡奇在京出席主题展览开幕式，发表讲话并宣布展览开幕。"
    assert "蔡奇发" not in set(_events([text])["actor"])
    from bqw_research.textstat.events.actors import statement_actors

    names = {a.name for a in statement_actors("中央书记处书记蔡奇发表讲话。", {})}
    assert "蔡奇" in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("11月5日，广州市委书记吴国强调研白云区。", "吴国强"),  # 强调 and 调研: 强 ends the name
        ("11月5日，广州市委书记王志强主持召开市委常委会会议。", "王志强"),
    ],
)
def test_a_three_character_name_before_an_overlapping_verb_is_kept(text, name):
    from bqw_research.textstat.events.actors import statement_actors

    assert name in {a.name for a in statement_actors(text, {})}


@pytest.mark.parametrize(
    "text",
    [
        "广州市委书记郭永航到海珠区调研，听取企业多次反映的问题。",  # a count of others' acts
        "今年以来，市委书记郭永航带队到海珠区调研。",  # one activity this year, no count
    ],
)
def test_a_count_that_is_not_of_the_actors_activities_is_no_aggregate(text):
    assert len(_events([text])) == 1


def test_a_speech_verb_that_begins_inside_a_name_does_not_cut_the_frame():
    ev = _events(["11月5日，广州市委书记吴国强调研白云区。"])
    assert ev[["actor", "type", "city"]].values.tolist() == [["吴国强", "inspection", "广州"]]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (  # a national leader attends a gathering hosted in a Guangdong city: his event
            [
                "中华人民共和国第十五届运动会9日晚在广东省广州市隆重开幕。中共中央总书记、国家主席习近平出席开幕式并宣布运动会开幕。"
            ],
            [["中央", "习近平"]],
        ),
        (  # the provincial secretary attends it: a provincial event
            ["2025年全省乡村振兴现场会10日在梅州市召开。省委书记黄坤明出席会议并讲话。"],
            [["省", "黄坤明"]],
        ),
        (  # a leader quoted by the guests (in the next paragraph) is not at the event
            [
                "11月30日至12月2日，2025年“读懂中国”国际会议在广州举办。",
                "与会嘉宾表示，习近平主席强调，读懂中国，关键要读懂中国式现代化。",
            ],
            [["广州", ""]],
        ),
    ],
)
def test_a_hosted_gathering_belongs_to_the_higher_leader_attending_it(paragraphs, expected):
    ev = _events(paragraphs)
    assert ev[["city", "actor"]].values.tolist() == expected


@pytest.mark.parametrize(
    ("paragraphs", "cities"),
    [
        (  # 省委 after 山东省委常委会 in the paragraph is Shandong's: no Guangdong event
            [
                "山东省委常委会制定带头开展学习教育的工作安排。省委举办学习教育专题读书班，推动全省学习教育有序开展。"
            ],
            [],
        ),
        (  # in a paragraph of its own, a bare 省委 is Guangdong's
            [
                "山东省委常委会制定带头开展学习教育的工作安排。",
                "3月26日，省委举办学习教育专题读书班，推动全省学习教育有序开展。",
            ],
            ["省"],
        ),
    ],
)
def test_a_bare_provincial_organ_after_another_province_is_that_provinces(paragraphs, cities):
    assert _events(paragraphs)["city"].tolist() == cities


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        (
            "10月13日下午，国家副主席韩正在北京分别会见来华出席全球妇女峰会的巴布亚新几内亚副总理罗索、"
            "保加利亚副总统约托娃。",
            2,
        ),
        (
            "12月9日，国务院总理李强在北京分别会见世界银行行长彭安杰、国际货币基金组织总裁格奥尔基耶娃"
            "和联合国贸发会议秘书长格林斯潘。",
            3,
        ),
        ("2月6日，全国人大常委会委员长赵乐际在北京会见文莱苏丹哈桑纳尔。", 1),
        (
            "当地时间6月10日至12日，应西班牙政府邀请，国家副主席韩正访问西班牙，"
            "在马德里分别会见西班牙国王费利佩六世、首相桑切斯。",
            1,
        ),
    ],
)
def test_a_leader_meeting_visitors_in_turn_gives_a_row_each(text, rows):
    ev = _events([text])
    assert len(ev) == rows
    assert set(ev["city"]) == {"中央"}


@pytest.mark.parametrize(
    ("text", "actor_title"),
    [
        (
            "当地时间3月10日，由中国中央广播电视总台主办的“春天里的中国：中国机遇世界共享”"
            "全球对话会美国专场在芝加哥举行。",
            "中央广播电视总台",
        ),
        (
            "由国家电影局、中央广播电视总台共同举办的“跟着电影游中国”活动今天（11月17日）启动。",
            "国家电影局",
        ),
        (
            "由中央广播电视总台联合国务院国资委、教育部、共青团中央共同发起的“国聘行动”第六季"
            "今天(11月26日)启动。",
            "中央广播电视总台",
        ),
    ],
)
def test_a_gathering_or_campaign_of_named_national_organisers_is_central(text, actor_title):
    ev = _events([text])
    assert ev[["city", "type", "actor_title"]].values.tolist() == [["中央", "other", actor_title]]


def test_a_launch_without_named_organisers_is_no_event():
    assert _events(["“粤享暖冬”消费季活动今天启动，各地商家纷纷参与。"]).empty


@pytest.mark.parametrize(
    ("paragraphs", "rows"),
    [
        (
            [
                "纪念任建新同志诞辰100周年座谈会5日在京举行。中共中央政治局常委、全国政协主席王沪宁出席座谈会。",
                "中共中央政治局委员、中央政法委书记陈文清在座谈会上缅怀了任建新同志的光辉一生，强调要学习他的政治品格。",
            ],
            1,
        ),
        (
            [
                "中国法学会第九次全国会员代表大会10日上午在京开幕。",
                "中共中央政治局委员、中央政法委书记陈文清在开幕式上代表党中央致词。",
            ],
            1,
        ),
        # no gathering reported before: the statement reports it
        (["中共中央政治局委员、中央政法委书记陈文清在座谈会上缅怀了任建新同志的光辉一生。"], 1),
    ],
)
def test_a_leader_speaking_at_the_gathering_already_reported_adds_no_event(paragraphs, rows):
    assert len(_events(paragraphs, published="2025-08-05")) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("3月10日下午，各代表团认真审议了全国人大常委会工作报告等六个决议草案。", 0),
        ("3月10日下午，十四届全国人大三次会议在北京人民大会堂举行第三次全体会议。", 1),
    ],
)
def test_each_delegation_or_department_is_no_named_actor(text, rows):
    assert len(_events([text], published="2025-03-11")) == rows


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        (
            "12月4日，最高人民法院和最高人民检察院分别举行宪法宣誓仪式，新任职人员面向国旗、国徽庄严宣誓。",
            ["最高人民法院", "最高人民检察院"],
        ),
        # one act held jointly: one row
        (
            "12月4日，最高人民法院和最高人民检察院联合举行新闻发布会，发布典型案例。",
            ["最高人民法院"],
        ),
    ],
)
def test_named_bodies_each_holding_an_event_get_a_row_each(text, titles):
    assert _events([text])["actor_title"].tolist() == titles


@pytest.mark.parametrize(
    ("paragraphs", "types"),
    [
        (
            [
                "4月24日上午，国家主席习近平在北京人民大会堂同来华进行国事访问的肯尼亚总统鲁托举行会谈。",
                "会谈后，两国元首共同见证签署共建“一带一路”、高新科技等领域20项合作文件。",
            ],
            ["other", "signing"],
        ),
        (
            [
                "12月3日，国家主席习近平在北京人民大会堂同法国总统马克龙举行会谈。",
                "会谈后，两国元首共同见证签署核能、农食、教育等领域多项合作文件。",
                "两国元首还共同会见了中外记者。",
            ],
            ["other", "signing", "other"],
        ),
        # their ceremonial detail stays no event
        (
            [
                "4月24日上午，国家主席习近平在人民大会堂东门外广场举行仪式，欢迎肯尼亚总统鲁托。",
                "两国元首回到检阅台，观看仪仗队分列式。",
            ],
            ["other"],
        ),
    ],
)
def test_heads_of_state_witnessing_a_signing_or_meeting_the_press(paragraphs, types):
    ev = _events(paragraphs)
    assert ev["type"].tolist() == types
    assert set(ev["city"]) == {"中央"}
