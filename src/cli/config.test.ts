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
});
