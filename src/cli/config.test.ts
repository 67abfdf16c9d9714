import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, parseConfig } from './config.js';

describe('ansible.cfg and ANSIBLE_* settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-cfg-'));
  writeFileSync(
    join(dir, 'ansible.cfg'),
    '[defaults]\ninventory = hosts.ini\nforks = 12 ; comment\nroles_path = roles:shared/roles\nstdout_callback = json\nnocolor = True\n',
  );

  it('reads ./ansible.cfg, with paths relative to it', () => {
    const s = loadSettings({}, dir);
    expect(s.file).toBe(join(dir, 'ansible.cfg'));
    expect(s.inventory).toEqual([join(dir, 'hosts.ini')]);
    expect(s.forks).toBe(12);
    expect(s.rolesPath).toEqual([join(dir, 'roles'), join(dir, 'shared/roles')]);
    expect(s.stdoutCallback).toBe('json');
    expect(s.noColor).toBe(true);
  });

  it('lets ANSIBLE_* environment variables win over the file, and ANSIBLE_CONFIG choose it', () => {
    expect(loadSettings({ ANSIBLE_FORKS: '3', ANSIBLE_STDOUT_CALLBACK: 'default' }, dir)).toMatchObject({
      forks: 3,
      stdoutCallback: 'default',
    });
    const other = mkdtempSync(join(tmpdir(), 'rb-cfg2-'));
    writeFileSync(join(other, 'custom.cfg'), '[defaults]\nforks = 7\n');
    expect(loadSettings({ ANSIBLE_CONFIG: join(other, 'custom.cfg') }, dir).forks).toBe(7);
  });

  it('parses sections and both = and : separators', () => {
    expect(
      parseConfig('[ssh_connection]\npipelining: True\n[defaults]\nx=1').get('ssh_connection')?.get('pipelining'),
    ).toBe('True');
  });

  it("reads values as ConfigManager's configparser does: ';' comments after a space, '#' kept, continuation lines, raw %", () => {
    const cfg = parseConfig(
      '[defaults]\n# a comment\nAnsible_Managed = by {uid} # kept ; dropped\n  %%Y-%%m-%%d\nforks = 5;6\n; another\n',
    ).get('defaults');
    expect(cfg?.get('ansible_managed')).toBe('by {uid} # kept\n%%Y-%%m-%%d');
    expect(cfg?.get('forks')).toBe('5;6');
  });

  it('reads the connection and privilege escalation defaults, the gathering and fact injection', () => {
    const d = mkdtempSync(join(tmpdir(), 'rb-cfg3-'));
    writeFileSync(
      join(d, 'ansible.cfg'),
      '[defaults]\nremote_user = deploy\nprivate_key_file = keys/id_cloud\nremote_port = 2222\ntimeout = 30\n' +
        'gathering = smart\ninject_facts_as_vars = False\n[privilege_escalation]\nbecome = True\nbecome_user = admin\nbecome_method = su\n',
    );
    expect(loadSettings({}, d)).toMatchObject({
      remoteUser: 'deploy',
      privateKeyFile: join(d, 'keys/id_cloud'),
      remotePort: 2222,
      timeout: 30,
      become: true,
      becomeUser: 'admin',
      becomeMethod: 'su',
      gathering: 'smart',
      injectFactsAsVars: false,
    });
    expect(loadSettings({ ANSIBLE_BECOME: 'no', ANSIBLE_TIMEOUT: '' }, d)).toMatchObject({
      become: false,
      timeout: undefined,
    });
    expect(loadSettings({}, dir)).toMatchObject({ become: false, gathering: 'implicit', injectFactsAsVars: true });
  });

  it("refuses what Ansible's configuration refuses: a value not among the choices, a number that is not one", () => {
    expect(() => loadSettings({ ANSIBLE_GATHERING: 'SMART' }, dir)).toThrow(
      'Invalid value "SMART" for configuration option "setting: DEFAULT_GATHERING ", valid values are: implicit, explicit, smart',
    );
    expect(() => loadSettings({ ANSIBLE_TIMEOUT: 'abc' }, dir)).toThrow(
      "Invalid type for configuration option setting: DEFAULT_TIMEOUT (from env: ANSIBLE_TIMEOUT): invalid literal for int() with base 10: 'abc'",
    );
  });
});
