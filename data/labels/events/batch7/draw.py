"""Draw for events batch 7. Seed 20261208, random.Random."""
import csv, os, re, random, sys
sys.path.insert(0, '/work/tmp/s13/events7')
from prep import body_len, body_paragraphs
D = '/work/shared/corpus-dev'
used = {l.strip() for l in open('/work/tmp/s13/used_events_v2.txt') if l.strip()}
rows = list(csv.DictReader(open(D + '/manifest.csv')))
meta = {r['file'][:-3]: r for r in rows}
def text(doc): return open(os.path.join(D, doc + '.md')).read()
# S1: 新闻联播 transcripts (tag 新闻联播 and title 《新闻联播》), unused, body <= 8000
xw = sorted(d for d, r in meta.items() if d not in used and '新闻联播' in r['tags']
            and '《新闻联播》' in r['title'] and body_len(text(d)) <= 8000)
# S2: Guangdong / city reports and features (chosen by hand from manifest title+tags; excluded:
# exam material 申论/规范词/软考, government work reports, commentary 央视快评/评论员文章/社论/专论,
# speeches, essays, test file), unused, body <= 8000, with at least one dated activity marker.
cand = ['专访广东省生态环境厅党组书记厅长徐晓霞推动粤港澳大湾区建设成为美丽中国先行区',
        '粤港澳大湾区如何打造新发展格局的战略支点', '近四万亿元深圳制造业走向价值引领', '这就是广东',
        '增长态势强劲这一产业2030年有望突破2万亿元', '山东为何能扛起北方经济压舱石的重任',
        '十五五系列谈-以扩大有效投资促进区域经济高质量发展', '接续奋斗-再创辉煌',
        '袁家军发表署名文章牢记嘱托-感恩奋进-奋力谱写中国式现代化重庆篇章']
# 从千年商都到科创高地广州蝶变…人民观点 is excluded: same 人民日报 piece as the already-labelled 从千年商都到科创高地.
datepat = re.compile(r'\d+月\d+日|\d{4}年\d+月|今年\d+月|日前|近日|\d+日(上午|下午|晚)?')
other = []
for d in sorted(cand):
    assert d not in used and d in meta
    t = text(d); n = body_len(t); hit = bool(datepat.search(''.join(body_paragraphs(t))))
    print('cand', d, n, 'dated' if hit else 'no-date')
    if n <= 8000 and hit: other.append(d)
print('pool sizes: xwlb', len(xw), 'other', len(other), other)
rng = random.Random(20261208)
s1 = rng.sample(xw, 4)
s2 = rng.sample(other, 1)
# split: one 新闻联播 to untouched, then one more from the remaining four
u1 = rng.choice(s1)
rest = [d for d in s1 if d != u1] + s2
u2 = rng.choice(rest)
untouched = [u1, u2]
for d in s1 + s2:
    print(d, 'untouched' if d in untouched else 'tune', '新闻联播' if d in s1 else 'other', meta[d]['published'][:10], body_len(text(d)))
