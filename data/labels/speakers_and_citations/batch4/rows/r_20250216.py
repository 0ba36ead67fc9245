DOC = '20250216'
XI = '中共中央总书记、国家主席、中央军委主席'
SPEAKERS = [
 ('8.1', '习近平', XI, '指出', 'title from first mention (decision 25). 4.1 发表文章 and 5.1/6.1/7.1 文章指出/强调/作出部署: a document is not a speaker (decision 4), so no rows and no edges there'),
 ('10.4', '习近平', XI, '提出', '时任浙江省委书记习近平第一次提出了“数字浙江”战略: 提出 a strategy read as directing 提出; title per decision 25, not 时任浙江省委书记; borderline'),
 ('11.1', '习近平', XI, '说', '他对科技工作者说 -> 习近平'),
 ('13.1', '习近平', XI, '叮嘱', '13.2 沿着总书记擘画的蓝图，杭州…: place subject (decision 3), no edge'),
 ('15.1', '二十届三中全会', '', '提出', 'named plenum as subject (decision 4). 15.4 浙江省进一步提出: place, no row (decision 3)'),
 ('29.1', '住房城乡建设部', '', '表示', '26.1/30.1 记者从…获悉/了解到: not speech verbs'),
 ('54.1', '法基', '非盟委员会主席', '表示', '均表示: two rows'),
 ('54.1', '古特雷斯', '联合国秘书长', '表示', ''),
 ('54.2', '法基', '非盟委员会主席', '强调', ''),
 ('56.2', '优素福', '外长', '表示', '吉布提 dropped from title (first mention 吉布提外长优素福)'),
 ('57.1', '朔尔茨', '总理', '表示', '德国 dropped'),
 ('57.2', '让-诺埃尔·巴罗', '外长', '说', '法国 dropped'),
 ('59.1', '卡拉斯', '欧盟外交与安全政策高级代表', '说', 'institution name kept. 58.1 万斯发言/抨击: not listed verbs'),
 ('61.1', '俄罗斯国防部', '', '称', ''),
 ('62.1', '乌克兰武装部队', '', '称', ''),
 ('63.1', '泽连斯基', '总统', '称', 'bold sub-headline 外媒称… 乌称尚未获邀: 外媒 unnamed (no row); 乌称 resolved to 泽连斯基 who says it in 64.3 (decision 18 / batch 3 decision 2 by analogy); borderline'),
 ('64.3', '泽连斯基', '总统', '称', '64.1/64.2 据…媒体报道/报道称: unnamed media'),
 ('65.1', '凯洛格', '政府乌克兰和俄罗斯问题特使', '称', 'leading 美 dropped; 65.2 欧洲外交人士透露: unnamed, not a listed verb'),
 ('67.1', '以色列国防军', '', '说', '发表声明说 = 说'),
 ('67.2', '以色列国防军', '', '称', '以军称 -> 以色列国防军 (antecedent in 67.1). 67.4 根据黎以停火协议: reporter framing, no edge'),
 ('69.2', '皮埃尔·普瓦列夫尔', '保守党领导人', '表示', '加拿大 dropped. 68.1 联合呼吁 / 69.1 5名加拿大前总理发表联合声明说: unnamed persons, no row'),
 ('71.4', '印度铁道部', '', '称', ''),
 ('73.2', '瑞典紧急信息管理部门', '', '说', 'body name kept as written. 73.3 当地政府宣布: not a speech verb'),
]
EDGES = []
