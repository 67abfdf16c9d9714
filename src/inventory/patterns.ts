// Host patterns (ansible/inventory/manager.py): `a:b` / `a,b` union, `&b` intersection,
// `!b` exclusion, shell wildcards, `~regex`, subscripts `web[0]`, `web[1:3]` (inclusive).
import { RunbookError } from '../util/index.js';
import type { Inventory } from './model.js';

const SUBSCRIPT = /^(.+)\[(?:(-?\d+)|(\d+)([:-])(\d*))\]$/;
/** The names Ansible answers with an implicit localhost when no inventory host matches. */
export const LOCALHOST = ['localhost', '127.0.0.1', '::1'];

/** Splits `a,b` or `a:b` (keeping `[x:y]` ranges whole), as split_host_pattern does. */
export function splitPattern(pattern: string | string[]): string[] {
  if (Array.isArray(pattern)) return pattern.flatMap(splitPattern);
  const parts = pattern.includes(',') ? pattern.split(',') : (pattern.match(/(?:[^\s:[\]]|\[[^\]]*\])+/g) ?? []);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function orderPatterns(patterns: string[]): string[] {
  const plain = patterns.filter((p) => !p.startsWith('&') && !p.startsWith('!'));
  return [
    ...(plain.length ? plain : ['all']),
    ...patterns.filter((p) => p.startsWith('&')),
    ...patterns.filter((p) => p.startsWith('!')),
  ];
}

function globToRegex(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

function matchNames(names: Iterable<string>, pattern: string): string[] {
  let re: RegExp;
  try {
    re = pattern.startsWith('~') ? new RegExp(`^(?:${pattern.slice(1)})`) : globToRegex(pattern);
  } catch {
    throw new RunbookError(`Invalid host list pattern: ${pattern}`);
  }
  return [...names].filter((n) => re.test(n));
}

/** Told when a pattern matches no group and no host (HOST_PATTERN_MISMATCH=warning). */
export type PatternWarn = (message: string) => void;

function enumerate(inv: Inventory, pattern: string, warn?: PatternWarn): string[] {
  const groups = matchNames(inv.groups.keys(), pattern);
  const out: string[] = groups.flatMap((g) => inv.hostsOf(g));
  if (!groups.length || pattern.startsWith('~') || /[.?*[]/.test(pattern))
    out.push(...matchNames(inv.hosts.keys(), pattern));
  if (!out.length && LOCALHOST.includes(pattern)) out.push(pattern);
  // InventoryManager._enumerate_matches
  if (!out.length && !groups.length && pattern !== 'all')
    warn?.(`Could not match supplied host pattern, ignoring: ${pattern}`);
  return [...new Set(out)];
}

function matchOne(inv: Inventory, raw: string, warn?: PatternWarn): string[] {
  const pattern = raw.replace(/^[&!]/, '');
  if (pattern.startsWith('~')) return enumerate(inv, pattern, warn);
  const m = SUBSCRIPT.exec(pattern);
  if (!m) return enumerate(inv, pattern, warn);
  const hosts = enumerate(inv, m[1] ?? '', warn);
  if (m[2] !== undefined) {
    const i = Number(m[2]);
    const h = hosts[i < 0 ? hosts.length + i : i];
    return h ? [h] : [];
  }
  const start = Number(m[3]);
  const end = m[5] ? Number(m[5]) : hosts.length - 1;
  return hosts.slice(start, end + 1);
}

/** The hosts a pattern selects, in the order Ansible returns them. */
export function selectHosts(inv: Inventory, pattern: string | string[], warn?: PatternWarn): string[] {
  let hosts: string[] = [];
  for (const p of orderPatterns(splitPattern(pattern))) {
    if (inv.hosts.has(p)) {
      if (!hosts.includes(p)) hosts.push(p);
      continue;
    }
    const that = new Set(matchOne(inv, p, warn));
    if (p.startsWith('!')) hosts = hosts.filter((h) => !that.has(h));
    else if (p.startsWith('&')) hosts = hosts.filter((h) => that.has(h));
    else for (const h of that) if (!hosts.includes(h)) hosts.push(h);
  }
  return hosts;
}
