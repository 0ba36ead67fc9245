DOC = '总书记在广东考察时的重要讲话在深圳引发热烈反响'
X = '总书记'
Q = '二十届四中全会'
CJX = '改革开放干部学院副院长'
GW = '“我们将认真学习贯彻习近平总书记重要讲话精神，加快完善区域协调发展，以高标准建设强基础、以高质量项目促融合，在‘百千万工程’实践中为广东城乡融合发展贡献更多可复制、可推广的经验。”市建筑工务署有关负责人表示。'
SP = [
 ('习近平总书记近日在广东考察并发表重要讲话', '习近平', X, '讲话', 'batch 2; 深圳广大干部群众… / 大家表示 are unnamed (no rows, no edges); the blockquoted 习近平指出/强调 lines are out of scope'),
 ('王定毅说，制定中长期规划指导经济社会发展', '王定毅', '市委党校党史党建党性教研部主任、教授', '说', 'title from the bold sub-headline (first mention), place prefix 深圳 dropped; the bold line 王定毅：为中国式现代化… is a headline joined to a name by a colon, without a quotation: not a speech act (new decision 18)'),
 ('深圳改革开放干部学院副院长陈家喜接受深圳特区报', '陈家喜', CJX, '表示', 'place prefix 深圳 dropped from the title'),
 ('习近平总书记在广东考察时强调，广东增创新优势、实现新突破', '习近平', X, '强调', 'nested speech act inside 陈家喜\'s words'),
 ('陈家喜认为，习近平总书记重要讲话的核心要义', '陈家喜', CJX, '认为', ''),
 ('深圳市社会科学院政法所副研究员林辰表示', '林辰', '市社会科学院政法所副研究员', '表示', 'place prefix 深圳 dropped; the opening quotation before it (…习近平总书记都及时为广东发展把脉定向、掌舵领航…) is a separate sentence: no row, no edge (decision 7); the bold line 深圳社科专家：… is unnamed'),
 ('习近平总书记在广东考察时强调，做好广东工作，必须加强党的领导', '习近平', X, '强调', ''),
 ('习近平总书记指出，学习宣传贯彻党的二十届四中全会精神，是当前和今后一个时期', '习近平', X, '指出', ''),
 ('市委宣传部表示，做好宣讲培训', '深圳市委宣传部', '', '表示', 'city 深圳 from context (as 市委常委会 → 广州市委常委会 in 总书记为何点出…); 深圳迅速行动、周密部署… (a place as subject): no row, no edge'),
 ('习近平总书记强调，要坚持有效市场和有为政府相结合', '习近平', X, '强调', 'nested in an opening quotation of unnamed speakers (深圳民营企业家): the quoting speakers get no row and no edges, Xi\'s reported 强调 is a speech act of its own'),
 ('习近平总书记在广东考察时强调，要着眼发展新质生产力', '习近平', X, '强调', ''),
 ('习近平总书记在广东考察时强调，完善区域协调发展', '习近平', X, '强调', ''),
 (GW, '深圳市建筑工务署', '', '表示', 'a quotation followed by its bare attribution is one sentence (codebook; new decision 19: here the splitter cuts at 。”); 市建筑工务署有关负责人 = unnamed person of a named body → the body, city 深圳 from context'),
 ('8日，腾讯有关负责人表示，作为业务遍布全球的科技企业', '腾讯', '', '表示', 'unnamed person of a named body → the body; the opening quotation before it (“腾讯将牢记习近平总书记的嘱托…”) is a separate sentence with its own attribution sentence: no row, no edge (decision 7)'),
 ('习近平总书记在广东考察时强调，要着力深化粤港澳合作', '习近平', X, '强调', '前海管理局港澳服务处处长王子忠告诉记者: 告诉 is not in the verb list (new decision 15): no row, no edge'),
 ('刘媛接受记者采访时表示，作为深港科创合作的核心载体', '刘媛', '深圳园区发展署规划建设部部长', '表示', 'place prefix 河套深港科技创新合作区 dropped; the opening quotation before it is a separate sentence (decision 7): no edge'),
 ('深圳国际仲裁院院长助理、国际合作与发展处处长黄郭勇表示', '黄郭勇', '国际仲裁院院长助理、国际合作与发展处处长', '表示', 'place prefix 深圳 dropped'),
]
ED = [
 ('习近平总书记在广东考察时强调，广东增创新优势、实现新突破', '陈家喜', '习近平', '中央', '市', '陈家喜…表示，习近平总书记在广东考察时强调… (nested speaker relayed); the next sentence (…提供了根本遵循) names no source'),
 ('陈家喜认为，习近平总书记重要讲话的核心要义', '陈家喜', '习近平', '中央', '市', '习近平总书记重要讲话的核心要义，在于深刻揭示了… (endorse)'),
 ('习近平总书记指出，学习宣传贯彻党的二十届四中全会精神，是当前和今后一个时期', '习近平', Q, '中央', '中央', '学习宣传贯彻党的二十届四中全会精神 (in his words)'),
 ('引导广大干部群众切实把思想和行动统一到党中央决策部署上来，进一步增进共识', '习近平', '党中央', '中央', '中央', 'continuation: 统一到党中央决策部署上来'),
 ('市委宣传部表示，做好宣讲培训', '深圳市委宣传部', Q, '中央', '市', '推动全会精神家喻户晓、深入人心 (preach; 全会 = 二十届四中全会, named in the previous sentence of the paragraph)'),
 (GW, '深圳市建筑工务署', '习近平', '中央', '市', '我们将认真学习贯彻习近平总书记重要讲话精神 (inside the quotation of the one-sentence quote + attribution)'),
 ('8日，腾讯有关负责人表示，作为业务遍布全球的科技企业', '腾讯', '习近平', '中央', '基层/个人', '腾讯在习近平总书记重要讲话精神的鼓舞下，进一步增强了…信心 (a source inside what is said, invoked as inspiration; taken as endorsing, like 让我们倍受鼓舞 in 深圳市委常委会召开扩大会议)'),
 ('黄郭勇表示，深国仲将深入学习贯彻习近平总书记考察广东重要讲话精神', '黄郭勇', '习近平', '中央', '市', '深入学习贯彻习近平总书记考察广东重要讲话精神'),
]
# Not edges: 大家表示，要以习近平总书记重要讲话为指引… / 广大企业家和科技工作者纷纷表示… / 大家纷纷表示，将深入贯彻落实… (unnamed);
# opening quotations before 林辰, 腾讯有关负责人, 王子忠 (告诉, not a verb) and 刘媛 (decision 7);
# the sub-headlines (王定毅：… / 陈家喜：… / 深国仲：…; 推动党的二十届四中全会精神落地落实入脑入心 — no speaker);
# 习近平总书记…的重要讲话在…引发热烈反响 (nominal).
