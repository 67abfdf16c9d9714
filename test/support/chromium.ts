// Debian's chromium for the report test (driven by playwright-core): installed with apt when
// the tests run as root, as the lab's packages are; otherwise the test says what to run.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM = '/usr/bin/chromium';

/** Why Chromium cannot run here, or undefined once it is installed. */
export function chromiumUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  if (process.getuid?.() !== 0) return 'chromium is missing: run apt-get install -y chromium';
  const r = spawnSync('apt-get', ['install', '-y', 'chromium'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0 && existsSync(CHROMIUM)
    ? undefined
    : 'chromium is missing and apt-get install failed: run apt-get install -y chromium';
}
