DOC = '奋力谱写中国式现代化更加绚丽的篇章论学习贯彻习近平总书记在庆祝中华人民共和国成立76周年招待会上重要讲话'
SP = [
 ('在庆祝中华人民共和国成立76周年招待会上，习近平总书记发表重要讲话', '习近平', '总书记', '讲话+肯定+提出+号召', 'opening quotation has no attribution in its own sentence: no row'),
]
ED = []
# Not edges: 号召“更加紧密地团结在党中央周围…” (loyalty formula, not a cited source); commentator's voice (认真贯彻落实党中央决策部署; 全面贯彻习近平新时代中国特色社会主义思想).
