import json, csv, re, os, split
d = json.load(open('draw.json'))
labels = {}; cur=None
for fn in sorted(f for f in os.listdir('.') if f.startswith('labels_')):
    for line in open(fn, encoding='utf-8'):
        line=line.rstrip('\n')
        if not line.strip(): continue
        if line.startswith('@'): cur=line[1:]; labels.setdefault(cur,{}); continue
        pos,lab,note = line.split('\t')
        assert pos not in labels[cur], (cur,pos)
        labels[cur][pos]=(lab,note)
rows=[]; problems=[]
for stem,g in d['drawn']:
    assert stem in labels, stem
    L = labels[stem]; doc = split.doc(stem)
    groups={}; inner={}
    for pos,(lab,note) in L.items():
        m=re.fullmatch(r'p(\d+)\.s(\d+)(?:\+(\d+))?',pos); P,S,K=int(m[1]),int(m[2]),int(m[3] or 0)
        if P>len(doc) or S+K>len(doc[P-1]): problems.append((stem,pos)); continue
        if K:
            groups[(P,S)]=K
            for k in range(1,K+1): inner[(P,S+k)]=(P,S)
    for P,para in enumerate(doc,1):
        for S,sent in enumerate(para,1):
            if (P,S) in inner: continue
            K=groups.get((P,S),0)
            pos=f'p{P}.s{S}'+(f'+{K}' if K else '')
            lab,note = L.get(pos, L.get(f'p{P}.s{S}', ('0','no series')))
            if K:
                extra=[L[f'p{P}.s{S+k}'][1] for k in range(0,K+1) if f'p{P}.s{S+k}' in L]
                if extra: note += '; inner sentences: ' + '; '.join(e.replace('(inside group) ','') for e in extra)
                text=''.join(para[S-1:S+K])
            else: text=sent
            rows.append([stem,text,lab,f'{pos} | {note}',d['part'][stem]])
print('problems',problems)
for r in rows:
    for f in r: assert '\t' not in f and '\n' not in f
with open('parallelism.tsv','w',encoding='utf-8',newline='') as fh:
    w=csv.writer(fh,delimiter='\t',lineterminator='\n',quoting=csv.QUOTE_MINIMAL)
    w.writerow(['article','sentence_text','label','note','part']); w.writerows(rows)
# verify
rd=list(csv.DictReader(open('parallelism.tsv',encoding='utf-8'),delimiter='\t'))
assert all(os.path.exists(f"/work/shared/corpus-dev/{r['article']}.md") for r in rd)
from collections import Counter
c=Counter(); pcount=Counter()
for r in rd: c[r['part']]+=1; pcount[r['part']]+=int(r['label'])
print(len(rd), dict(c), dict(pcount))
for stem,g in d['drawn']:
    rr=[r for r in rd if r['article']==stem]; print(d['part'][stem], g, stem, len(rr), sum(int(r['label']) for r in rr))
