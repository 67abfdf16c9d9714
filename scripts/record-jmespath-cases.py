#!/usr/bin/env python3
"""Records what community.general's json_query filter gives for JMESPath expressions.

json_query calls python-jmespath (Debian's python3-jmespath 1.0.1) and turns its errors into
AnsibleFilterError text. The data is plain JSON (str keys and values: runbook does not tell
AnsibleUnicode from str, see src/template/jmespath/search.ts). Writes
src/template/jmespath/cases.json: each expression, a sha256 of data and expression, and the
result as json.dumps prints it (1.0 stays 1.0) or the filter's error text.
Usage: python3 scripts/record-jmespath-cases.py
"""
import hashlib
import json
import os
import sys

sys.path.insert(0, '/usr/lib/python3/dist-packages')
import jmespath  # noqa: E402
from ansible_collections.community.general.plugins.filter.json_query import json_query  # noqa: E402
from ansible.release import __version__ as ansible_version  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = json.loads('''{
  "a": {"b": [1, 2, 3.5], "c": "x", "e": "", "f": [], "g": {}, "z0": 0, "t": true},
  "people": [
    {"name": "alice", "age": 30, "tags": ["x", "y"], "state": {"ok": true}},
    {"name": "bob", "age": 25, "tags": ["y"], "state": {"ok": false}},
    {"name": "carol", "age": 35, "tags": [], "state": null},
    {"name": "dave", "age": 25.0, "tags": ["z"], "state": {"ok": true}}
  ],
  "nested": [[1, 2], [3, [4, 5]], 6],
  "10": "ten", "uni": "\u00e9t\u00e9 \u2603"
}''')
EXPRESSIONS = [
    'a.b', 'a.b[0]', 'a.b[-1]', 'a.b[5]', 'a.b[1:]', 'a.b[::-1]', 'a.b[::0]', 'a.b[:-1:2]', 'a.b[*]',
    'a.*', '*', 'a.z', 'a.c.d', '"10"', 'uni', 'length(uni)', 'reverse(uni)', 'to_string(uni)',
    'people[*].name', 'people[].name', 'people[?age > `26`].name', 'people[?age == `25`].name',
    'people[?name > `"b"`].name', 'people[?state.ok].name', 'people[?!state].name',
    'people[?state == null].name', 'people[?contains(tags, `"y"`)].name', 'people[?age > `26` && state.ok].name',
    'people[?age < `26` || name == `"carol"`].name', 'people[*].{n: name, t: tags[0]}', 'people[0].*',
    'people[*].tags[]', 'people[].state.ok', 'people[*].name | [1]', 'people[?age >= `30`] | [0].name',
    'sort_by(people, &age)[*].name', 'max_by(people, &age).name', 'min_by(people, &age).name',
    'sort_by(people, &state)', 'map(&name, people)', 'map(&age, people) | sum(@)', 'avg(people[*].age)',
    'nested[]', 'nested[][]', 'nested[*][0]', 'keys(a)', 'values(a)', 'keys(a.b)', 'sum(a.b)', 'avg(a.b)',
    'sum(`[]`)', 'avg(`[]`)', 'max(a.b)', 'min(a.b)', 'max(`["b", "a"]`)', 'sort(`[3, 1.5, 2]`)',
    'sort(`["b", "a", 1]`)', 'sort(people[*].name)', 'join(`", "`, people[*].name)', 'join(`"-"`, `["a", 1]`)',
    'to_string(a)', 'to_string(`"s"`)', 'to_number(`"12"`)', 'to_number(`" 12 "`)', 'to_number(`"1e3"`)',
    'to_number(`"abc"`)', 'to_number(`true`)', 'to_array(a.c)', 'to_array(a.b)', 'type(a.b[2])', 'type(a)',
    'type(`null`)', 'abs(`-3`)', 'abs(`-1.5`)', 'ceil(`1.2`)', 'floor(`-1.5`)', 'ceil(`2`)',
    'not_null(a.z, a.c)', 'not_null()', 'merge(a.g, `{"c": 2}`)', 'merge()', 'length(a)', 'length(`1`)',
    'starts_with(a.c, `"x"`)', 'ends_with(a.c, `"y"`)', 'contains(a.c, `"x"`)', 'contains(a.c, `1`)',
    'contains(a.b, `1.0`)', '!a.c', '!a.z0', '!a.e', '!a.f', '!a.g', 'a.z0 || `"d"`', 'a.e || `"d"`',
    'a.t && a.c', 'a.f && `1`', 'a.b | [0] == `1`', 'a.t == `1`', 'a.z0 == `false`', 'a.b[0] == `1.0`',
    '[a.c, a.z]', '{x: a.c, y: a.z}', 'a.z.{x: c}', 'a.z.[c]', '`{"x": 1.0}`', '`foo`', "'lit'",
    "'it''s'", 'a."b"[0]', '@', '@.a.c', 'a[?b]', 'a.b[?@ > `1`]', 'a.b[?@ > `"x"`]', 'foo(a)',
    'a.b[', 'a = 1', '', 'a.b[`0`]', '"a"(b)', 'a..b', 'a.[0]', 'a.{', '[', 'a.b[0:1:2:3]', '-',
    'a.`1`', 'a || ', '@.a | keys(@) | length(@)', 'a.b[0].c', 'people[?tags[0] == `"y"`] | length(@)',
]


def result_of(expr):
    try:
        return {'value': json.dumps(json_query(DATA, expr))}
    except Exception as e:  # AnsibleFilterError
        return {'error': str(e)}


cases = []
for expr in EXPRESSIONS:
    digest = hashlib.sha256(json.dumps([DATA, expr]).encode()).hexdigest()
    cases.append({'expression': expr, 'sha256': digest, **result_of(expr)})
out = {'recorded_with': f'ansible-core {ansible_version}, community.general json_query, jmespath {jmespath.__version__}',
       'data': DATA, 'cases': cases}
with open(os.path.join(ROOT, 'src', 'template', 'jmespath', 'cases.json'), 'w', encoding='utf-8') as f:
    json.dump(out, f, indent=1, ensure_ascii=False)
    f.write('\n')
print(len(cases), 'cases')
