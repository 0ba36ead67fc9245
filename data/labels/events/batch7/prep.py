import re, html
def body_paragraphs(text):
    # drop front matter
    if text.startswith('---'):
        m = re.match(r'---\n.*?\n---\n', text, re.S)
        if m: text = text[m.end():]
    text = re.sub(r'<iframe.*?</iframe>', '', text, flags=re.S|re.I)
    text = re.sub(r'<video.*?</video>', '', text, flags=re.S|re.I)
    text = re.sub(r'<script.*?</script>', '', text, flags=re.S|re.I)
    text = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', text)          # images
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)       # links: keep text, drop URL
    text = re.sub(r'<[^>]+>', '', text)
    text = re.sub(r'https?://\S+', '', text)
    text = html.unescape(text)
    paras = []
    for block in re.split(r'\n\s*\n', text):
        b = block.strip()
        if not b: continue
        if b.startswith('#') or b.startswith('>') or re.fullmatch(r'[-*_]{3,}', b): continue
        b = b.replace('**', '')
        b = '\n'.join(l.strip().lstrip('\u3000').strip() for l in b.split('\n'))
        b = b.replace('\n', '')
        b = b.lstrip('\u3000 ')
        if b: paras.append(b)
    return paras
def sentences(para):
    out = []; cur = ''
    i = 0
    while i < len(para):
        ch = para[i]; cur += ch
        if ch == '。':
            out.append(cur); cur = ''
            if i+1 < len(para) and para[i+1] == '”':
                i += 1
        i += 1
    if cur.strip(): out.append(cur)
    return [s.lstrip('\u3000 ') for s in out if s.strip()]
def body_len(text):
    return sum(len(re.sub(r'\s', '', p)) for p in body_paragraphs(text))
