"""The lab's AutoYaST: the installation a host's first boot after a PXE install runs (PID 1 runs it
before sshd; src/lab/pxe.ts wiped the disk and left /var/lib/autoinstall/). One pass stands in
for AutoYaST's two stages.

The profile is AutoYaST's XML (namespace http://www.suse.com/1.0/yast2ns, `config:type`
attributes; SUSE's AutoYaST guide for SLES 12 SP1, yast2-autoinstallation 3.1). The sections
read here, and what each does on the host:
  networking/interfaces  the host's address; a profile giving another one leaves the host
                         unreachable (chosen: the installation stops there, as a host that
                         comes up on the wrong address is lost to the run anyway)
  networking/dns         hostname (written with the address to /etc/hosts)
  partitioning           a partition mounted at /var/lib/nova/instances must say
                         <format config:type="boolean">false</format>, or the installer
                         formats it: this host's guests' disks are gone (chosen: the lab's
                         shared path is one directory, so "formatting" removes this host's
                         instance directories only)
  add-on/add_on_products the repositories (media_url, alias) beside the installation source
  software/packages      exactly these packages; one no repository offers stops the
                         installation (AutoYaST reports the missing package and waits)
  files                  file_path, file_contents, file_permissions, file_owner
  users                  root's authorized_keys
Anything else is ignored (chosen). The OS comes from the installation source (`install=` of the
PXE entry): lab:///sles12sp1 installs SLES 12 SP1. After the installation AutoYaST keeps the
profile as /root/autoinst.xml, as SLES does."""
import json
import os
import shutil
import sys
import xml.etree.ElementTree as ET

from . import catalog, configs, pkg

DIR = '/var/lib/autoinstall'
NS = '{http://www.suse.com/1.0/yast2ns}'
INSTANCES = '/var/lib/nova/instances'
OS_ALIAS = {'sles11sp3': 'SLES11-SP3', 'sles12sp1': 'SLES12-SP1'}


class InstallError(Exception):
    pass


def pending():
    return os.path.exists(os.path.join(DIR, 'profile.xml'))


def _find(node, path):
    return node.find('/'.join(NS + p for p in path.split('/'))) if node is not None else None


def _all(node, path):
    return node.findall('/'.join(NS + p for p in path.split('/'))) if node is not None else []


def _text(node, path, default=None):
    n = _find(node, path)
    return n.text.strip() if n is not None and n.text is not None else default


def check_network(profile, mine):
    addresses = [_text(i, 'ipaddr') for i in _all(profile, 'networking/interfaces/interface')]
    addresses = [a for a in addresses if a]
    if addresses and mine not in addresses:
        raise InstallError('networking: the profile configures %s, this host is reached at %s' % (', '.join(addresses), mine))
    name = _text(profile, 'networking/dns/hostname') or os.uname().nodename
    with open('/etc/hosts') as f:
        hosts = f.read()
    configs.write('/etc/hosts', hosts + '%s %s\n' % (mine, name), 0o644)


def check_partitions(profile, log):
    kept = False
    for part in _all(profile, 'partitioning/drive/partitions/partition'):
        if _text(part, 'mount') == INSTANCES:
            kept = _text(part, 'format', 'true') == 'false'
    if kept or not os.path.isdir(INSTANCES):
        return
    host = os.uname().nodename
    for d in os.listdir(INSTANCES):
        info = os.path.join(INSTANCES, d, 'lab-domain.json')
        try:
            with open(info) as f:
                if json.load(f).get('host') != host:
                    continue
        except (OSError, ValueError):
            continue
        shutil.rmtree(os.path.join(INSTANCES, d), ignore_errors=True)
        log('partitioning: %s formatted, instance %s lost' % (INSTANCES, d))


def write_files(profile):
    for f in _all(profile, 'files/file'):
        path = _text(f, 'file_path')
        if not path:
            continue
        mode = int(_text(f, 'file_permissions', '644'), 8)
        contents = _find(f, 'file_contents')
        configs.write(path, (contents.text or '') if contents is not None else '', mode)
        owner, _, group = (_text(f, 'file_owner') or '').partition('.')
        if owner:
            shutil.chown(path, owner, group or None)


def root_keys(profile):
    for user in _all(profile, 'users/user'):
        if _text(user, 'username') != 'root':
            continue
        keys = [k.text.strip() for k in _all(user, 'authorized_keys/listentry') if k.text]
        if keys:
            os.makedirs('/root/.ssh', mode=0o700, exist_ok=True)
            configs.write('/root/.ssh/authorized_keys', '\n'.join(keys) + '\n', 0o600)


def install(log, address):
    with open(os.path.join(DIR, 'install.json')) as f:
        source = json.load(f)['install']
    os_key = source.rstrip('/').rsplit('/', 1)[-1]
    if os_key not in catalog.OS:
        raise InstallError('the installation source %s is no SLES the lab has (%s)' % (source, ', '.join(catalog.OS)))
    profile = ET.parse(os.path.join(DIR, 'profile.xml')).getroot()
    check_network(profile, address)
    check_partitions(profile, log)
    pkg.set_os(os_key)
    pkg.add_repo(source, OS_ALIAS[os_key])
    for p in _all(profile, 'add-on/add_on_products/listentry'):
        pkg.add_repo(_text(p, 'media_url'), _text(p, 'alias') or _text(p, 'product') or 'add-on')
    names = [p.text.strip() for p in _all(profile, 'software/packages/package')]
    log('software: %d packages from %s' % (len(names), ', '.join(r for _, r, _ in pkg.repos())))
    if names and pkg.install(names) != 0:
        raise InstallError('software: a package of the profile is in no repository (see above)')
    write_files(profile)
    root_keys(profile)


def main(argv):
    """`autoyast ADDRESS` (the address the host is reached at, from its sshd's ListenAddress): runs
    the pending installation; 0 when done (or none was pending), 1 when it stopped."""
    if not pending():
        return 0

    def log(msg):
        print('AutoYaST: %s' % msg, flush=True)

    try:
        install(log, argv[0])
    except (InstallError, OSError, ET.ParseError, KeyError) as e:
        log('installation stopped: %s' % e)
        return 1
    os.makedirs('/root', exist_ok=True)
    shutil.move(os.path.join(DIR, 'profile.xml'), '/root/autoinst.xml')
    shutil.rmtree(DIR, ignore_errors=True)
    log('installation finished')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
