// hostname (ansible.builtin): the host's name — after ansible/modules/hostname.py at stable-2.14:
// the strategy is `use`, else systemd's hostnamectl where systemd manages the host, else the
// distribution's (/etc/hostname on the Debian family, /etc/HOSTNAME on SLES 10-12,
// /etc/sysconfig/network on the Red Hat family). The file strategies' current name is the file's.
import { shellQuote } from '../util/index.js';
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { run as sh, type RunResult } from './support/host-run.js';

type A = Record<string, unknown>;

interface Strategy {
  current(): Promise<string>;
  permanent(): Promise<string>;
  setCurrent(name: string): Promise<string | undefined>;
  setPermanent(name: string): Promise<string | undefined>;
  /** SystemdStrategy sets the permanent name first. */
  permanentFirst?: boolean;
}

const DEBIAN_FAMILY = [
  'debian',
  'ubuntu',
  'kylin',
  'cumulus-linux',
  'kali',
  'parrot',
  'linuxmint',
  'linaro',
  'devuan',
  'raspbian',
  'uos',
  'deepin',
  'neon',
  'void',
  'pop',
];
const REDHAT_FAMILY = [
  'rhel',
  'redhat',
  'centos',
  'anolis',
  'cloudlinux',
  'alinux',
  'scientific',
  'ol',
  'oracle',
  'virtuozzo',
  'amzn',
  'amazon',
  'altlinux',
  'eurolinux',
];

function failed(r: RunResult): string | undefined {
  return r.rc === 0 ? undefined : `Command failed rc=${r.rc}, out=${r.out}, err=${r.err}`;
}

function systemd(ctx: ModuleContext): Strategy {
  const long = (name: string): string | undefined =>
    name.length > 64 ? 'name cannot be longer than 64 characters on systemd servers, try a shorter name' : undefined;
  return {
    permanentFirst: true,
    current: async () => (await sh(ctx, 'hostnamectl --transient status')).out.trim(),
    permanent: async () => (await sh(ctx, 'hostnamectl --static status')).out.trim(),
    setCurrent: async (n) => long(n) ?? failed(await sh(ctx, `hostnamectl --transient set-hostname ${shellQuote(n)}`)),
    setPermanent: async (n) =>
      long(n) ?? failed(await sh(ctx, `hostnamectl --pretty --static set-hostname ${shellQuote(n)}`)),
  };
}

/** FileStrategy (and SLESStrategy): the name in a file, the current name the same. */
function file(ctx: ModuleContext, path: string): Strategy {
  const read = async (): Promise<string> => {
    const st = await ctx.conn.stat(path, true);
    return st.exists ? (await ctx.conn.readFile(path)).toString('utf8').trim() : '';
  };
  const write = async (n: string): Promise<undefined> => {
    await ctx.conn.writeFileAtomic(path, `${n}\n`, 0o644);
    return undefined;
  };
  return { current: read, permanent: read, setCurrent: async () => undefined, setPermanent: write };
}

/** RedHatStrategy: HOSTNAME= in /etc/sysconfig/network. */
function redhat(ctx: ModuleContext): Strategy {
  const path = '/etc/sysconfig/network';
  const text = async (): Promise<string> => {
    const st = await ctx.conn.stat(path, true);
    return st.exists ? (await ctx.conn.readFile(path)).toString('utf8') : '';
  };
  const read = async (): Promise<string> => {
    const line = (await text()).split('\n').find((l) => l.trim().startsWith('HOSTNAME'));
    return line ? (line.split('=')[1] ?? '').trim() : '';
  };
  return {
    current: read,
    permanent: read,
    setCurrent: async () => undefined,
    setPermanent: async (n) => {
      const lines = (await text()).split(/(?<=\n)/).filter(Boolean);
      const i = lines.findIndex((l) => l.trim().startsWith('HOSTNAME'));
      if (i < 0) lines.push(`HOSTNAME=${n}\n`);
      else lines[i] = `HOSTNAME=${n}\n`;
      await ctx.conn.writeFileAtomic(path, lines.join(''), 0o644);
      return undefined;
    },
  };
}

/** Hostname.__init__: `use`, else systemd where it manages the host, else the distribution's. */
async function strategy(ctx: ModuleContext, use: string | undefined): Promise<Strategy | string> {
  if (use === 'systemd' || use === 'debian') return systemd(ctx);
  if (use === 'sles') return file(ctx, '/etc/HOSTNAME');
  if (use === 'redhat') return redhat(ctx);
  if (use === 'alpine') return file(ctx, '/etc/hostname');
  if (use) return `runbook's hostname has no ${use} strategy (systemd, debian, redhat, sles, alpine)`;
  const probe = await sh(
    ctx,
    'for d in /run/systemd/system/ /dev/.run/systemd/ /dev/.systemd/; do [ -e "$d" ] && echo systemd; done; . /etc/os-release 2>/dev/null; echo "$ID $VERSION_ID"',
  );
  if (probe.out.includes('systemd')) return systemd(ctx);
  const [id = '', version = ''] = probe.out.trim().split('\n').pop()!.split(' ');
  if (DEBIAN_FAMILY.includes(id)) return file(ctx, '/etc/hostname');
  if (REDHAT_FAMILY.includes(id)) return redhat(ctx);
  if (id === 'sles' && Number(version) >= 10 && Number(version) <= 12) return file(ctx, '/etc/HOSTNAME');
  return `hostname module cannot be used on platform Linux${id ? ` (${id})` : ''}`;
}

export default defineModule({
  name: 'hostname',
  collection: 'ansible.builtin',
  description: "Sets the host's name",
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, description: 'The name.' },
    use: {
      type: 'str',
      choices: [
        'alpine',
        'debian',
        'freebsd',
        'generic',
        'macos',
        'macosx',
        'darwin',
        'openbsd',
        'openrc',
        'redhat',
        'sles',
        'solaris',
        'systemd',
      ],
      description: 'The strategy instead of the detected one.',
    },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const s = await strategy(ctx, a.use as string | undefined);
    if (typeof s === 'string') return { changed: false, failed: true, msg: s };
    const name = String(a.name);
    const current = await s.current();
    const permanent = await s.permanent();
    let changed = false;
    const steps: [string, (n: string) => Promise<string | undefined>][] = [
      [current, (n) => s.setCurrent(n)],
      [permanent, (n) => s.setPermanent(n)],
    ];
    for (const [have, set] of s.permanentFirst ? steps.reverse() : steps) {
      if (have === name) continue;
      changed = true;
      if (ctx.checkMode) continue;
      const err = await set(name);
      if (err) return { changed: false, failed: true, msg: err };
    }
    const before = name !== current ? current : permanent;
    const fqdn = (await sh(ctx, 'hostname -f 2>/dev/null || hostname')).out.trim();
    const facts = new Map<string, unknown>([
      ['ansible_hostname', name.split('.')[0]],
      ['ansible_nodename', name],
      ['ansible_fqdn', fqdn],
      ['ansible_domain', fqdn.split('.').slice(1).join('.')],
    ]);
    return {
      changed,
      ...(changed ? { diff: { before: `hostname = ${before}\n`, after: `hostname = ${name}\n` } } : {}),
      data: { name, ansible_facts: facts },
      facts,
      factKind: 'facts',
    };
  },
});
