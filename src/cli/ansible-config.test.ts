import { describe, expect, it } from 'vitest';
import { homedir } from 'node:os';
import { hasSetting, settingValue, type ConfigSource } from './ansible-config.js';

const source = (
  env: NodeJS.ProcessEnv,
  ini: Record<string, Record<string, string>> = {},
  file?: string,
): ConfigSource => ({
  file,
  env,
  cfg: new Map(Object.entries(ini).map(([s, kv]) => [s, new Map(Object.entries(kv))])),
});

describe("ansible.constants' settings (config/manager.py's ensure_type over base.yml)", () => {
  it('takes the default, typed, a templated default with ANSIBLE_HOME', () => {
    const s = source({});
    expect(settingValue('DEFAULT_FORKS', s)).toBe(5);
    expect(settingValue('HOST_KEY_CHECKING', s)).toBe(true);
    expect(settingValue('DEFAULT_ROLES_PATH', s)).toEqual([
      `${homedir()}/.ansible/roles`,
      '/usr/share/ansible/roles',
      '/etc/ansible/roles',
    ]);
    expect(settingValue('DEFAULT_BECOME_USER', s)).toBe('root');
  });

  it('prefers the environment to ansible.cfg, and reads a relative path from the file beside it', () => {
    const ini = { defaults: { forks: '7', roles_path: 'roles:/abs' } };
    expect(settingValue('DEFAULT_FORKS', source({}, ini, '/etc/x/ansible.cfg'))).toBe(7);
    expect(settingValue('DEFAULT_FORKS', source({ ANSIBLE_FORKS: '9' }, ini, '/etc/x/ansible.cfg'))).toBe(9);
    expect(settingValue('DEFAULT_ROLES_PATH', source({}, ini, '/etc/x/ansible.cfg'))).toEqual(['/etc/x/roles', '/abs']);
    expect(settingValue('DEFAULT_ROLES_PATH', source({ ANSIBLE_HOME: '/h' }))).toEqual([
      '/h/roles',
      '/usr/share/ansible/roles',
      '/etc/ansible/roles',
    ]);
  });

  it('splits lists, unquotes strings, reads booleans loosely', () => {
    expect(settingValue('CALLBACKS_ENABLED', source({ ANSIBLE_CALLBACKS_ENABLED: "a, 'b'" }))).toEqual(['a', 'b']);
    expect(settingValue('DEFAULT_BECOME_USER', source({ ANSIBLE_BECOME_USER: '"x"' }))).toBe('x');
    expect(settingValue('HOST_KEY_CHECKING', source({ ANSIBLE_HOST_KEY_CHECKING: 'No' }))).toBe(false);
  });

  it('knows only the settings base.yml defines', () => {
    expect(hasSetting('DEFAULT_FORKS')).toBe(true);
    expect(hasSetting('NOPE')).toBe(false);
  });
});
