DOC = '中共广东省委十三届七次全会召开'
B = '省委十三届七次全会'
SP = [
 ('省委常委会主持会议', '省委常委会', '', '主持', 'a body presides (省委常委会主持会议)'),
 ('省委书记黄坤明代表省委常委会作报告', '黄坤明', '省委书记', '作报告+作说明', '代表省委常委会: the person is the speaker'),
 ('会议指出，“十五五”时期在基本实现社会主义现代化进程中', B, '', '指出', '会议 = 中国共产党广东省第十三届委员会第七次全体会议'),
 ('发表一系列重要讲话、作出一系列重要指示，着眼“两个大局”为广东发展定向导航', '习近平', '总书记', '讲话+作出指示', 'nested speech act inside a continuation of 会议指出'),
 ('会议强调，要牢记习近平总书记殷殷嘱托', B, '', '强调', ''),
 ('会议强调，会议指出，办好广东的事', B, '', '强调', 'the paragraph is only 会议强调， — its content is in blockquote lines (out of scope); the quoted string runs into the next paragraph only because 会议强调 alone is not unique in the document'),
 ('会议指出，办好广东的事，关键在党，关键在人。', B, '', '指出', ''),
 ('会议指出，改革开放以来，广东一路先行', B, '', '指出', ''),
 ('会议强调，要切实增强责任感紧迫感', B, '', '强调', ''),
]
ED = [
 ('会议以习近平新时代中国特色社会主义思想为指导', B, '习近平', '中央', '省', 'relay: 以习近平新时代中国特色社会主义思想为指导 / 深入学习贯彻习近平总书记…重要讲话重要指示精神'),
 ('会议以习近平新时代中国特色社会主义思想为指导', B, '二十大', '中央', '省', 'relay: 全面贯彻落实党的二十大…精神; node for a Party congress by session (not in the table; by analogy with plenums)'),
 ('会议以习近平新时代中国特色社会主义思想为指导', B, '二十届历次全会', '中央', '省', 'relay: 全面贯彻落实…二十届历次全会精神; a named set of plenums, kept as one node (not expanded into sessions)'),
 ('党的二十届四中全会对未来5年发展作出顶层设计和战略擘画', B, '二十届四中全会', '中央', '省', 'continuation: the plenum\'s top-level design is invoked as guidance (not a mere date); the later 在四中全会胜利闭幕后不久 is only a date'),
 ('党的二十届四中全会对未来5年发展作出顶层设计和战略擘画', B, '习近平', '中央', '省', 'continuation: 习近平总书记…发表一系列重要讲话、作出一系列重要指示…给予有力指导 (亲临广东视察 alone would be actor only)'),
 ('切实把思想和行动统一到总书记、党中央决策部署上来', B, '习近平', '中央', '省', 'continuation: 统一到总书记、党中央决策部署上来'),
 ('切实把思想和行动统一到总书记、党中央决策部署上来', B, '党中央', '中央', '省', 'continuation: 总书记、党中央决策部署 (with 习近平 as well)'),
 ('会议强调，要牢记习近平总书记殷殷嘱托', B, '习近平', '中央', '省', '牢记习近平总书记殷殷嘱托 (inside the speech act)'),
 ('坚持不懈用习近平新时代中国特色社会主义思想凝心铸魂', B, '习近平', '中央', '省', 'continuation: 用习近平新时代中国特色社会主义思想凝心铸魂; 两个确立/两个维护 are formulas'),
]
# Not edges: 会议审议通过了《中共广东省委关于…的决定》《…建议》《…决议》 (the meeting's own products);
# 坚定紧跟总书记 (loyalty formula); 广东特有的那么一股子劲 (unattributed quotation).
