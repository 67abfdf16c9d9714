// wait_for state=drained: LinuxTCPConnectionInfo's count of active connections to a local port,
// from /proc/net/tcp and /proc/net/tcp6 (ansible/modules/wait_for.py at 2.14.18).

/** get_connection_state_id: the states /proc/net/tcp writes as these hex codes. */
export const CONNECTION_STATES: Record<string, string> = {
  ESTABLISHED: '01',
  SYN_SENT: '02',
  SYN_RECV: '03',
  FIN_WAIT1: '04',
  FIN_WAIT2: '05',
  TIME_WAIT: '06',
};

/** inet_pton's bytes of an IPv4 or IPv6 address. */
function addressBytes(ip: string): number[] | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return ip.split('.').map(Number);
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  const text = v4 ? `${v4[1] ?? ''}0:0` : ip;
  const tail = v4 ? (addressBytes(v4[2] ?? '') ?? []) : [];
  const [head = '', rest] = text.split('::');
  const words = (s: string): string[] => (s ? s.split(':') : []);
  const left = words(head);
  const right = rest === undefined ? [] : words(rest);
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...Array<string>(fill).fill('0'), ...right];
  if (all.length !== 8) return undefined;
  const bytes = all.flatMap((w) => [parseInt(w, 16) >> 8, parseInt(w, 16) & 0xff]);
  return v4 ? [...bytes.slice(0, 12), ...tail] : bytes;
}

/** _convert_host_to_hex: each 4-byte word of the address as a little-endian hex number. */
export function procHex(ip: string): string | undefined {
  const bytes = addressBytes(ip);
  if (!bytes) return undefined;
  let out = '';
  for (let i = 0; i < bytes.length; i += 4)
    out += bytes
      .slice(i, i + 4)
      .reverse()
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase();
  return out;
}

/** _convert_host_to_ip's list in /proc's hex, keyed by family (an IPv4 address also as ::ffff:). */
export function hostKeys(addresses: string[]): Set<string> {
  const keys = new Set<string>();
  for (const ip of addresses) {
    const v6 = ip.includes(':');
    const hex = procHex(ip);
    if (hex) keys.add(`${v6 ? 6 : 4}:${hex}`);
    const mapped = v6 ? undefined : procHex(`::ffff:${ip}`);
    if (mapped) keys.add(`6:${mapped}`);
  }
  return keys;
}

const MATCH_ALL: Record<string, string> = { '4': '00000000', '6': '0'.repeat(32) };
const MAPPED_PREFIX = '0000000000000000FFFF0000';
const MAPPED_ALL = '0000000000000000FFFF000000000000';

/** get_active_connections_count over the two files' text. */
export function activeConnections(
  tables: { family: '4' | '6'; text: string }[],
  o: { ips: Set<string>; port: number; states: string[]; exclude: Set<string> },
): number {
  const port = o.port.toString(16).toUpperCase().padStart(4, '0');
  const states = o.states.map((s) => CONNECTION_STATES[s]);
  let n = 0;
  for (const { family, text } of tables)
    for (const line of text.split('\n')) {
      const f = line.trim().split(/\s+/);
      if (f.length < 4 || f[1] === 'local_address' || !states.includes(f[3])) continue;
      const [localIp = '', localPort] = (f[1] ?? '').split(':');
      const [remoteIp = ''] = (f[2] ?? '').split(':');
      if (localPort !== port || o.exclude.has(`${family}:${remoteIp}`)) continue;
      if (
        o.ips.has(`${family}:${localIp}`) ||
        o.ips.has(`${family}:${MATCH_ALL[family] ?? ''}`) ||
        (localIp.startsWith(MAPPED_PREFIX) && o.ips.has(`${family}:${MAPPED_ALL}`))
      )
        n++;
    }
  return n;
}
