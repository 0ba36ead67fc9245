DOC = '凝心聚力打开改革发展新天地'
SP = [
 ('正如习近平总书记深刻指出', '习近平', '总书记', '指出', 'batch 2; 正如X指出：“…” (the quotation is joined to its attribution in the same sentence); 我们对大会的召开表示热烈祝贺 is the editorial\'s own voice'),
]
ED = [
 ('过去一年，全国人大及其常委会坚持以习近平新时代中国特色社会主义思想为指导', '全国人大及其常委会', '习近平', '中央', '中央', 'relay by a named subject, reported as done (new decision 14): 坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平总书记关于坚持和完善人民代表大会制度的重要思想'),
 ('过去一年，全国人大及其常委会坚持以习近平新时代中国特色社会主义思想为指导', '全国人大及其常委会', '党中央', '中央', '中央', 'relay by a named subject: 以有效监督推动党中央决策部署贯彻落实'),
]
# Not edges (the editorial's own voice): 以“时代新篇”贯彻党的二十届三中全会精神 (subject 我们/全国上下); 动员全国各族人民贯彻落实党中央决策部署;
# 如何落实落细党中央决策部署 (a question); 全面贯彻习近平新时代中国特色社会主义思想 (closing exhortation); 以习近平同志为核心的党中央,
# 两个确立 / 四个意识 / 两个维护 (formulas); 期待广大代表… (the editorial's wish).
