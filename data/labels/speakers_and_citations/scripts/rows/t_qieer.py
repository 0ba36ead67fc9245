DOC = '锲而不舍落实中央八项规定精神-推进作风建设常态化长效化'
SP = [
 ('习近平总书记近日再次就作风建设作出重要指示', '习近平', '总书记', '作出指示+充分肯定+提出', 'opening quotation has no attribution in its own sentence: no row; 阐明 not in the verb list'),
 ('在主持中共中央政治局第二十一次集体学习时提出具体要求', '习近平', '总书记', '主持+提出', '主持…集体学习 + 提出具体要求; 谋划/指导 are not speech verbs'),
]
ED = [
 ('习近平总书记近日再次就作风建设作出重要指示', '习近平', '中央八项规定', '中央', '中央', 'Xi\'s instruction: 充分肯定…深入贯彻中央八项规定精神学习教育…; 对…锲而不舍落实中央八项规定精神…提出明确要求; node 中央八项规定 (central document by short name; not in the table)'),
]
# Not rows/edges: 习近平总书记的重要指示…必将引领… (subject is a text); the commentator's voice (全党要深入学习贯彻习近平总书记…重要论述 …).
