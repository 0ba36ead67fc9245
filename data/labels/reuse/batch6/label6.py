"""Write reuse_batch6.tsv from draft6.tsv and the labels below (each set by reading the draft
in its two articles with view6.py; nothing here is computed from the text)."""
import csv
from load import load

c = load(); T = dict(zip(c.doc_id, c.text))
BP = "0: boilerplate (programme opening/trailer)"
U20 = "0: under 20 Han characters"
# (pair_id, draft a_start) -> (label, note[, (a_start, a_end, b_start, b_end) set by reading])
L = {
    ("p100", 7): (0, BP), ("p100", 58): (0, BP),
    ("p100", 882): (0, "0 (hard call): stock central formula (党的十八大以来，以习近平同志为核心的党中央; exactly 20 Han with the leading 。), the sentences differ after it (精神文明建设 / 全民健身)"),
    ("p100", 2671): (0, "0: a leader's titles (中共中央政治局常委、国务院[副总理/总理]), under 20 Han characters"),
    ("p101", 8): (0, BP), ("p101", 61): (0, BP),
    ("p101", 1097): (0, U20 + " (年是“十四五”规划收官之年, 11 Han; the sentences differ after it)"),
    ("p101", 1145): (0, "0: stock central formula (坚持以习近平新时代中国特色社会主义思想为指导, as p86)"),
    ("p101", 4898): (0, "0: name of a body (中央广播电视总台主办的“…” before two different event names), under 20 Han characters"),
    ("p102", 7): (0, BP), ("p102", 58): (0, BP),
    ("p102", 310): (0, U20 + " (指出，党的十八大以来，党中央, 12 Han; different statements after it)"),
    ("p102", 1250): (0, "0: a leader's titles (中共中央总书记、国家主席), under 20 Han characters"),
    ("p103", 7): (0, BP), ("p103", 60): (0, BP),
    ("p103", 351): (0, U20 + " (坚定不移扩大高水平对外开放, 12 Han; stock policy phrase)"),
    ("p103", 5019): (0, U20 + " (news lead-in 记者从交通运输部了解到，今年, 12 Han; different news after it)"),
    ("p104", 8): (0, BP), ("p104", 60): (0, BP),
    ("p104", 1276): (0, U20 + " (坚持以人民为中心的发展思想, 12 Han; stock formula)"),
    ("p104", 6312): (0, "0: boilerplate (programme closing segment: 节目的最后，让我们一起走进, as p93)"),
    ("p105", 0): (0, BP + ", with the presenters' names"), ("p105", 58): (0, BP),
    ("p106", 7): (0, BP), ("p106", 81): (0, BP),
    ("p106", 3084): (0, U20 + " (news lead-in 国务院新闻办公室今天（8月…日）举行, about 13 Han; different press conferences after it; doc_a's first mention)"),
    ("p106", 4457): (0, U20 + " (the same lead-in, doc_a's second mention, matched to the same place in doc_b; the “新征程上的奋斗者” series of doc_a is not in doc_b)"),
    ("p107", 7): (0, BP), ("p107", 58): (0, BP),
    ("p107", 5575): (0, U20 + " (place names 在苏梅、哈尔科夫、顿涅茨克 in two different war reports)"),
    ("p107", 5722): (0, U20 + " (war-report phrase 人员、武器和军事装备集中区, 12 Han)"),
    ("p107", 6811): (0, "0: name of a place (以色列本-古里安国际机场), under 20 Han characters"),
    ("p107", 7035): (0, "0: name of a body (加拿大跨部门森林火灾中心), under 20 Han characters"),
    ("p108", 80): (0, U20 + " (深入学习贯彻习近平总书记, 12 Han; study-and-implement formula; doc_a's first mention)"),
    ("p108", 254): (0, U20 + " (the same formula, doc_a's second mention, in the title of a decision)"),
    ("p108", 645): (0, "0: stock central formula (深刻领悟“两个确立”的决定性意义，增强“四个意识”…做到“两个维护”, named in the rule)"),
    ("p109", 15749): (0, "0: stock central formula (深刻领悟“两个确立”的决定性意义，增强“四个意识”…做到“两个维护”, named in the rule)"),
    ("p110", 7): (0, BP), ("p110", 58): (0, BP),
    ("p110", 219): (0, U20 + " (坚定不移扩大高水平对外开放, 12 Han; stock policy phrase)"),
    ("p110", 474): (0, "0: stock central formula (要更加紧密地团结在以习近平同志为核心的[中共中央/党中央]周围, named in the rule)"),
    ("p110", 2570): (0, U20 + " (新时代中国特色社会主义思想, doc_a's first mention; stock name of the theory)"),
    ("p110", 4091): (0, U20 + " (the same, doc_a's second mention, matched to the same place in doc_b)"),
    ("p110", 4833): (0, U20 + " (news lead-in 国际人士表示，习近平主席, 10 Han; doc_a's first mention; different speeches after it)"),
    ("p110", 4927): (0, U20 + " (the same lead-in, doc_a's second mention, matched to the same place in doc_b)"),
    ("p111", 2772): (0, "0: stock central formula (深刻领悟“两个确立”的决定性意义，增强“四个意识”…做到“两个维护”, named in the rule)"),
    ("p112", 5420): (1, "1 (hard call): the National Energy Administration's monthly statistics sentences (截至…月底，全国累计发电装机容量…亿千瓦，同比增长…%。其中，太阳能发电装机容量…；风电装机容量…) carried from one text to another (broadcast 8-24 / commentary), month and figures changed, 今年 inserted in doc_b; two monthly releases in one formulation, labelled as p93 (figures changed) and p52/p88; span set by reading (draft 5420–5501 / 1118–1199 extended back to 截至 and to the end of the second sentence)", (5417, 5504, 1113, 1202)),
    ("p113", 0): (0, BP + ", with the presenters' names"), ("p113", 59): (0, BP),
    ("p113", 621): (0, U20 + " (以习近平同志为核心的党中央, 11 Han; stock formula; matched to doc_b's first mention)"),
    ("p113", 784): (0, U20 + " (党的二十大和二十届二中、三中全会精神, 17 Han; stock study-and-implement formula)"),
    ("p114", 7): (0, BP), ("p114", 59): (0, BP),
    ("p114", 5640): (1, "1 (hard call): the State Post Bureau news sentence (记者[今天（…）]从国家邮政局了解到，截至…，今年以来我国快递业务量已突破…亿件，比2024年达到…亿件提前了…天) carried from the 7-10 to the 10-12 broadcast, date and figures changed, 今天（10月12日） inserted in doc_b; a news template, labelled as p93; span set by reading (draft 5640–5686 / 3344–3392 extended back to 记者 and to the end of the sentence)", (5638, 5696, 3332, 3405)),
    ("p114", 6243): (0, U20 + " (news lead-in 记者从人力资源社会保障部了解到, 14 Han; different news after it)"),
    ("p115", 618): (0, "0 (hard call): stock central formula (以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大和二十届[二中、三中/历次]全会精神，深入学习贯彻习近平…; 50 Han; study-and-implement formula, as p64), the draft joined across the changed 二中、三中 / 历次"),
    ("p115", 678): (0, U20 + " (深刻领悟“两个确立”的决定性意义, 14 Han; stock formula)"),
    ("p115", 1241): (0, U20 + " (坚定拥护“两个确立”、坚决做到“两个维护”, 16 Han; stock formula)"),
}
rows = list(csv.DictReader(open("draft6.tsv", encoding="utf-8"), delimiter="\t"))
used = set()
cols = "pair_id doc_a doc_b a_start a_end b_start b_end label part note a_text b_text".split()
with open("reuse_batch6.tsv", "w", encoding="utf-8", newline="") as f:
    f.write("\t".join(cols) + "\n")
    for r in rows:
        key = (r["pair_id"], int(r["a_start"]))
        lab = L[key]; used.add(key)
        a0, a1, b0, b1 = (int(r[k]) for k in ("a_start", "a_end", "b_start", "b_end"))
        if len(lab) == 3:
            a0, a1, b0, b1 = lab[2]
        at = T[r["doc_a"]][a0:a1].replace("\n", "⏎"); bt = T[r["doc_b"]][b0:b1].replace("\n", "⏎")
        out = [r["pair_id"], r["doc_a"], r["doc_b"], a0, a1, b0, b1, lab[0], r["part"], lab[1], at, bt]
        assert not any(("\t" in str(x) or "\n" in str(x)) for x in out)
        f.write("\t".join(map(str, out)) + "\n")
assert used == set(L), set(L) - used
print(len(rows), "rows written")
