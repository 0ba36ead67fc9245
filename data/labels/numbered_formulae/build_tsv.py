"""Write numbered_formulae.tsv and articles.tsv from the hand-made label list (rows.txt)."""
import csv, json, collections, os
drawn = json.load(open('drawn.json', encoding='utf-8'))
part = {d['file'][:-3]: d['part'] for d in drawn}
rows = [l.rstrip('\n').split('||') for l in open('rows.txt', encoding='utf-8') if not l.startswith('#') and l.strip()]
order = {d['file'][:-3]: i for i, d in enumerate(sorted(drawn, key=lambda d: (d['part'] != 'tune', d['stage'])))}
rows.sort(key=lambda r: order[r[0]])  # stable: keeps reading order inside an article
with open('numbered_formulae.tsv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, delimiter='\t', lineterminator='\n', quoting=csv.QUOTE_MINIMAL)
    w.writerow(['doc_id', 'surface', 'canonical', 'count', 'note', 'part'])
    for r in rows:
        assert all('\t' not in x and '\n' not in x for x in r)
        w.writerow(r + [part[r[0]]])
n = collections.Counter(r[0] for r in rows)
g = collections.Counter(r[0] for r in rows if r[4].startswith('grey:'))
with open('articles.tsv', 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, delimiter='\t', lineterminator='\n')
    w.writerow(['doc_id', 'file', 'genre', 'stage', 'rows', 'non_grey_rows', 'grey_rows', 'part'])
    for d in sorted(drawn, key=lambda d: (d['part'] != 'tune', d['stage'])):
        doc = d['file'][:-3]
        w.writerow([doc, d['file'], d['genre'], d['stage'], n[doc], n[doc] - g[doc], g[doc], d['part']])
