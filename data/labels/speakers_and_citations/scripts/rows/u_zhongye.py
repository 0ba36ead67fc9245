DOC = '事关农业芯片广东召开这场大会'
SP = [
 ('广东省农业农村厅党组书记、厅长刘棕会表示', '刘棕会', '省农业农村厅党组书记、厅长', '表示', 'place prefix 广东 dropped; the quotation before is unattributed in its own sentence: no row'),
 ('荷兰瑞克斯旺公司负责人介绍，今年大会的人气更旺', '荷兰瑞克斯旺公司', '', '介绍', 'unnamed person of a named body → the body'),
 ('广东省良种引进服务公司负责人介绍，目前该品种已在湛江等地推开', '广东省良种引进服务公司', '', '介绍', 'unnamed person of a named body → the body'),
]
ED = [
 ('深入落实省委“1310”具体部署，为深入推进', '第二十四届广东种业博览会', '省委', '省', '省', 'relay: 大会(= 第二十四届广东种业博览会) 以…为主题，旨在…深入落实省委“1310”具体部署; the expo (an event, like a meeting) is the relaying subject; 国家种业振兴行动部署要求 not taken as a named source (a programme of 国家, no named body or document)'),
]
