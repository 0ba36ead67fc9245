"""Build speakers.tsv and citation_edges.tsv from the hand-written rows in rows/*.py, with checks."""
import csv, os, re, sys, importlib.util, collections
HERE = os.path.dirname(os.path.abspath(__file__)); sys.path.insert(0, HERE)
from textprep import body_paras, sentences, reduce
DEV = '/work/shared/corpus-dev'
PART = {}
for line in open(os.path.join(HERE, 'draw_output.txt'), encoding='utf-8'):
    if line.startswith('SPLIT '):
        _, doc, stratum, L, part = line.split()
        PART[doc] = part
ORDER = ['r_20251110', 'r_20250216', 'r_20250327', 'r_zouzaiqian', 'r_20250114', 'r_zhuanfang']
sp_out, ed_out, errors = [], [], []
counts = collections.OrderedDict()
for name in ORDER:
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, 'rows', name + '.py'))
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    doc = m.DOC; part = PART[doc]
    path = os.path.join(DEV, doc + '.md'); assert os.path.exists(path), path
    paras = body_paras(open(path, encoding='utf-8').read())
    ids = {f'{i}.{j}': s for i, p in enumerate(paras, 1) for j, s in enumerate(sentences(p), 1)}
    full = reduce(''.join(paras))
    def resolve(ref):
        s = ids.get(ref, ref) if re.fullmatch(r'\d+\.\d+', ref) else ref
        if re.fullmatch(r'\d+\.\d+', ref) and ref not in ids: errors.append((doc, ref, 'no such id'))
        r = reduce(s)
        n = full.count(r)
        if n != 1: errors.append((doc, ref, f'occurs {n} times', s))
        if ref not in ids and len(r) < 12: errors.append((doc, ref, 'substring shorter than 12'))
        return s.strip()
    for ref, spk, title, verb, note in m.SPEAKERS:
        sp_out.append([doc, resolve(ref), spk, title, verb, note, part])
    for ref, spk, src, lvl, slvl, note in m.EDGES:
        ed_out.append([doc, resolve(ref), spk, src, lvl, slvl, note, part])
    # one row per (sentence, speaker)
    keys = [(r[1], r[2]) for r in sp_out if r[0] == doc]
    for k, c in collections.Counter(keys).items():
        if c > 1: errors.append((doc, 'duplicate speaker row', k))
    triples = {(r[2], r[3]) for r in ed_out if r[0] == doc}
    counts[doc] = (part, len(m.SPEAKERS), len(m.EDGES), len(triples))
for row in sp_out + ed_out:
    for f in row:
        if '\t' in f or '\n' in f: errors.append(('tab/newline in field', row))
if errors:
    for e in errors: print('ERROR', e)
    sys.exit(1)
with open(os.path.join(HERE, 'speakers.tsv'), 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, delimiter='\t', lineterminator='\n')
    w.writerow(['doc_id', 'sentence', 'speaker', 'speaker_title', 'verb', 'note', 'part']); w.writerows(sp_out)
with open(os.path.join(HERE, 'citation_edges.tsv'), 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, delimiter='\t', lineterminator='\n')
    w.writerow(['doc_id', 'sentence', 'speaker', 'cited_source', 'level', 'speaker_level', 'note', 'part']); w.writerows(ed_out)
for d, c in counts.items(): print(d, *c, sep='\t')
