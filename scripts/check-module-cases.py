# Runs src/modules/<module>.cases.yaml through real ansible-playbook (ansible-core 2.14.18) and
# reports every case whose changed/failed/msg or files differ from what the case expects.
# Usage: python3 scripts/check-module-cases.py blockinfile   (needs ansible-core)
import yaml, os, json, subprocess, shutil, tempfile
import sys
module = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
cases = yaml.safe_load(open(os.path.join(here, '..', 'src', 'modules', module + '.cases.yaml')))
work = tempfile.mkdtemp()
os.chdir(work)
bad = 0
for c in cases:
    root = tempfile.mkdtemp()
    for k, v in (c.get('files') or {}).items():
        p = os.path.join(root, k); os.makedirs(os.path.dirname(p), exist_ok=True); open(p, 'w').write(v)
    sub = lambda v: v.replace('{{root}}', root) if isinstance(v, str) else [sub(x) for x in v] if isinstance(v, list) else v
    args = {k: sub(v) for k, v in c['args'].items()}
    play = [{'hosts': 'localhost', 'gather_facts': False, 'connection': 'local', 'tasks': [{module: args, 'register': 'r', 'ignore_errors': True}, {'copy': {'content': '{{ r | to_json }}', 'dest': root + '/../res.json'}}]}]
    json.dump(play, open('p.json', 'w'))
    shutil.rmtree(os.path.join(root, '..', 'res.json'), ignore_errors=True)
    subprocess.run(['ansible-playbook', '-i', 'localhost,', 'p.json'], capture_output=True, env={**os.environ, 'ANSIBLE_LOCALHOST_WARNING': 'False'})
    r = json.load(open(os.path.join(root, '..', 'res.json')))
    e = c['expect']
    probs = []
    for k in ('changed', 'failed', 'msg'):
        if k in e:
            ev = e[k].replace('{{root}}', root) if isinstance(e[k], str) else e[k]
            if r.get(k, False) != ev: probs.append((k, r.get(k), ev))
    for k, v in (e.get('files') or {}).items():
        got = open(os.path.join(root, k)).read()
        if got != v: probs.append((k, got, v))
    print('OK ' if not probs else 'BAD', c['name'], probs if probs else '')
    bad += bool(probs)
print('bad', bad)
