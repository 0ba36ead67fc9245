import csv
L = {
("2021年广东申论县级卷","头号","1"):(1,"borderline: 头号工程 = campaign-style top-priority project for village industrial park renovation (governance); 头号 alone is only weakly military"),
("2021年广东申论县级卷","军令状","1"):(1,"town party secretaries pledge 军令状 for industrial-park renovation (governance)"),
("2021年广东申论县级卷","号角","1"):(1,"时代号角已经吹响 for new development concept"),
("2021年广东申论县级卷","号角","2"):(1,"same sentence repeated in the model-answer annotation; figurative as occ. 1"),
("20250131","攻坚","1"):(1,"巩固拓展脱贫攻坚成果 (poverty alleviation)"),
("20250630","作战","1"):(0,"navy carrier group: 编队作战要素 (armed forces)"),
("20250630","作战","2"):(0,"navy: 体系作战能力 (armed forces)"),
("20250630","作战","3"):(0,"navy: 作战状态 during exercise (armed forces)"),
("20250630","拼","1"):(0,"拼搏 lexicalised"),
("20250711","作战","1"):(0,"war history: 东江纵队 游击作战 against Japan"),
("20250711","作战","2"):(0,"war history: 共作战1400余次"),
("20251027","攻坚","1"):(1,"攻坚克难 of the Party and people (development)"),
("20251121","拼","1"):(0,"拼搏 lexicalised"),
("20251121","拼","2"):(0,"拼搏 lexicalised"),
("20251121","赛道","1"):(0,"borderline: 赛道 = real competition courses of the 15th National Games (e.g. cycling on the HZM bridge); the clause maps them onto development, but the term's referent is a real race course"),
("20260107","赛道","1"):(1,"“AI+”赛道 = industry/content field as race track"),
("做新时代挺膺担当的奋斗者社论","硬仗","1"):(1,"敢打硬仗 of labour models"),
("做新时代挺膺担当的奋斗者社论","千帆竞发","1"):(1,"千帆竞发的经济建设大潮 (race image for economic construction)"),
("做新时代挺膺担当的奋斗者社论","争先","1"):(1,"奋楫争先 in economic construction"),
("做新时代挺膺担当的奋斗者社论","拼","1"):(0,"拼搏 lexicalised"),
("做新时代挺膺担当的奋斗者社论","主力军","1"):(1,"working class as 主力军 of socialism"),
("做新时代挺膺担当的奋斗者社论","主力军","2"):(1,"workers 发挥主力军作用 (development)"),
("做新时代挺膺担当的奋斗者社论","攻坚","1"):(1,"攻坚克难 of workers"),
("坚定信念信心-阔步复兴征程","攻坚","1"):(1,"巩固拓展脱贫攻坚成果 (poverty alleviation)"),
("坚持党的全面领导-为推进中国式现代化凝聚磅礴力量","攻坚","1"):(1,"反腐败斗争攻坚战 (governance / Party discipline)"),
("曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市","攻坚","1"):(1,"全域整治攻坚 (urban environment governance)"),
("曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市","拼","1"):(0,"拼搏 lexicalised"),
("曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市","拼","2"):(1,"拼经济 free verb"),
("曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市","比学赶超","1"):(1,"cadres 比学赶超 in economic work (emulation race)"),
("曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市","争先","1"):(1,"争先创优 atmosphere among cadres (cf. calibration 进位争先 = 1)"),
("汇聚起工人阶级和广大劳动群众的磅礴力量","打赢","1"):(1,"打赢脱贫攻坚战"),
("汇聚起工人阶级和广大劳动群众的磅礴力量","攻坚","1"):(1,"脱贫攻坚战"),
("汇聚起工人阶级和广大劳动群众的磅礴力量","千帆竞发","1"):(1,"千帆竞发的经济建设洪流"),
("汇聚起工人阶级和广大劳动群众的磅礴力量","争先","1"):(1,"奋楫争先 in economic construction"),
("汇聚起工人阶级和广大劳动群众的磅礴力量","主力军","1"):(1,"workers 主力军作用 (development)"),
("汇聚起工人阶级和广大劳动群众的磅礴力量","拼","1"):(0,"拼搏 lexicalised"),
("让祖国大地更加绿意盎然生机勃发","攻坚","1"):(1,"“三北”工程攻坚战 (afforestation / ecology)"),
("跑好十五五关键一程-全面推进强省建设政观广东","排头兵","1"):(1,"改革开放排头兵"),
("跑好十五五关键一程-全面推进强省建设政观广东","主力军","1"):(1,"Guangdong as 主力军 of Greater Bay Area"),
("跑好十五五关键一程-全面推进强省建设政观广东","赛道","1"):(1,"新赛道新领域 (innovation policy)"),
("跑好十五五关键一程-全面推进强省建设政观广东","拼","1"):(0,"拼命 lexicalised (革命加拼命, as in calibration)"),
("跑好十五五关键一程-全面推进强省建设政观广东","攻坚","1"):(1,"攻坚克难 in Guangdong modernisation"),
("这就是广东","鼓点","1"):(0,"borderline: real drumbeat of a Yingge folk dance performance; no mapping onto a target domain (rule clause 1 does not list music/performance explicitly)"),
("这就是广东","拼","1"):(0,"borderline: 一座座实验室、一条条产业链，拼出…底色 read as 'piece together' (collage of labs and chains forming a picture/底色), i.e. the 拼图 sense, not 'go all out'; rule's example 拼出… points the other way"),
}
rows=list(csv.DictReader(open("candidates.tsv",encoding="utf-8"),delimiter="\t"))
cols=list(rows[0].keys())
used=set()
for r in rows:
    k=(r["doc_id"],r["term"],r["occurrence"]); l,n=L[k]; used.add(k)
    r["label"]=str(l); r["note"]=n
assert used==set(L) and len(rows)==44
with open("labelled/metaphors_batch2.tsv","w",encoding="utf-8",newline="") as f:
    w=csv.DictWriter(f,fieldnames=cols,delimiter="\t",lineterminator="\n"); w.writeheader(); w.writerows(rows)
# verify
rr=list(csv.DictReader(open("labelled/metaphors_batch2.tsv",encoding="utf-8"),delimiter="\t"))
orig=list(csv.DictReader(open("candidates.tsv",encoding="utf-8"),delimiter="\t"))
assert len(rr)==44 and all(r["label"] in {"0","1"} for r in rr)
for a,b in zip(rr,orig):
    for c in cols:
        if c not in("label","note"): assert a[c]==b[c]
from collections import Counter
for p in sorted({r["part"] for r in rr}):
    s=[r for r in rr if r["part"]==p]
    print(p,len(s),"fig",sum(r["label"]=="1" for r in s),"lit",sum(r["label"]=="0" for r in s),"borderline",sum(r["note"].startswith("borderline:") for s2 in [0] for r in s))
