"""Second-pass reading aid: print every sentence containing a speech/relay cue, marked with the labels covering it. Not a labeller."""
import csv, re, sys, os
from textprep import body_paras, sentences, reduce
CUES = r'说|表示|谈到|提到|称|介绍|回答|强调|指出|认为|阐释|阐述|重申|要求|提出|号召|叮嘱|嘱托|寄望|寄语|希望|勉励|鼓励|肯定|赞扬|称赞|讲话|致辞|报告|说明|宣讲|指示|批示|主持|：|传达|学习|贯彻|落实|按照|遵循|根据|精神|指引|统领|共识|倡议|部署|演讲|发言|辞'
sp = list(csv.DictReader(open('speakers.tsv', encoding='utf-8'), delimiter='\t'))
ed = list(csv.DictReader(open('citation_edges.tsv', encoding='utf-8'), delimiter='\t'))
doc = sys.argv[1]
paras = body_paras(open(f'/work/shared/corpus-dev/{doc}.md', encoding='utf-8').read())
for i, p in enumerate(paras, 1):
    for j, s in enumerate(sentences(p), 1):
        r = reduce(s)
        labs = [f"S:{x['speaker']}/{x['verb']}" for x in sp if x['doc_id'] == doc and (reduce(x['sentence']) in r or r in reduce(x['sentence']))]
        labs += [f"E:{x['speaker']}->{x['cited_source']}" for x in ed if x['doc_id'] == doc and (reduce(x['sentence']) in r or r in reduce(x['sentence']))]
        if re.search(CUES, s) or labs:
            print(f'{i}.{j}', '|'.join(labs) or '-----', s[:90])
