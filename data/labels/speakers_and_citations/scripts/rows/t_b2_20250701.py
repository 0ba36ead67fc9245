DOC = '20250701'
X = '中共中央总书记、国家主席、中央军委主席、中央财经委员会主任'
C = '中央财经委员会'
SP = [
 ('习近平7月1日上午主持召开中央财经委员会第六次会议', '习近平', X, '主持', 'batch 2; title chain from the first mention kept whole (…中央财经委员会主任), used for every 习近平 row of the transcript; 研究 is not a speech verb'),
 ('习近平在会上发表重要讲话强调，建设全国统一大市场是构建新发展格局', '习近平', X, '讲话+强调', ''),
 ('会议指出，纵深推进全国统一大市场建设，基本要求是', C, '', '指出', '会议 = 中央财经委员会第六次会议, written as the organ (like 省委常委会: every session of the same organ is one node; place 中央, organ 财经委)'),
 ('会议强调，纵深推进全国统一大市场建设，要聚焦重点难点', C, '', '强调', ''),
 ('会议强调，推动海洋经济高质量发展，要更加注重创新驱动', C, '', '强调', ''),
 ('会议指出，推动海洋经济高质量发展，要加强顶层设计', C, '', '指出', 'the 要… sentences after it are continuations (no row)'),
 ('习近平总书记在主持中共中央政治局第二十一次集体学习时发表重要讲话', '习近平', X, '主持+讲话', '为我们党…指明了方向 is the programme\'s voice; 各地广大党员干部表示 / 各级党员干部表示 / 大家表示 are unnamed (no rows, no edges)'),
 ('习近平总书记指出，从严监督执纪是党的自我革命的利器', '习近平', X, '指出', ''),
 ('王沪宁表示，近年来，在习近平主席和波黑主席团战略引领下', '王沪宁', '全国政协主席', '表示', ''),
 ('他表示，波黑坚定奉行一个中国原则', '查瓦拉', '议会代表院副主席', '表示', '他 = 查瓦拉; place prefix 波黑 dropped; 高度赞赏 / 高度评价 in the previous sentence are not speech verbs (no row there, see edges)'),
 ('俄罗斯国防部6月30日称', '俄罗斯国防部', '', '称', '卢甘斯克地区官员当天说: an unnamed official of a place (decision 3), no row; 据俄罗斯媒体报道 / 俄媒还报道说: unnamed'),
 ('乌克兰武装部队总参谋部6月30日称', '乌克兰武装部队总参谋部', '', '称', ''),
 ('乌总统泽连斯基同一天称，波克罗夫斯克方向', '泽连斯基', '总统', '称', 'place prefix 乌 dropped'),
 ('他还称乌克兰将强化无人机生产能力', '泽连斯基', '总统', '称', '他 = 泽连斯基'),
 ('伊朗司法部发言人贾汉吉尔6月30日称', '贾汉吉尔', '司法部发言人', '称', 'place prefix 伊朗 dropped; the bold line 伊朗称以色列袭击… has a country as subject (decision 3): no row'),
 ('伊朗外交部副部长塔赫特-拉万希在接受英媒采访时说', '塔赫特-拉万希', '外交部副部长', '说+重申', '…说，…，他重申… in one sentence; 据英国媒体…报道 is not a speaker'),
 ('美国资产管理集团贝莱德公司6月30日发布2025年第三季度固定收益展望报告，对不断上升的美国政府债务表示担忧', '贝莱德公司', '', '表示', '表示担忧 = 表示 (as 表示热烈欢迎, decision 2); 报告称 / 报告指出 (a text as subject) get no row; the bold line 金融机构称… is unnamed'),
 ('拉加德表示，战略评估关键结论之一', '拉加德', '欧洲央行行长', '表示', '欧洲央行 is an institution, not a place prefix (kept, like 联合国副秘书长); 发布…并决定 are not speech verbs'),
 ('佩通坦随后表示，接受宪法法院决定', '佩通坦', '总理', '表示', 'title from 总理佩通坦 in the previous sentence; 泰国宪法法院…宣布 (宣布 is never a speech verb): no row'),
]
ED = [
 ('习近平在会上发表重要讲话强调，建设全国统一大市场是构建新发展格局', '习近平', '党中央', '中央', '中央', '要认真落实党中央部署 (in his words)'),
 ('中方愿同波方共同落实两国元首重要共识', '王沪宁', '中波两国元首重要共识', '国际', '中央', 'continuation of 王沪宁表示: 共同落实两国元首重要共识 (中波 = China and Bosnia and Herzegovina, from context); 在习近平主席和波黑主席团战略引领下 in his first sentence is a diplomatic formula naming no words (new decision 17): no edge there; 互致贺电 is not a speech act'),
 ('查瓦拉高度赞赏习近平主席提出的构建人类命运共同体理念', '查瓦拉', '习近平', '中央', '国际', 'endorse by a named subject without a speech verb (new decision 16): 高度赞赏习近平主席提出的构建人类命运共同体理念和共建“一带一路”倡议; 赞赏 is not a speech verb, so no speaker row (cf. 赞扬, listed, in 20250610)'),
]
# Not rows/edges: anchor lines (decision 1); 《求是》杂志发表…重要文章 and 文章强调/指出 (a text as subject); 人民日报发表社论 / 本台播发央视快评;
# 各地各部门正开展深入贯彻中央八项规定精神学习教育 (unnamed subject); 中共中央决定：… (决定 not a speech verb);
# 中央宣传部、国家发展改革委…发布了“诚信之星” (发布 not a speech verb); 新《矿产资源法》…明确规定…强调 (a document);
# 据印度媒体报道 / 报道说 (unnamed); 国民警卫队指挥官…申请 (not a speech verb).
