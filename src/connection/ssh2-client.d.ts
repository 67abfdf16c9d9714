// ssh2's Client module on its own: openClient loads it without ssh2's index (issue 21 start-up).
declare module 'ssh2/lib/client.js' {
  import type { Client } from 'ssh2';
  const ClientClass: typeof Client;
  export default ClientClass;
}

// ssh2's key parser (ssh2.utils.parseKey, without loading the index).
declare module 'ssh2/lib/protocol/keyParser.js' {
  import type { ParsedKey } from 'ssh2';
  export function parseKey(data: Buffer | string, passphrase?: Buffer | string): ParsedKey | ParsedKey[] | Error;
}
