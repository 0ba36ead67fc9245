DOC = '珠海市委书记陈勇奋进十五五-展现新担当'
SP = [
 ('作出一系列重要指示批示，两次谆谆嘱托“加快珠海经济特区发展”', '习近平', '总书记', '作出指示+嘱托', '作出…重要指示批示 + 嘱托'),
 ('习近平总书记在关于《建议》的说明中强调', '习近平', '总书记', '强调', ''),
]
ED = []
# Signed article by the city party secretary: 珠海将… / 我们要… is the document's own voice (no speaker rows, no edges).
# Not rows: 习近平总书记…所作的工作报告和重要讲话，为…提供了根本遵循 (nominal subject); 全会…明确“…” (明确 not in the verb list);
# 省委常委会到珠海调研并召开会议，赋予珠海…定位 (调研/召开/赋予 are not speech verbs).
