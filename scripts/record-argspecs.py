#!/usr/bin/python3
# Records the argument specs of the Ansible modules runbook implements, as ansible-core 2.14.18
# and the Debian collections define them: each module's main() runs with AnsibleModule.__init__
# patched to keep argument_spec (add_file_common_args merged) and stop.
# Usage: /usr/bin/python3 scripts/record-argspecs.py > src/modules/ansible-argspecs.json
import importlib, json, sys, io, os
import ansible.module_utils.basic as basic
from ansible.module_utils.common.parameters import DEFAULT_TYPE_VALIDATORS
captured = {}
class Stop(Exception): pass
def fake_init(self, argument_spec, bypass_checks=False, no_log=False, mutually_exclusive=None, required_together=None,
              required_one_of=None, add_file_common_args=False, supports_check_mode=False, required_if=None, required_by=None):
    spec = dict(argument_spec)
    if add_file_common_args:
        for k, v in basic.FILE_COMMON_ARGUMENTS.items():
            if k not in spec: spec[k] = v
    captured['spec'] = spec
    captured['extra'] = dict(mutually_exclusive=mutually_exclusive or [], required_together=required_together or [],
        required_one_of=required_one_of or [], required_if=required_if or [], required_by=required_by or {},
        supports_check_mode=supports_check_mode)
    raise Stop()
basic.AnsibleModule.__init__ = fake_init
def clean(v):
    if isinstance(v, (list, tuple)): return [clean(x) for x in v]
    if isinstance(v, dict): return {str(k): clean(x) for k, x in v.items()}
    if isinstance(v, (str, int, float, bool)) or v is None: return v
    return repr(v)
MODULES = '''apt apt_key apt_repository assemble async_status blockinfile command copy cron debconf dnf
dpkg_selections file find get_url getent git group hostname iptables known_hosts lineinfile package_facts
pip replace service service_facts setup slurp stat systemd sysvinit tempfile unarchive uri user wait_for yum
yum_repository ping community.general.archive ansible.posix.authorized_key community.general.ini_file
community.general.modprobe ansible.posix.mount ansible.posix.sysctl community.general.zypper
community.general.zypper_repository community.mysql.mysql_db community.mysql.mysql_query
community.mysql.mysql_user community.postgresql.postgresql_db community.postgresql.postgresql_query
community.postgresql.postgresql_user community.postgresql.postgresql_privs'''.split()
out = {}
for name in sys.argv[1:] or MODULES:
    modpath = name if '.' in name and not name.startswith('ansible.') else 'ansible.modules.' + name
    if name.startswith('community.') or name.startswith('ansible.posix.'):
        ns, coll, short = name.split('.')
        modpath = 'ansible_collections.%s.%s.plugins.modules.%s' % (ns, coll, short)
    captured.clear()
    try:
        m = importlib.import_module(modpath)
        sys.argv = ['x']
        basic._ANSIBLE_ARGS = b'{"ANSIBLE_MODULE_ARGS": {}}'
        m.main()
    except Stop:
        pass
    except BaseException as e:
        out[name] = {'error': repr(e)}
        continue
    spec = captured.get('spec')
    if spec is None:
        out[name] = {'error': 'no AnsibleModule'}
        continue
    opts = {}
    for k, v in spec.items():
        o = {}
        for key in ('type', 'required', 'default', 'aliases', 'choices', 'elements', 'no_log'):
            if key in v and v[key] not in (None, False) or (key == 'default' and 'default' in v and v['default'] is not None):
                o[key] = clean(v[key])
        if callable(v.get('type')): o['type'] = v['type'].__name__
        if 'options' in v and v['options']: o['options'] = sorted(v['options'].keys())
        opts[k] = o
    out[name] = {'options': opts, **{k: clean(v) for k, v in captured['extra'].items()}}
from ansible.release import __version__
print(json.dumps({'recorded_with': 'ansible-core %s (/usr/bin/python3, Debian collections)' % __version__, 'modules': out}, indent=1, sort_keys=True))
