import csv, os, random, json
SEED = 20261203
D = '/work/shared/corpus-dev'
used = {l.strip() for l in open('/work/tmp/s13/used_parallelism.txt') if l.strip()}
# near-duplicate copies of already-labelled articles are excluded too (same text under another name)
dup_of_used = {'凝心聚力打开改革发展新天地社论','创造美好生活-共圆伟大梦想社论',
  '全面认识把握中国经济高质量发展的确定性习近平经济思想指引下的中国经济专论',
  '努力建设宜居宜业和美乡村-共同奔向中国式现代化美好未来'}
MAXC = 13000  # size cap (chars) so 12 articles can be labelled exhaustively in the time limit
rows = list(csv.DictReader(open(os.path.join(D,'manifest.csv'))))
def genre(fn, title, tags):
    stem = fn[:-3]
    if '新闻联播' in tags: return 'news'
    if any(k in tags for k in ['申论','软考','测试']) and not any(k in tags for k in ['粉笔晨读']): return 'offtopic_exam'
    if any(k in tags for k in ['央视快评','评论员','社论','署名文章','钟才文','粉笔晨读']) or tags=='' or '讲话' in stem or stem in ('行之苟有恒久久自芬芳','接续奋斗-再创辉煌','因地制宜推动高质量可持续的发展','着眼全局把握明年经济工作的总体要求和政策取向'):
        return 'commentary'
    if any(k in title for k in ['周报','政观广东','召开','调研','反响','公布','全文发布','这就是广东','走在前']):
        return 'roundup'
    return 'feature'
pools = {}
for r in rows:
    fn = r['file']; stem = fn[:-3]
    if stem in used or stem in dup_of_used or stem=='测试': continue
    if len(open(os.path.join(D,fn)).read()) > MAXC: continue
    pools.setdefault(genre(fn, r['title'], r['tags']), []).append(stem)
for k in pools: pools[k].sort()
alloc = {'commentary':3,'news':2,'roundup':2,'feature':3,'offtopic_exam':2}
rng = random.Random(SEED)
drawn = []
for g in ['commentary','news','roundup','feature','offtopic_exam']:
    pick = rng.sample(pools[g], alloc[g])
    # the two copies of 从千年商都到科创高地 are one text: never draw both
    drawn += [(s,g) for s in pick]
order = drawn[:]; rng.shuffle(order)
part = {s:('tune' if i<8 else 'untouched') for i,(s,g) in enumerate(order)}
json.dump({'pools':pools,'drawn':drawn,'part':part}, open('draw.json','w'), ensure_ascii=False, indent=1)
for g,p in pools.items(): print(g, len(p))
for s,g in drawn: print(part[s], g, s)
