// The OpenSSH client config keys runbook honours (ssh_config(5)): Host blocks with wildcard and
// negated patterns, first value obtained wins, "Key value" or "Key=value"; Match blocks are
// skipped. ~ and %h, %p, %r, %d are expanded in file names.
import { homedir } from 'node:os';

export interface SshConfigValues {
  hostname?: string;
  user?: string;
  port?: number;
  identityFile?: string[];
  identitiesOnly?: boolean;
  proxyJump?: string;
  userKnownHostsFile?: string[];
  strictHostKeyChecking?: string;
  connectTimeout?: number;
  serverAliveInterval?: number;
  serverAliveCountMax?: number;
}

interface Block {
  patterns: string[] | 'match';
  options: [key: string, value: string][];
}

export function parseSshConfig(text: string): Block[] {
  const blocks: Block[] = [{ patterns: ['*'], options: [] }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.replace(/^"(.*)"$/, '$1');
    if (key === 'host') blocks.push({ patterns: value.split(/\s+/), options: [] });
    else if (key === 'match') blocks.push({ patterns: 'match', options: [] });
    else blocks[blocks.length - 1]!.options.push([key, value]);
  }
  return blocks;
}

// Patterns compiled once: every host's lookup walks every Host line of the file.
const compiled = new Map<string, RegExp>();

function globMatch(pattern: string, text: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === text.toLowerCase();
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );
    compiled.set(pattern, re);
  }
  return re.test(text);
}

/** OpenSSH's match_hostname: any positive pattern matches and no negated one does. */
export function hostMatches(patterns: string[], host: string): boolean {
  let hit = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), host)) return false;
    } else if (globMatch(p, host)) hit = true;
  }
  return hit;
}

const bool = (v: string): boolean => ['yes', 'true'].includes(v.toLowerCase());

/** The values for `host` (the name as given), first obtained value of each key winning. */
export function lookupSshConfig(blocks: Block[], host: string): SshConfigValues {
  const out: SshConfigValues = {};
  for (const b of blocks) {
    if (b.patterns === 'match' || !hostMatches(b.patterns, host)) continue;
    for (const [k, v] of b.options) applyOption(out, k, v);
  }
  return out;
}

/** Sets one option unless already set (also used for `-o Key=Value`). */
export function applyOption(out: SshConfigValues, key: string, value: string): void {
  switch (key.toLowerCase()) {
    case 'hostname':
      out.hostname ??= value;
      break;
    case 'user':
      out.user ??= value;
      break;
    case 'port':
      out.port ??= Number(value);
      break;
    case 'identityfile':
      (out.identityFile ??= []).push(value);
      break;
    case 'identitiesonly':
      out.identitiesOnly ??= bool(value);
      break;
    case 'proxyjump':
      out.proxyJump ??= value;
      break;
    case 'userknownhostsfile':
      out.userKnownHostsFile ??= value.split(/\s+/);
      break;
    case 'stricthostkeychecking':
      out.strictHostKeyChecking ??= value.toLowerCase();
      break;
    case 'connecttimeout':
      out.connectTimeout ??= Number(value);
      break;
    case 'serveraliveinterval':
      out.serverAliveInterval ??= Number(value);
      break;
    case 'serveralivecountmax':
      out.serverAliveCountMax ??= Number(value);
      break;
    default:
      break;
  }
}

/** ~ and the % tokens OpenSSH expands in IdentityFile and UserKnownHostsFile. */
export function expandPath(path: string, tokens: { host: string; port: number; user: string }): string {
  return path
    .replace(/^~(?=\/|$)/, homedir())
    .replace(/%([%hprd])/g, (_m, t: string) =>
      t === '%' ? '%' : t === 'h' ? tokens.host : t === 'p' ? String(tokens.port) : t === 'r' ? tokens.user : homedir(),
    );
}
