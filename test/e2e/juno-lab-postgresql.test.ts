// The Juno lab on PostgreSQL (issue 19): `runbook lab up --database postgresql` deploys SUSE
// Cloud 5 as Crowbar did by default — PostgreSQL on the controller, every service's database,
// role and Juno schema there, seeded, the services running on it — and the shipped preflight
// refuses such a cloud by name until the roles have their PostgreSQL path, changing nothing.
// Own lab on 127.0.2.71+.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junoLabUnavailable, startJunoLab, type TestJunoLab } from '../support/juno-lab.js';

const skip = junoLabUnavailable();
let lab: TestJunoLab;

/** A query on the controller's PostgreSQL as its superuser (over TCP; ~/.pgpass holds the password). */
function psql(db: string, query: string): string {
  const r = lab.ssh('controller1', `psql -h $(hostname -i) -U postgres -d ${db} -Atc "${query}"`);
  expect(r.code, r.err).toBe(0);
  return r.out.trim();
}

describe.skipIf(skip)('the Juno lab on PostgreSQL', { timeout: 120_000 }, () => {
  beforeAll(() => {
    lab = startJunoLab('default', 71, 1, 'postgresql');
  }, 600_000);
  afterAll(() => lab?.down(), 120_000);

  it('status: every service active on the controller, each database at its Juno version', () => {
    const r = lab.cli('status', '--json');
    expect(r.code, r.err).toBe(0);
    const st = JSON.parse(r.out) as {
      name: string;
      services: Record<string, { active: boolean }>;
      databases?: Record<string, unknown>;
    }[];
    expect(Object.keys(st[0]!.services)).toContain('postgresql');
    expect(Object.keys(st[0]!.services)).not.toContain('mysql');
    expect(Object.values(st[0]!.services).every((s) => s.active)).toBe(true);
    expect(st[0]!.databases).toEqual({
      nova: 254,
      keystone: 55,
      glance: 36,
      cinder: 26,
      heat: 46,
      neutron: ['juno'],
    });
  });

  it("the services' data is in PostgreSQL, owned by each service's role; the Juno tools read it through their configs", () => {
    expect(Number(psql('nova', 'SELECT COUNT(*) FROM instances WHERE deleted = 0'))).toBeGreaterThan(0);
    expect(
      psql(
        'postgres',
        "SELECT datname || '=' || pg_get_userbyid(datdba) FROM pg_database WHERE datname IN ('nova', 'keystone') ORDER BY 1",
      ),
    ).toBe('keystone=keystone\nnova=nova');
    expect(lab.ssh('controller1', 'grep ^connection /etc/nova/nova.conf').out).toMatch(
      /^connection = postgresql:\/\/nova:/m,
    );
    const v = lab.ssh('controller1', 'nova-manage db version');
    expect(v.out.trim(), v.err).toBe('254');
  });

  it('the shipped preflight refuses a PostgreSQL cloud by name, before anything changes', () => {
    const r = lab.apply(['playbooks/upgrade/00-preflight.yml'], process.cwd());
    expect(r.code).toBe(2);
    expect(r.out).toContain('a postgresql database (only MariaDB/MySQL); nothing was changed.');
    const st = JSON.parse(lab.cli('status', '--json').out) as { services: Record<string, { active: boolean }> }[];
    expect(Object.values(st[0]!.services).every((s) => s.active)).toBe(true);
  });
});
