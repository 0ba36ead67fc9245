import sys, os
sys.path.insert(0, '/work/tmp/s13/events7')
from prep import body_paragraphs, sentences
D = '/work/shared/corpus-dev'
def sent_list(doc):
    out = []
    for pi, p in enumerate(body_paragraphs(open(os.path.join(D, doc + '.md')).read())):
        for si, s in enumerate(sentences(p)):
            out.append((f'{pi}.{si}', s))
    return out
if __name__ == '__main__':
    for k, s in sent_list(sys.argv[1]): print(k, s)
