// The system facts of setup's default subset (facts/system/*.py at stable-2.14) beyond the
// ones parseFacts reads itself: fqdn, the distribution's version, cmdline, lsb, dns, uptime,
// load, machine id, the ids, gecos, userspace bits, the SSH host keys, apparmor and fips.

/**
 * socket.getfqdn(): among the canonical name and aliases of the hostname's first address, the
 * first with a dot, else the canonical name; the hostname itself where nothing resolves.
 */
export function getfqdn(hostname: string, names: string | undefined): string {
  const all = (names ?? '').split(' ').filter(Boolean);
  if (!all.length) return hostname;
  return all.find((n) => n.includes('.')) ?? all[0] ?? hostname;
}

/** distro's version for a release file's text ("CentOS Linux release 7.9.2009 (Core)" → 7.9.2009). */
function releaseFileVersion(text: string | undefined): string {
  return /(?:^|\s)(\d[\d.]*)(?:\s|$)/.exec(text ?? '')?.[1] ?? '';
}

/**
 * get_distribution_version (facts/system/distribution.py): os-release's VERSION_ID, but for
 * Debian and CentOS distro.version(best=True) — the most precise of it and the release file's
 * (/etc/debian_version 12.11), CentOS's cut to major.minor.
 */
export function bestVersion(id: string, version: string, single: Map<string, string>): string {
  if (id !== 'debian' && id !== 'centos') return version;
  const file = releaseFileVersion(single.get(id === 'debian' ? 'debian_version' : 'centos_release'));
  const best = file.split('.').length > version.split('.').length || !version ? file : version;
  return id === 'centos' ? best.split('.').slice(0, 2).join('.') : best;
}

/** parse_distribution_file_Debian: the minor version from /etc/debian_version. */
export function debianMinor(id: string, text: string | undefined): [string, unknown][] {
  const m = id === 'debian' ? /(\d+)\.(\d+)/.exec(text ?? '') : null;
  return m ? [['distribution_minor_version', m[2]]] : [];
}

/** cmdline and proc_cmdline (facts/system/cmdline.py; its shlex split taken as a split on blanks). */
function cmdlineFacts(line: string | undefined): [string, unknown][] {
  if (!line?.trim()) return [];
  const cmdline = new Map<string, unknown>();
  const proc = new Map<string, unknown>();
  for (const piece of line.trim().split(/\s+/)) {
    const eq = piece.indexOf('=');
    if (eq < 0) {
      cmdline.set(piece, true);
      proc.set(piece, true);
      continue;
    }
    const [k, v] = [piece.slice(0, eq), piece.slice(eq + 1)];
    cmdline.set(k, v);
    const was = proc.get(k);
    proc.set(k, was === undefined ? v : Array.isArray(was) ? [...(was as unknown[]), v] : [was, v]);
  }
  return [
    ['cmdline', cmdline],
    ['proc_cmdline', proc],
  ];
}

/** lsb (facts/system/lsb.py): lsb_release's answer — here from os-release — else /etc/lsb-release. */
function lsbFacts(lines: string[] | undefined, hasBin: boolean, os: Map<string, string>): Map<string, unknown> {
  const lsb = new Map<string, unknown>();
  if (hasBin && os.size) {
    lsb.set('id', (os.get('NAME') ?? '').split(' ')[0]);
    if (os.get('PRETTY_NAME')) lsb.set('description', os.get('PRETTY_NAME'));
    if (os.get('VERSION_ID')) lsb.set('release', os.get('VERSION_ID'));
    if (os.get('VERSION_CODENAME')) lsb.set('codename', os.get('VERSION_CODENAME'));
  } else {
    const names: Record<string, string> = {
      DISTRIB_ID: 'id',
      DISTRIB_RELEASE: 'release',
      DISTRIB_DESCRIPTION: 'description',
      DISTRIB_CODENAME: 'codename',
    };
    for (const line of lines ?? []) {
      const eq = line.indexOf('=');
      const name = names[line.slice(0, eq)];
      if (name) lsb.set(name, line.slice(eq + 1).replace(/^"|"$/g, ''));
    }
  }
  if (typeof lsb.get('release') === 'string') lsb.set('major_release', String(lsb.get('release')).split('.')[0]);
  return lsb;
}

/** dns (facts/system/dns.py): nameservers, domain, search, sortlist and options from resolv.conf. */
function dnsFacts(lines: string[]): Map<string, unknown> {
  const dns = new Map<string, unknown>();
  for (const line of lines) {
    if (line.startsWith('#') || line.startsWith(';') || !line.trim()) continue;
    const [word, ...rest] = line.trim().split(/\s+/);
    if (word === 'nameserver')
      dns.set('nameservers', [...((dns.get('nameservers') as string[] | undefined) ?? []), ...rest]);
    else if (word === 'domain' && rest[0] !== undefined) dns.set('domain', rest[0]);
    else if (word === 'search') dns.set('search', rest);
    else if (word === 'sortlist') dns.set('sortlist', rest);
    else if (word === 'options')
      dns.set(
        'options',
        new Map(
          rest.map((o) => {
            const at = o.indexOf(':');
            return at < 0 ? [o, true] : [o.slice(0, at), o.slice(at + 1) || true];
          }),
        ),
      );
  }
  return dns;
}

/** The facts from the small files head read, and the ids and probes the shell printed. */
export function systemFacts(
  files: Map<string, string[]>,
  single: Map<string, string>,
  os: Map<string, string>,
): [string, unknown][] {
  const first = (f: string): string | undefined => files.get(f)?.[0];
  const out: [string, unknown][] = [...cmdlineFacts(first('/proc/cmdline'))];
  const uptime = first('/proc/uptime');
  if (uptime) out.push(['uptime_seconds', Math.trunc(parseFloat(uptime))]);
  const load = (first('/proc/loadavg') ?? '').split(' ');
  if (load.length >= 3)
    out.push([
      'loadavg',
      new Map<string, unknown>([
        ['1m', Number(load[0])],
        ['5m', Number(load[1])],
        ['15m', Number(load[2])],
      ]),
    ]);
  if (first('/etc/machine-id')) out.push(['machine_id', first('/etc/machine-id')]);
  out.push(['fips', first('/proc/sys/crypto/fips_enabled')?.trim() === '1']);
  out.push(['apparmor', new Map([['status', single.has('apparmor') ? 'enabled' : 'disabled']])]);
  out.push(['lsb', lsbFacts(files.get('/etc/lsb-release'), single.has('lsb_bin'), os)]);
  const [ruid = '0', euid = ruid] = (single.get('ids') ?? '').split(' ');
  const [rgid = '0', egid = rgid] = (single.get('gids') ?? '').split(' ');
  out.push(['real_user_id', Number(ruid)], ['effective_user_id', Number(euid)]);
  out.push(['real_group_id', Number(rgid)], ['effective_group_id', Number(egid)]);
  out.push(['dns', dnsFacts(files.get('/etc/resolv.conf') ?? [])]);
  // pwd.getpwnam(user).pw_gecos
  const user = single.get('user_id') ?? '';
  const pw = (files.get('/etc/passwd') ?? []).find((l) => l.startsWith(`${user}:`))?.split(':');
  if (pw && pw.length >= 5) out.push(['user_gecos', pw[4]]);
  // platform.architecture() of the interpreter: the machine's word size here
  const machine = single.get('machine') ?? '';
  const bits = /64|s390x/.test(machine) ? '64' : '32';
  out.push(['userspace_bits', bits]);
  if (machine === 'x86_64') out.push(['userspace_architecture', bits === '64' ? 'x86_64' : 'i386']);
  // facts/system/ssh_pub_keys.py: each host key's data and type
  for (const algo of ['dsa', 'rsa', 'ecdsa', 'ed25519']) {
    const key = first(`/etc/ssh/ssh_host_${algo}_key.pub`)?.split(' ');
    if (key && key.length >= 2)
      out.push([`ssh_host_key_${algo}_public`, key[1]], [`ssh_host_key_${algo}_public_keytype`, key[0]]);
  }
  return out;
}
