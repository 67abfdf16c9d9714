// What generate_ansible_template_vars reads about a controller file: its mtime to the
// nanosecond and its owner's name (pwd.getpwuid(st_uid).pw_name, or the uid itself when the
// passwd database has no such user).
import { readFileSync, statSync } from 'node:fs';

/** The user name of `uid` in /etc/passwd, or the uid as text. */
export function userName(uid: number): string {
  try {
    for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id === String(uid)) return name;
    }
  } catch {
    // no passwd file: getpwuid raises KeyError, and Ansible keeps the number
  }
  return String(uid);
}

/** A controller file's mtime (ns) and owner, as the template variables need them. */
export function templateFileFacts(path: string): { mtimeNs: bigint; owner: string } {
  const st = statSync(path, { bigint: true });
  return { mtimeNs: st.mtimeNs, owner: userName(Number(st.uid)) };
}
