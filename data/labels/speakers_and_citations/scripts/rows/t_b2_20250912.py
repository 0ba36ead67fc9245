DOC = '20250912'
X = '国家主席'
G = '国务院常务会议'
Z = '委员长'
SP = [
 ('习近平总书记指出，要创新提升服务贸易', '习近平', X, '指出', 'batch 2; title from the first mention (国家主席习近平…签署…主席令), as in the other transcripts; 签署 is not a speech verb; 第N号主席令说 (a document as subject) gets no row'),
 ('习近平总书记多次在服贸会上发表视频致辞或致贺信', '习近平', X, '致辞+提出+强调', '发表视频致辞 = 致辞; 他提出中国将“…”，呼吁…，强调要“…” (呼吁 and 致贺信 are not in the verb list)'),
 ('在给正在北京举行的2025年中国国际服务贸易交易会的贺信中，他指出', '习近平', X, '指出', '他 = 习近平; 在…贺信中 is nominal'),
 ('国务院总理李强9月12日主持召开国务院常务会议', '李强', '国务院总理', '主持', '听取 / 部署 / 研究 / 审议通过 are not speech verbs'),
 ('会议指出，今年“七下八上”防汛关键期', G, '', '指出', '会议 = 9月12日国务院常务会议 (place 国务院/中央, organ 常务会议)'),
 ('会议指出，要聚焦企业关切的突出问题', G, '', '指出', ''),
 ('会议指出，要着眼于为出海企业参与国际合作与竞争提供有力支撑', G, '', '指出', ''),
 ('会议指出，要推动我国生物医学技术创新发展', G, '', '指出', '会议还研究了其他事项 (研究) is not a speech act'),
 ('赵乐际委员长主持闭幕会', '赵乐际', Z, '主持', 'title as written (赵乐际委员长); 会议经表决，通过了… / 会议表决通过了… are not speech acts'),
 ('在会议完成有关表决事项后，赵乐际作了讲话', '赵乐际', Z, '讲话', '作了讲话 = 作讲话'),
 ('赵乐际指出，本次会议初次审议了民族团结进步促进法草案', '赵乐际', Z, '指出', ''),
 ('赵乐际强调，要深入学习贯彻习近平外交思想', '赵乐际', Z, '强调', ''),
 ('刘国中在会上表示，7位获奖者以无畏的责任担当', '刘国中', '中共中央政治局委员、国务院副总理', '表示', '韩正为中国获奖者颁奖 is not a speech act'),
 ('红十字国际委员会东亚地区代表处主任史德林出席大会并致辞。', '史德林', '红十字国际委员会东亚地区代表处主任', '致辞', '出席…并致辞; 冯玲、丛雪…在会上发言 (发言 not in the verb list): no row'),
 ('中国红十字会会长何维主持大会', '何维', '全国人大常委会副委员长、中国红十字会会长', '主持', ''),
 ('中央政法委、全国人大法工委等6部门就', '中央政法委', '', '介绍', '…等6部门就…进行了介绍: each of the two named bodies gets a row; 国务院新闻办 is only the subject of 举行 (no row)'),
 ('中央政法委、全国人大法工委等6部门就', '全国人大法工委', '', '介绍', ''),
 ('财政部相关负责人介绍，“十四五”时期', '财政部', '', '介绍', 'unnamed person of a named body → the body; the 据介绍 paragraphs that follow name no source'),
 ('武契奇高度评价习近平主席提出的全球治理倡议', '武契奇', '总统', '称赞', '高度评价 is not in the verb list, 称赞 is; place prefix 塞尔维亚 dropped; the bold line 《高端访谈》今晚播出… has no speech verb'),
 ('当地卫生部门称，以军当天造成至少53人死亡', '加沙地带卫生部门', '', '称', 'borderline: 当地 = 加沙地带 (previous sentence); the named body 加沙地带卫生部门 as in 20250808'),
 ('犹太人定居点建设计划，并宣称不会有巴勒斯坦国', '内塔尼亚胡', '总理', '宣称', '宣称 taken as 称 (new decision 15); place prefix 以色列 dropped; 签署 is not a speech verb; 巴勒斯坦总统府方面此前谴责… (谴责 not a speech verb): no row'),
 ('联合国安理会就卡塔尔遭袭表示谴责', '联合国安理会', '', '表示', 'bold sub-headline (in scope, decision 5); 表示谴责 = 表示 (谴责 alone is not a speech verb)'),
 ('联合国安理会11日发表声明，就卡塔尔多哈9日遭空袭表示谴责，强调支持卡塔尔的主权和领土完整', '联合国安理会', '', '表示+强调', '发表声明，就…表示谴责，强调…'),
 ('卡塔尔首相兼外交大臣穆罕默德在会上表示', '穆罕默德', '首相兼外交大臣', '表示', 'place prefix 卡塔尔 dropped; 中国代表在发言中严厉谴责 (在发言中 nominal, 谴责 not a verb) / 发言指出 (a text) / 中方支持…呼吁… / 迪卡洛…谴责: no rows'),
 ('匈牙利总理称欧盟当前战略注定失败', '欧尔班', '总理', '称', 'bold sub-headline (in scope); 匈牙利总理 resolves to 欧尔班, named in the next paragraph (new decision 18)'),
 ('匈牙利总理欧尔班11日在社交媒体上表示', '欧尔班', '总理', '表示', 'place prefix 匈牙利 dropped'),
 ('欧尔班认为，欧盟不应寻求美国的支持', '欧尔班', '总理', '认为', ''),
 ('委内瑞拉总统称启动全面防御计划', '马杜罗', '总统', '称', 'bold sub-headline; 委内瑞拉总统 = 马杜罗, named in the next paragraph (new decision 18)'),
 ('马杜罗说，委内瑞拉不侵犯他国', '马杜罗', '总统', '说', '马杜罗11日宣布… (宣布 is never a speech verb): no row'),
]
ED = [
 ('会议指出，今年“七下八上”防汛关键期', G, '党中央', '中央', '中央', 'inside 会议指出: 有关地方和部门贯彻落实党中央决策部署 (a source inside what the meeting says)'),
 ('赵乐际强调，要深入学习贯彻习近平外交思想', '赵乐际', '习近平', '中央', '中央', '深入学习贯彻习近平外交思想 (like 习近平新时代中国特色社会主义思想); 全球治理倡议和全球发展倡议、全球安全倡议、全球文明倡议 are Xi\'s initiatives (same node)'),
 ('要深入学习贯彻习近平总书记在纪念中国人民抗日战争暨世界反法西斯战争胜利80周年大会和招待会上的重要讲话精神', '赵乐际', '习近平', '中央', '中央', 'continuation: 学习贯彻习近平总书记…重要讲话精神 (the venue is not cited); 推动宪法和爱国主义教育法、英雄烈士保护法等法律有效实施: laws, the legislature\'s own products, not cited sources'),
 ('各级红十字会组织要深入学习贯彻习近平总书记重要指示精神', '刘国中', '习近平', '中央', '中央', 'continuation of 刘国中在会上表示: 各级红十字会组织要深入学习贯彻习近平总书记重要指示精神'),
 ('武契奇高度评价习近平主席提出的全球治理倡议', '武契奇', '习近平', '中央', '国际', '高度评价习近平主席提出的全球治理倡议 (endorse); 称赞…纪念大会传递出维护和平的信息: a commemorative event, not taken as a named source of words'),
]
# Not rows/edges: anchor lines; 第五十一号…第五十七号主席令说 (documents); 据商务部研究院最新测算 / 记者从…了解到 (no speech verb);
# 南丁格尔奖是红十字国际委员会设立的… (not speech); “十四五”期间… paragraphs after the 介绍 sentence (no named speaker, no source);
# 据以媒报道 (unnamed); 该声明由…通过 (a text).
