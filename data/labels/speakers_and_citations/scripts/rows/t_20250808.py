DOC = '20250808'
X = '中共中央总书记、国家主席、中央军委主席'
SP = [
 ('习近平对甘肃兰州市榆中县山洪灾害作出重要指示强调', '习近平', X, '作出指示+强调', 'bold subtitle line (not a # heading, so in scope); title from first full mention. The bold line 李强作出批示 is not labelled: its text also occurs inside the later 李强作出批示指出 sentence, so it cannot be quoted uniquely'),
 ('习近平高度重视并作出重要指示指出', '习近平', X, '作出指示+指出', ''),
 ('国务院总理李强作出批示指出', '李强', '中共中央政治局常委、国务院总理', '作出批示+指出', ''),
 ('普京介绍了俄方对乌克兰危机当前形势的看法', '普京', '总统', '介绍+表示', 'place prefix 俄罗斯 dropped'),
 ('习近平阐述了中方原则立场，指出复杂问题没有简单的解决办法', '习近平', X, '阐述+指出', '两国元首积极评价…一致同意 (评价/同意 not speech verbs): no row'),
 ('习近平总书记指出，全民健身是全体人民增强体魄', '习近平', X, '指出', ''),
 ('习近平总书记指出，体育是提高人民健康水平的重要途径', '习近平', X, '指出', ''),
 ('最高人民法院今天（8月8日）发布《关于贯彻落实', '最高人民法院', '', '提出', '发布…指导意见，提出25条具体举措: body subject of 提出; 意见强调 (a document) gets no row'),
 ('以色列总理办公室今天（8月8日）发表声明称', '以色列总理办公室', '', '称', '总理内塔尼亚胡提出的一项计划 is nominal'),
 ('内塔尼亚胡在接受媒体采访时称', '内塔尼亚胡', '总理', '称', 'title from 总理内塔尼亚胡 (previous paragraph); 哈马斯谴责 (谴责 not a speech verb): no row'),
 ('加沙地带卫生部门7日称，过去24小时', '加沙地带卫生部门', '', '称', 'borderline named body'),
 ('世卫组织称7月加沙上万5岁以下儿童确诊急性营养不良', '世界卫生组织', '', '称', 'bold subtitle line (in scope); 世卫组织 = 世界卫生组织'),
 ('世界卫生组织7日表示，今年7月', '世界卫生组织', '', '表示', ''),
 ('俄罗斯国防部7日称，俄军破坏了', '俄罗斯国防部', '', '称', ''),
 ('乌克兰方面同一天称，其特种部队使用无人机', '乌克兰方面', '', '称', 'borderline: the Ukrainian side taken as a named body'),
 ('乌方还称，袭击了俄罗斯境内克拉斯诺达尔边疆区的一处炼油厂', '乌克兰方面', '', '称', '乌方 = 乌克兰方面'),
 ('国际商会称美加征关税致混乱和不确定性', '国际商会', '', '称', 'bold subtitle line (in scope)'),
 ('国际商会方面7日发表声明说', '国际商会', '', '说', '声明还说 (subject is a text) gets no row'),
 ('德国联邦经济和能源部发表声明说', '德国联邦经济和能源部', '', '说', ''),
 ('英国央行指出，英国经济增长持续低迷', '英国央行', '', '指出', '英国央行 = 英格兰银行; 宣布下调基准利率 (宣布 not in the verb list): no row'),
]
ED = [
 ('根据习近平重要指示和李强要求，应急管理部派工作组到现场指导搜救工作', '应急管理部', '习近平', '中央', '中央', 'relay: 根据习近平重要指示 (根据 taken as 按照); 应急管理部 is the subject'),
 ('根据习近平重要指示和李强要求，应急管理部派工作组到现场指导搜救工作', '应急管理部', '李强', '中央', '中央', 'relay: 根据…李强要求; central leader other than Xi: node = full name, level 中央'),
 ('根据习近平重要指示和李强要求，应急管理部派工作组到现场指导搜救工作', '甘肃省委', '习近平', '中央', '省', 'relay: the 根据-clause also governs 甘肃省委主要负责同志在现场调度… (unnamed person of a named body → the body)'),
 ('根据习近平重要指示和李强要求，应急管理部派工作组到现场指导搜救工作', '甘肃省委', '李强', '中央', '省', 'relay: as above'),
]
# Not edges: 以习近平总书记重要指示批示精神为指引，2014年全民健身上升为国家战略 (no named relaying subject);
# 最高人民法院…《关于贯彻落实〈民营经济促进法〉的指导意见》 (the title of its own product);
# 他(奥昆科夫)赞叹…赞赏 (赞叹/赞赏 not in the verb list, no row either).
