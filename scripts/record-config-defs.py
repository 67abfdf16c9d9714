#!/usr/bin/python3
# Records ansible-core 2.14.18's configuration settings (lib/ansible/config/base.yml) for the
# config lookup: each setting's default, type, environment variables and ansible.cfg entries.
# A default built from REJECT_EXTS is rendered as ansible/constants.py renders it; one built
# from ANSIBLE_HOME stays a template (runbook renders it with the run's ANSIBLE_HOME).
# Usage: /usr/bin/python3 scripts/record-config-defs.py > src/cli/ansible-config-defs.json
import json, yaml, ast
from ansible.release import __version__
from ansible import constants as C
from jinja2 import Template

defs = yaml.safe_load(open(C.__file__.replace('constants.py', 'config/base.yml')))
out = {}
for name, d in sorted(defs.items()):
    default = d.get('default')
    if isinstance(default, str) and default.startswith('{{') and 'REJECT_EXTS' in default:
        default = list(ast.literal_eval(Template(default).render(REJECT_EXTS=C.REJECT_EXTS)))
    out[name] = {
        'default': default,
        'type': d.get('type'),
        'env': [e['name'] for e in d.get('env', [])],
        'ini': [[i['section'], i['key']] for i in d.get('ini', [])],
    }
print(json.dumps({'recorded_with': 'ansible-core ' + __version__, 'settings': out}, indent=1, sort_keys=True))
