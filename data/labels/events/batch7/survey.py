import csv, os, sys
sys.path.insert(0, '/work/tmp/s13/events7')
from prep import body_len
D='/work/shared/corpus-dev'
used={l.strip() for l in open('/work/tmp/s13/used_events_v2.txt') if l.strip()}
rows=list(csv.DictReader(open(D+'/manifest.csv')))
for r in rows:
    doc=r['file'][:-3]
    if doc in used: continue
    if '新闻联播' in r['tags']: continue
    n=body_len(open(os.path.join(D,r['file'])).read())
    print(doc, '|', r['title'], '|', r['tags'], '|', r['published'][:10], '|', n)
