// A lab host's network boot: what PXE finds on the install server for it, and the installation
// it starts. The install server is a directory of the lab (DIR/install, what a Crowbar admin node
// serves over TFTP and HTTP): pxelinux.cfg/HOST (chosen: named by host, not by MAC address) with
// an `append … install=URL autoyast=URL` line, and the AutoYaST profiles under autoyast/. With no
// entry for the host, PXE falls through to the local disk (the old system boots). With one, the
// disk is wiped — every file of the host's own layer, root's home included; the shared instances
// path is a separate mount — and the installer (lab/fakestack's autoyast.py, run by the host's
// PID 1 before sshd) installs what the profile lists.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface PxeEntry {
  install: string;
  autoyast: string;
}

/** The host's pxelinux entry on the install server, or undefined (boot from disk). */
export function pxeEntry(installDir: string, host: string): PxeEntry | undefined {
  const file = join(installDir, 'pxelinux.cfg', host);
  if (!existsSync(file)) return undefined;
  const append = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => /^\s*append\s/.test(l));
  const arg = (k: string): string | undefined => new RegExp(`(?:^|\\s)${k}=(\\S+)`).exec(append ?? '')?.[1];
  const install = arg('install');
  const autoyast = arg('autoyast');
  return install && autoyast ? { install, autoyast } : undefined;
}

/**
 * The profile an `autoyast=` URL names, read from the install server's autoyast/ directory
 * (chosen: the lab reads the file the URL's last path segment names instead of fetching it).
 */
export function profileText(installDir: string, url: string): string | undefined {
  const file = join(installDir, 'autoyast', basename(new URL(url, 'http://install/').pathname));
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Wipes the host's disk and leaves the installer its profile. `medium` writes what the
 * installation medium brings (the lab's fakestack and init) into the empty layer.
 */
export function prepareInstall(hostDir: string, entry: PxeEntry, profile: string, medium: (up: string) => void): void {
  for (const d of ['up', 'wk', 'home-root']) {
    rmSync(join(hostDir, d), { recursive: true, force: true });
    mkdirSync(join(hostDir, d), { recursive: true });
  }
  const up = join(hostDir, 'up');
  medium(up);
  // var and var/lib as a system has them (0755: postgres, running as its own user, walks them);
  // a recursive mkdirSync would give every directory it creates the installer's 0700
  mkdirSync(join(up, 'var/lib'), { recursive: true });
  mkdirSync(join(up, 'var/lib/autoinstall'), { mode: 0o700 });
  writeFileSync(join(up, 'var/lib/autoinstall/profile.xml'), profile, { mode: 0o600 });
  writeFileSync(join(up, 'var/lib/autoinstall/install.json'), `${JSON.stringify({ install: entry.install })}\n`);
}
