"""SUSE's package tools on the lab hosts: `zypper` (repos, install, remove, update, dup,
search) and `rpm -q`, over the lab's package catalogue. A new SLES major version comes from a
PXE/AutoYaST installation (autoyast.py), never from `zypper dup`."""
import configparser
import glob
import json
import os
import sys
import time

from . import catalog, configs, init, lifecycle, state

REPOS = '/etc/zypp/repos.d'
OPENSTACK_RELEASES = ('juno', 'liberty', 'liberty-upstream')
PATTERNS = {'cloud_controller': catalog.CONTROLLER, 'cloud_compute': catalog.COMPUTE}


def pattern(name, site):
    """A pattern's packages; a PostgreSQL cloud's controller has postgresql-server for mariadb."""
    names = PATTERNS[name]
    if (site or {}).get('db_engine') == 'postgresql':
        names = ['postgresql-server' if n == 'mariadb' else n for n in names]
    return names


def repos():
    """[(alias, release, enabled)] from /etc/zypp/repos.d (baseurl lab:///<release>)."""
    out = []
    for path in sorted(glob.glob(REPOS + '/*.repo')):
        cp = configparser.ConfigParser(interpolation=None)
        cp.read(path)
        for alias in cp.sections():
            url = cp.get(alias, 'baseurl', fallback='')
            out.append((alias, url.replace('lab:///', '').strip('/'), cp.get(alias, 'enabled', fallback='1') == '1'))
    return out


def add_repo(url, alias):
    os.makedirs(REPOS, exist_ok=True)
    with open('%s/%s.repo' % (REPOS, alias), 'w') as f:
        f.write('[%s]\nname=%s\nenabled=1\nautorefresh=0\nbaseurl=%s\n' % (alias, alias, url))


def openstack_release():
    rels = [r for _, r, on in repos() if on and r in OPENSTACK_RELEASES]
    return rels[-1] if rels else None


def service_files(name, install):
    paths = ['/etc/init.d/' + name, '%s/%s.service' % (init.UNITS, name)]
    if not install:
        for p in paths:
            if os.path.exists(p):
                os.unlink(p)
        init.set_enabled(name, False)
        return
    if state.init_system() == 'systemd':
        configs.write(paths[1], '[Unit]\nDescription=OpenStack (lab) %s\nAfter=network.target\n\n[Service]\nExecStart=/usr/bin/python3 -m fakestack.cli fakestack-service %s\n\n[Install]\nWantedBy=multi-user.target\n' % (name, name), 0o644)
    else:
        configs.write(paths[0], '#!/bin/sh\n### BEGIN INIT INFO\n# Provides: %s\n# Default-Start: 3 5\n### END INIT INFO\n' % name + state.wrapper('lab-rc ' + name), 0o755)


def install_one(name, release, site):
    project = catalog.project_of(name)
    version = catalog.VERSIONS[release][project] if project else {'mariadb': '10.0.22', 'postgresql-server': '9.3.9', 'rabbitmq-server': '3.4.3'}[name]
    db = state.packages()
    db[name] = {'version': version, 'release': release if project else 'os'}
    state.save('rpmdb.json', db)
    if name == 'openstack-' + (project or ''):
        for tool in catalog.TOOLS.get(project, []):
            configs.write('/usr/bin/' + tool, state.wrapper(tool), 0o755)
        configs.install_defaults(project, release, site if release == 'juno' else None)
    for svc in catalog.SERVICES.get(name, []):
        service_files(svc, True)


def remove_one(name):
    for svc in catalog.SERVICES.get(name, []):
        lifecycle.stop(svc)
        service_files(svc, False)
    project = catalog.project_of(name)
    if name == 'openstack-' + (project or ''):
        for tool in catalog.TOOLS.get(project, []):
            if os.path.exists('/usr/bin/' + tool):
                os.unlink('/usr/bin/' + tool)
    db = state.packages()
    db.pop(name, None)
    state.save('rpmdb.json', db)


def _site():
    try:
        with open('/etc/fakestack/site.json') as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def _delay():
    if os.environ.get('LAB_PACKAGE_SECONDS') is not None:
        return float(os.environ['LAB_PACKAGE_SECONDS'])
    try:
        with open('/etc/zypp/lab.conf') as f:
            return float(json.load(f).get('seconds_per_package', 0))
    except (FileNotFoundError, ValueError):
        return 0.0


def install(names, upgrade_only=False):
    release = openstack_release()
    installed = state.packages()
    todo = []
    for n in names:
        if n not in catalog.PACKAGES + ['mariadb', 'postgresql-server', 'rabbitmq-server']:
            print("No provider of '%s' found." % n, file=sys.stderr)
            return 104
        have = installed.get(n)
        if catalog.project_of(n) and release is None:
            print("No provider of '%s' found." % n, file=sys.stderr)
            return 104
        if have and (have['release'] == release or not catalog.project_of(n)):
            if not upgrade_only:
                print("'%s' is already installed." % n)
            continue
        todo.append(n)
    if not todo:
        print('Nothing to do.')
        return 0
    print('The following %d NEW package%s going to be installed:\n  %s' % (len(todo), 's are' if len(todo) > 1 else ' is', ' '.join(todo)))
    for i, n in enumerate(todo, 1):
        time.sleep(_delay())
        install_one(n, release if catalog.project_of(n) else 'os', _site())
        print('(%d/%d) Installing: %s ...[done]' % (i, len(todo), n), flush=True)
    return 0


def remove(names):
    installed = state.packages()
    missing = [n for n in names if n not in installed]
    for n in missing:
        print("Package '%s' is not installed." % n)
    for n in names:
        if n in installed:
            remove_one(n)
            print('Removing %s ...[done]' % n)
    return 0


def set_os(key):
    info = catalog.OS[key]
    configs.write('/etc/os-release', ''.join('%s="%s"\n' % kv for kv in info.items()), 0o644)
    configs.write('/etc/SuSE-release', '%s\nVERSION = %s\nPATCHLEVEL = %s\n' % (info['PRETTY_NAME'], info['VERSION_ID'].split('.')[0], info['VERSION_ID'].split('.')[1]), 0o644)


def dup():
    """Distribution upgrade: the OS of the enabled OS repo, every OpenStack package to the
    enabled OpenStack repo's release (init scripts become units on SLES 12)."""
    oses = [r for _, r, on in repos() if on and r in catalog.OS]
    services = init.installed()
    now = state.os_release()[1].split('.')[0]
    if oses and catalog.OS[oses[-1]]['VERSION_ID'].split('.')[0] != now:
        # Chosen wording and exit code (4, ZYPPER_EXIT_ERR_ZYPP): SUSE supports a major SLES
        # version only from the installation medium or AutoYaST, never by `zypper dup` (SLES 12
        # SP1 Deployment Guide, "Upgrading SUSE Linux Enterprise": supported upgrade paths).
        print('Problem: %s cannot be reached from SLES %s by a distribution upgrade; upgrade a major '
              'SLES version from the installation medium or with AutoYaST.' % (catalog.OS[oses[-1]]['PRETTY_NAME'], now), file=sys.stderr)
        return 4
    if oses:
        set_os(oses[-1])
    for s in services:
        service_files(s, True)
    return install(sorted(state.packages()), upgrade_only=True)


def main(tool, argv):
    if tool == 'rpm':
        return rpm(argv)
    plus = []
    if '--plus-repo' in argv:
        i = argv.index('--plus-repo')
        plus = [argv[i + 1].replace('lab:///', '').strip('/')]
        argv = argv[:i] + argv[i + 2:]
    cache = None
    if '--pkg-cache-dir' in argv:
        i = argv.index('--pkg-cache-dir')
        cache = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    args = [a for a in argv if a not in ('-n', '--non-interactive', '-q', '--quiet', '-y', '--no-confirm', '--no-recommends', '--auto-agree-with-licenses', '--no-gpg-checks', '--gpg-auto-import-keys', '--force-resolution')]
    verb, rest = (args[0], args[1:]) if args else ('', [])
    if verb in ('in', 'install'):
        if rest[:2] == ['-t', 'pattern']:
            # SUSE Cloud's patterns: the package set of a node's role.
            return install([p for pat in rest[2:] for p in pattern(pat, _site())])
        return install(rest)
    if verb in ('rm', 'remove'):
        return remove(rest)
    if verb in ('up', 'update'):
        return install(rest or sorted(state.packages()), upgrade_only=True)
    if verb in ('dup', 'dist-upgrade'):
        return dup()
    if verb in ('ar', 'addrepo'):
        add_repo(rest[0], rest[1])
        print("Repository '%s' successfully added" % rest[1])
        return 0
    if verb in ('rr', 'removerepo'):
        for a in rest:
            if os.path.exists('%s/%s.repo' % (REPOS, a)):
                os.unlink('%s/%s.repo' % (REPOS, a))
                print("Repository '%s' has been removed." % a)
        return 0
    if verb in ('lr', 'repos'):
        for i, (alias, rel, on) in enumerate(repos(), 1):
            print('%d | %s | %s | %s | lab:///%s' % (i, alias, alias, 'Yes' if on else 'No', rel))
        return 0
    if verb in ('ref', 'refresh'):
        print('All repositories have been refreshed.')
        return 0
    if verb in ('if', 'info'):
        return info(rest, plus)
    if verb == 'download':
        return download(rest, plus, cache)
    if verb in ('lu', 'list-updates'):
        rel = openstack_release()
        for n, p in sorted(state.packages().items()):
            if catalog.project_of(n) and rel and p['release'] != rel:
                print('v | Cloud | %s | %s | %s | noarch' % (n, p['version'], catalog.VERSIONS[rel][catalog.project_of(n)]))
        return 0
    if verb in ('se', 'search', 'packages', 'pa'):
        for n, p in sorted(state.packages().items()):
            print('i | %s | %s' % (n, p['version']))
        return 0
    print("Unknown command '%s'" % verb, file=sys.stderr)
    return 1


def rpm(argv):
    pk = state.packages()
    fmt = '%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\n'
    args = []
    it = iter(argv)
    for a in it:
        if a in ('--qf', '--queryformat'):
            fmt = next(it, fmt)
        else:
            args.append(a)

    def show(n):
        out = fmt.replace('%{NAME}', n).replace('%{VERSION}', pk[n]['version']).replace('%{RELEASE}', '1.1').replace('%{ARCH}', 'noarch')
        sys.stdout.write(out.replace('\\n', '\n'))
    if '-qa' in args or args[:2] == ['-q', '-a']:
        for n in sorted(pk):
            show(n)
        return 0
    rc = 0
    for n in [a for a in args if not a.startswith('-')]:
        if n in pk:
            show(n)
        else:
            print('package %s is not installed' % n)
            rc = 1
    return rc


# The repositories' packages that carry content (src/lab/packages.ts: real RPMs, python-nova of
# each release), as the installation medium brings them.
REPO_STORE = '/srv/lab-repos'


def download(names, plus, cache):
    """zypper download (zypper(8) @ SLE 12 SP1): the candidate package of the enabled
    repositories and --plus-repo, fetched into the package cache (--pkg-cache-dir, else
    /var/cache/zypp/packages) under its repository's alias, not installed. Only the lab's
    packages with content can be downloaded (chosen: the others exist as names only)."""
    aliases = {r: a for a, r, on in repos() if on}
    aliases.update({r: 'plus-repo-%d' % i for i, r in enumerate(plus, 1)})
    rels = [r for _, r, on in repos() if on] + plus
    rc = 0
    for n in names:
        found = None
        for rel in reversed(rels):
            files = sorted(glob.glob('%s/%s/*/%s-[0-9]*.rpm' % (REPO_STORE, rel, n)))
            if files:
                found = rel, files[-1]
                break
        if found is None:
            print("Package '%s' not found." % n, file=sys.stderr)
            rc = 104
            continue
        rel, path = found
        dest = os.path.join(cache or '/var/cache/zypp/packages', aliases[rel], os.path.basename(os.path.dirname(path)))
        os.makedirs(dest, exist_ok=True)
        with open(path, 'rb') as src, open(os.path.join(dest, os.path.basename(path)), 'wb') as out:
            out.write(src.read())
        print('Retrieving package %s (1/1), %.1f KiB ...[done]' % (os.path.basename(path)[:-4], os.path.getsize(path) / 1024.0))
    return rc


def info(names, plus):
    """zypper info: what the enabled repositories (and --plus-repo) offer for a package."""
    rels = [r for _, r, on in repos() if on and r in OPENSTACK_RELEASES] + [r for r in plus if r in OPENSTACK_RELEASES]
    for n in names:
        project = catalog.project_of(n)
        if n not in catalog.PACKAGES or not project or not rels:
            print("package '%s' not found." % n)
            continue
        rel = rels[-1]
        print('Information for package %s:\n%s\nRepository     : %s\nName           : %s\nVersion        : %s-1.1\nArch           : noarch\nVendor         : %s\nInstalled      : %s' % (
            n, '-' * (24 + len(n)), rel, n, catalog.VERSIONS[rel][project], 'SUSE LLC' if rel != 'liberty-upstream' else 'OpenStack upstream', 'Yes' if n in state.packages() else 'No'))
        print('Description    :\n    OpenStack %s (%s).' % (project, rel))
    return 0
