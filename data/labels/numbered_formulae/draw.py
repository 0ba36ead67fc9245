"""Draw articles for the numbered_formulae evaluation set (seed recorded in README)."""
import csv, os, random, json
SEED = 20251207
CD = '/work/shared/corpus-dev'
rows = list(csv.DictReader(open(os.path.join(CD, 'manifest.csv'), encoding='utf-8')))
# near-duplicate versions of the same article: keep the first (sorted) file only
DUP_DROP = {'从千年商都到科创高地广州蝶变照见中国发展的信心与底气人民观点.md',
            '全面认识把握中国经济高质量发展的确定性习近平经济思想指引下的中国经济专论.md',
            '创造美好生活-共圆伟大梦想社论.md',
            '凝心聚力打开改革发展新天地社论.md',
            '努力建设宜居宜业和美乡村-共同奔向中国式现代化美好未来.md'}
OFFTOPIC = {'测试.md', '45个方队权威解读来了.md', '软件设计师案例试题.md', '软件设计师综合知识.md'}
MAXBYTES_OFFTOPIC = 100_000   # the two 软考 dumps (214 KB, 532 KB) are too long to read exhaustively

def genre(x):
    t = x['tags'].split(';') if x['tags'] else []
    f = x['file']
    if f in OFFTOPIC: return 'offtopic'
    if '申论' in t: return '申论'
    if '政府工作报告' in t: return '政府工作报告'
    if '央视快评' in t: return '央视快评'
    if t == ['新闻联播']: return '新闻联播'
    if '公文写作' in t or t == ['粤港澳大湾区']: return '公文写作'
    return '人民日报'   # 人民日报 / 新华社 / 署名文章 / untagged 人民日报 reprints

N = {'新闻联播': 8, '央视快评': 5, '人民日报': 6, '政府工作报告': 2, '公文写作': 5, '申论': 4, 'offtopic': 2}
strata = {}
for x in rows:
    if x['file'] in DUP_DROP: continue
    g = genre(x)
    if g == 'offtopic' and os.path.getsize(os.path.join(CD, x['file'])) > MAXBYTES_OFFTOPIC: continue
    strata.setdefault(g, []).append(x['file'])
rng = random.Random(SEED)
drawn = []
for g in N:                      # fixed order of strata
    pool = sorted(strata[g])
    pick = rng.sample(pool, N[g])
    order = pick[:]               # split decided now, before labelling
    rng.shuffle(order)
    k = round(len(order) / 3)
    for i, f in enumerate(order):
        drawn.append({'genre': g, 'file': f, 'part': 'untouched' if i < k else 'tune', 'pool': len(pool)})
json.dump(drawn, open('/work/labels/numbered_formulae/drawn.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
for d in drawn: print(d['genre'], d['pool'], d['part'], d['file'], os.path.getsize(os.path.join(CD, d['file'])))

# ---- Supplementary draw (stage 2), made after stage 1 was labelled, because stage 1 gave fewer
# than 150 rows. Same strata and pools, already-drawn files excluded, own seed; the split of the
# new articles is again decided here, before they are labelled.
SEED2 = 20251208
N2 = {'新闻联播': 3, '央视快评': 2, '人民日报': 3, '政府工作报告': 1, '公文写作': 3, '申论': 2}
already = {d['file'] for d in drawn}
rng2 = random.Random(SEED2)
drawn2 = []
for g in N2:
    pool = sorted(f for f in strata[g] if f not in already)
    pick = rng2.sample(pool, N2[g])
    order = pick[:]
    rng2.shuffle(order)
    k = round(len(order) / 3)
    for i, f in enumerate(order):
        drawn2.append({'genre': g, 'file': f, 'part': 'untouched' if i < k else 'tune', 'pool': len(pool), 'stage': 2})
for d in drawn: d['stage'] = 1
json.dump(drawn + drawn2, open('/work/labels/numbered_formulae/drawn.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print('--- stage 2')
for d in drawn2: print(d['genre'], d['pool'], d['part'], d['file'], os.path.getsize(os.path.join(CD, d['file'])))
