#!/usr/bin/env python3
"""Records what Ansible's to_yaml and to_nice_yaml print for seeded random values.

Ansible 2.14 dumps with AnsibleDumper, a CSafeDumper (libyaml) when python3-yaml has its C
extension, as Debian's does. Writes test/yaml-dump/recorded.json; each case keeps its input
as JSON text, a sha256 of that text, and the outputs.
Usage: python3 scripts/record-yaml-dump.py
"""
import hashlib
import json
import os
import random
import sys

import yaml

sys.path.insert(0, '/usr/lib/python3/dist-packages')
from ansible.plugins.filter.core import to_yaml, to_nice_yaml  # noqa: E402
from ansible.release import __version__ as ansible_version  # noqa: E402

ALPHABET = ['a', 'b', 'z', ' ', ' ', ':', '-', '#', '\n', "'", '"', 'é', '\t', '1', '.', '{', '[', ',',
            '?', '\\', '&', '*', '!', '|', '>', '%', '@', '`', 'yes', 'null', '~', '0', 'ü', '\u2028']
WORDS = ['alpha', 'beta', 'gamma', 'delta', 'nova', 'compute', 'controller', 'rabbit', 'mysql://nova:pw@db/nova']


def rand_str(r):
    if r.random() < 0.3:
        return ' '.join(r.choice(WORDS) for _ in range(r.randint(1, 25)))
    return ''.join(r.choice(ALPHABET) for _ in range(r.randint(0, r.choice([5, 20, 120]))))


def rand_scalar(r):
    kind = r.random()
    if kind < 0.6:
        return rand_str(r)
    if kind < 0.7:
        return r.randint(-1000, 100000)
    if kind < 0.8:
        return r.choice([0.5, 2.0, 1e16, 1e-05, -3.25, 100.0, 1.5e300])
    if kind < 0.9:
        return r.choice([True, False])
    return None


def rand_value(r, depth=0):
    kind = r.random()
    if depth > 2 or kind < 0.4:
        return rand_scalar(r)
    if kind < 0.7:
        return [rand_value(r, depth + 1) for _ in range(r.randint(0, 4))]
    return {rand_str(r)[:30]: rand_value(r, depth + 1) for _ in range(r.randint(0, 4))}


def main():
    r = random.Random(20261130)
    cases = []
    for _ in range(400):
        value = rand_value(r)
        text = json.dumps(value, sort_keys=True)
        cases.append({
            'input_json': text,
            'input_sha256': hashlib.sha256(text.encode()).hexdigest(),
            'to_yaml': to_yaml(value),
            'to_nice_yaml': to_nice_yaml(value),
            'to_nice_yaml_indent2': to_nice_yaml(value, indent=2),
        })
    out = {
        'recorded_with': 'ansible-core %s to_yaml/to_nice_yaml (PyYAML %s, libyaml %s)' % (
            ansible_version, yaml.__version__, yaml.__with_libyaml__ and yaml._yaml.get_version_string()),
        'cases': cases,
    }
    path = os.path.join(os.path.dirname(__file__), '..', 'test', 'yaml-dump', 'recorded.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print('recorded %d cases with %s' % (len(cases), out['recorded_with']))


if __name__ == '__main__':
    main()
