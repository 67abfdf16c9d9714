// Round trips per task (issue 21): each file module is meant to cost one round trip to the host
// (lineinfile two when it writes: it reads the file, Python's regex logic runs here, then it
// writes). A round trip is one call of the Connection interface — over SSH each of them is one
// command through the persistent shell (files up to 64 KiB) — so the test counts the calls a
// module makes on a real scratch directory through the local connection, and fails when a change
// adds one. The bench's `files` workload is made of these tasks.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, lstatSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalConnection, type Connection, type ExecOptions } from '../connection/index.js';
import { framed } from '../connection/ssh-session.js';
import { moduleTestContext } from '../../test/support/module-context.js';
import { findModule, validateArgs, type ModuleResult } from './index.js';

/** The programs the cases sent to run in the kept shell itself (ExecOptions.inShell). */
const inShellPrograms: { name: string; program: string }[] = [];

/** A connection that counts the calls made on it, and keeps the in-shell programs. */
function counted(conn: Connection, name: string): { conn: Connection; trips: () => number } {
  let n = 0;
  const proxy = new Proxy(conn, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof v !== 'function' || key === 'close') return v;
      return (...args: unknown[]) => {
        n += 1;
        const [program, options] = args as [unknown, ExecOptions | undefined];
        if (key === 'exec' && options?.inShell && typeof program === 'string') inShellPrograms.push({ name, program });
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { conn: proxy, trips: () => n };
}

interface Trip {
  name: string;
  module: string;
  args: Record<string, unknown>;
  /** Files (relative to the scratch root) there before the task. */
  files?: Record<string, string>;
  dirs?: string[];
  check?: boolean;
  diff?: boolean;
  changed: boolean;
  trips: number;
  /** What the task left on disk, checked so a count of zero work cannot pass. */
  after?: (root: string) => void;
}

const CONF = '[DEFAULT]\ndebug = False\n';

const CASES: Trip[] = [
  {
    name: 'copy content, new file',
    module: 'copy',
    args: { dest: 'etc/nova.conf', content: CONF, mode: '0640' },
    dirs: ['etc'],
    changed: true,
    trips: 1,
    after: (r) => {
      expect(readFileSync(join(r, 'etc/nova.conf'), 'utf8')).toBe(CONF);
      expect(statSync(join(r, 'etc/nova.conf')).mode & 0o777).toBe(0o640);
    },
  },
  {
    name: 'copy content, already there',
    module: 'copy',
    args: { dest: 'etc/nova.conf', content: CONF, mode: '0640' },
    files: { 'etc/nova.conf': CONF },
    changed: true,
    trips: 1,
  }, // the file's mode is 0644: changed by the mode alone
  {
    name: 'copy content, same file and mode',
    module: 'copy',
    args: { dest: 'etc/nova.conf', content: CONF, mode: '0644' },
    files: { 'etc/nova.conf': CONF },
    changed: false,
    trips: 1,
  },
  {
    name: 'copy content, check mode and diff',
    module: 'copy',
    args: { dest: 'etc/nova.conf', content: CONF },
    files: { 'etc/nova.conf': 'old\n' },
    check: true,
    diff: true,
    changed: true,
    trips: 1,
    after: (r) => expect(readFileSync(join(r, 'etc/nova.conf'), 'utf8')).toBe('old\n'),
  },
  {
    name: 'copy content, backup and diff',
    module: 'copy',
    args: { dest: 'etc/nova.conf', content: CONF, backup: true },
    files: { 'etc/nova.conf': 'old\n' },
    diff: true,
    changed: true,
    trips: 1,
  },
  {
    name: 'copy content, force no',
    module: 'copy',
    args: { dest: 'etc/hosts', content: 'x\n', force: false },
    files: { 'etc/hosts': 'y\n' },
    changed: false,
    trips: 1,
  },
  {
    name: 'copy content into a directory is refused',
    module: 'copy',
    args: { dest: 'etc', content: 'x' },
    dirs: ['etc'],
    changed: false,
    trips: 1,
  },
  {
    name: 'template into a directory',
    module: 'template',
    args: { src: 'release.conf.j2', dest: 'etc' },
    dirs: ['etc'],
    changed: true,
    trips: 1,
    after: (r) => expect(readFileSync(join(r, 'etc/release.conf.j2'), 'utf8')).toBe('rendered\n'),
  },
  {
    name: 'file directory',
    module: 'file',
    args: { path: 'var/lib/nova', state: 'directory', mode: '0750' },
    changed: true,
    trips: 1,
    after: (r) => expect(statSync(join(r, 'var/lib/nova')).mode & 0o777).toBe(0o750),
  },
  {
    name: 'file directory, there',
    module: 'file',
    args: { path: 'var', state: 'directory', mode: '0755' },
    dirs: ['var'],
    changed: false,
    trips: 1,
  },
  {
    name: 'file touch, times preserved',
    module: 'file',
    args: { path: 'lock', state: 'touch', mode: '0644', modification_time: 'preserve', access_time: 'preserve' },
    files: { lock: '' },
    changed: false,
    trips: 1,
  },
  {
    name: 'file touch, new',
    module: 'file',
    args: { path: 'lock', state: 'touch' },
    changed: true,
    trips: 1,
    after: (r) => expect(existsSync(join(r, 'lock'))).toBe(true),
  },
  {
    name: 'file link',
    module: 'file',
    args: { path: 'current.conf', src: 'etc/nova.conf', state: 'link' },
    files: { 'etc/nova.conf': CONF },
    changed: true,
    trips: 1,
    after: (r) => expect(lstatSync(join(r, 'current.conf')).isSymbolicLink()).toBe(true),
  },
  {
    name: 'file absent',
    module: 'file',
    args: { path: 'etc', state: 'absent' },
    files: { 'etc/a': 'x' },
    changed: true,
    trips: 1,
    after: (r) => expect(existsSync(join(r, 'etc'))).toBe(false),
  },
  {
    name: 'file mode of a file',
    module: 'file',
    args: { path: 'f', state: 'file', mode: '0600' },
    files: { f: 'x' },
    changed: true,
    trips: 1,
  },
  {
    name: 'stat',
    module: 'stat',
    args: { path: 'etc/nova.conf' },
    files: { 'etc/nova.conf': CONF },
    changed: false,
    trips: 1,
  },
  {
    name: 'lineinfile, line added',
    module: 'lineinfile',
    args: { path: 'hosts', line: '10.0.0.1 controller', regexp: '\\scontroller$' },
    files: { hosts: '127.0.0.1 localhost\n' },
    changed: true,
    trips: 2,
    after: (r) => expect(readFileSync(join(r, 'hosts'), 'utf8')).toBe('127.0.0.1 localhost\n10.0.0.1 controller\n'),
  },
  {
    name: 'lineinfile, line there',
    module: 'lineinfile',
    args: { path: 'hosts', line: '127.0.0.1 localhost' },
    files: { hosts: '127.0.0.1 localhost\n' },
    changed: false,
    trips: 1,
  },
  {
    name: 'lineinfile, create',
    module: 'lineinfile',
    args: { path: 'new/hosts', line: 'x', create: true },
    changed: true,
    trips: 2,
    after: (r) => expect(readFileSync(join(r, 'new/hosts'), 'utf8')).toBe('x\n'),
  },
  {
    name: 'lineinfile, line added with a mode',
    module: 'lineinfile',
    args: { path: 'hosts', line: '10.0.0.1 controller', mode: '0600' },
    files: { hosts: '127.0.0.1 localhost\n' },
    changed: true,
    trips: 2,
    after: (r) => expect(statSync(join(r, 'hosts')).mode & 0o7777).toBe(0o600),
  },
  {
    name: 'lineinfile, create with a symbolic mode',
    module: 'lineinfile',
    args: { path: 'new/run.sh', line: 'true', create: true, mode: 'u+x' },
    changed: true,
    trips: 2,
    after: (r) => expect(statSync(join(r, 'new/run.sh')).mode & 0o7777).toBe(0o744),
  },
  { name: 'facts', module: 'setup', args: {}, changed: false, trips: 1 },
  { name: 'shell', module: 'shell', args: { _raw_params: 'echo hi' }, changed: true, trips: 1 },
  { name: 'command', module: 'command', args: { _raw_params: 'true' }, changed: true, trips: 1 },
];

function scratch(c: Trip): string {
  const root = mkdtempSync(join(tmpdir(), 'rb-trips-'));
  for (const d of c.dirs ?? []) mkdirSync(join(root, d), { recursive: true });
  for (const [path, text] of Object.entries(c.files ?? {})) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text, { mode: 0o644 });
  }
  return root;
}

/** Paths in the arguments are relative to the scratch root. */
function argsIn(root: string, args: Record<string, unknown>): Map<string, unknown> {
  const inRoot = new Set(['dest', 'path']);
  return new Map(
    Object.entries(args).map(([k, v]) => [k, inRoot.has(k) || (k === 'src' && args.state) ? join(root, String(v)) : v]),
  );
}

describe('round trips per task', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const root = scratch(c);
    const { conn, trips } = counted(new LocalConnection('trips'), c.name);
    const ctx = moduleTestContext('trips', {
      conn,
      checkMode: c.check ?? false,
      diff: c.diff ?? false,
      findFile: (src) => join(root, src),
      readLocal: () => Buffer.from(''),
      renderTemplate: () => 'rendered\n',
    });
    writeFileSync(join(root, 'release.conf.j2'), '{{ x }}\n');
    const m = findModule(c.module);
    if (!m) throw new Error(`no module ${c.module}`);
    const r: ModuleResult = await m.run(validateArgs(m.name, m.args, argsIn(root, c.args)), ctx);
    expect({ changed: r.changed, failed: r.failed ?? false }).toEqual({
      changed: c.changed,
      failed: c.name.includes('refused'),
    });
    c.after?.(root);
    expect(trips(), `round trips of ${c.name}`).toBe(c.trips);
  });
});

/** Lower-case shell variables and their values, as `set` lists them (bash: in POSIX mode). */
const LOWER_VARS = `set | grep '^[a-z][a-z0-9_]*=' | LC_ALL=C sort`;

// A program that runs in the kept shell leaves nothing a later command's subshell (raw's) would
// see: the lower-case variables after it are those before it (shell-program.ts makes them local).
describe('the programs run in the kept shell', () => {
  it.each(['sh', 'bash'])('leave no variable behind under %s', (shell) => {
    expect(inShellPrograms.map((p) => p.name)).toEqual(expect.arrayContaining(['stat', 'facts', 'file directory']));
    const dir = mkdtempSync(join(tmpdir(), 'rb-leak-'));
    const seen = join(dir, 'vars');
    const script = inShellPrograms
      .map(({ name, program }, i) =>
        [
          `d=outer; ${LOWER_VARS} > ${seen}.1`,
          framed(program, `P${i}`, { inPlace: 'program' }),
          `${LOWER_VARS} > ${seen}.2; cmp -s ${seen}.1 ${seen}.2 || echo ${JSON.stringify(`LEAK ${name}`)}`,
        ].join('\n'),
      )
      .join('\n');
    const prelude = shell === 'bash' ? 'set -o posix\n' : '';
    const out = execFileSync(shell, ['-c', `${prelude}${script}\necho done`], {
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    rmSync(dir, { recursive: true, force: true });
    expect(out.split('\n').filter((l) => l.startsWith('LEAK'))).toEqual([]);
    expect(out.trimEnd().endsWith('done')).toBe(true);
  });
});
