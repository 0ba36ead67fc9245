DOC = '专访广东省生态环境厅党组书记厅长徐晓霞推动粤港澳大湾区建设成为美丽中国先行区'
T = '省生态环境厅党组书记、厅长'
SPEAKERS = [
 ('徐晓霞在接受《南方》杂志专访时表示', '徐晓霞', T, '表示', 'opening quotation (2.1) + bare attribution sentence (2.2) in one paragraph = one sentence (decision 19); quoted here by a unique substring. 广东 dropped from title'),
 ('4.1', '徐晓霞', T, '：', 'interview answer 「徐晓霞：…」 without quotation marks: taken as a colon-joined direct quotation (her verbatim answer), one row per answer at its first sentence; NEW decision, borderline (cf. decision 18 for sub-headlines). The interviewer (《南方》杂志：) is the publication\'s own voice: no rows; its 《建议》指出/要求 are documents as subject'),
 ('10.1', '徐晓霞', T, '：', 'interview answer, as above'),
 ('13.1', '徐晓霞', T, '：', 'interview answer, as above'),
 ('14.3', '习近平', '总书记', '强调', 'nested in 徐晓霞\'s answer (paragraph 14 continues the answer of paragraph 13)'),
]
EDGES = [
 ('10.1', '徐晓霞', '生态环境部', '中央', '省', '在生态环境部的统一部署下，我厅…: following a named central ministry\'s deployment (我厅 = her department, first person inside her answer); borderline (not a listed relay verb; cf. the formula 在两国元首战略引领下, which names no words)'),
 ('10.1', '徐晓霞', '生态文明建设示范区（市）建设指标', '中央', '省', '按照《…》申报: ministry document by title; level 中央 taken for a central ministry\'s document'),
 ('10.1', '徐晓霞', '生态文明建设示范区（县）建设指标', '中央', '省', 'as above'),
 ('10.1', '徐晓霞', '生态文明建设示范区管理规程', '中央', '省', 'as above'),
 ('10.1', '徐晓霞', '绿水青山就是金山银山实践创新基地建设管理规程', '中央', '省', 'as above; quotation marks removed from the title'),
 ('11.1', '徐晓霞', '关于开展2025年生态文明建设示范区和绿水青山就是金山银山实践创新基地遴选及复核评估工作的通知', '中央', '省', 'continuation across a paragraph break inside one interview answer (NEW decision): 根据《…通知》（环办生态函〔2025〕303号）要求 (根据 = 按照, decision 9); borderline'),
 ('14.3', '徐晓霞', '习近平', '中央', '省', 'continuation across a paragraph break inside her answer: she quotes 习近平总书记强调… in support (nested speaker, like “习近平总书记说……”张三说); borderline'),
]
