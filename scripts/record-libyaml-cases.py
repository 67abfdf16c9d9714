#!/usr/bin/env python3
"""Records what Ansible's YAML loader says about broken (and unbroken) YAML.

ansible-core 2.14 loads every playbook, vars and task file with AnsibleLoader: PyYAML's CParser
(libyaml) when python3-yaml has its C extension, as Debian's does, and AnsibleConstructor. Each
case is a few lines of this repository's own playbooks (test/cases), mutated with a seeded random
generator the way hands break YAML (a character added or dropped, a line's indentation changed),
plus the hand-written ones in HAND; kept: up to three cases per distinct problem, and valid ones.
Writes src/util/libyaml.cases.json: the text, a sha256 of it, and the problem with its 0-based
problem mark (null when the text loads).
Usage: python3 scripts/record-libyaml-cases.py
"""
import collections
import glob
import hashlib
import json
import os
import random
import sys

import yaml

sys.path.insert(0, '/usr/lib/python3/dist-packages')
from ansible.parsing.yaml.loader import AnsibleLoader  # noqa: E402
from ansible.release import __version__ as ansible_version  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIECES = list(" :-\t\"'{}[]#&*!|>\n%@`,?\\=<.") + [
    '  ', '---\n', '...\n', '<<', '!!str ', '!foo ', '&a ', '*a', ': ', '- ', '{{ x }}', '\r\n', '\r', '%YAML 1.1\n', '!!int ',
    '!<tag:x> ', '!e! ', '"\\q"', '\u2028', 'é']
HAND = [
    "- hosts: all\n  tasks:\n    - debug: msg=a: b\n",
    "- hosts: all\n  tasks:\n    - debug:\n      msg: hi\n     - debug: msg=x\n",
    "- hosts: all\n  tasks:\n  - debug:\n     msg: \"unclosed\n",
    "- hosts: all\n  tasks:\n    - debug: msg={{ x }}\n      with_items:\n        - {{ foo }}\n",
    "- hosts: all\n\ttasks:\n    - debug: msg=x\n",
    "- hosts: all\n  tasks: [a, b\n",
    "- hosts: all\n  tasks:\n    - debug: !foo x\n",
    "- hosts: all\n  tasks:\n    - debug: msg=x\n---\n- a\n",
    "a: &x 1\nb: &x 2\n",
    "a: *nowhere\n",
    "<<: 1\n",
    "a: =\n",
    "? [a]\n: b\n",
    "a: !!python/tuple [1]\n",
    "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
    "a: !x!y 1\n",
    "a: \"\\x4\"\n",
    "a: |0\n  x\n",
    "a: |\n \tx\n",
    "",
    "# only a comment\n",
    "---\n...\n",
    "a: [b: c, d]\n",
    "{a: 1, b: [1, 2], <<: {c: 3}}\n",
]


def problem_of(text):
    loader = AnsibleLoader(text, file_name='case')
    try:
        loader.get_single_data()
        return None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        return {'problem': e.problem, 'line': mark.line, 'column': mark.column}
    finally:
        loader.dispose()


def mutate(r, text):
    for _ in range(r.randint(1, 4)):
        p = r.randrange(len(text) + 1)
        op = r.random()
        if op < 0.45:
            text = text[:p] + r.choice(PIECES) + text[p:]
        elif op < 0.75:
            text = text[:p] + text[p + 1:]
        else:
            lines = text.split('\n')
            k = r.randrange(len(lines))
            lines[k] = r.choice(['', ' ', '   ', '\t', '  - ']) + lines[k].lstrip(' ')
            text = '\n'.join(lines)
    return text


def main():
    r = random.Random(20261205)
    sources = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'test', 'cases', '*', '*.yml'))):
        lines = open(path, encoding='utf-8').read().split('\n')
        sources.append(lines)
    kept = collections.Counter()
    cases = []

    def keep(text):
        try:
            want = problem_of(text)
        except Exception:  # an error without a mark (a value a constructor refuses): not a case
            return
        key = want['problem'] if want else None
        if kept[key] >= (12 if key is None else 3):
            return
        kept[key] += 1
        cases.append({'text': text, 'sha256': hashlib.sha256(text.encode()).hexdigest(), 'want': want})

    for text in HAND:
        keep(text)
    for _ in range(20000):
        lines = r.choice(sources)
        start = r.randrange(len(lines))
        piece = '\n'.join(lines[start:start + r.randint(2, 10)]) + '\n'
        keep(mutate(r, piece))
    out = {'recorded_with': f'ansible-core {ansible_version}, PyYAML {yaml.__version__} over libyaml {yaml._yaml.get_version_string()}',
           'cases': cases}
    with open(os.path.join(ROOT, 'src', 'util', 'libyaml.cases.json'), 'w', encoding='utf-8') as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'{len(cases)} cases, {len(kept)} problems')


main()
