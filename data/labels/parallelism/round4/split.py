import re, json
D = '/work/shared/corpus-dev'
def paragraphs(stem):
    txt = open(f'{D}/{stem}.md', encoding='utf-8').read()
    txt = re.sub(r'<[^>]*>', '', txt, flags=re.S)
    blocks = re.split(r'\n\s*\n', txt)
    out = []
    for b in blocks:
        lines = [l for l in b.split('\n')]
        keep = []
        for l in lines:
            s = l.strip()
            if not s: continue
            if s.startswith('#') or s.startswith('>') or re.fullmatch(r'[-*_]{3,}', s): continue
            if s.startswith('{{') : continue
            s = re.sub(r'^[-*+]\s+', '', s)
            keep.append(s)
        if not keep: continue
        t = ''.join(keep)
        t = re.sub(r'<[^>]+>', '', t)
        t = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', t)
        t = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', t)
        t = re.sub(r'(\*\*|__|\*|`)', '', t)
        t = t.replace('\u3000',' ').replace('&nbsp;',' ').strip()
        t = t.replace('\t',' ')
        if not t: continue
        out.append(t)
    return out
def sentences(p):
    res = re.findall(r'.*?[。！？]+[”’」』]*|.+$', p)
    return [s.strip() for s in res if s.strip()]
def doc(stem):
    return [sentences(p) for p in paragraphs(stem)]
if __name__ == '__main__':
    import sys
    for stem in sys.argv[1:]:
        for i,p in enumerate(doc(stem),1):
            for j,s in enumerate(p,1):
                print(f'p{i}.s{j}\t{s}')
