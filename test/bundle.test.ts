// The executable users run is the esbuild bundle (scripts/bundle.ts, dist/cli.js launches it
// through a V8 code cache): what `npm run build` made must behave as the source does. The template engine reports
// Python type names from class names, and a bundler renames classes that collide (Undefined →
// _Undefined: a loop over an undefined variable then failed under a false `when`), so the
// bundle keeps names; the same expression through the source and through dist/cli.js must give
// the same message. Needs `npm run build` (npm test runs it first).
import { execFile, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const RUNBOOK = fileURLToPath(new URL('../dist/runbook', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../dist/bundle/runbook.cjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'rb-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function fromSource(argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const io = {
    out: (s: string) => lines.push(s),
    write: (s: string) => lines.push(s),
    err: (s: string) => lines.push(s),
  };
  const code = await main(argv, io);
  return { code, text: lines.join('\n') };
}

describe('the bundled CLI', () => {
  it('is one ASCII file with the packages every run needs inside, the others left to node_modules', () => {
    expect(existsSync(CLI), 'run npm run build first').toBe(true);
    const text = readFileSync(BUNDLE, 'latin1');
    expect(/[\u0080-\uffff]/.exec(text), 'the launcher reads it as latin1').toBeNull();
    const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '');
    const packages = new Set(required.filter((r) => !r.startsWith('node:') && !/^[a-z_]+$/.test(r)));
    expect([...packages]).toEqual(['ssh2/lib/protocol/crypto/build/Release/sshcrypto.node']);
    // ssh2's client without its index (HTTP agents: http, https, tls) and cpu-features' addon;
    // chalk without its terminal detection (tty), which runbook's palette does itself
    for (const name of ['cpu-features', 'http', 'https', 'tls', 'tty', 'node:tty'])
      expect(required).not.toContain(name);
    const imported = [...text.matchAll(/\bimport\(.{0,40}/g)].map((m) => m[0]);
    // on Node 20 a script taken from V8's code cache has no import() callback: none may be left
    expect(imported).toEqual([]);
    expect(required).not.toContain('yaml');
    expect(required).not.toContain('ssh2');
  });

  it("answers ssh2's question about the CPU as the cpu-features addon does", () => {
    const shim = createRequire(import.meta.url)('../scripts/cpu-features.cjs') as () => unknown;
    const addon = createRequire(import.meta.url)('cpu-features') as () => {
      arch: string;
      flags: Record<string, unknown>;
    };
    const ours = shim() as { arch: string; flags: Record<string, unknown> };
    const real = addon();
    // the two things ssh2 reads (protocol/constants.js): the arch and the aes flag
    expect([ours.arch, Boolean(ours.flags.aes)]).toEqual([real.arch, Boolean(real.flags.aes)]);
  });

  it('ends only once a slow reader has had all its output, with the exit code of the run', () => {
    // 300 kB is more than a pipe holds: the end waits for the reader, who starts after a second
    const big = spawnSync(
      'bash',
      ['-c', `node ${CLI} template "{{ 'x' * 300000 }}" | { sleep 1; wc -c; }; echo "rc \${PIPESTATUS[0]}"`],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(big.stdout).toBe('300001\nrc 0\n');
    const failed = spawnSync(
      'bash',
      ['-c', `node ${CLI} template "{{ nowhere }}" | { sleep 1; cat; }; echo "rc \${PIPESTATUS[0]}"`],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(failed.stdout).toMatch(/rc [1-9]\d*\n$/);
  }, 60_000);

  it('writes a code cache per command on the first run, and gives the same answer with it or without one', () => {
    const expr = '{{ [3, 1, 2] | sort | join(",") }}';
    const runs = ['fresh', 'cached', 'cache unwritable', 'cache off'].map((kind) => {
      const home = join(scratch, kind.replace(/ /g, '-'));
      if (kind === 'cache unwritable') writeFileSync(home, 'not a directory');
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        XDG_CACHE_HOME: kind === 'cached' ? join(scratch, 'fresh') : home,
      };
      if (kind === 'cache off') env.RUNBOOK_CODE_CACHE = '0';
      const r = spawnSync('node', [CLI, 'template', expr], { encoding: 'utf8', timeout: 30_000, env });
      return { kind, status: r.status, out: r.stdout, err: r.stderr };
    });
    for (const r of runs) expect(r, r.kind).toMatchObject({ status: 0, out: '1,2,3\n', err: '' });
    expect(readdirSync(join(scratch, 'fresh', 'runbook', 'v8'))).toEqual([expect.stringMatching(/-template\.v8$/)]);
    expect(existsSync(join(scratch, 'cache-off'))).toBe(false);
  }, 60_000);

  it('loads the database drivers left in node_modules on use, with the code cache as without it', async () => {
    // a server that takes the connection and closes it: pg and mysql2 are loaded, then fail
    const server = createServer((s) => s.end());
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const port = (server.address() as AddressInfo).port;
    const play = join(scratch, 'drivers.yml');
    const task = (module: string) =>
      `    - ${module}: {login_host: 127.0.0.1, login_port: ${port}, login_user: u, query: select 1}\n      ignore_errors: true\n`;
    writeFileSync(
      play,
      `- hosts: localhost\n  gather_facts: false\n  tasks:\n${task('community.postgresql.postgresql_query')}${task('community.mysql.mysql_query')}`,
    );
    const env = { ...process.env, XDG_CACHE_HOME: join(scratch, 'drivers-cache') };
    const apply = (file: string) =>
      run(process.execPath, [CLI, 'apply', file], { encoding: 'utf8', timeout: 60_000, env });
    try {
      // first a play that loads neither: the cache it writes holds none of the drivers' callers,
      // which a later run compiles from the cached script (on Node 20 such a function had no
      // import() callback: "A dynamic import callback was not specified")
      const first = join(scratch, 'no-drivers.yml');
      writeFileSync(first, '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - debug: {msg: hi}\n');
      await apply(first);
      for (const kind of ['with the cache of a run without them', 'with the cache it wrote']) {
        const r = await apply(play);
        expect(r.stdout, kind).not.toContain('dynamic import');
        expect(r.stdout.match(/unable to connect to database/g), `${kind}: ${r.stdout}`).toHaveLength(2);
      }
    } finally {
      server.close();
    }
  }, 150_000);

  it('keeps Node from reading NODE_EXTRA_CA_CERTS as it starts, and gives the variable to the commands it runs', () => {
    // Node warns at start-up when it cannot read the file the variable names: the warning is how
    // this test sees whether Node read it. The launcher is run through a link, as npm links it.
    const link = join(scratch, 'runbook');
    symlinkSync(RUNBOOK, link);
    const play = join(scratch, 'ca.yml');
    writeFileSync(
      play,
      '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - command: printenv NODE_EXTRA_CA_CERTS RUNBOOK_NODE_EXTRA_CA_CERTS\n      register: r\n      failed_when: false\n    - debug: {msg: "{{ r.stdout_lines }} {{ r.rc }}"}\n',
    );
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: join(scratch, 'no-such-bundle.pem') };
    const viaLauncher = spawnSync(link, ['apply', '-c', 'local', play], { encoding: 'utf8', timeout: 60_000, env });
    expect(viaLauncher.stderr).not.toContain('extra certs');
    expect(viaLauncher.status, viaLauncher.stdout).toBe(0);
    // printenv prints the one that is set and exits 1 for the one that is not
    expect(viaLauncher.stdout).toContain(`"msg": "['${env.NODE_EXTRA_CA_CERTS}'] 1"`);
    const direct = spawnSync('node', [CLI, '--version'], { encoding: 'utf8', timeout: 30_000, env });
    expect(direct.stderr).toContain('Ignoring extra certs');
  }, 90_000);

  it("colours its output as Ansible's variables say, without chalk's own terminal detection", () => {
    const play = join(scratch, 'colour.yml');
    writeFileSync(play, '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - debug: {msg: hi}\n');
    const colour = (extra: Record<string, string>) => {
      const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
      for (const k of ['NO_COLOR', 'ANSIBLE_NOCOLOR', 'ANSIBLE_FORCE_COLOR']) if (!(k in extra)) delete env[k];
      const r = spawnSync(RUNBOOK, ['apply', '-c', 'local', play], { encoding: 'utf8', timeout: 60_000, env });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      return r.stdout;
    };
    // Ansible's COLOR_OK (green) on the ok line when forced; none when stdout is not a terminal
    expect(colour({ ANSIBLE_FORCE_COLOR: '1' })).toContain('\u001b[32mok: [localhost]');
    expect(colour({})).not.toContain('\u001b[');
  }, 90_000);

  it("lowers V8's helper threads to nice 19, and keeps the main thread's priority for the commands it starts", () => {
    // the command finds runbook's process up its parents and reads each thread's nice (stat field 19)
    const play = join(scratch, 'nice.yml');
    writeFileSync(
      play,
      [
        '- hosts: localhost',
        '  gather_facts: false',
        '  tasks:',
        '    - shell: |',
        '        p=$$',
        '        while [ "$p" -gt 1 ] && [ "$(cat /proc/$p/comm)" != node ]; do p=$(awk \'{print $4}\' /proc/$p/stat); done',
        '        for t in /proc/$p/task/*; do echo "${t##*/} $(awk \'{print $19}\' $t/stat)"; done',
        '        echo "pid $p"; echo "self $(awk \'{print $19}\' /proc/self/stat)"',
        '      register: r',
        '    - debug: {var: r.stdout_lines}',
        '',
      ].join('\n'),
    );
    const r = spawnSync(RUNBOOK, ['apply', '-c', 'local', play], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const lines = [...r.stdout.matchAll(/^ {8}"([^"]*)",?$/gm)].map((m) => m[1]!.split(' '));
    const pid = lines.find(([k]) => k === 'pid')?.[1];
    const threads = lines.filter(([k]) => /^\d+$/.test(k!)).map(([tid, nice]) => ({ tid, nice: Number(nice) }));
    const own = getPriority();
    expect(threads.find((t) => t.tid === pid)?.nice, 'the main thread').toBe(own);
    const helpers = threads.filter((t) => t.tid !== pid);
    // V8's platform workers (4 by default) and the delayed-task thread
    expect(helpers.length).toBeGreaterThanOrEqual(4);
    // threads libuv made later for the main thread (file and DNS work) keep its priority
    expect(helpers.filter((t) => t.nice === 19).length).toBeGreaterThanOrEqual(4);
    expect(helpers.every((t) => t.nice === 19 || t.nice === own)).toBe(true);
    expect(lines.find(([k]) => k === 'self')?.[1], 'a command runbook started').toBe(String(own));
  }, 60_000);

  it('starts from its own path, a relative one and through a link', () => {
    const link = join(scratch, 'runbook-link');
    symlinkSync(RUNBOOK, link);
    const version = (cmd: string, args: string[], cwd?: string) =>
      spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000, ...(cwd ? { cwd } : {}) });
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const want = `runbook ${pkg.version} (Ansible-compatible: ansible-core 2.14)`;
    for (const [how, r] of [
      ['its own path', version(RUNBOOK, ['--version'])],
      ['a link', version(link, ['--version'])],
      ['a path relative to the directory', version('sh', ['runbook', '--version'], join(RUNBOOK, '..'))],
    ] as const)
      expect({ how, out: r.stdout.trim(), status: r.status }).toEqual({ how, out: want, status: 0 });
  }, 60_000);

  it.each([
    ['a filter given an undefined value', '{{ nothing | dict2items }}'],
    ['the type of a value', '{{ (1, 2) | type_debug }} {{ {} | type_debug }} {{ none | type_debug }}'],
  ])(
    '%s: the same message as the source',
    async (_name, expr) => {
      const src = await fromSource(['template', expr]);
      const r = spawnSync('node', [CLI, 'template', expr], { encoding: 'utf8', timeout: 30_000 });
      expect({ code: r.status, text: `${r.stdout}${r.stderr}`.trimEnd() }).toEqual(src);
      expect(src.text).not.toContain('_Undefined');
    },
    30_000,
  );
});
