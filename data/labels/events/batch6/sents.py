import re, sys
def clean_paras(path):
    t = open(path).read()
    t = re.sub(r'<iframe.*?</iframe>', '', t, flags=re.S)
    t = re.sub(r'<[^>]+>', '', t)
    paras = re.split(r'\n\s*\n', t)
    out = []
    for p in paras:
        lines = [l for l in p.split('\n')]
        keep = []
        for l in lines:
            s = l.strip()
            if not s or s.startswith('#') or s.startswith('>') or re.fullmatch(r'[-*_]{3,}', s): continue
            keep.append(l)
        if not keep: continue
        txt = ''.join(keep)
        txt = txt.replace('**', '')
        txt = txt.lstrip('\u3000 ').strip()
        out.append(txt)
    return out
def sentences(para):
    res = []; cur = ''
    i = 0
    while i < len(para):
        cur += para[i]
        if para[i] == '。':
            res.append(cur.lstrip('\u3000 ')); cur = ''
            # closing quote after 。 is not included: skip it (attach to nothing)
            while i + 1 < len(para) and para[i+1] in '”’"':
                i += 1
        i += 1
    if cur.strip(): res.append(cur.strip().lstrip('\u3000'))
    return res
if __name__ == '__main__':
    for pi, p in enumerate(clean_paras(sys.argv[1])):
        for si, s in enumerate(sentences(p)):
            print(f'{pi}.{si}\t{s}')
