import sys
from textprep import body_paras, sentences
t = open('/work/shared/corpus-dev/' + sys.argv[1] + '.md', encoding='utf-8').read()
for i, p in enumerate(body_paras(t), 1):
    for j, s in enumerate(sentences(p), 1):
        print(f'{i}.{j} {s}')
