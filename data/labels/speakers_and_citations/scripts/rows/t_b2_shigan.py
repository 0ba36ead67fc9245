DOC = '以实干成就伟业-以创新赢得未来'
SP = [
 ('12月31日，全国政协举行新年茶话会，习近平总书记发表重要讲话', '习近平', '总书记', '讲话', 'batch 2; the opening quotation has no attribution in its own sentence: no row (as in 奋力谱写…)'),
 ('习近平总书记在重要讲话中，回顾梳理了', '习近平', '总书记', '肯定', '充分肯定了人民政协…作出的新贡献 (充分肯定 = 肯定); 回顾梳理 / 总结 are not speech verbs; 在重要讲话中 is nominal'),
]
ED = []
# Not rows/edges: 习近平总书记作出的部署、发出的号召 (nominal); 习近平总书记的重要讲话，深刻彰显… (a speech as subject);
# 我们要…深入贯彻落实党的二十届四中全会、中央经济工作会议精神 (the commentary's own voice);
# 人民政协…要深刻领会扎实贯彻习近平总书记的重要指示精神 — the commentator's exhortation to a named body, not a reported act of that body
# (new decision 14): no edge; “以实干成就伟业，以创新赢得未来。” (unattributed in its own sentence).
