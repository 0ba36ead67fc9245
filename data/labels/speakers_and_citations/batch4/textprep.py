"""Cleaning and sentence splitting for the speakers/citations labelling (batch 4).
In-scope body: drop headings (#), blockquotes (>), horizontal rules, <iframe>…</iframe> blocks,
h3/h4 blocks; remove HTML tags, &emsp;, ** and leading full-width spaces; markdown links -> text; bare URLs removed."""
import re, html, unicodedata

def body_paras(text):
    text = re.sub(r'<iframe.*?</iframe>', '', text, flags=re.S)
    text = re.sub(r'<h[34][^>]*>.*?</h[34]>', '', text, flags=re.S)
    paras, cur = [], []
    for line in text.split('\n'):
        s = line.strip()
        if not s:
            if cur: paras.append(''.join(cur)); cur = []
            continue
        if re.match(r'^(?:[-*+]\s+)?#', s) or s.startswith('>') or re.fullmatch(r'[-*_]{3,}', s):
            if cur: paras.append(''.join(cur)); cur = []
            continue
        cur.append(s)
    if cur: paras.append(''.join(cur))
    out = []
    for p in paras:
        p = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', p)
        p = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', p)
        p = re.sub(r'<[^>]+>', '', p)
        p = html.unescape(p.replace('&emsp;', ''))
        p = re.sub(r'https?://\S+', '', p)
        p = p.replace('**', '').lstrip('\u3000 ')
        if p.strip(): out.append(p.strip())
    return out

def sentences(para):
    return [m.group(0) for m in re.finditer(r'.*?(?:[。！？]+[”’」』]*|$)', para) if m.group(0).strip()]

def reduce(s):
    s = unicodedata.normalize('NFKC', html.unescape(s))
    return ''.join(ch for ch in s if re.match(r'[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9]', ch))
