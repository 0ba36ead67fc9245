# Draw script for speakers_and_citations labels (run from /work/shared)
import csv, os, re, random
SEED = 20260115
def load(d):
    return [dict(r, dir=d, size=os.path.getsize(f'{d}/{r["file"]}')) for r in csv.DictReader(open(f'{d}/manifest.csv'))]
dev = load('corpus-dev'); cor = load('corpus')
meet = re.compile('常委会|全会|会议|调研|省委书记|市委书记|讲话')
S = {k: [] for k in 'S1 S2 S3 S4 S5 S6'.split()}
for r in dev:
    t = r['tags'].split(';'); ti = r['title']
    if t == ['新闻联播']: S['S1'].append(r)
    elif any(x in t for x in ['人民日报评论员文章', '人民日报社论', '央视快评']) or '社论' in ti: S['S2'].append(r)
    elif ('粤港澳大湾区' in t or '公文写作' in t) and meet.search(ti): S['S3'].append(r)
    elif '粤港澳大湾区' in t and '政府工作报告' not in t: S['S4'].append(r)
    elif ('申论' in t or '软考' in t) and r['size'] <= 20000: S['S5'].append(r)
for r in cor:
    if '公文写作' in r['tags'] and re.search('召开|市委书记们|各地|周报|区域观察', r['title']): S['S6'].append(r)
N = {'S1': 3, 'S2': 3, 'S3': 3, 'S4': 2, 'S5': 2, 'S6': 3}
rng = random.Random(SEED)
drawn = {}
for k in sorted(S):
    pool = sorted(S[k], key=lambda r: r['file'])
    rng.shuffle(pool)
    drawn[k] = pool  # first N[k] are drawn; the rest are the ordered reserve
# split (decided before labelling): 1 untouched from each of S1,S2,S3,S6 and 1 from pooled S4+S5
parts = {}
for k in ['S1', 'S2', 'S3', 'S6']:
    sel = drawn[k][:N[k]]
    u = rng.randrange(len(sel))
    for i, r in enumerate(sel): parts[(k, r['dir'], r['file'])] = 'untouched' if i == u else 'tune'
low = [('S4', r) for r in drawn['S4'][:2]] + [('S5', r) for r in drawn['S5'][:2]]
u = rng.randrange(len(low))
for i, (k, r) in enumerate(low): parts[(k, r['dir'], r['file'])] = 'untouched' if i == u else 'tune'
for (k, d, f), p in parts.items():
    print(k, p, d, f, sep='\t')
print('# reserves (in order)')
for k in ['S3', 'S6', 'S1']:
    print(k, [r['file'] for r in drawn[k][N[k]:N[k]+3]])

# ---- Batch 2 (2026-12-02): all `tune`. New generator; same pools S1–S4, minus every article already labelled. ----
SEED2 = 20261202
labelled = {r['file'] for k in S for r in drawn[k][:N[k]]}
labelled |= {r['file'] for r in drawn['S3'][N['S3']:N['S3'] + 5]}  # S3 reserves 1–5 (logged top-ups)
labelled |= {r['file'] for r in drawn['S6'][N['S6']:N['S6'] + 1]}  # S6 reserve 1 (corpus; not in S1–S4 anyway)
N2 = {'S1': 3, 'S2': 2, 'S3': 2, 'S4': 1}
rng2 = random.Random(SEED2)
print()
print('# Batch 2 (2026-12-02): seed', SEED2, '; pools exclude the', len(labelled), 'labelled articles')
for k in ['S1', 'S2', 'S3', 'S4']:
    pool = sorted((r for r in S[k] if r['file'] not in labelled), key=lambda r: r['file'])
    rng2.shuffle(pool)
    print(f'# {k}: pool {len(pool)} (of {len(S[k])}), take {N2[k]}' + ('' if len(pool) >= N2[k] else ' -- pool exhausted, shortfall taken from S4'))
    for r in pool[:N2[k]]:
        print(f'{k}-b2', 'tune', r['dir'], r['file'], sep='\t')
    print('#   reserves (in order):', [r['file'] for r in pool[N2[k]:N2[k] + 3]])
