"""Hand-made labels (from reading) -> events.tsv, articles.tsv. Sentence text looked up by paragraph.sentence index."""
import csv, sys, os
sys.path.insert(0, '/work/tmp/s13/events7')
from sents import sent_list
PART = {'20250326': 'tune', '20250114': 'tune', '粤港澳大湾区如何打造新发展格局的战略支点': 'tune',
        '20250803': 'untouched', '20251015': 'untouched'}
GENRE = {'20250326': 'S1 新闻联播', '20250114': 'S1 新闻联播', '20250803': 'S1 新闻联播', '20251015': 'S1 新闻联播',
         '粤港澳大湾区如何打造新发展格局的战略支点': 'S2 Guangdong feature (南方+)'}
# (article, idx, date_start, date_end, city, county, actor, actor_title, type, counterpart, note)
L = [
('20250326','5.2','before:2025-03-26','','CENTRAL','','习近平','总书记','inspection','','在贵州、云南考察 (one trip, provinces in note); 不久前 -> before:; not under an aggregate frame in this paragraph, so first report (D6), unlike the undated version in 20250604 (D22)'),
('20250326','19.0','2025-03-26','','CENTRAL','','王沪宁','全国政协主席','meeting','','政协第十四届全国委员会第三十四次主席会议 (在京); actor from next sentence (主持并讲话); 会议审议通过, 副主席作发言 = detail'),
('20250326','24.0','2025-03-24','2025-03-25','CENTRAL','','丁薛祥','国务院副总理','inspection','','在海南调研 (24日至25日); later stops (海口, 美兰机场, 商业航天发射场 与企业座谈, 文昌市联东中学) = detail of the same trip (D25)'),
('20250326','29.0','2025-03-26','','CENTRAL','','丁薛祥','国务院副总理','other','','分别会见 (1/2): 密克罗尼西亚联邦副总统帕利克 (海南博鳌); one row per counterpart, each audience reported in its own paragraph (batch-5 rule)'),
('20250326','29.0','2025-03-26','','CENTRAL','','丁薛祥','国务院副总理','other','','分别会见 (2/2): 蒙古国第一副总理冈图木尔 (海南博鳌)'),
('20250326','34.0','2025-03-26','','CENTRAL','','韩正','国家副主席','other','','会见 新加坡副总理王瑞杰 (北京)'),
('20250326','61.0','2025-03-26','','CENTRAL','','','中央广播电视总台、国务院国资委、教育部、人力资源社会保障部、共青团中央、全国妇联、全国工商联','other','','“国聘行动”第六季启动; organisers named in the reporting sentence (由…共同发起的…启动) -> row as D20 (like 由…主办的…消费季启动), not a D18 campaign deployed by document; 已连续举办六季 = aggregate'),
('20250114','3.0','2025-01-14','','CENTRAL','','习近平','国家主席','other','','致电 黎巴嫩总统奥恩 (祝贺就任)'),
('20250114','16.0','2025-01-14','','CENTRAL','','王沪宁','全国政协主席','other','','会见 日本执政党代表团 (在京); 习近平同石破茂会晤 inside 王沪宁表示 = what was said (D6); 石泰峰等参加会见 = detail'),
('20250114','42.0','2025-01-14','','CENTRAL','','','国务院新闻办公室','other','','“中国经济高质量发展成效”系列新闻发布会 (中国人民银行、国家外汇管理局)'),
('20250114','65.0','2025-01-14','','CENTRAL','','','中央广播电视总台','other','','《中央广播电视总台主持人大赛（新闻主播季）》启动 (在北京); organiser named only in the event title (总台), treated like D20 总台 推介会 rows; borderline with D13 (TV programme)'),
('20250803','5.2','2025-04-25','','CENTRAL','','习近平','总书记','meeting','','中共中央政治局会议 (主持); dated example in a 治国理政纪实 feature (D22 dated side); 会议强调 = content'),
('20250803','7.1','2025-04','','CENTRAL','','习近平','总书记','inspection','','专程赴上海考察 (科技创新主题); month only (D1); 走进模速空间 = detail'),
('20250803','8.0','before:2025-08-03','','CENTRAL','','习近平','总书记','study','','中央政治局第二十次集体学习 (人工智能); 就在赴上海考察四天前 = relative date (D2), implied April 2025, not copied'),
('20250803','9.3','2025-01','','CENTRAL','','习近平','总书记','inspection','','辽宁本钢板材冷轧总厂 (speech frame 在…总书记指出); dated example under the 今年以来…多次走进制造业企业 aggregate (D22 dated side); month only (D1)'),
('20250803','9.4','2025-05','','CENTRAL','','习近平','总书记','inspection','','河南洛阳轴承集团 (speech frame); dated example (D22); month only (D1)'),
('20250803','9.5','2025-07','','CENTRAL','','习近平','总书记','inspection','','山西阳泉阀门股份有限公司 (speech frame); dated example (D22); month only (D1)'),
('20250803','10.1','2025-03','','CENTRAL','','习近平','总书记','inspection','','来到贵州肇兴侗寨…调研; month only (D1); 在云南，总书记先后走进丽江… (next sentences, no own date) read as a further stop of the same March trip (D25/D22): no row'),
('20250803','15.0','2025-08-03','','CENTRAL','','蔡奇','中央书记处书记','other','','受习近平总书记委托 在北戴河看望暑期休假专家; 石泰峰、谌贻琴参加 = detail; 党中央国务院邀请专家休假 = standing arrangement, no row'),
('20250803','41.0','2025-08-02','','深圳','','','','other','','十五运会和残特奥会倒计时100天启动仪式 在深圳; 昨晚（8月2日） gives the date; no organiser named -> D8 host-city fallback (Guangdong host); umbrella sentence 连日来，广东、香港、澳门三地举办了…庆祝活动 = generic lead (batch-6 S1), no row; 香港/澳门 activities out of scope; 火炬等亮相, 集中发布 = detail'),
('20251015','3.0','2025-10-15','','CENTRAL','','习近平','国家主席','other','','致电 塞舌尔当选总统赫米尼耶'),
('20251015','5.0','2025-10-13','','CENTRAL','','习近平','国家主席','other','','出席全球妇女峰会开幕式并发表主旨讲话 (speech = what was said, one row); reactions = no row'),
('20251015','11.0','2025-10-15','','CENTRAL','','李强','国务院总理','study','','国务院第十六次专题学习 (标准); actor from next sentence (主持学习); 李爱仙作讲解, 副总理交流发言 = detail'),
('20251015','16.0','2025-10-15','','CENTRAL','','赵乐际','全国人大常委会委员长','meeting','','十四届全国人大常委会第五十一次委员长会议 (在京); actor from next sentence; 会议决定 常委会第十八次会议10月24日至28日举行 = future (D13), no row'),
('20251015','18.0','2025-10-15','','CENTRAL','','赵乐际','全国人大常委会委员长','other','','会见 利比里亚临时参议长劳伦斯 (北京)'),
('20251015','21.0','2025-10-14','','CENTRAL','','','国务院新闻办公室','other','','“高质量完成‘十四五’规划”系列主题新闻发布会 (国家粮食和物资储备局)'),
('20251015','38.0','2025-10-15','','广州','','','','other','','第138届广交会开幕 在广州; no organiser named -> host city (D8, as the batch-2/4 广交会 rows); 还将举办…活动 = future'),
('20251015','55.0','before:2025-10-15','','CENTRAL','','','全国少工委、国家电影局','other','','“红领巾的光影记忆”观影活动 首站示范活动 在京举行 (日前); organisers named (共同开展的) -> D20; 后续…还将持续 = future'),
('粤港澳大湾区如何打造新发展格局的战略支点','3.0','2017','','CENTRAL','','习近平','总书记','signing','','亲自见证《深化粤港澳合作 推进大湾区建设框架协议》签署; year only (D1); dated example in a retrospective list (D22); 党的十八大后首次离京考察时就指出 (no date, example under the 每一个关键节点 frame) and 多次主持召开会议审议 (aggregate) get no row'),
('粤港澳大湾区如何打造新发展格局的战略支点','4.0','2023-04','','CENTRAL','','习近平','总书记','inspection','','到广东视察 (赋予…全新定位 = what was said); month only (D1), as the batch-1 row for the same visit'),
('粤港澳大湾区如何打造新发展格局的战略支点','24.1','before:2025-11-07','','广州','','','','other','','第138届广交会 (吸引超31万名境外采购商到会); 这个金秋 = vague time -> before:; host city 广州 from the event name (outside knowledge, as batch 2); 大湾区全球招商大会 连续举办四届 = aggregate; 第四届粤港澳大湾区服贸会 一会三地 = no organiser and no Guangdong city named: no row; 41.0 广交会首次举办外贸优品拓内销活动 = sub-event (D5)'),
('粤港澳大湾区如何打造新发展格局的战略支点','33.0','2025-11-03','','PROVINCE','','','广东','other','','宣布启动“粤享暖冬 乐游广东”消费季活动; actor 广东 (province, body not named further); treated as a launch by a named government actor (D20 消费季 rows), not a D18 directive'),
('粤港澳大湾区如何打造新发展格局的战略支点','54.1','2025','','PROVINCE','','','广东','meeting','','全省高质量发展大会 (named in the frame of the sentence, first report, D6); 今年开春 -> year only 2025 (D1, like 去年底 -> 2024); 实施“百万英才汇南粤行动计划” = measure (D12), no second row'),
]
HDR = ['article','sentence','date_start','date_end','city','county','actor','actor_title','type','counterpart','note','part']
cache = {}
out = []
for a, idx, *cols in L:
    if a not in cache: cache[a] = dict(sent_list(a))
    s = cache[a][idx]
    out.append([a, s] + cols + [PART[a]])
with open('events.tsv', 'w', newline='') as f:
    w = csv.writer(f, delimiter='\t', lineterminator='\n'); w.writerow(HDR); w.writerows(out)
order = ['20250326','20250114','粤港澳大湾区如何打造新发展格局的战略支点','20250803','20251015']
with open('articles.tsv', 'w', newline='') as f:
    w = csv.writer(f, delimiter='\t', lineterminator='\n'); w.writerow(['article','part','folder','genre','n_events'])
    for a in order: w.writerow([a, PART[a], 'corpus-dev', GENRE[a], sum(1 for r in out if r[0]==a)])
print(len(out))
