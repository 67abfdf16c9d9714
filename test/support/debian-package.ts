// A tool a test needs from a Debian package: installed with apt as root when missing, otherwise
// the reason it is missing with the exact command (the test fails with it, never skips silently).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureDebianPackage(path: string, pkg: string): string | undefined {
  if (existsSync(path)) return undefined;
  if (process.getuid?.() !== 0) return `${path} is missing: run apt-get install -y ${pkg}`;
  const r = spawnSync('apt-get', ['install', '-y', pkg], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return r.status === 0 && existsSync(path)
    ? undefined
    : `${path} is missing and apt-get install failed: run apt-get install -y ${pkg}`;
}
