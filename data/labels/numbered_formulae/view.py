"""Print an article's text (HTML tags and ** removed, footer dropped) with paragraph numbers, for reading."""
import re, sys
def clean(path):
    t = open(path, encoding='utf-8').read()
    # drop footer: last '---' rule followed by '> 作者' block
    m = re.search(r'\n---\s*\n+>\s*作者', t)
    if m: t = t[:m.start()]
    t = re.sub(r'<[^>]+>', '', t)
    t = t.replace('**', '')
    paras = [p.strip() for p in re.split(r'\n\s*\n', t) if p.strip()]
    return paras
if __name__ == '__main__':
    for i, p in enumerate(clean(sys.argv[1])):
        print(f'[{i}] {p}')
