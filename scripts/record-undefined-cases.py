#!/usr/bin/python3
"""Records what an undefined variable does in Jinja2's tests and `in`, in both of runbook's modes
(and a few other expressions where runbook once differed from Jinja2).

Plain Jinja2 (jinja2.Environment, the default Undefined: iterable as empty, len 0, str '') and
Ansible's templating (ansible.template.Templar, whose AnsibleUndefined is strict: iter, len,
str, ==, `in` raise). Writes src/template/undefined.cases.json: each expression with the text
each mode renders, or the name of the error it raises.
Usage: /usr/bin/python3 scripts/record-undefined-cases.py (the Python ansible-core 2.14.18 is installed for)
"""
import json
import os

import jinja2
from ansible.errors import AnsibleUndefinedVariable
from ansible.parsing.dataloader import DataLoader
from ansible.template import Templar
import ansible

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = ['defined', 'undefined', 'none', 'boolean', 'true', 'false', 'integer', 'float', 'number', 'string',
         'mapping', 'sequence', 'iterable', 'callable', 'odd', 'even', 'divisibleby 3', 'lower', 'upper',
         'eq 1', 'ne 1', 'eq u2', 'lt 1', 'ge 1', 'in [1]', 'sameas none', 'escaped']
EXPRESSIONS = [f'u is {t}' for t in TESTS] + [
    '1 in u', '1 not in u', "'a' in u", 'u in [1]', 'u == 1', 'u != 1', 'u == u2',
    "'' is lower", "'' is upper", "'1' is lower", "'aB' is upper", "'AB' is upper", "'ß' is lower",
    # and expressions where runbook once differed: do_indent's first line and splitlines
    "'\\nmulti\\nline\\n' | indent(4, true)", "'a\\n\\n  \\nb' | indent(2)", "'a\\n\\n  \\nb' | indent(2, blank=true)",
    "'a\\r\\nb\\rc' | indent(2)", "'' | indent(2, true)", "'x' | indent(2, true, true)",
    "[1] in {}", "(1, 2) in {(1, 2): 3}",
]


def jinja(expr):
    try:
        return {'out': jinja2.Environment().from_string('{{ ' + expr + ' }}').render()}
    except Exception as e:
        return {'err': type(e).__name__}


def ansible_mode(expr):
    try:
        return {'out': str(Templar(loader=DataLoader(), variables={}).template('{{ ' + expr + ' }}'))}
    except AnsibleUndefinedVariable:
        return {'err': 'UndefinedError'}
    except Exception as e:
        return {'err': type(getattr(e, 'orig_exc', None) or e).__name__}


def main():
    cases = [{'expr': e, 'jinja': jinja(e), 'ansible': ansible_mode(e)} for e in EXPRESSIONS]
    out = os.path.join(ROOT, 'src', 'template', 'undefined.cases.json')
    with open(out, 'w') as f:
        json.dump({'recorded_with': f'jinja2 {jinja2.__version__}, ansible-core {ansible.__version__}',
                   'cases': cases}, f, indent=1)
        f.write('\n')
    print(f'{len(cases)} cases written to {out}')


if __name__ == '__main__':
    main()
