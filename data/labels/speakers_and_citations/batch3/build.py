import csv,sys,re,unicodedata,html
sys.path.insert(0,'/work/tmp/s13/speakers')
from sents import body_paras, split
CD='/work/shared/corpus-dev/'
part={}
for l in open('drawn.tsv'):
    d,g,p,n=l.rstrip('\n').split('\t'); part[d]=p
sentmap={}
for d in part:
    for i,p in enumerate(body_paras(CD+d+'.md')):
        for j,s in enumerate(split(p)): sentmap[(d,f'{i}.{j}')]=s.strip()
def S(d,k): return sentmap[(d,k)]
N='20260103'; M='20250131'; P='跑好十五五关键一程-全面推进强省建设政观广东'; G='广东这件美事省委书记要求持续用力久久为功丨政观广东'; Z='珠海市委书记陈勇奋进十五五-展现新担当'
PL='省委十三届七次全会'
sp=[
# 20260103
(N,'5.1','习近平','主席','指出','在新年贺词中'),
(N,'33.0','国家防灾减灾救灾委员会','','要求','研判 is not a speech verb; 要求各地… is'),
(N,'44.0','委内瑞拉政府','','称','发表公告称'),
(N,'45.0','特朗普','总统','称','美国总统: place prefix 美国 dropped; 通过社交媒体发文称'),
(N,'47.2','科萨切夫','联邦委员会副主席','表示','俄罗斯联邦委员会副主席: place prefix 俄罗斯 dropped'),
(N,'48.1','扎哈罗娃','外交部发言人','表示','她 = 扎哈罗娃 (48.0, 俄罗斯外交部发言人; place prefix dropped)'),
(N,'48.3','扎哈罗娃','外交部发言人','说',''),
(N,'52.0','俄罗斯国防部','','称','bold headline line (in scope, no end punctuation: paragraph = sentence); 俄称 resolved to the body that says it in 53.0'),
(N,'52.0','乌克兰武装部队','','称','bold headline line; 乌称 resolved to the body that says it in 54.0'),
(N,'53.0','俄罗斯国防部','','称',''),
(N,'54.0','乌克兰武装部队','','称',''),
(N,'54.1','乌克兰方面','','称','乌克兰方面 (the Ukrainian side) taken as a named body; could also be merged with 乌克兰武装部队'),
(N,'56.2','南方过渡委员会','','称','南方过渡委员会的部队当天称: speaker written as the named body (its forces)'),
(N,'58.1','墨西哥国家地震局','','表示',''),
(N,'60.0','瓦莱州检察官','','表示','unnamed office-holder of a named jurisdiction (瑞士瓦莱州), treated as the body (the cantonal prosecution, 检方 in 60.1); place prefix 瑞士 dropped'),
# 20250131
(M,'3.0','习近平','总书记','指出',''),
(M,'5.2','习近平','总书记','指出','总书记 alone = 习近平'),
(M,'11.2','习近平','总书记','指出','他 = 习近平 (11.1)'),
(M,'45.1','范龙佩','欧洲理事会首任主席、比利时前首相','表示','title chain from first mention (45.0); 呼吁 in the same sentence is not a listed verb'),
(M,'57.3','以色列政府','','称',''),
(M,'59.0','特朗普','总统','称','美国总统: place prefix dropped; 在发布会上称'),
(M,'59.2','中国驻美国大使馆','','表示+要求','使馆已要求美方… is the embassy\'s own nested act, same speaker, one row'),
(M,'59.3','美国国家运输安全委员会','','称',''),
(M,'61.3','拉加德','欧洲央行行长','称','欧洲央行 is a body name, kept in the title'),
# 跑好十五五
(P,'1.1',PL,'','号召','全会 = 中国共产党广东省第十三届委员会第七次全体会议 (1.0); 发出了…的时代号召 read as an act of the plenum (like 发表讲话), not a nominal use'),
(P,'3.2',PL,'','指出','全会 = '+PL),
(P,'4.0',PL,'','提出',''),
(P,'6.2',PL,'','要求',''),
(P,'8.0',PL,'','强调','明确强调: 明确 is adverbial here'),
(P,'8.3',PL,'','提出','正如全会所提出的：… treated like 正如X所说'),
(P,'9.0',PL,'','提出','全会提出了六个方面的重大突破'),
(P,'11.2',PL,'','提出',''),
(P,'12.2',PL,'','强调',''),
(P,'14.2',PL,'','提出',''),
(P,'15.2',PL,'','强调',''),
(P,'16.1',PL,'','强调',''),
(P,'17.1',PL,'','指出',''),
(P,'18.2',PL,'','提出',''),
(P,'19.1',PL,'','强调',''),
# 广东这件美事
(G,'0.0','习近平','总书记','作出指示+指出','作出重要指示要求，指出…'),
(G,'4.0','黄坤明','省委书记','指出','title as written (no place prefix in text)'),
(G,'18.1','黄坤明','省委书记','指出','指出五个方向; the 一是…五是 paragraphs that follow are separate paragraphs and carry no sources'),
# 珠海
(Z,'2.1','习近平','总书记','作出指示批示+嘱托','作出一系列重要指示批示，两次谆谆嘱托…; 亲临视察 is not an act'),
(Z,'6.0','习近平','总书记','强调','在关于《建议》的说明中强调; the 说明 is his own venue, no edge'),
]
ed=[
(N,'44.1','委内瑞拉政府','联合国宪章','国际','国际','continuation: 公报 (the document) carries on 委内瑞拉政府\'s statement of 44.0; 公然违反《联合国宪章》 invokes the Charter as the norm (named international document; doubtful class)'),
(P,'1.1',PL,'习近平','中央','省','relay: 以习近平新时代中国特色社会主义思想为指导; 深入学习贯彻习近平总书记视察广东…重要讲话重要指示精神 (the 《决定》 title adopted by the plenum gives no edge)'),
(P,'1.1',PL,'二十大','中央','省','relay: 全面贯彻落实党的二十大…精神; 党的二十大 written as 二十大 (congress, node by session); 二十届历次全会 left out (no single session)'),
(P,'2.0',PL,'二十届四中全会','中央','省','relay: 全会按照党的二十届四中全会决策部署'),
(P,'3.2',PL,'习近平','中央','省','统一到总书记、党中央决策部署上来: 总书记 = 习近平'),
(P,'3.2',PL,'党中央','中央','省','统一到总书记、党中央决策部署上来'),
(P,'9.0',PL,'省委','省','省','relay: 深入实施省委“1310”具体部署 with 全会 as subject; 省委 is a different node from the plenum, so not treated as a self-edge (doubtful)'),
]
def norm(t):
    t=unicodedata.normalize('NFKC',html.unescape(t))
    return ''.join(re.findall(r'[\u4e00-\u9fffA-Za-z0-9]',t))
full={d:norm(''.join(body_paras(CD+d+'.md'))) for d in part}
with open('speakers.tsv','w',newline='') as f:
    w=csv.writer(f,delimiter='\t',lineterminator='\n')
    w.writerow(['doc_id','sentence','speaker','speaker_title','verb','note','part'])
    for d,k,s,t,v,n in sp:
        x=S(d,k); assert full[d].count(norm(x))==1,(d,k)
        w.writerow([d,x,s,t,v,n,part[d]])
with open('citation_edges.tsv','w',newline='') as f:
    w=csv.writer(f,delimiter='\t',lineterminator='\n')
    w.writerow(['doc_id','sentence','speaker','cited_source','level','speaker_level','note','part'])
    for d,k,s,c,l,sl,n in ed:
        x=S(d,k); assert full[d].count(norm(x))==1,(d,k)
        w.writerow([d,x,s,c,l,sl,n,part[d]])
