import csv,re,os,random
os.chdir('/work/shared/corpus-dev')
SEED=20261204
used=set(open('/work/tmp/s13/used_speakers_and_citations.txt').read().split())
def clean_len(f):
    t=open(f).read()
    out=[]
    for l in t.split('\n'):
        s=l.strip()
        if s.startswith('#') or s.startswith('>') or s.startswith('- #') or re.match(r'^(-{3,}|\*{3,}|_{3,})$',s): continue
        out.append(l)
    t='\n'.join(out); t=re.sub(r'<[^>]+>','',t).replace('&emsp;','').replace('**','')
    return len(re.sub(r'\s','',t))
rows=[r for r in csv.DictReader(open('manifest.csv'))]
cand={r['file']:r for r in rows if os.path.splitext(r['file'])[0] not in used and clean_len(r['file'])<=8000}
strata={
 'news_transcript': sorted(f for f,r in cand.items() if r['tags'].strip()=='新闻联播'),
 'meeting_report': sorted(['黄坤明到深圳调研.md','广东这件美事省委书记要求持续用力久久为功丨政观广东.md','跑好十五五关键一程-全面推进强省建设政观广东.md']),
 'city_leader_roundup': sorted(['珠海市委书记陈勇奋进十五五-展现新担当.md','肇庆市委书记张爱军加快打造珠三角新增长极-粤港澳大湾区面向大西南门户枢纽.md','走在前-作示范-挑大梁广东贯彻落实党的二十届四中全会精神.md','专访广东省生态环境厅党组书记厅长徐晓霞推动粤港澳大湾区建设成为美丽中国先行区.md']),
 'commentary': sorted(f for f,r in cand.items() if any(k in r['tags'] for k in ['央视快评','人民日报评论员文章','人民日报社论'])),
 'low_expected': sorted(['荔枝味的申论规范词.md','2025年国考申论副省级大作文半月谈范文.md','增长态势强劲这一产业2030年有望突破2万亿元.md','全力守护青山绿水-共建共享美丽湖南.md','申论材料中出现人工智能-你可以这样写.md','看完九三阅兵很激动怎么用到申论作文里.md']),
}
for k,v in strata.items():
    for f in v: assert f in cand, f
alloc={'news_transcript':2,'meeting_report':2,'city_leader_roundup':1,'commentary':2,'low_expected':1}
rng=random.Random(SEED)
drawn=[]
for k in ['news_transcript','meeting_report','city_leader_roundup','commentary','low_expected']:
    for f in rng.sample(strata[k],alloc[k]): drawn.append((f,k))
order=list(range(len(drawn))); rng.shuffle(order)
parts={}
for i,j in enumerate(order): parts[drawn[j][0]]='tune' if i<5 else 'untouched'
for f,k in drawn: print(os.path.splitext(f)[0],k,parts[f],clean_len(f),sep='\t')
