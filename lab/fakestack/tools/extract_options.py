#!/usr/bin/env python3
"""Extracts the oslo.config options of the Liberty services from their source, for the lab's
fakes (fakestack/options.py): which (group, option) names a Liberty service reads from its
config files, with every deprecated name and group that still reaches them.

    python3 lab/fakestack/tools/extract_options.py MIRRORS > lab/fakestack/fakestack/liberty-options.json

MIRRORS holds git clones named owner+name/repo (the `fetch` tool's layout). The source is read
at the tags in SOURCES with `git show`, parsed with Python's ast (never imported), and each
option declaration (`cfg.StrOpt('name', deprecated_name=…, deprecated_group=…,
deprecated_opts=[cfg.DeprecatedOpt(…)])`) is placed in the group its registration names:
`register_opts(OPTS, group=…)` / `register_opt(OPT, '…')` (a string, an OptGroup or a name bound
to either), the `(group, opts)` pairs of the `list_opts()` functions oslo-config-generator reads,
and module-level dicts of group → option lists (keystone's FILE_OPTIONS). An option list whose
group cannot be resolved statically (registered inside a function with the group as a
parameter) is listed under `unplaced` with its file, and counted as known in no group.

Group names are lowercased except DEFAULT, and '-' in option names becomes '_', as oslo.config
does (oslo_config/cfg.py @ liberty-eol: _normalize_group_name, Opt.dest).
"""
import ast
import json
import subprocess
import sys

# (repository, tag): the Liberty releases the lab stands for (OPENSTACK.md §1) and the
# liberty-eol tag (the last stable/liberty release) of each library they load.
SOURCES = {
    'nova': ('openstack/nova', '12.0.6', 'nova'),
    'keystone': ('openstack/keystone', '8.0.0', 'keystone'),
    'glance': ('openstack/glance', '11.0.0', 'glance'),
    'cinder': ('openstack/cinder', '7.0.0', 'cinder'),
    'neutron': ('openstack/neutron', '7.0.0', 'neutron'),
    'heat': ('openstack/heat', '5.0.0', 'heat'),
    'oslo.messaging': ('openstack/oslo.messaging', 'liberty-eol', 'oslo_messaging'),
    'oslo.concurrency': ('openstack/oslo.concurrency', 'liberty-eol', 'oslo_concurrency'),
    'oslo.db': ('openstack/oslo.db', 'liberty-eol', 'oslo_db'),
    'oslo.log': ('openstack/oslo.log', 'liberty-eol', 'oslo_log'),
    'oslo.middleware': ('openstack/oslo.middleware', 'liberty-eol', 'oslo_middleware'),
    'oslo.policy': ('openstack/oslo.policy', 'liberty-eol', 'oslo_policy'),
    'oslo.service': ('openstack/oslo.service', 'liberty-eol', 'oslo_service'),
    'keystonemiddleware': ('openstack/keystonemiddleware', 'liberty-eol', 'keystonemiddleware'),
    'glance_store': ('openstack/glance_store', 'liberty-eol', 'glance_store'),
}
# Every service loads these (oslo.messaging, .log, .db, .concurrency, .policy, .middleware,
# .service through the service's own code; keystonemiddleware for [keystone_authtoken]).
LIBRARIES = ['oslo.messaging', 'oslo.concurrency', 'oslo.db', 'oslo.log', 'oslo.middleware', 'oslo.policy',
             'oslo.service', 'keystonemiddleware']
EXTRA = {'glance': ['glance_store']}
# Options a store driver class lists in OPTIONS, registered in [glance_store] by the store it
# loads (glance_store/backend.py _list_opts @ liberty-eol).
CLASS_OPTIONS = {'glance_store': ('OPTIONS', 'glance_store')}

# keystoneclient auth plugins register their options only when a group names them in
# auth_plugin (keystoneclient/auth/conf.py load_from_conf_options @ liberty-eol); each plugin's
# get_options() chain, as its classes extend it (setup.cfg keystoneclient.auth.plugin).
KEYSTONECLIENT = ('openstack/python-keystoneclient', 'liberty-eol')
PLUGINS = {
    'password': ['keystoneclient/auth/identity/base.py', 'keystoneclient/auth/identity/generic/base.py',
                 'keystoneclient/auth/identity/generic/password.py'],
    'v2password': ['keystoneclient/auth/identity/base.py', 'keystoneclient/auth/identity/v2.py'],
    'v3password': ['keystoneclient/auth/identity/base.py', 'keystoneclient/auth/identity/v3/base.py',
                   'keystoneclient/auth/identity/v3/password.py'],
}

REGISTER = {'register_opts', 'register_opt', 'register_cli_opts', 'register_cli_opt'}


def git(mirrors, repo, *args):
    d = '%s/%s/repo' % (mirrors, repo.replace('/', '+'))
    return subprocess.run(['git', '-C', d] + list(args), check=True, capture_output=True, text=True).stdout


def norm_group(g):
    return 'DEFAULT' if g in (None, '', 'DEFAULT') else g.lower()


def norm_name(n):
    return n.replace('-', '_')


class Module:
    def __init__(self, name, tree):
        self.name, self.tree, self.env, self.imports = name, tree, {}, {}
        for node in tree.body:
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        self.env[t.id] = node.value
            elif isinstance(node, ast.Import):
                for a in node.names:
                    self.imports[a.asname or a.name.split('.')[0]] = a.name if a.asname else a.name.split('.')[0]
            elif isinstance(node, ast.ImportFrom) and node.module:
                for a in node.names:
                    self.imports[a.asname or a.name] = node.module + '.' + a.name


class Extractor:
    def __init__(self):
        self.modules = {}
        self.placed = {}  # group -> option -> set of (group, name) aliases
        self.unplaced = []
        self.auth_groups = set()
        self.session_opts = []

    def add_module(self, name, text):
        try:
            self.modules[name] = Module(name, ast.parse(text))
        except SyntaxError:
            pass  # Python 2 only syntax: counted in `unparsed`

    # --- evaluation of the few expression shapes option code uses ---
    def resolve_dotted(self, mod, dotted):
        """`mod.imports` maps a local name to a dotted path; find the module and attribute."""
        parts = dotted.split('.')
        for i in range(len(parts), 0, -1):
            m = '.'.join(parts[:i])
            if m in self.modules:
                return self.modules[m], parts[i:]
        return None, None

    def lookup(self, mod, name, depth):
        if name in mod.env:
            return self.eval(mod, mod.env[name], depth + 1)
        if name in mod.imports:
            target, rest = self.resolve_dotted(mod, mod.imports[name])
            if target is not None:
                if not rest:
                    return ('module', target)
                if len(rest) == 1 and rest[0] in target.env:
                    return self.eval(target, target.env[rest[0]], depth + 1)
        return None

    def eval(self, mod, node, depth=0, local=None):
        if depth > 30 or node is None:
            return None
        if local and isinstance(node, ast.Name) and node.id in local:
            return self.eval(mod, local[node.id], depth + 1, None)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            out = []
            for e in node.elts:
                v = self.eval(mod, e, depth + 1, local)
                if isinstance(v, list):
                    out.extend(v)
                elif isinstance(v, dict) and v.get('kind') == 'opt':
                    out.append(v)
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            a, b = self.eval(mod, node.left, depth + 1, local), self.eval(mod, node.right, depth + 1, local)
            if isinstance(a, list) and isinstance(b, list):
                return a + b
            return a if isinstance(a, list) else b if isinstance(b, list) else None
        if isinstance(node, ast.Name):
            return self.lookup(mod, node.id, depth)
        if isinstance(node, ast.Attribute):
            base = self.eval(mod, node.value, depth + 1, local)
            if isinstance(base, tuple) and base[0] == 'module' and node.attr in base[1].env:
                return self.eval(base[1], base[1].env[node.attr], depth + 1)
            if isinstance(base, dict) and base.get('kind') == 'group' and node.attr == 'name':
                return base['name']
            return None
        if isinstance(node, ast.Call):
            return self.eval_call(mod, node, depth, local)
        return None

    def eval_call(self, mod, node, depth, local):
        f = node.func
        fname = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ''
        kw = {k.arg: k.value for k in node.keywords if k.arg}
        if fname == 'OptGroup':
            n = node.args[0] if node.args else kw.get('name')
            return {'kind': 'group', 'name': self.eval(mod, n, depth + 1, local)}
        if fname.endswith('Opt') and fname not in ('DeprecatedOpt',):
            name = self.eval(mod, node.args[0] if node.args else kw.get('name'), depth + 1, local)
            if not isinstance(name, str):
                return None
            aliases = []
            dn = self.eval(mod, kw.get('deprecated_name'), depth + 1, local)
            dg = self.eval(mod, kw.get('deprecated_group'), depth + 1, local)
            if dn or dg:
                aliases.append((dg, dn))
            dopts = kw.get('deprecated_opts')
            if isinstance(dopts, (ast.List, ast.Tuple)):
                for d in dopts.elts:
                    if isinstance(d, ast.Call):
                        dkw = {k.arg: k.value for k in d.keywords if k.arg}
                        n = self.eval(mod, d.args[0] if d.args else dkw.get('name'), depth + 1, local)
                        g = self.eval(mod, d.args[1] if len(d.args) > 1 else dkw.get('group'), depth + 1, local)
                        aliases.append((g, n))
            dest = self.eval(mod, kw.get('dest'), depth + 1, local)
            return {'kind': 'opt', 'name': norm_name(dest or name), 'aliases': aliases}
        if fname in ('chain', 'list', 'deepcopy', 'copy', 'tuple', 'sorted'):
            out = []
            for a in node.args:
                v = self.eval(mod, a, depth + 1, local)
                if isinstance(v, list):
                    out.extend(v)
            return out
        return None

    # --- placing options in groups ---
    def place(self, group, opts, where):
        g = norm_group(group)
        for o in opts:
            aliases = self.placed.setdefault(g, {}).setdefault(o['name'], set())
            for dg, dn in o['aliases']:
                aliases.add((norm_group(dg) if dg else g, norm_name(dn) if dn else o['name']))

    def group_of(self, mod, node, local):
        if node is None:
            return 'DEFAULT'
        v = self.eval(mod, node, 0, local)
        if isinstance(v, dict) and v.get('kind') == 'group':
            return v['name'] if isinstance(v['name'], str) else None
        return v if isinstance(v, str) else None

    def scan(self):
        for mod in self.modules.values():
            self.scan_registrations(mod)
            self.scan_list_opts(mod)
            self.scan_group_dicts(mod)

    def locals_of(self, func):
        local = {}
        for n in ast.walk(func):
            if isinstance(n, ast.Assign):
                for t in n.targets:
                    if isinstance(t, ast.Name):
                        local[t.id] = n.value
        return local

    def scan_registrations(self, mod):
        scopes = [(mod.tree, None)] + [(f, self.locals_of(f)) for f in ast.walk(mod.tree)
                                         if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))]
        for scope, local in scopes:
            body = scope.body if local is None else scope.body
            for stmt in body:
                for n in ast.walk(stmt):
                    if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == 'register_conf_options':
                        self.conf_options(mod, n, local)
                        continue
                    if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in REGISTER):
                        continue
                    kw = {k.arg: k.value for k in n.keywords if k.arg}
                    what = n.args[0] if n.args else kw.get('opts', kw.get('opt'))
                    opts = self.eval(mod, what, 0, local)
                    if isinstance(opts, dict) and opts.get('kind') == 'opt':
                        opts = [opts]
                    if not isinstance(opts, list) or not opts:
                        continue
                    gnode = n.args[1] if len(n.args) > 1 else kw.get('group')
                    group = self.group_of(mod, gnode, local)
                    if group is None:
                        self.unplaced.append({'module': mod.name, 'options': sorted({o['name'] for o in opts})})
                    else:
                        self.place(group, opts, mod.name)

    def conf_options(self, mod, call, local):
        """keystoneclient's register_conf_options(conf, group): Session's adds its TLS and timeout
        options to the group; auth's adds auth_plugin/auth_section and makes the group load the
        named plugin's options (keystoneclient/session.py, auth/conf.py @ liberty-eol); a class of
        this module registers what its get_options() lists (keystonemiddleware's AuthTokenPlugin)."""
        kw = {k.arg: k.value for k in call.keywords if k.arg}
        gnode = call.args[1] if len(call.args) > 1 else kw.get('group')
        group = self.group_of(mod, gnode, local) if gnode is not None else None
        if not isinstance(group, str):
            return
        owner = call.func.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else ''
        classes = {c.name: c for c in mod.tree.body if isinstance(c, ast.ClassDef)}
        if owner_name in classes:
            self.place(group, self.listed_in(mod, classes[owner_name], 'get_options'), mod.name)
        elif owner_name == 'Session':
            # deprecated_opts: {option: [DeprecatedOpt(...)]} (nova's [neutron]/[cinder] url_timeout,
            # api_insecure, ca_certificates_file, nova/network/neutronv2/api.py @ 12.0.6)
            extra = {}
            dep = kw.get('deprecated_opts')
            if isinstance(dep, ast.Name):
                dep = (local or {}).get(dep.id, mod.env.get(dep.id))
            if isinstance(dep, ast.Dict):
                for k, v in zip(dep.keys, dep.values):
                    probe = ast.Call(func=ast.Name(id='StrOpt'), args=[k], keywords=[ast.keyword(arg='deprecated_opts', value=v)])
                    o = self.eval(mod, probe, 0, local)
                    if o:
                        extra[o['name']] = o['aliases']
            self.place(group, [dict(o, aliases=o['aliases'] + extra.get(o['name'], [])) for o in self.session_opts], mod.name)
        elif owner_name in ('auth', 'ks_auth', 'ksa_auth'):
            self.place(group, [{'kind': 'opt', 'name': n, 'aliases': []} for n in ('auth_plugin', 'auth_section')], mod.name)
            self.auth_groups.add(norm_group(group))

    def listed_in(self, mod, scope, function):
        """Every option list literal inside `function` (returned, or extended onto super()'s)."""
        out = []
        for f in ast.walk(scope):
            if isinstance(f, ast.FunctionDef) and f.name == function:
                for r in ast.walk(f):
                    if isinstance(r, ast.List):
                        out.extend(o for o in (self.eval(mod, r, 0, self.locals_of(f)) or []) if o.get('kind') == 'opt')
        return out

    def scan_list_opts(self, mod):
        for f in mod.tree.body:
            if not (isinstance(f, ast.FunctionDef) and f.name in ('list_opts', '_list_opts', 'list_auth_opts')):
                continue
            local = self.locals_of(f)
            for r in ast.walk(f):
                if isinstance(r, ast.Return) and r.value is not None:
                    self.pairs(mod, r.value, local)
                elif isinstance(r, ast.Yield) and isinstance(r.value, ast.Tuple):
                    self.pairs(mod, ast.List(elts=[r.value]), local)
        for name, value in mod.env.items():
            if name.upper() == name and isinstance(value, (ast.List, ast.Tuple)) and value.elts and \
                    all(isinstance(e, ast.Tuple) and len(e.elts) == 2 for e in value.elts):
                self.pairs(mod, value, None)

    def pairs(self, mod, node, local):
        if isinstance(node, ast.Name) and node.id in mod.env:
            node = mod.env[node.id]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            self.pairs(mod, node.left, local)
            self.pairs(mod, node.right, local)
            return
        if not isinstance(node, (ast.List, ast.Tuple)):
            return
        for e in node.elts:
            if isinstance(e, ast.Tuple) and len(e.elts) == 2:
                g = e.elts[0]
                group = 'DEFAULT' if isinstance(g, ast.Constant) and g.value is None else self.group_of(mod, g, local)
                opts = self.eval(mod, e.elts[1], 0, local)
                if isinstance(opts, list) and opts:
                    if isinstance(group, str):
                        self.place(group, opts, mod.name)
                    else:
                        self.unplaced.append({'module': mod.name, 'options': sorted({o['name'] for o in opts})})

    def scan_group_dicts(self, mod):
        for value in mod.env.values():
            if not isinstance(value, ast.Dict) or not value.keys:
                continue
            if not all(isinstance(k, ast.Constant) and (k.value is None or isinstance(k.value, str)) for k in value.keys):
                continue
            evaluated = [self.eval(mod, v) for v in value.values]
            if all(isinstance(v, list) and v and all(o.get('kind') == 'opt' for o in v) for v in evaluated):
                for k, v in zip(value.keys, evaluated):
                    self.place(k.value, v, mod.name)

    def table(self):
        return {g: {o: sorted([list(a) for a in al]) for o, al in sorted(opts.items())}
                for g, opts in sorted(self.placed.items())}


def session_options(mirrors):
    repo, tag = KEYSTONECLIENT
    ex = Extractor()
    ex.add_module('m', git(mirrors, repo, 'show', '%s:keystoneclient/session.py' % tag))
    return ex.listed_in(ex.modules['m'], ex.modules['m'].tree, 'get_conf_options')


def extract(mirrors, repo, tag, package):
    files = [p for p in git(mirrors, repo, 'ls-tree', '-r', '--name-only', tag).split('\n')
             if p.startswith(package + '/') and p.endswith('.py') and '/tests/' not in p]
    ex = Extractor()
    ex.session_opts = session_options(mirrors)
    unparsed = 0
    for p in files:
        text = git(mirrors, repo, 'show', '%s:%s' % (tag, p))
        name = p[:-3].replace('/', '.')
        if name.endswith('.__init__'):
            name = name[:-len('.__init__')]
        before = len(ex.modules)
        ex.add_module(name, text)
        unparsed += len(ex.modules) == before
    ex.scan()
    if package in CLASS_OPTIONS:
        attr, group = CLASS_OPTIONS[package]
        for mod in ex.modules.values():
            for c in mod.tree.body:
                if isinstance(c, ast.ClassDef):
                    for a in c.body:
                        if isinstance(a, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in a.targets):
                            ex.place(group, ex.eval(mod, a.value) or [], mod.name)
    commit = git(mirrors, repo, 'rev-list', '-n', '1', tag).strip()
    return {'source': '%s@%s (%s)' % (repo, tag, commit[:12]), 'files': len(files), 'unparsed': unparsed,
            'groups': ex.table(), 'unplaced': ex.unplaced, 'auth_groups': sorted(ex.auth_groups)}


def plugin_options(mirrors):
    repo, tag = KEYSTONECLIENT
    out = {}
    for plugin, chain in PLUGINS.items():
        names = {}
        for path in chain:
            ex = Extractor()
            ex.add_module('m', git(mirrors, repo, 'show', '%s:%s' % (tag, path)))
            mod = ex.modules['m']
            for o in ex.listed_in(ex.modules['m'], ex.modules['m'].tree, 'get_options'):
                names[o['name']] = sorted({norm_name(dn) for dg, dn in o['aliases'] if dn})
        out[plugin] = names
    commit = git(mirrors, repo, 'rev-list', '-n', '1', tag).strip()
    return {'source': '%s@%s (%s)' % (repo, tag, commit[:12]), 'common': ['auth_plugin', 'auth_section'],
            'plugins': out}


def main():
    mirrors = sys.argv[1]
    out = {'generated_by': 'lab/fakestack/tools/extract_options.py', 'uses': {}, 'sources': {}}
    for name, (repo, tag, package) in SOURCES.items():
        out['sources'][name] = extract(mirrors, repo, tag, package)
    for project in ('nova', 'keystone', 'glance', 'cinder', 'neutron', 'heat'):
        out['uses'][project] = [project] + EXTRA.get(project, []) + LIBRARIES
    out['auth_plugins'] = plugin_options(mirrors)
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
