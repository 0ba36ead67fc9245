"""Clean an article per the codebook (scope + text rules) and split sentences. Reading aid only."""
import re, html, unicodedata, sys
def in_scope_paragraphs(path, keep_links=False):
    raw = open(path, encoding='utf-8').read()
    raw = re.sub(r'<iframe.*?</iframe>', '\n', raw, flags=re.S)
    raw = re.sub(r'<h[34][^>]*>.*?</h[34]>', '\n', raw, flags=re.S)
    paras = re.split(r'\n\s*\n', raw)
    out = []
    for p in paras:
        lines = []
        for ln in p.split('\n'):
            s = ln.strip()
            if not s: continue
            if s.startswith('#') or s.startswith('>'): continue
            if re.fullmatch(r'[-*_]{3,}', s): continue
            lines.append(ln)
        if not lines: continue
        t = '\n'.join(lines)
        t = re.sub(r'<[^>]+>', '', t)
        t = t.replace('&emsp;', '').replace('**', '')
        t = html.unescape(t)
        if not keep_links:
            t = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', t)
            t = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', t)
        t = '\n'.join(l.lstrip('\u3000 \t') for l in t.split('\n'))
        t = t.strip()
        if t: out.append(t)
    return out
SENT = re.compile(r'.*?[。！？]+[”’」』）)]*|.+$', re.S)
def sentences(par):
    return [s.strip() for s in SENT.findall(par) if s.strip()]
def reduce(s):
    s = unicodedata.normalize('NFKC', html.unescape(s))
    return ''.join(ch for ch in s if re.match(r'[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9]', ch))
if __name__ == '__main__':
    for i, p in enumerate(in_scope_paragraphs(sys.argv[1])):
        ss = sentences(p)
        for j, s in enumerate(ss):
            print(f'[{i}.{j}] {s}')
        print()
