# Draw for events labelling, seed 20261205
import csv, os, re, random
D = '/work/shared/corpus-dev'
used = set(l.strip() for l in open('/work/tmp/s13/used_events.txt') if l.strip())
rows = list(csv.DictReader(open(os.path.join(D, 'manifest.csv'))))
def doc(f): return os.path.splitext(f)[0]
def size(f):
    t = re.sub(r'<[^>]+>', '', open(os.path.join(D, f)).read())
    return len(re.sub(r'\s', '', t))
ok = [r for r in rows if doc(r['file']) not in used and size(r['file']) <= 8000]
files = {r['file'] for r in ok}
# strata (hand-assigned from manifest title/tags; see README)
S1 = ['肇庆市委书记张爱军加快打造珠三角新增长极-粤港澳大湾区面向大西南门户枢纽.md',
      '曹立军发表署名文章加快建设更具活力和幸福感的现代化人民城市.md',
      '袁家军发表署名文章牢记嘱托-感恩奋进-奋力谱写中国式现代化重庆篇章.md']   # city leaders' activities (by/about city party secretaries)
S2 = sorted(r['file'] for r in ok if r['tags'] == '新闻联播')                    # news transcripts
S3 = ['深圳绿色转型优等生如何炼成.md', '近四万亿元深圳制造业走向价值引领.md',
      '全运会史上首次不新建大型场馆为什么.md', '山东为何能扛起北方经济压舱石的重任.md']   # city/county (regional) reports
S4 = ['粤港澳大湾区如何打造新发展格局的战略支点.md', '这就是广东.md',
      '专访广东省生态环境厅党组书记厅长徐晓霞推动粤港澳大湾区建设成为美丽中国先行区.md',
      '从千年商都到科创高地.md', '增长态势强劲这一产业2030年有望突破2万亿元.md']  # features
S5 = sorted(r['file'] for r in ok if any(k in r['tags'] for k in ('央视快评', '人民日报评论员文章', '人民日报社论'))
            and '快评;' not in r['tags'])                                       # commentary: few/no events expected
for S in (S1, S2, S3, S4, S5):
    for f in S: assert f in files, f
rng = random.Random(20261205)
draw = [('S1 city leaders', f) for f in rng.sample(S1, 2)] + \
       [('S2 news transcript', f) for f in rng.sample(S2, 2)] + \
       [('S3 city/county report', f) for f in rng.sample(S3, 2)] + \
       [('S4 feature', f) for f in rng.sample(S4, 1)] + \
       [('S5 commentary (low-event)', f) for f in rng.sample(S5, 1)]
order = list(range(len(draw)))
rng.shuffle(order)
untouched = set(order[:3])
for i, (g, f) in enumerate(draw):
    print(('untouched' if i in untouched else 'tune') + '\t' + g + '\t' + doc(f) + '\t' + str(size(f)))
print('pool sizes', len(S1), len(S2), len(S3), len(S4), len(S5))
