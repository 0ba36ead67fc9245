DOC = '走在前-作示范-挑大梁广东贯彻落实党的二十届四中全会精神'
SPEAKERS = [
 ('1.3', '习近平', '总书记', '指出', 'content 走在前、作示范、挑大梁 is his own words here: a self-edge, so no edge. 1.1 四中全会…发出了…豪迈宣言 (发出宣言 not a listed verb) and 1.2 规划建议…作出…部署 (a document): no rows. 1.4/1.7 深入学习贯彻…四中全会精神 / 我们必须以…精神为魂: the commentary\'s own voice, no edges. List lines 「- #### …」 (the issue\'s table of contents) are headings, out of scope'),
]
EDGES = []
