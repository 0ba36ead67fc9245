DOC = '广东这件美事省委书记要求持续用力久久为功丨政观广东'
SP = [
 ('历次视察广东都对抓好生态文明建设作出重要指示要求，指出广东有条件有能力', '习近平', '总书记', '作出指示+指出', 'narrative report of Xi\'s past instructions; counted (作出指示 / 指出 with a named subject)'),
 ('省委书记黄坤明指出，要牢牢抓住绿美广东生态建设这一战略举措', '黄坤明', '省委书记', '指出', ''),
 ('黄坤明指出五个方向', '黄坤明', '省委书记', '指出', 'the five directions follow in separate paragraphs (no source in them)'),
]
ED = []
# Not rows: 黄坤明进一步道出… (道出 not in verb list; the quotation before it is unattributed in its own sentence);
# 广东认真贯彻落实习近平总书记、党中央决策部署 (a place/the reporter's narration, not a named body: no edge);
# 省委十三届二次全会作出…决定 (作出决定 not a speech verb).
