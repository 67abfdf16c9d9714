#!/usr/bin/env python3
"""Records src/template/pep440.cases.json: how packaging.version.Version orders pairs of
versions and which strings it refuses (the reference for the version test's pep440 type)."""
import itertools
import json

import packaging
from packaging.version import InvalidVersion, Version

VALID = ['1.0', '1.0.0', '1.0.dev1', '1.0a1', '1.0a2.dev3', '1.0b1', '1.0c1', '1.0rc2', '1.0rc10',
         '1.0-1', '1.0.post1', '1.0.post1.dev2', '1.0+local', '1.0+local.5', '1.0+5', '1!0.5', '1.1',
         '2.14.0rc1', '2.14.0', 'v2.0', '1.0alpha1', '1.0-preview.3', '1.0_r4', '1.0.0.0.0+ab.cd',
         '  1.2  ', '1.0.DEV', '1.0+abc.1', '1.0+abc.b', '1.0RC1', '0.9']
INVALID = ['nope', '1.0-foo', '1..0', '1.0+', '']

pairs = []
for a, b in itertools.combinations(VALID, 2):
    x, y = Version(a), Version(b)
    pairs.append([a, b, (x > y) - (x < y)])
invalid = []
for text in INVALID:
    try:
        Version(text)
        invalid.append([text, None])
    except InvalidVersion as e:
        invalid.append([text, str(e)])
with open('src/template/pep440.cases.json', 'w') as f:
    f.write('{"recorded_with": "python3 packaging %s",\n "pairs": [\n' % packaging.__version__)
    f.write(',\n'.join('  ' + json.dumps(p) for p in pairs))
    f.write('\n ],\n "invalid": [\n')
    f.write(',\n'.join('  ' + json.dumps(p) for p in invalid))
    f.write('\n ]\n}\n')
