"""Validate hand-written label rows and write the TSVs. Labels come from rows/*.py (written by reading)."""
import csv, glob, os, re, sys, importlib.util
sys.path.insert(0, os.path.dirname(__file__))
from textprep import in_scope_paragraphs, sentences, reduce
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the labels folder (was a stale absolute path)
PARTS = {}  # doc -> (part, dir, stratum)
for line in open(f'{OUT}/draw_output.txt', encoding='utf-8'):
    if line.startswith('#') or line.count('\t') != 3: continue
    k, p, d, f = line.rstrip('\n').split('\t')
    PARTS[f[:-3]] = (p, d, k)
# reserves added by the logged top-up decisions
PARTS['广东省委书记鼓励市委书记们当好破风手拓荒者行动派'] = ('untouched', 'corpus-dev', 'S3-reserve1')
PARTS['省委常委会召开会议研究中央巡视反馈意见整改落实等工作'] = ('untouched', 'corpus-dev', 'S3-reserve2')
PARTS['事关农业芯片广东召开这场大会'] = ('untouched', 'corpus', 'S6-reserve1')
PARTS['深圳市委常委会召开扩大会议'] = ('untouched', 'corpus-dev', 'S3-reserve3')
PARTS['珠海市委书记陈勇奋进十五五-展现新担当'] = ('tune', 'corpus-dev', 'S3-reserve4')
PARTS['广东省委常委会扩大会议专题传达学习总书记视察广东和出席第十五届全国运动会开幕式重要讲话重要指示精神'] = ('tune', 'corpus-dev', 'S3-reserve5')
VERBS = ['说','所说','所言','表示','谈到','提到','称','介绍','回答','强调','指出','认为','阐释','阐述','重申','要求','提出','号召','叮嘱','嘱托','寄望','寄语','希望','勉励','鼓励','肯定','赞扬','称赞','讲话','致辞','报告','说明','宣讲','指示','批示','主持','：']
sp_rows, ed_rows, errs, seen_docs = [], [], [], set()
for fn in sorted(glob.glob(f'{os.path.dirname(__file__)}/rows/*.py'), key=lambda f: ('_b2_' in os.path.basename(f), f)):  # batch-2 files last, so earlier rows keep their order
    spec = importlib.util.spec_from_file_location('m', fn); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    doc = m.DOC
    if doc not in PARTS: errs.append(f'{doc}: not in parts'); continue
    part, d, k = PARTS[doc]
    path = f'/work/shared/{d}/{doc}.md'
    if not os.path.exists(path): errs.append(f'missing file {path}'); continue
    seen_docs.add(doc)
    paras = in_scope_paragraphs(path); paras_l = in_scope_paragraphs(path, keep_links=True)
    red = ''.join(reduce(p) for p in paras); red_l = ''.join(reduce(p) for p in paras_l)
    allsents = {reduce(s) for p in paras for s in sentences(p)}
    def chk(s, what):
        r = reduce(s)
        if '\t' in s or '\n' in s: errs.append(f'{doc}: tab/newline in {what}: {s}')
        c, cl = red.count(r), red_l.count(r)
        if c != 1 or cl != 1: errs.append(f'{doc}: {what} occurs {c}/{cl} times: {s}')
        if len(r) < 12 and r not in allsents: errs.append(f'{doc}: short non-sentence: {s}')
        return r
    for s, spk, title, verb, note in m.SP:
        chk(s, 'speaker sentence')
        for v in verb.split('+'):
            if v not in VERBS and not any(v.endswith(x) or x in v for x in VERBS): errs.append(f'{doc}: odd verb {v}')
        sp_rows.append([doc, s, spk, title, verb, note, part])
    for s, spk, src, lev, slev, note in m.ED:
        chk(s, 'edge sentence')
        if lev not in ('中央','省','市','县','国际') or slev not in ('中央','省','市','县','国际','基层/个人'): errs.append(f'{doc}: bad level {lev}/{slev}')
        if spk == src: errs.append(f'{doc}: self-edge {spk}')
        ed_rows.append([doc, s, spk, src, lev, slev, note, part])
# duplicates
from collections import Counter
for name, rows, key in [('speakers', sp_rows, lambda r: (r[0], reduce(r[1]), r[2])), ('edges', ed_rows, lambda r: (r[0], reduce(r[1]), r[2], r[3]))]:
    for kk, c in Counter(key(r) for r in rows).items():
        if c > 1: errs.append(f'duplicate {name} row {kk}')
# a doc in speakers must be in edges' part mapping too (same part by construction)
print('\n'.join(errs) if errs else 'no errors')
for r in [*sp_rows, *ed_rows]:
    for f in r:
        assert '\t' not in f and '\n' not in f
with open(f'{OUT}/speakers.tsv', 'w', encoding='utf-8', newline='') as fh:
    w = csv.writer(fh, delimiter='\t', lineterminator='\n', quoting=csv.QUOTE_MINIMAL)
    w.writerow(['doc_id','sentence','speaker','speaker_title','verb','note','part']); w.writerows(sp_rows)
with open(f'{OUT}/citation_edges.tsv', 'w', encoding='utf-8', newline='') as fh:
    w = csv.writer(fh, delimiter='\t', lineterminator='\n', quoting=csv.QUOTE_MINIMAL)
    w.writerow(['doc_id','sentence','speaker','cited_source','level','speaker_level','note','part']); w.writerows(ed_rows)
# summary
docs = sorted(seen_docs, key=lambda x: (PARTS[x][0], PARTS[x][2]))
print('labelled docs', len(docs), 'parts', Counter(PARTS[x][0] for x in docs))
for p in ('tune','untouched'):
    print(p, 'speakers', sum(r[-1]==p for r in sp_rows), 'edges', sum(r[-1]==p for r in ed_rows),
          'edge triples', len({(r[0], r[2], r[3]) for r in ed_rows if r[-1]==p}))
for x in docs:
    print(PARTS[x], x[:40], 'sp', sum(r[0]==x for r in sp_rows), 'ed', sum(r[0]==x for r in ed_rows))
