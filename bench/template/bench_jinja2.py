#!/usr/bin/env python3
"""Python Jinja2's side of npm run bench:template: renders the same template with the same
variables (a JSON list written by scripts/bench-template.ts) and prints one JSON line with
the rate and a digest of the outputs. Usage: bench_jinja2.py TEMPLATE VARS.json"""
import hashlib
import json
import sys
import time

import jinja2

template_path, vars_path = sys.argv[1], sys.argv[2]
with open(template_path) as f:
    source = f.read()
with open(vars_path) as f:
    all_vars = json.load(f)

env = jinja2.Environment(trim_blocks=True, keep_trailing_newline=False)
start = time.perf_counter()
tpl = env.from_string(source)
digest = hashlib.sha256()
for v in all_vars:
    digest.update(tpl.render(**v).encode())
elapsed = time.perf_counter() - start
print(json.dumps({'renders': len(all_vars), 'seconds': elapsed, 'rate': len(all_vars) / elapsed,
                  'digest': digest.hexdigest(), 'jinja2': jinja2.__version__}))
