// Debian's ansible-core as the reference for interop tests (ansible-vault, ansible-playbook):
// installed with apt when the tests run as root; otherwise the test says what to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** Why ansible-core cannot run here, or undefined once it is installed. */
export function ansibleUnavailable(): string | undefined {
  if (existsSync('/usr/bin/ansible-vault')) return undefined;
  if (process.getuid?.() !== 0) return 'ansible-core is missing: run apt-get install -y ansible-core';
  const r = spawnSync('apt-get', ['install', '-y', 'ansible-core'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0 && existsSync('/usr/bin/ansible-vault')
    ? undefined
    : 'ansible-core is missing and apt-get install failed: run apt-get install -y ansible-core';
}
