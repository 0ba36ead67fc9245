"""Batch-4 draw (speakers & citation edges). Run: python3 draw.py"""
import csv, os, random, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from textprep import body_paras
DEV = '/work/shared/corpus-dev'
SEED = 20261207
used = {l.strip() for l in open('/work/tmp/s13/used_speakers_v2.txt', encoding='utf-8') if l.strip()}
rows = list(csv.DictReader(open(os.path.join(DEV, 'manifest.csv'), encoding='utf-8')))
def blen(f):
    return sum(len(p) for p in body_paras(open(os.path.join(DEV, f), encoding='utf-8').read()))
S1, S2 = [], []
GD_MEETING_TITLES = ('常委会', '全会', '黄坤明', '市委书记', '省委书记', '广东贯彻落实', '专访广东省')
for r in rows:
    f = r['file']; d = os.path.splitext(f)[0]
    if d in used: continue
    L = blen(f)
    if L > 9000: continue
    if r['tags'].strip() == '新闻联播':
        S1.append((f, L))
    elif any(k in r['title'] + ' ' + d for k in GD_MEETING_TITLES) and ('粤港澳大湾区' in r['tags'] or '公文写作' in r['tags']):
        S2.append((f, L))
S1.sort(); S2.sort()
print('S1 新闻联播 pool', len(S1)); print('S2 GD meeting/leader pool', len(S2), S2)
rng = random.Random(SEED)
rng.shuffle(S1); rng.shuffle(S2)
d1 = S1[:4]; d2 = S2[:2]
print('drawn S1', d1); print('drawn S2', d2)
# split decided now, before labelling: one of each stratum untouched, chosen by the same generator
u1 = rng.choice(d1); u2 = rng.choice(d2)
for f, L in d1 + d2:
    part = 'untouched' if (f, L) in (u1, u2) else 'tune'
    print('SPLIT', os.path.splitext(f)[0], 'S1' if (f, L) in d1 else 'S2', L, part)
print('S1 reserves', S1[4:8]); print('S2 reserves', S2[2:])
