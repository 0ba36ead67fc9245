import re,sys,html
def body_paras(path):
    t=open(path).read()
    if t.startswith('---\n'):
        t=t.split('\n---',1)[1] if '\n---' in t[4:] else t
    t=re.sub(r'<iframe.*?</iframe>','',t,flags=re.S)
    paras=re.split(r'\n\s*\n',t)
    out=[]
    for p in paras:
        lines=[]
        for l in p.split('\n'):
            s=l.strip()
            if s.startswith('#') or s.startswith('>') or re.match(r'^- *#',s) or re.match(r'^(-{3,}|\*{3,}|_{3,})$',s): continue
            if re.match(r'^<h[1-6]',s): continue
            lines.append(l)
        x='\n'.join(lines)
        x=re.sub(r'<[^>]+>','',x).replace('&emsp;','').replace('**','')
        x=html.unescape(x)
        x=re.sub(r'^[\u3000 \t]+','',x,flags=re.M).strip()
        if x: out.append(x)
    return out
def split(p):
    return [s for s in re.findall(r'.*?[。！？]+[”’」]*|.+$',p,flags=re.S) if s.strip()]
if __name__=='__main__':
    for i,p in enumerate(body_paras(sys.argv[1])):
        for j,s in enumerate(split(p)):
            print(f'{i}.{j}\t{s.strip()}')
