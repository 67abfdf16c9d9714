#!/usr/bin/env python3
"""Records what Python Jinja2 renders for generated templates of whitespace control.

Templates are built from text with blanks and newlines, {{ }}, {# #}, if/for/set and raw blocks,
each with its -, + or no whitespace-control sign, under the four trim_blocks/lstrip_blocks
settings (keep_trailing_newline, as Ansible renders). Writes src/template/whitespace.cases.json:
each template, its options, a sha256 of both, and the output.
Usage: python3 scripts/record-jinja-whitespace.py
"""
import hashlib
import json
import os
import random

import jinja2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIECES = ['a', ' ', '  ', '\n', '\n  ', '\t', 'x\n', '{{ v }}', '{{- v }}', '{{ v -}}', '{{+ v }}', '{# c #}',
          '{#- c -#}', '{#+ c #}', '{% if t %}', '{%- if t %}', '{% if t -%}', '{%+ if t %}', '{% if t +%}',
          '{% endif %}', '{%- endif %}', '{% endif -%}', '{%+ endif %}', '{% raw %}', '{%- raw %}', '{% raw -%}',
          '{% endraw %}', '{%- endraw %}', '{% endraw -%}', '{%+ endraw %}', '{% endraw +%}', '{% for i in l %}',
          '{% endfor %}', '{%- for i in l -%}', '{%- endfor -%}', '{{ i }}', '{% set s = 1 %}', '{% set s = 1 -%}']
OPTIONS = [dict(trim_blocks=t, lstrip_blocks=s) for t in (False, True) for s in (False, True)]


def main():
    r = random.Random(20261205)
    cases = []
    while len(cases) < 800:
        template = ''.join(r.choice(PIECES) for _ in range(r.randint(1, 10)))
        options = r.choice(OPTIONS)
        try:
            out = jinja2.Environment(keep_trailing_newline=True, **options).from_string(template).render(v='V', t=True, l=[1, 2])
        except jinja2.TemplateError as e:
            out = None
            error = type(e).__name__ + ': ' + str(e)
        digest = hashlib.sha256(json.dumps([template, options]).encode()).hexdigest()
        cases.append({'template': template, 'options': options, 'sha256': digest,
                      **({'output': out} if out is not None else {'error': error})})
    with open(os.path.join(ROOT, 'src', 'template', 'whitespace.cases.json'), 'w', encoding='utf-8') as f:
        json.dump({'recorded_with': f'Jinja2 {jinja2.__version__}', 'cases': cases}, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(len(cases), 'cases')


main()
