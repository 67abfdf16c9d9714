// The SSH test lab: real sshd hosts (src/lab/sshd-hosts.ts) on 127.0.2.11+ (the test range of
// the README's address plan), a non-root `operator` with a sudo password, and an inventory.
// Needs root; as root, missing openssh-server/sudo are installed with apt first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LabHosts } from '../../src/lab/sshd-hosts.js';

export const OPERATOR_PASSWORD = 'lab-operator-pw';
export const CLI = resolve('dist/cli.js');

/** Why SSH e2e tests cannot run here, or undefined when they can. */
export function sshLabUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'SSH e2e tests need root (namespaces, overlay mounts); run npm test as root';
  const missing = ['/usr/sbin/sshd', '/usr/bin/sudo'].filter((p) => !existsSync(p));
  if (missing.length) {
    const r = spawnSync('apt-get', ['install', '-y', 'openssh-server', 'sudo'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0)
      return 'openssh-server and sudo are missing and apt-get install failed: run apt-get install -y openssh-server sudo';
  }
  return undefined;
}

export interface TestLab {
  lab: LabHosts;
  dir: string;
  inventory: string;
  /** Runs `runbook apply` on a playbook text with the lab inventory. */
  /** `input`: what runbook reads on stdin (a password it asks for). */
  apply(playbook: string, args?: string[], inventory?: string, input?: string): { code: number; out: string };
  /** A file as a host sees it (its overlay's upper layer first, then the machine's). */
  hostFile(host: string, path: string): string;
  down(): Promise<void>;
}

export async function startTestLab(names: string[], firstHost: number): Promise<TestLab> {
  const dir = mkdtempSync(join(tmpdir(), 'rb-ssh-lab-'));
  const lab = new LabHosts({
    dir,
    names,
    network: '127.0.2',
    firstHost,
    hide: [resolve('.')],
    users: [{ name: 'operator', uid: 1500, sudoPassword: OPERATOR_PASSWORD }],
  });
  await lab.up();
  const inventory = join(dir, 'inventory.ini');
  writeFileSync(
    inventory,
    [
      '[lab]',
      ...lab.hosts.map((h) => `${h.name} ansible_host=${h.address}`),
      '[lab:vars]',
      'ansible_user=root',
      `ansible_ssh_private_key_file=${lab.clientKey}`,
      `ansible_ssh_common_args='-o UserKnownHostsFile=${lab.knownHosts}'`,
      '',
    ].join('\n'),
  );
  let n = 0;
  return {
    lab,
    dir,
    inventory,
    apply(playbook, args = [], inv = inventory, input = '') {
      const file = join(dir, `play${++n}.yml`);
      writeFileSync(file, playbook);
      const r = spawnSync('node', [CLI, 'apply', '-i', inv, ...args, file], {
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
        timeout: 120_000,
        input,
      });
      return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
    },
    hostFile(host, path) {
      return execFileSync('cat', [join(lab.host(host).dir, 'up', path)], { encoding: 'utf8' });
    },
    async down() {
      await lab.down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The recap counts of a host in runbook's output. */
export function recap(out: string, host: string): Record<string, number> {
  const line = out.split('\n').find((l) => l.startsWith(`${host} `) && l.includes(' : ok='));
  if (!line) throw new Error(`no recap line for ${host} in:\n${out}`);
  return Object.fromEntries(
    [...line.matchAll(/(\w+)=(\d+)/g)].map((m): [string, number] => [m[1] ?? '', Number(m[2])]),
  );
}
