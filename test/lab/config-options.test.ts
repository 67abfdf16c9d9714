// OPENSTACK.md §7 as the roles apply it, held against what Liberty reads: SUSE Cloud 5's Juno
// configs (the lab's, lab/fakestack/fakestack/configs.py) migrated by config-migrate's awk with the
// rules its template renders from config_rows, then read as a Liberty service reads them
// (fakestack/effective.py over liberty-options.json, the option table extracted from the Liberty
// source). No lab needed: awk and Debian's python3, as on the hosts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderTemplateFile, template } from '../../src/template/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FAKESTACK = join(ROOT, 'lab/fakestack');
const PYTHON = '/usr/bin/python3'; // the hosts' interpreter (Debian's python3)
const defaults = parse(readFileSync(join(ROOT, 'roles/juno_liberty_common/defaults/main.yml'), 'utf8'), {
  version: '1.1',
}) as { config_rows: unknown[]; config_files: Record<string, string[]> };
const RULES = readFileSync(join(ROOT, 'roles/config-migrate/templates/rules.j2'), 'utf8');
const AWK = join(ROOT, 'roles/config-migrate/files/ini-migrate.awk');
const PROJECTS = {
  nova: 'nova.conf',
  keystone: 'keystone.conf',
  glance: 'glance-api.conf',
  cinder: 'cinder.conf',
  neutron: 'neutron.conf',
  heat: 'heat.conf',
};

let dir: string;
const py = (code: string): string =>
  execFileSync(PYTHON, ['-c', code], { env: { ...process.env, PYTHONPATH: FAKESTACK }, encoding: 'utf8' });

/** The lab's Juno configs (site values made up) under DIR/NAME/etc/…; the paths written. */
function junoConfigs(name: string): string[] {
  const out = py(`
import json, os
from fakestack import configs
site = {k: 'x' for k in ['ctl', 'rabbit_pw', 'svc_pw', 'nova_pw', 'keystone_pw', 'glance_pw', 'cinder_pw', 'neutron_pw', 'heat_pw']}
root = ${JSON.stringify(join(dir, name))}
paths = []
for p, text in configs.JUNO.items():
    os.makedirs(os.path.dirname(root + p), exist_ok=True)
    with open(root + p, 'w') as f:
        f.write(configs.render(text, site))
    paths.append(root + p)
print(json.dumps(paths))
`);
  return JSON.parse(out) as string[];
}

/** config-migrate's "each config migrated" task on one file: its rules, its awk. */
function migrate(path: string): string {
  const rules = renderTemplateFile(RULES, { item: path, config_rows: defaults.config_rows });
  // the command module's stdout loses its trailing newlines; the copy task writes it with one
  return `${execFileSync('awk', ['-v', `rules=${rules}`, '-f', AWK, path], { encoding: 'utf8' }).replace(/[\r\n]+$/, '')}\n`;
}

function migrateAll(paths: string[]): void {
  for (const p of paths) writeFileSync(p, migrate(p));
}

/** What each Liberty service makes of its config: ignored and deprecated options. */
function effective(
  name: string,
): Record<string, { ignored: string[]; deprecated: string[]; options: Record<string, unknown> }> {
  const confs = Object.fromEntries(Object.entries(PROJECTS).map(([p, f]) => [p, join(dir, name, 'etc', p, f)]));
  return JSON.parse(
    py(`
import json
from fakestack import effective
print(json.dumps({p: effective.compute(p, 'liberty', path) for p, path in ${JSON.stringify(confs)}.items()}))
`),
  ) as ReturnType<typeof effective>;
}

/** preflight's report task (its shell script, templated as the task is) over DIR/NAME's files. */
function report(name: string): string[] {
  const tasks = parse(readFileSync(join(ROOT, 'roles/preflight/tasks/report.yml'), 'utf8'), { version: '1.1' }) as {
    name: string;
    'ansible.builtin.shell'?: string;
  }[];
  const shell = tasks.find((t) => t['ansible.builtin.shell'])!['ansible.builtin.shell']!;
  const files = Object.fromEntries(
    Object.entries(defaults.config_files).map(([p, list]) => [p, list.map((f) => join(dir, name, f))]),
  );
  const script = template(shell, { config_rows: defaults.config_rows, config_files: files }) as string;
  return execFileSync('sh', ['-c', script], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((l) => l.replace(join(dir, name), ''))
    .sort();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rb-options-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("Liberty's option table (liberty-options.json)", () => {
  it('finds in the Juno configs exactly the SILENT rows of §7 they carry, and reads the WARN ones by their deprecated names', () => {
    junoConfigs('juno');
    const eff = effective('juno');
    expect(eff.nova!.ignored).toEqual([
      'DEFAULT.glance_host',
      'DEFAULT.glance_port',
      'DEFAULT.neutron_admin_auth_url',
      'DEFAULT.neutron_admin_password',
      'DEFAULT.neutron_admin_tenant_name',
      'DEFAULT.neutron_admin_username',
      'DEFAULT.neutron_metadata_proxy_shared_secret',
      'DEFAULT.neutron_url',
      'DEFAULT.os_region_name',
      'DEFAULT.service_neutron_metadata_proxy',
      'osapi_v3.enabled',
      'DEFAULT.notification_driver',
    ]);
    expect(eff.glance!.ignored.sort()).toEqual(
      [
        'default_store',
        'filesystem_store_datadir',
        'known_stores',
        'rbd_store_ceph_conf',
        'rbd_store_pool',
        'rbd_store_user',
      ].map((k) => `DEFAULT.${k}`),
    );
    expect(eff.keystone!.ignored).toEqual(['ec2.driver']);
    for (const p of ['cinder', 'neutron', 'heat']) expect(eff[p]!.ignored).toEqual([]);
    // oslo.messaging still reads [DEFAULT] rabbit_* (deprecated_group='DEFAULT', impl_rabbit.py)
    expect(eff.heat!.options['oslo_messaging_rabbit.rabbit_userid']).toBe('nova');
    expect(eff.heat!.deprecated).toContain(
      'Option "rabbit_host" from group "DEFAULT" is deprecated. Use option "rabbit_host" from group "oslo_messaging_rabbit".',
    );
  });

  it('after config-migrate no Liberty service ignores an option, and the options it moved are read under their new names', () => {
    migrateAll(junoConfigs('migrated'));
    const eff = effective('migrated');
    for (const [p, e] of Object.entries(eff)) expect([p, e.ignored]).toEqual([p, []]);
    expect(eff.nova!.options['neutron.url']).toBe('http://x:9696');
    expect(eff.glance!.options['glance_store.default_store']).toBe('rbd');
    expect(eff.glance!.options['glance_store.stores']).toBe('file,http');
    // neutron reads [nova] username/password only through the auth plugin auth_plugin names
    expect(eff.neutron!.options['nova.auth_plugin']).toBe('password');
    expect(eff.neutron!.options['nova.username']).toBe('nova');
    expect(eff.cinder!.options['DEFAULT.auth_strategy']).toBe('keystone');
    // SUSE's template sets [cinder] catalog_info: row 14 leaves it alone
    expect(eff.nova!.options['cinder.catalog_info']).toBe('volumev2:cinder:internalURL');
  });

  it('finds an option Liberty ignores that §7 does not list ([neutron] allow_duplicate_networks, gone in Liberty; [libvirt] vif_driver)', () => {
    const paths = junoConfigs('extra');
    const nova = paths.find((p) => p.endsWith('/nova.conf'))!;
    writeFileSync(
      nova,
      `${readFileSync(nova, 'utf8')}\n[neutron]\nallow_duplicate_networks = True\n\n[libvirt]\nvif_driver = nova.virt.libvirt.vif.LibvirtGenericVIFDriver\n`,
    );
    migrateAll(paths);
    expect(effective('extra').nova!.ignored).toEqual(['libvirt.vif_driver', 'neutron.allow_duplicate_networks']);
  });

  it('a key without auth_plugin in its group is ignored: the plugin options exist only once a plugin is named', () => {
    mkdirSync(join(dir, 'plugin/etc/neutron'), { recursive: true });
    for (const p of Object.keys(PROJECTS)) mkdirSync(join(dir, 'plugin/etc', p), { recursive: true });
    writeFileSync(join(dir, 'plugin/etc/neutron/neutron.conf'), '[nova]\nusername = nova\nregion_name = RegionOne\n');
    expect(effective('plugin').neutron!.ignored).toEqual(['nova.username']);
  });
});

describe('config-migrate (ini-migrate.awk) on §7 rows that act on what a file leaves unset', () => {
  it('sets cinder auth_strategy and nova [cinder] catalog_info to the values Juno used, once; a Juno alias of the key counts as set', () => {
    mkdirSync(join(dir, 'unset/etc/nova'), { recursive: true });
    mkdirSync(join(dir, 'unset/etc/cinder'), { recursive: true });
    const nova = join(dir, 'unset/etc/nova/nova.conf');
    const cinder = join(dir, 'unset/etc/cinder/cinder.conf');
    writeFileSync(nova, '[DEFAULT]\nmy_ip = 10.0.0.1\n');
    writeFileSync(cinder, '[DEFAULT]\nverbose = True\n');
    writeFileSync(nova, migrate(nova));
    writeFileSync(cinder, migrate(cinder));
    expect(readFileSync(nova, 'utf8')).toBe(
      '[DEFAULT]\nmy_ip = 10.0.0.1\n\n[cinder]\ncatalog_info = volume:cinder:publicURL\n',
    );
    expect(readFileSync(cinder, 'utf8')).toBe('[DEFAULT]\nauth_strategy = keystone\n');
    expect(migrate(nova)).toBe(readFileSync(nova, 'utf8'));
    writeFileSync(nova, '[DEFAULT]\ncinder_catalog_info = volumev2:cinderv2:internalURL\n');
    expect(migrate(nova)).toBe('[DEFAULT]\n\n[cinder]\ncatalog_info = volumev2:cinderv2:internalURL\n');
  });
});

describe("preflight's config-migration report", () => {
  it('names each Juno spelling with its row, values only where the value is the Juno one, and the keys left unset', () => {
    junoConfigs('report');
    const lines = report('report');
    expect(lines).toContain(
      'WARN row 2: /etc/nova/nova.conf [DEFAULT] rpc_backend = nova.openstack.common.rpc.impl_kombu',
    );
    expect(lines).toContain('CHANGE row 30: /etc/cinder/cinder.conf [DEFAULT] auth_strategy unset');
    expect(lines).toContain('WARN row 28: /etc/neutron/neutron.conf [DEFAULT] nova_admin_username');
    expect(lines).toContain('SILENT row 25: /etc/glance/glance-api.conf [DEFAULT] known_stores');
    expect(lines.filter((l) => l.includes('row 14'))).toEqual([]); // SUSE's nova.conf sets [cinder] catalog_info
    expect(lines.filter((l) => l.startsWith('BREAK'))).toEqual([
      'BREAK row P1: /etc/keystone/keystone-paste.ini has XmlBodyMiddleware',
      'BREAK row P2-P4: /etc/cinder/api-paste.ini has .openstack.common.middleware.',
      'BREAK row P2-P4: /etc/heat/api-paste.ini has .openstack.common.middleware.',
      'BREAK row P2-P4: /etc/neutron/api-paste.ini has .openstack.common.middleware.',
      'BREAK row P2-P4: /etc/nova/api-paste.ini has .openstack.common.middleware.',
    ]);
    // after config-migrate only the rows reported for the operator are left (auth plugins, §7 rows 9 and 18)
    for (const f of Object.values(defaults.config_files).flat()) {
      const p = join(dir, 'report', f);
      if (existsSync(p)) writeFileSync(p, migrate(p));
    }
    const after = report('report');
    expect(after.filter((l) => !/^WARN row (9|18): /.test(l))).toEqual([]);
    expect(after).toContain('WARN row 9: /etc/nova/nova.conf [neutron] admin_username');
    expect(after).toContain('WARN row 18: /etc/cinder/cinder.conf [keystone_authtoken] identity_uri');
  });
});
