// A host pattern of an inventory source split into names and a port, as ansible-core 2.14 does
// it: parse_address (parsing/utils/addresses.py) for `host:port`, `[v6addr]:port` and the
// range-bearing names, then BaseInventoryPlugin._expand_hostpattern (plugins/inventory/__init__.py).
import { expandHostnameRange } from './ranges.js';
import { isAscii } from '../util/index.js';

const NUMERIC_RANGE = String.raw`\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const HEX_RANGE = String.raw`\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]`;
const ALNUM_RANGE = String.raw`\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const V6 = String.raw`(?:[0-9a-f]{1,4}|${HEX_RANGE})`;
const V4 = String.raw`(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|${NUMERIC_RANGE})`;
// \w under re.UNICODE: letters, digits (any script) and the underscore
const W = String.raw`[\p{L}\p{N}\p{Mn}\p{Mc}_]`;
const LABEL = String.raw`(?:${W}|${ALNUM_RANGE})(?:${W}|[_-]|${ALNUM_RANGE})*(?<![_-])`;

const HOSTNAME = String.raw`^${LABEL}(?:\.${LABEL})*$`;

const PATTERNS = {
  bracketedHostport: /^\[(.+)\]:([0-9]+)$/,
  hostport: /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/,
  ipv4: new RegExp(String.raw`^(?:${V4}\.){3}${V4}$`, 'i'),
  // the same pattern for a name of ASCII characters alone, where \w is [A-Za-z0-9_]
  asciiHostname: new RegExp(HOSTNAME.replaceAll(W, '[a-z0-9_]'), 'i'),
};

/**
 * Patterns made at their first use: V8 builds a RegExp's character sets as it makes it, and these
 * (thirteen alternatives under /i; the Unicode classes under /iu) cost a run milliseconds before
 * its first inventory line, for addresses most inventories never have.
 */
let ipv6: RegExp | undefined;
let unicodeHostname: RegExp | undefined;

function ipv6Pattern(): RegExp {
  ipv6 ??= new RegExp(
    '^(?:' +
      [
        String.raw`(?:${V6}:){7}${V6}`,
        String.raw`(?:${V6}:){1,6}:`,
        String.raw`(?:${V6}:)(?::${V6}){1,6}`,
        String.raw`(?:${V6}:){2}(?::${V6}){1,5}`,
        String.raw`(?:${V6}:){3}(?::${V6}){1,4}`,
        String.raw`(?:${V6}:){4}(?::${V6}){1,3}`,
        String.raw`(?:${V6}:){5}(?::${V6}){1,2}`,
        String.raw`(?:${V6}:){6}(?::${V6})`,
        String.raw`:(?::${V6}){1,6}`,
        String.raw`${V6}?::`,
        String.raw`(?:0:){6}(?:${V6}\.){3}${V6}`,
        String.raw`::(?:ffff:)?(?:${V6}\.){3}${V6}`,
        String.raw`(?:0:){5}ffff:(?:${V6}\.){3}${V6}`,
      ].join('|') +
      ')$',
    'i',
  );
  return ipv6;
}

/** Every form of the IPv6 pattern has a colon: an address without one is not tried. */
function isIpv6(address: string): boolean {
  return address.includes(':') && ipv6Pattern().test(address);
}

/** The hostname pattern; its ASCII form (no Unicode classes to build) for an ASCII name. */
function isHostname(address: string): boolean {
  if (isAscii(address)) return PATTERNS.asciiHostname.test(address);
  unicodeHostname ??= new RegExp(HOSTNAME, 'iu');
  return unicodeHostname.test(address);
}

/**
 * parse_address(address, allow_ranges=True): the host and its port (null when none). A string
 * that is not a host name, an IPv4 or an IPv6 address throws ("Not a valid network hostname").
 */
export function parseAddress(address: string): { host: string; port: number | null } {
  let port: number | null = null;
  // each form is tried in turn on what the one before left (the `continue` in Ansible's loop)
  for (const re of [PATTERNS.bracketedHostport, PATTERNS.hostport]) {
    const m = re.exec(address);
    if (m) {
      address = m[1] ?? '';
      port = Number(m[2]);
    }
  }
  if (!(PATTERNS.ipv4.test(address) || isIpv6(address) || isHostname(address)))
    throw new Error(`Not a valid network hostname: ${address}`);
  return { host: address, port };
}

/**
 * BaseInventoryPlugin._expand_hostpattern: a pattern that parse_address refuses is taken whole,
 * without a port; one with a `[` is expanded as a range (whose errors are Python's).
 */
export function expandHostPattern(hostpattern: string): { hostnames: string[]; port: number | null } {
  let pattern = hostpattern;
  let port: number | null = null;
  try {
    ({ host: pattern, port } = parseAddress(hostpattern));
  } catch {
    pattern = hostpattern;
  }
  return { hostnames: pattern.includes('[') ? expandHostnameRange(pattern) : [pattern], port };
}
