import csv, sys
sys.path.insert(0, '.')
from sents import clean_paras, sentences
D = '/work/shared/corpus-dev/'
ART = {  # doc_id: (part, genre, published)
 '肇庆市委书记张爱军加快打造珠三角新增长极-粤港澳大湾区面向大西南门户枢纽': ('tune', 'S1 city leaders (signed article by a Guangdong 市委书记)', '2025-11-19'),
 '曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市': ('untouched', 'S1 city leaders (signed article by a 市委书记 outside Guangdong)', '2025-10-17'),
 '20251110': ('tune', 'S2 news transcript (新闻联播)', '2025-11-10'),
 '20250112': ('untouched', 'S2 news transcript (新闻联播)', '2025-01-12'),
 '深圳绿色转型优等生如何炼成': ('tune', 'S3 city/county report', '2025-12-04'),
 '全运会史上首次不新建大型场馆为什么': ('tune', 'S3 city/county report', '2025-11-08'),
 '从千年商都到科创高地': ('tune', 'S4 feature (人民日报评论部 feature on 广州)', '2025-12-10'),
 '继续用好历史经验把国家建设得更好': ('untouched', 'S5 commentary (人民日报评论员文章; low-event)', '2025-10-03'),
}
# rows: (doc, 'p.s', date_start, date_end, city, county, actor, actor_title, type, counterpart, note)
R = [
('肇庆市委书记张爱军加快打造珠三角新增长极-粤港澳大湾区面向大西南门户枢纽', '2.2', '2025-07', '', 'PROVINCE', '', '黄坤明', '省委书记', 'inspection', '',
 '省委书记到肇庆调研 (background in a signed article); month only: date kept at month precision (D1); visit to the whole city 肇庆: county empty (D9); 要求肇庆… = what was said; all other sentences are plans (将…) or results, no row'),
('曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市', '2.1', '2025-07', '', 'CENTRAL', '', '习近平', '总书记', 'meeting', '',
 '中央城市工作会议 (dated mention of a central meeting in a signed article, D21); month only (D1); actor = 习近平 who 提出 the goal in the same sentence; 我们将认真落实中央城市工作会议精神 (19.1) = restatement/plan, no row'),
('曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市', '2.2', 'before:2025-10-17', '', 'CENTRAL', '', '习近平', '总书记', 'other', '',
 '致辞 at 成都大运会开幕式欢迎宴会: event named only as a speech frame, first report (D6); text gives no date (the banquet was in 2023, not copied); unstable: a labeller could read it as a quote source only. 成都 actors (other province) are out of scope (D10), so the city programmes in this article get no rows'),
('20251110', '3.0', '2025-11-09', '', 'CENTRAL', '', '习近平', '中共中央总书记、国家主席、中央军委主席', 'other', '',
 '第十五届全运会开幕式 (广州, 广东奥林匹克体育中心); actor from next sentence (出席开幕式并宣布运动会开幕); national leader attends → CENTRAL, not host city 广州 (D8 host fallback only when no actor is named); 黄坤明等分别致辞, 王毅等出席, 宣布开幕, 宣誓, 点燃主火炬 = detail of the ceremony; 11月2日火炬…同步传递 (13.1) has no actor: no row (D11)'),
('20251110', '19.0', '2025-11-10', '', 'CENTRAL', '', '习近平', '国家主席', 'other', '',
 '致电瓦塔拉, 祝贺当选连任科特迪瓦总统 (贺电 rows are other, as in earlier batches)'),
('20251110', '29.0', '2025-11-09', '', 'CENTRAL', '', '郑栅洁', '中央宣讲团成员，国家发展和改革委员会党组书记、主任', 'lecture', '',
 '中央宣讲团 宣讲报告 in 江苏 (province: county empty); 还到南京软件谷…互动交流 (30.0) = later stop of the same trip, no row (D25); lead sentence 28.0 连日来…中央宣讲团成员在各地宣讲 = umbrella summary of the four items below, no row (generic 在各地, D13)'),
('20251110', '31.0', '2025-11-09', '', 'CENTRAL', '', '王文涛', '中央宣讲团成员，商务部党组书记、部长', 'lecture', '',
 '中央宣讲团 宣讲报告 in 山东; 还来到济南中央商务区，开展面对面宣讲 (32.0) = same trip, no row (D25)'),
('20251110', '33.0', '2025-11-07', '', 'CENTRAL', '', '孙业礼', '中央宣讲团成员，文化和旅游部党组书记、部长', 'lecture', '',
 '中央宣讲团 宣讲报告 in 贵州; 还来到遵义枫香镇花茂村…互动交流 (34.0) = same trip, no row (D25)'),
('20251110', '35.0', '2025-11-05', '', 'CENTRAL', '', '田培炎', '中央宣讲团成员、中央政策研究室副主任', 'lecture', '',
 '中央宣讲团 宣讲报告 in 浙江; 还来到杭州市西湖区外桐坞村…互动交流 (36.0) = same trip, no row (D25)'),
('20251110', '40.0', '2025-11-10', '', 'CENTRAL', '', '', '国务院新闻办公室', 'other', '',
 '政策例行吹风会 on 场景培育和开放; 国家发展改革委/科技部/工信部/国务院国资委/安徽省/广东省有关负责人介绍 = what was said: no PROVINCE row for 广东省有关负责人'),
('20251110', '46.0', '2025-11-10', '', 'CENTRAL', '', '', '中央宣传部、中央政法委、最高人民检察院、重庆市委', 'other', '',
 '“时代楷模”重庆检察未成年人保护工作团队代表先进事迹报告会 (人民大会堂); co-organised by central bodies and 重庆市委 → CENTRAL (D20); 报告会上…作了报告, …参加了报告会 = detail; type other (a labeller could choose lecture)'),
('20250112', '40.1', '2025-01-12', '', 'CENTRAL', '', '', '国务院抗震救灾指挥部工作组', 'other', '',
 '新一批1100套板房 运抵长所、曲洛、措果3个乡 (西藏定日县), 协调调配 by 国务院抗震救灾指挥部工作组: concrete operational act of a named central body on a stated day (D18, like 调拨中央救灾物资); least stable row: the grammatical subject is the 板房 and the body sits in a modifier'),
('20250112', '49.0', '2025-01-12', '', 'CENTRAL', '', '', '国家卫生健康委', 'other', '',
 '新闻发布会 on 呼吸道疾病防治 (ministry press conference, other as for 国新办 发布会); 工信部/中国疾控中心介绍 and 从去年10月份开始…提前部署 = what was said'),
('从千年商都到科创高地', '7.0', 'before:2025-12-10', '', 'CENTRAL', '', '习近平', '总书记', 'inspection', '',
 '在广东考察 (前不久): event named only as a speech frame, first report in the article (D6); 前不久 → before:; national actor → CENTRAL (as in earlier batches)'),
('从千年商都到科创高地', '28.1', '2024', '', 'CENTRAL', '', '', '中央', 'meeting', '',
 '2024年中央经济工作会议 (dated mention of a central meeting in a feature, D21; the year is given only as part of the meeting name, kept at year precision, D1); no leader named: actor_title 中央 (the text names no body); …提出 = what was said'),
('继续用好历史经验把国家建设得更好', '0.1', 'before:2025-10-03', '', 'CENTRAL', '', '习近平', '总书记', 'other', '',
 '在庆祝中华人民共和国成立76周年招待会上发表重要讲话: commentary reacting to the speech, first report of the act (D6, D21 like 新年贺词); text gives no date (not copied); the rest of the article is commentary and aggregates (新时代以来…), no rows'),
]
def sent(doc, idx):
    p, s = map(int, idx.split('.'))
    return sentences(clean_paras(D + doc + '.md')[p])[s]
cols = 'article	sentence	date_start	date_end	city	county	actor	actor_title	type	counterpart	note	part'.split('\t')
with open('events.tsv', 'w', newline='') as f:
    w = csv.writer(f, delimiter='\t', lineterminator='\n', quoting=csv.QUOTE_NONE, escapechar=None)
    w.writerow(cols)
    for r in R:
        doc, idx = r[0], r[1]
        row = [doc, sent(doc, idx)] + list(r[2:]) + [ART[doc][0]]
        for x in row: assert '\t' not in x and '\n' not in x
        w.writerow(row)
from collections import Counter
n = Counter(r[0] for r in R)
with open('articles.tsv', 'w', newline='') as f:
    w = csv.writer(f, delimiter='\t', lineterminator='\n')
    w.writerow(['article', 'part', 'folder', 'genre', 'n_events'])
    for doc, (part, genre, pub) in ART.items():
        w.writerow([doc, part, 'corpus-dev', genre, n[doc]])
