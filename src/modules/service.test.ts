// systemd, sysvinit and service against real processes: systemd through the fake systemctl of
// test/fixtures/bin (this machine runs no systemd), sysvinit through a real /etc/init.d script
// and update-rc.d (as root only: it writes /etc, and removes what it wrote).
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moduleTestContext } from '../../test/support/module-context.js';
import { findModule, validateArgs, type ModuleContext, type ModuleResult } from './index.js';
import { parseSystemctlShow } from './systemd.js';
import { readStatus } from './sysvinit.js';

const BIN = resolve('test/fixtures/bin');

function context(env: Record<string, string>, checkMode = false, facts: Record<string, string> = {}): ModuleContext {
  return moduleTestContext('t', {
    checkMode,
    env,
    evaluate: (e) => (e.startsWith('ansible_facts.service_mgr') ? (facts.service_mgr ?? '') : undefined),
  });
}

async function run(module: string, args: Record<string, unknown>, ctx: ModuleContext): Promise<ModuleResult> {
  const m = findModule(module)!;
  return m.run(validateArgs(m.name, m.args, new Map(Object.entries(args))), ctx);
}

describe('systemd (fake systemctl)', () => {
  let dir = '';
  let env: Record<string, string> = {};
  const calls = (): string[] =>
    existsSync(join(dir, 'calls')) ? readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n') : [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rb-systemd-'));
    env = { PATH: `${BIN}:${process.env.PATH ?? ''}`, FAKE_SYSTEMD: dir };
    writeFileSync(join(dir, 'openstack-nova-api.service'), '');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts a stopped unit once, then reports ok', async () => {
    const first = await run('systemd', { name: 'openstack-nova-api', state: 'started' }, context(env));
    expect(first).toMatchObject({ changed: true, data: { name: 'openstack-nova-api', state: 'started' } });
    expect(existsSync(join(dir, 'openstack-nova-api.service.active'))).toBe(true);
    const second = await run('systemd', { name: 'openstack-nova-api', state: 'started' }, context(env));
    expect(second.changed).toBe(false);
    expect((second.data?.status as Record<string, string>).ActiveState).toBe('active');
  });

  it('check mode reports the change and runs nothing that changes the host', async () => {
    const r = await run('systemd', { name: 'openstack-nova-api', state: 'started', enabled: true }, context(env, true));
    expect(r).toMatchObject({ changed: true, data: { enabled: true } });
    expect(calls().filter((c) => /^(start|enable) /.test(c))).toEqual([]);
    expect(existsSync(join(dir, 'openstack-nova-api.service.active'))).toBe(false);
  });

  it('enables and disables by is-enabled', async () => {
    expect((await run('systemd', { name: 'openstack-nova-api', enabled: true }, context(env))).changed).toBe(true);
    expect((await run('systemd', { name: 'openstack-nova-api', enabled: true }, context(env))).changed).toBe(false);
    const off = await run('systemd', { name: 'openstack-nova-api', enabled: false }, context(env));
    expect(off).toMatchObject({ changed: true, data: { enabled: false } });
  });

  it('restarted always changes; stopped after that stops', async () => {
    expect((await run('systemd', { name: 'openstack-nova-api', state: 'restarted' }, context(env))).changed).toBe(true);
    expect((await run('systemd', { name: 'openstack-nova-api', state: 'restarted' }, context(env))).changed).toBe(true);
    expect(calls()).toContain('restart openstack-nova-api');
    expect((await run('systemd', { name: 'openstack-nova-api', state: 'stopped' }, context(env))).changed).toBe(true);
    expect((await run('systemd', { name: 'openstack-nova-api', state: 'stopped' }, context(env))).changed).toBe(false);
  });

  it('masks', async () => {
    expect((await run('systemd', { name: 'openstack-nova-api', masked: true }, context(env))).changed).toBe(true);
    expect((await run('systemd', { name: 'openstack-nova-api', masked: true }, context(env))).changed).toBe(false);
  });

  it('fails as Ansible does for a missing unit and a unit that will not start', async () => {
    expect(await run('systemd', { name: 'nope', state: 'started' }, context(env))).toMatchObject({
      failed: true,
      msg: 'Could not find the requested service nope: host',
    });
    writeFileSync(join(dir, 'openstack-nova-api.service.fails'), '');
    expect(await run('systemd', { name: 'openstack-nova-api', state: 'started' }, context(env))).toMatchObject({
      failed: true,
      msg: 'Unable to start service openstack-nova-api: Job for openstack-nova-api.service failed.\n',
    });
    expect(await run('systemd', { state: 'started' }, context(env))).toMatchObject({
      failed: true,
      msg: "missing parameter(s) required by 'state': name",
    });
    expect(await run('systemd', { name: 'a*', state: 'started' }, context(env))).toMatchObject({ failed: true });
  });

  it('service picks systemd from ansible_facts.service_mgr', async () => {
    const r = await run(
      'service',
      { name: 'openstack-nova-api', state: 'started' },
      context(env, false, { service_mgr: 'systemd' }),
    );
    expect(r.changed).toBe(true);
    expect(calls()).toContain('start openstack-nova-api');
  });

  it('parses multi-line show values', () => {
    expect(parseSystemctlShow('A=1\nExecStart={ path=/x ;\n  more }\nB= 2 \n')).toEqual({
      A: '1',
      ExecStart: '{ path=/x ;\n  more }',
      B: '2',
    });
  });
});

describe('sysvinit status reading (sysvinit.py)', () => {
  it.each([
    ['nova', 0, 'nova is running\n', [true, true]],
    ['nova', 3, 'nova is not running\n', [true, false]],
    ['nova', 0, 'Checking for service nova: unused\n', [true, true]],
    ['nova', 3, '', [true, false]],
    ['nova', 0, 'line1\nline2\nline3\n', [true, true]],
    ['nova', 7, 'a\nb\nc\n', [false, false]],
  ] as const)('%s rc=%d %j', (name, rc, out, want) => {
    expect(readStatus(name, rc, out)).toEqual(want);
  });
});

const root = process.getuid?.() === 0 && existsSync('/usr/sbin/update-rc.d');
describe.runIf(root)('sysvinit with a real init script (root)', () => {
  const name = `rb-test-${process.pid}`;
  const script = `/etc/init.d/${name}`;
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rb-sysv-'));
    writeFileSync(
      script,
      `#!/bin/sh
### BEGIN INIT INFO
# Provides: ${name}
# Required-Start:
# Required-Stop:
# Default-Start: 2 3 4 5
# Default-Stop: 0 1 6
### END INIT INFO
P=${dir}/pid
case "$1" in
  start) sleep 300 >/dev/null 2>&1 & echo $! > $P ;;
  stop) [ -f $P ] && kill $(cat $P) && rm -f $P ;;
  status) if [ -f $P ] && kill -0 $(cat $P) 2>/dev/null; then echo "${name} is running"; else echo "${name} is not running"; exit 3; fi ;;
esac
`,
    );
    chmodSync(script, 0o755);
  });
  afterEach(() => {
    try {
      execFileSync('/etc/init.d/' + name, ['stop']);
    } catch {
      /* already stopped */
    }
    execFileSync('update-rc.d', ['-f', name, 'remove']);
    rmSync(script, { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts, enables, stops — each once', async () => {
    const ctx = context({});
    expect((await run('sysvinit', { name, state: 'started', enabled: true }, ctx)).changed).toBe(true);
    expect(existsSync(join(dir, 'pid'))).toBe(true);
    expect(existsSync(`/etc/rc2.d/S01${name}`)).toBe(true);
    expect((await run('sysvinit', { name, state: 'started', enabled: true }, ctx)).changed).toBe(false);
    expect((await run('service', { name, state: 'stopped', use: 'sysvinit' }, ctx)).changed).toBe(true);
    expect(existsSync(join(dir, 'pid'))).toBe(false);
    expect((await run('sysvinit', { name, state: 'stopped' }, context({}, true))).changed).toBe(false);
    expect(await run('sysvinit', { name: 'rb-no-such-service', state: 'started' }, ctx)).toMatchObject({
      failed: true,
      msg: 'Could not find the requested service rb-no-such-service: ',
    });
  });
});
