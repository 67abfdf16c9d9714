// Issue 20: upgrade_mode non_disruptive on a lab with 3 computes (own lab on 127.0.2.81+): the
// guests keep running through the whole upgrade — the data-plane guardian (--guard) probes each
// once a second and every one answers at least 99 % of the probes, its counter never restarting;
// nova's database places each guest on the compute it runs on; the full upgrade's outcome as
// upgrade.test.ts checks it. Preflight refuses the mode, nothing stopped, without spare capacity
// or a shared instances path; a run stopped in the compute phase resumes with no guest moved
// twice; rollback is refused while guests run on Liberty computes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { junoLabUnavailable, startJunoLab, type TestJunoLab } from '../support/juno-lab.js';
import { recap } from '../support/ssh-lab.js';
import { cloudDb, type CloudDb, type Row } from '../support/cloud-db.js';
import { expectUpgradedCloud, guestsTable, offRelease } from '../support/upgrade-scenarios.js';

const skip = junoLabUnavailable();
const COMPUTES = ['compute1', 'compute2', 'compute3'];
const MODE = ['-e', 'upgrade_mode=non_disruptive'];
let lab: TestJunoLab;
let site: string;
let db: CloudDb;

/** Every running guest: compute → sorted instance uuids, as libvirt (the lab's virsh) sees them. */
function running(): Record<string, string[]> {
  return Object.fromEntries(
    COMPUTES.map((h) => [
      h,
      lab
        .ssh(h, 'for d in $(virsh list --name); do virsh domuuid "$d" | head -1; done')
        .out.split('\n')
        .filter(Boolean)
        .sort(),
    ]),
  );
}

/** nova's database: the host of each of these instances. */
function novaHosts(uuids: string[]): Record<string, string> {
  const rows = db.rows('nova', 'SELECT uuid, host, node FROM instances WHERE deleted = 0');
  return Object.fromEntries(rows.filter((r) => uuids.includes(r[0]!)).map((r) => [r[0]!, `${r[1]}/${r[2]}`]));
}

/** The same guests run, each on the compute nova's database places it on (host and node). */
function placedWhereTheyRun(ran: string[]): void {
  const now = running();
  expect(Object.values(now).flat().sort()).toEqual([...ran].sort());
  const hosts = novaHosts(ran);
  for (const [h, uuids] of Object.entries(now)) for (const u of uuids) expect(hosts[u], u).toBe(`${h}/${h}`);
}

/** The counter a guest answers with on its own address (guests.yml), from this machine. */
function probeCounter(name: string): number {
  const guest = readFileSync(join(lab.dir, 'guests.yml'), 'utf8')
    .split('\n')
    .find((l) => l.includes(`name: ${name},`));
  const [, address] = /address: ([\d.]+)/.exec(guest ?? '') ?? [];
  const r = spawnSync('bash', ['-c', `exec 3<>/dev/tcp/${address}/80 && head -1 <&3`], {
    encoding: 'utf8',
    timeout: 5000,
  });
  return Number(r.stdout.trim().split(' ')[1]);
}

/** The item lines of each move of stage 80: `changed: [computeN] => (item=instance-… → computeM)`. */
function moves(out: string): string[] {
  return [...out.matchAll(/^changed: \[(compute\d)\] => \(item=(instance-\w+) → (compute\d)\)/gm)].map(
    (m) => `${m[2]} ${m[1]}→${m[3]}`,
  );
}

describe.skipIf(skip)('upgrade_mode non_disruptive on a lab with 3 computes', () => {
  let before: { running: Record<string, string[]>; instances: Row[]; checksums: Row[] };
  beforeAll(() => {
    lab = startJunoLab('default', 81, 3);
    db = cloudDb(lab);
    site = mkdtempSync(join(tmpdir(), 'rb-site-nd-'));
    before = { running: running(), instances: db.instances(), checksums: db.checksums() };
    expect(Object.values(before.running).flat().length).toBeGreaterThan(6);
  }, 600_000);
  afterAll(() => lab?.down(), 120_000);

  const unchanged = (): void => {
    expect(running()).toEqual(before.running);
    expect(offRelease(lab, 'juno')).toEqual([]);
  };

  it('preflight refuses the mode without spare capacity, saying what is short; nothing is stopped', () => {
    // the hypervisors' size (the resource tracker reports it to nova): 10 GiB each, too small
    const size = (json: string): void => {
      for (const h of COMPUTES) {
        const r = lab.ssh(
          h,
          `${json ? `echo '${json}' > /etc/fakestack/hypervisor.json` : 'rm -f /etc/fakestack/hypervisor.json'} && service openstack-nova-compute restart`,
        );
        expect(r.code, r.err).toBe(0);
      }
    };
    size('{"memory_mb": 10240}');
    try {
      const r = lab.apply([...MODE, 'upgrade-juno-liberty.yml'], site);
      expect(r.code, r.out.slice(-3000)).toBe(2);
      expect(r.out).toMatch(
        /upgrade_mode non_disruptive is refused: (Emptying compute\d needs room for instance-\w+ \(\d+ MiB\)[^"]* and the other computes have compute\d: -?\d+ MiB, compute\d: -?\d+ MiB free\. )?(Spare capacity for the computes after it: compute\d runs \d+ MiB of guests, the computes upgraded before it have -?\d+ MiB free[^"]*\. )?Nothing was changed\./,
      );
      expect(r.out).not.toContain('TASK [evacuate : each guest');
      expect(r.out).not.toContain('TASK [backup');
      unchanged();
    } finally {
      size('');
    }
  }, 600_000);

  it('preflight refuses the mode when a compute does not share the instances path, naming it; nothing is stopped', () => {
    // compute3's own directory over the shared one: it sees none of the others' disks
    expect(lab.ssh('compute3', 'mount -t tmpfs lab-unshared /var/lib/nova/instances').code).toBe(0);
    try {
      const r = lab.apply([...MODE, 'upgrade-juno-liberty.yml'], site);
      expect(r.code, r.out.slice(-3000)).toBe(2);
      expect(r.out).toMatch(
        /upgrade_mode non_disruptive is refused: compute3 does not see the disks of instance-\w+(, instance-\w+)* under \/var\/lib\/nova\/instances — the instances path is not shared by the computes/,
      );
      expect(r.out).not.toContain('TASK [backup');
    } finally {
      expect(lab.ssh('compute3', 'umount /var/lib/nova/instances').code).toBe(0);
    }
    unchanged();
  }, 600_000);

  it('upgrades the cloud with every guest answering through the whole run, each where nova places it; nothing lost', () => {
    const report = join(site, 'run.html');
    const r = lab.apply(
      [...MODE, '--guard', join(lab.dir, 'guests.yml'), '--report', report, 'upgrade-juno-liberty.yml'],
      site,
    );
    expect(r.code, r.out.slice(-3000) + r.err.slice(-2000)).toBe(0);
    for (const h of ['controller1', ...COMPUTES]) expect(recap(r.out, h).failed).toBe(0);
    // one compute emptied by nova's live migration before the downtime, the others in stage 80
    expect(r.out).toMatch(
      /TASK \[evacuate : each guest of the spare compute moved live by nova[^\n]*\n(changed: \[controller1\] => \(item=instance-\w+ compute\d → compute\d\)\n)+/,
    );
    expect(moves(r.out).length).toBeGreaterThan(0);
    // the guardian: every guest that ran answered ≥ 99 % of its probes and was never restarted
    const table = guestsTable(report);
    const ran = Object.values(before.running).flat();
    expect(Object.keys(table).length).toBe(ran.length);
    for (const [name, [availability, , restarted]] of Object.entries(table)) {
      expect(availability, name).toBeGreaterThanOrEqual(99);
      expect(restarted, name).toBe('no');
    }
    expect(r.err).toMatch(/guardian: \d+ guests probed every second[^\n]*; restarted: none/);
    placedWhereTheyRun(ran);
    // the full upgrade's outcome: Liberty everywhere, flavors migrated, states and untouched tables as before
    expect(db.versions()).toBe('nova=302 nova_api=3 keystone=75 glance=42 cinder=60 heat=65');
    expect(db.sysmetaFlavors()).toBe('0');
    expect(db.instances()).toEqual(before.instances);
    expect(db.migratedFlavors()).toEqual(before.instances.map((i) => [i[0], i[3]]));
    expect(db.checksums()).toEqual(before.checksums);
    expectUpgradedCloud(lab, site, ['controller1', ...COMPUTES]);
  }, 1_200_000);

  it('a second run changes nothing', () => {
    const r = lab.apply([...MODE, 'upgrade-juno-liberty.yml'], site);
    expect(r.code, r.out.slice(-3000)).toBe(0);
    for (const h of ['controller1', ...COMPUTES]) expect(recap(r.out, h)).toMatchObject({ changed: 0, failed: 0 });
  }, 600_000);

  it('rollback is refused while guests run on Liberty computes, naming them and how to force it', () => {
    const r = lab.apply([...MODE, 'rollback-juno.yml'], site);
    expect(r.code, r.out.slice(-3000)).toBe(2);
    expect(r.out).toMatch(
      /Guests run on Liberty computes \((compute\d: instance-\w+(, instance-\w+)*(; )?)+\): a rollback reinstalls those computes with Juno and would stop them\./,
    );
    expect(r.out).toContain('-e rollback_force=true');
    expect(offRelease(lab, 'liberty')).toEqual([]);
  }, 600_000);

  it('a run stopped in the compute phase resumes with no guest moved twice, each where nova places it', async () => {
    lab.restore('_initial');
    const fresh = mkdtempSync(join(tmpdir(), 'rb-site-nd-resume-'));
    const guard = ['--guard', join(lab.dir, 'guests.yml')];
    const first = lab.applyAsync([...MODE, ...guard, 'upgrade-juno-liberty.yml'], fresh);
    // Ctrl-C once the first compute of stage 80 has moved a guest and the run went on
    await first.until(/^changed: \[compute\d\] => \(item=instance-\w+ → compute\d\)[\s\S]*\nTASK \[/m, 900_000);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code, stopped.out.slice(-3000)).toBe(99);
    const r = lab.apply(['--resume', ...MODE, ...guard, 'upgrade-juno-liberty.yml'], fresh);
    expect(r.code, r.out.slice(-3000) + r.err.slice(-2000)).toBe(0);
    const all = [...moves(stopped.out), ...moves(r.out)];
    expect(all.length).toBeGreaterThan(0);
    expect(new Set(all.map((m) => m.split(' ')[0])).size).toBe(all.length);
    expect(r.err).toMatch(/guardian: \d+ guests probed every second[^\n]*; restarted: none/);
    placedWhereTheyRun(Object.values(before.running).flat());
    expect(offRelease(lab, 'liberty')).toEqual([]);
  }, 1_800_000);

  it("the lab's nova live migration: the conductor's refusals with nova's messages, then a guest moved live, its counter going on", async () => {
    const api = `http://${lab.site.controller_address}`;
    const auth = (await (
      await fetch(`${api}:5000/v2.0/tokens`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          auth: { tenantName: 'admin', passwordCredentials: { username: 'admin', password: lab.site.admin_pw } },
        }),
      })
    ).json()) as { access: { token: { id: string; tenant: { id: string } } } };
    const nova = `${api}:8774/v2/${auth.access.token.tenant.id}`;
    const headers = { 'X-Auth-Token': auth.access.token.id, 'Content-Type': 'application/json' };
    type Server = Record<string, unknown> & { id: string };
    const servers = async (): Promise<Server[]> =>
      ((await (await fetch(`${nova}/servers/detail?all_tenants=1`, { headers })).json()) as { servers: Server[] })
        .servers;
    const migrate = async (id: string, host: string): Promise<[number, string]> => {
      const r = await fetch(`${nova}/servers/${id}/action`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ 'os-migrateLive': { host, block_migration: false, disk_over_commit: false } }),
      });
      return [r.status, await r.text()];
    };
    const all = await servers();
    const guest = all.find(
      (x) =>
        x['OS-EXT-STS:vm_state'] === 'active' &&
        x['OS-EXT-STS:task_state'] === null &&
        x['OS-EXT-STS:power_state'] === 1,
    )!;
    const stopped = all.find((x) => x['OS-EXT-STS:vm_state'] === 'stopped')!;
    const from = guest['OS-EXT-SRV-ATTR:host'] as string;
    const to = COMPUTES.find((h) => h !== from)!;
    const [selfCode, self] = await migrate(guest.id, from);
    expect(selfCode).toBe(400);
    expect(self).toContain(`Unable to migrate instance (${guest.id}) to current host (${from}).`);
    const [offCode, off] = await migrate(stopped.id, to);
    expect(offCode).toBe(409);
    expect(off).toContain(`Cannot 'os-migrateLive' instance ${stopped.id} while it is in vm_state stopped`);
    // a destination too small for the guest, as its resource tracker reports it
    expect(
      lab.ssh(
        to,
        `echo '{"memory_mb": 512}' > /etc/fakestack/hypervisor.json && service openstack-nova-compute restart`,
      ).code,
    ).toBe(0);
    try {
      const [shortCode, short] = await migrate(guest.id, to);
      expect(shortCode).toBe(400);
      expect(short).toMatch(
        new RegExp(
          `Migration pre-check error: Unable to migrate ${guest.id} to ${to}: Lack of memory\\(host:-?\\d+ <= instance:\\d+\\)`,
        ),
      );
    } finally {
      expect(lab.ssh(to, 'rm -f /etc/fakestack/hypervisor.json && service openstack-nova-compute restart').code).toBe(
        0,
      );
    }
    // nothing moved by the refusals, no task left behind
    expect((await servers()).find((x) => x.id === guest.id)).toMatchObject({
      'OS-EXT-SRV-ATTR:host': from,
      'OS-EXT-STS:task_state': null,
    });
    const name = guest['OS-EXT-SRV-ATTR:instance_name'] as string;
    const counter = (): number => probeCounter(name);
    const before = counter();
    expect(before).toBeGreaterThanOrEqual(0);
    const [okCode] = await migrate(guest.id, to);
    expect(okCode).toBe(202);
    for (let i = 0; i < 60; i++) {
      const now = (await servers()).find((x) => x.id === guest.id)!;
      if (now['OS-EXT-SRV-ATTR:host'] === to && now['OS-EXT-STS:task_state'] === null) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await servers()).find((x) => x.id === guest.id)).toMatchObject({
      'OS-EXT-SRV-ATTR:host': to,
      'OS-EXT-SRV-ATTR:hypervisor_hostname': to,
      'OS-EXT-STS:task_state': null,
      'OS-EXT-STS:power_state': 1,
    });
    expect(running()[to]).toContain(guest.id);
    expect(running()[from]).not.toContain(guest.id);
    expect(counter()).toBeGreaterThanOrEqual(before);
  }, 300_000);
});
