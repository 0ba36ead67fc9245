"""Second-pass reading aid: show candidate sentences and whether a label covers them."""
import sys, os, glob, importlib.util, re
sys.path.insert(0, os.path.dirname(__file__))
from textprep import in_scope_paragraphs, sentences, reduce
CUE = re.compile('说|表示|谈到|提到|称|介绍|回答|强调|指出|认为|阐释|阐述|重申|要求|提出|号召|叮嘱|嘱托|寄望|寄语|希望|勉励|鼓励|肯定|赞扬|称赞|讲话|致辞|报告|说明|宣讲|指示|批示|主持|：“|传达|学习|领会|贯彻|落实|按照|遵循|对标|结合|为指引|为统领|为指导|根据|精神|部署|嘱托|期望|思想')
want = sys.argv[1]
for fn in sorted(glob.glob(f'{os.path.dirname(__file__)}/rows/*.py')):
    spec = importlib.util.spec_from_file_location('m', fn); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    if want not in fn: continue
    d = 'corpus' if os.path.exists(f'/work/shared/corpus/{m.DOC}.md') else 'corpus-dev'
    labs = [('S', reduce(s), spk) for s, spk, *_ in m.SP] + [('E', reduce(s), spk + '→' + src) for s, spk, src, *_ in m.ED]
    for i, p in enumerate(in_scope_paragraphs(f'/work/shared/{d}/{m.DOC}.md')):
        for j, s in enumerate(sentences(p)):
            r = reduce(s)
            hits = [f'{t}:{x}' for t, q, x in labs if q in r or (len(r) >= 6 and r in q)]
            if CUE.search(s) or hits:
                print(f'[{i}.{j}]', ('  <<' + '; '.join(hits) + '>>') if hits else '  ----', s[:160])
