DOC = '20250710'
X = '中共中央总书记、国家主席'
CQ = '中共中央政治局常委、中央书记处书记'
SP = [
 ('习近平指出，多样文明是世界的本色', '习近平', X, '指出', 'batch 2; in the congratulatory letter; 向…会议致贺信 (the previous sentence) is not in the verb list (new decision 15): no row'),
 ('习近平强调，中国愿同各国一道', '习近平', X, '强调', '践行全球文明倡议 names his own initiative (a self-edge): no edge; 希望各位代表… is a continuation'),
 ('习近平总书记指出，建设海洋强国是实现中华民族伟大复兴的重大战略任务', '习近平', X, '指出', 'title from the first mention, as in the other transcripts'),
 ('创造性提出了一系列经略海洋的新理念、新思想、新战略', '习近平', X, '提出', '提出…新理念、新思想、新战略 (as 提出…新理念新倡议新主张 in 坚持多边主义…); 考察 is not a speech verb'),
 ('他深刻指出，发达的海洋经济是建设海洋强国的重要支撑', '习近平', X, '指出', '他 = 习近平'),
 ('今年7月1日，习近平总书记主持召开中央财经委员会第六次会议', '习近平', X, '主持', ''),
 ('今年7月1日，习近平总书记主持召开中央财经委员会第六次会议', '中央财经委员会', '', '指出', '会议指出 in the same sentence: 会议 = 中央财经委员会第六次会议, written as the organ (as in 20250701)'),
 ('李强表示，中国和埃及同为文明古国', '李强', '国务院总理', '表示', ''),
 ('李强表示，当前，在习近平主席和阿拉伯国家元首战略引领下', '李强', '国务院总理', '表示', ''),
 ('盖特表示，阿方坚定支持一个中国原则', '盖特', '阿拉伯国家联盟秘书长', '表示', '阿拉伯国家联盟 is an organisation, not a place prefix'),
 ('李强表示，中埃建交以来，无论国际风云如何变幻', '李强', '国务院总理', '表示', ''),
 ('贾巴利表示，埃方坚信中国在习近平主席领导下', '贾巴利', '众议长', '表示', 'place prefix 埃及 dropped; 在习近平主席领导下 names Xi as an actor (no edge)'),
 ('赵乐际表示，习近平主席在李在明总统就职后第一时间致贺电', '赵乐际', '全国人大常委会委员长', '表示', '致贺电 / 通电话 (习近平) are not speech verbs: no nested row'),
 ('李学永表示，韩中建交以来，两国政治', '李学永', '国会副议长', '表示', 'place prefix 韩国 dropped; 韩国国会希望… is the rest of his statement (continuation, no row)'),
 ('蔡奇出席开幕式并发表主旨讲话', '蔡奇', CQ, '讲话', '发表主旨讲话 = 发表讲话; 李书磊…宣读了习近平主席的贺信: 宣读 is not a speech verb (relay only, see edges)'),
 ('蔡奇表示，习近平主席高度重视此次会议', '蔡奇', CQ, '表示', ''),
 ('两年多前，习近平主席郑重提出全球文明倡议', '习近平', X, '提出', 'nested speech act inside 蔡奇\'s words (提出…倡议, as 习主席首次提出全球治理倡议 in 坚持多边主义…)'),
 ('蔡奇指出，全球文明倡议根植于中华优秀传统文化', '蔡奇', CQ, '指出', '全球文明倡议强调… in the previous sentence: the 倡议 (a text) as subject is not a speaker'),
 ('蔡奇强调，随着世界百年未有之大变局加速演进', '蔡奇', CQ, '强调', ''),
 ('丁薛祥表示，前不久，习近平主席应约同特朗普总统通话', '丁薛祥', '中共中央政治局常委、国务院副总理', '表示', '两国元首达成重要共识 is reported as a fact, not invoked (no edge, as 习近平主席同米尔济约耶夫总统一致决定… in 20250610)'),
 ('保尔森表示，美中关系事关全球经济稳定和发展', '保尔森', '前财政部长', '表示', 'place prefix 美国 dropped'),
 ('边晓斌常说，人民群众的诉求等不得', '边晓斌', '市人民法院党组副书记、常务副院长', '说', '常说 = 说 (his habitual saying, reported); title from 江苏省仪征市人民法院党组副书记、常务副院长 with the place prefix dropped; 其中一页写着： (a notebook page) is not a speaker'),
 ('国家防减救灾办要求强化汛期施工工地安全管理', '国家防灾减灾救灾委员会办公室', '', '要求', 'bold sub-headline (in scope, decision 5); 国家防减救灾办 = 国家防灾减灾救灾委员会办公室'),
 ('国家防灾减灾救灾委员会办公室昨天（7月9日）印发紧急通知', '国家防灾减灾救灾委员会办公室', '', '要求', '印发紧急通知，部署…，要求…: body subject of 要求 (部署 is not a speech verb)'),
 ('全国妇联等16部门联合部署开展暑期儿童关爱服务活动，要求', '全国妇联', '', '要求', 'only 全国妇联 is named among the 16 bodies; the bold sub-headline (联合部署) has no speech verb'),
 ('俄罗斯国防部9日称，俄军使用', '俄罗斯国防部', '', '称', ''),
 ('乌克兰方面今天（7月10日）称', '乌克兰方面', '', '称', 'borderline named body, as in 20250808'),
 ('乌方称，乌军在多地拦截俄无人机和导弹', '乌克兰方面', '', '称', '乌方 = 乌克兰方面'),
 ('俄罗斯外交部发言人扎哈罗娃9日说', '扎哈罗娃', '外交部发言人', '说', 'place prefix 俄罗斯 dropped; the bold line 俄称此举无助于… has a country as subject: no row'),
 ('他随后称，对俄罗斯继续打击乌克兰', '特朗普', '总统', '称', '他 = 特朗普 (美国总统特朗普 in the previous sentence, place prefix dropped)'),
 ('俄总统新闻秘书佩斯科夫9日说', '佩斯科夫', '总统新闻秘书', '说', 'place prefix 俄 dropped'),
 ('美国总统特朗普9日对巴西、文莱等8个国家发出信函，宣称', '特朗普', '总统', '宣称', '宣称 taken as 称 (new decision 15); 发出信函 is not a speech verb'),
 ('巴西总统卢拉9日表示，巴西不会接受', '卢拉', '总统', '表示', ''),
 ('卢拉强调，巴西是一个主权国家', '卢拉', '总统', '强调', ''),
]
ED = [
 ('盖特表示，阿方坚定支持一个中国原则', '盖特', '首届中阿峰会', '国际', '国际', '继续落实首届中阿峰会成果 (a named summit, node by name, like 伊斯坦布尔谈判, decision 10); 一个中国原则 is not a cited source'),
 ('李书磊在开幕式上宣读了习近平主席的贺信', '李书磊', '习近平', '中央', '中央', 'relay with person subject: 宣读了习近平主席的贺信 (宣读 taken as 传达, new decision 15; no speaker row)'),
 ('蔡奇表示，习近平主席高度重视此次会议', '蔡奇', '习近平', '中央', '中央', '专门发来贺信，贺信站位高远，思想深邃，为…指明了方向 (endorse)'),
 ('两年多前，习近平主席郑重提出全球文明倡议', '蔡奇', '习近平', '中央', '中央', 'continuation: nested speaker 习近平主席郑重提出全球文明倡议，得到国际社会热烈反响'),
 ('全球文明倡议强调文明是多样的', '蔡奇', '习近平', '中央', '中央', 'continuation: 蔡奇 expounds 全球文明倡议 (= the initiative 习近平主席…提出, previous sentence; node 习近平)'),
 ('蔡奇指出，全球文明倡议根植于中华优秀传统文化', '蔡奇', '习近平', '中央', '中央', '全球文明倡议…核心要义是… (endorse; the 倡议 resolves to 习近平 from context)'),
 ('两年多来，全球文明倡议的理念主张日益成为全球性共识', '蔡奇', '习近平', '中央', '中央', 'continuation: 全球文明倡议的理念主张日益成为全球性共识 (endorse)'),
]
# Not edges: 在两国元首的战略引领下 (李强 with 马德布利; 赵乐际 with 李学永) and 在习近平主席和阿拉伯国家元首战略引领下 — a diplomatic
# formula naming no words (new decision 17); 两国元首…达成重要共识 reported as a fact (李强, 赵乐际, 丁薛祥);
# 兰花奖旨在积极践行习近平主席提出的全球文明倡议 (an award is not a person or body); 获奖嘉宾认为 (unnamed);
# 人力资源社会保障部、财政部…印发《通知》，明确… (明确 not a speech verb); 当地官员称 / 报道称 / 据…报道 (unnamed or a text);
# 当地气象台呼吁 (呼吁 not a speech verb).
