// Argv-recording shims (issue 8's secrets checks, shared by the MariaDB and PostgreSQL labs): every
// program a run starts through PATH — on this machine and on the lab hosts — logs its name and
// arguments before it runs, so a test can show a password was in no process's argv.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestJunoLab } from './juno-lab.js';

/** An argv-recording shim: logs its name and arguments, then runs the real program of that name
 *  found after the shim directory in PATH (PATH itself unchanged, so children are logged too). */
const shim = (dir: string, log: string): string => `#!/bin/bash
n=\${0##*/}
printf '%s\\n' "$n\${*:+ $*}" >> ${log}
IFS=:
for d in $PATH; do
  [ "$d" = ${dir} ] && continue
  [ -x "$d/$n" ] && [ ! -d "$d/$n" ] && exec "$d/$n" "$@"
done
echo "$n: not found" >&2; exit 127
`;

/** On a lab host: a shim for every program of the system directories, the shim directory first
 *  in every SSH session's PATH (sshd SetEnv), and root's login shell a shim too (sshd runs it
 *  with `-c COMMAND` for every exec channel). */
export function installRemoteShims(lab: TestJunoLab, host: string): void {
  const script = [
    'set -e; mkdir -p /opt/rb-argv; : > /var/log/rb-argv.log; chmod 666 /var/log/rb-argv.log',
    `cat > /opt/rb-argv/.shim <<'EOF'\n${shim('/opt/rb-argv', '/var/log/rb-argv.log')}EOF`,
    `cat > /opt/rb-argv/.login <<'EOF'\n#!/bin/bash\nprintf '%s\\n' "login-shell $*" >> /var/log/rb-argv.log\nexec /bin/bash "$@"\nEOF`,
    'chmod 755 /opt/rb-argv/.shim /opt/rb-argv/.login',
    'for d in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do for f in "$d"/*; do n=${f##*/}; [ -x "$f" ] && [ ! -e "/opt/rb-argv/$n" ] && ln -s .shim "/opt/rb-argv/$n"; done; done',
    'cp -p /etc/passwd /etc/passwd.rb-test; sed -i "s|^root:\\(.*\\):/bin/bash$|root:\\1:/opt/rb-argv/.login|" /etc/passwd',
    'echo "SetEnv PATH=/opt/rb-argv:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" >> /etc/ssh/sshd_lab_config',
    'kill -HUP $(cat /run/sshd-lab.pid)',
  ].join('\n');
  const r = lab.ssh(host, 'bash -s', script);
  if (r.code !== 0) throw new Error(`installing the argv shims on ${host} failed: ${r.err}`);
}

/** The host's argv log, and the host as it was (login shell, sshd's PATH, no shims). */
export function removeRemoteShims(lab: TestJunoLab, host: string): string {
  const log = lab.ssh(host, 'cat /var/log/rb-argv.log').out;
  lab.ssh(
    host,
    'mv -f /etc/passwd.rb-test /etc/passwd; sed -i "/^SetEnv PATH=/d" /etc/ssh/sshd_lab_config; kill -HUP $(cat /run/sshd-lab.pid); rm -rf /opt/rb-argv /var/log/rb-argv.log',
  );
  return log;
}

/** This machine's shims: a directory to put first in runbook's PATH, and its log. */
export function localShims(): { bin: string; log: () => string } {
  const local = mkdtempSync(join(tmpdir(), 'rb-argv-local-'));
  const bin = join(local, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, '.shim'), shim(bin, join(local, 'argv.log')));
  chmodSync(join(bin, '.shim'), 0o755);
  for (const d of ['/usr/local/bin', '/usr/bin', '/bin']) {
    for (const n of readdirSync(d)) {
      try {
        symlinkSync('.shim', join(bin, n));
      } catch {
        /* the name came from an earlier directory */
      }
    }
  }
  return { bin, log: () => readFileSync(join(local, 'argv.log'), 'utf8') };
}

/** Where a secret must not be: none of the texts holds it or its base64, and each is non-empty
 *  (a check of an empty text shows nothing) unless named in `mayBeEmpty`. */
export function secretIn(secret: string, texts: [string, string][], mayBeEmpty: string[] = []): string[] {
  const b64 = Buffer.from(secret).toString('base64');
  return texts.flatMap(([where, text]) =>
    text.length === 0 && !mayBeEmpty.includes(where)
      ? [`${where} is empty`]
      : text.includes(secret)
        ? [`${where} holds the password`]
        : text.includes(b64)
          ? [`${where} holds the password in base64`]
          : [],
  );
}

/** `args` run with the shims on this machine and on `hosts`: the result, every host's argv log
 *  and this machine's (the hosts as they were afterwards, whatever happened). */
export async function runUnderShims(
  lab: TestJunoLab,
  hosts: string[],
  args: string[],
  dir: string,
): Promise<{ r: { code: number; out: string; err: string }; remote: string; local: string }> {
  const shims = localShims();
  for (const h of hosts) installRemoteShims(lab, h);
  let remote = '';
  try {
    const r = await lab.applyAsync(args, dir, { PATH: `${shims.bin}:${process.env.PATH}` }).done;
    remote = hosts.map((h) => removeRemoteShims(lab, h)).join('');
    return { r, remote, local: shims.log() };
  } catch (err) {
    hosts.forEach((h) => removeRemoteShims(lab, h));
    throw err;
  }
}
