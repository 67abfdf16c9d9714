// The one place where host variables become an SSH connection spec. Precedence as Ansible's
// ssh plugin builds the ssh command line (plugins/connection/ssh.py _build_command): the
// ansible_* variables come first (so they win, OpenSSH taking the first value), then
// ansible_ssh_common_args / ansible_ssh_extra_args, then the -F file or ~/.ssh/config.
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { splitShellWords, RunbookError } from '../util/index.js';
import { applyOption, expandPath, lookupSshConfig, parseSshConfig, type SshConfigValues } from './ssh-config.js';
import { cachedFile } from './file-cache.js';

export interface SshSpec {
  /** The inventory name (for messages). */
  name: string;
  address: string;
  port: number;
  user: string;
  /** Private key files, in the order to try. */
  keyFiles: string[];
  identitiesOnly: boolean;
  password?: string;
  /** Hosts to jump through, outermost first. */
  jumps: SshSpec[];
  knownHostsFiles: string[];
  /** yes: refuse unknown keys; no: accept any (host_key_checking = False); accept-new. */
  strict: 'yes' | 'no' | 'accept-new';
  timeoutMs: number;
  /** ServerAliveInterval (default 15 s, as long DB migrations stay silent) and ServerAliveCountMax. */
  keepaliveMs: number;
  keepaliveCountMax: number;
  agent?: string;
}

export interface SpecDefaults {
  hostKeyChecking: boolean;
  /** -u / remote_user. */
  user?: string;
  privateKey?: string;
  /** DEFAULT_REMOTE_PORT: the port where a host's variables set none (ssh's -o Port, over ssh_config). */
  port?: number;
  timeoutSeconds?: number;
  /** [ssh_connection] ssh_args (ANSIBLE_SSH_ARGS): read first, before the common and extra args. */
  sshArgs?: string;
  sshCommonArgs?: string;
  /** --ssh-extra-args. */
  sshExtraArgs?: string;
  keepaliveSeconds?: number;
  /** -k / --connection-password-file: the password where a host's variables set none. */
  password?: string;
}

/** Reads -F, -o, -J, -p, -l, -i out of ansible_ssh_common_args / ansible_ssh_extra_args. */
export function parseSshArgs(text: string, into: SshConfigValues): { configFile?: string } {
  const words = splitShellWords(text);
  let configFile: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const m = /^-([FoJpli])(.*)$/.exec(w);
    if (!m) continue;
    const value = m[2] || words[++i] || '';
    switch (m[1]) {
      case 'F':
        configFile = value;
        break;
      case 'o': {
        const kv = /^([^=\s]+)\s*[=\s]\s*(.*)$/.exec(value);
        if (kv) applyOption(into, kv[1]!, kv[2]!);
        break;
      }
      case 'J':
        applyOption(into, 'proxyjump', value);
        break;
      case 'p':
        applyOption(into, 'port', value);
        break;
      case 'l':
        applyOption(into, 'user', value);
        break;
      case 'i':
        applyOption(into, 'identityfile', value);
        break;
      default:
        break;
    }
  }
  return { configFile };
}

function configFor(file: string | undefined, host: string, into: SshConfigValues): void {
  const path = file ?? join(homedir(), '.ssh', 'config');
  const blocks = cachedFile(path, 'ssh_config', (data) => parseSshConfig(data.toString('utf8')));
  if (!blocks) {
    if (file) throw new RunbookError(`ssh config file ${file} given with -F does not exist`);
    return;
  }
  const found = lookupSshConfig(blocks, host);
  for (const [k, v] of Object.entries(found) as [string, unknown][]) {
    if (Array.isArray(v))
      for (const x of v) applyOption(into, k === 'identityFile' ? 'identityfile' : 'userknownhostsfile', String(x));
    else if (v !== undefined) applyOption(into, k, String(v));
  }
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** A jump spec ("user@host:port", comma-separated chain) reusing the config file and defaults. */
function jumpSpecs(chain: string | undefined, configFile: string | undefined, d: SpecDefaults): SshSpec[] {
  if (!chain || chain === 'none') return [];
  return chain.split(',').map((hop) => {
    const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hop.trim());
    if (!m) throw new RunbookError(`bad ProxyJump host ${hop}`);
    const vars = new Map<string, unknown>([['ansible_host', m[2]!.replace(/^\[|\]$/g, '')]]);
    if (m[1]) vars.set('ansible_user', m[1]);
    if (m[3]) vars.set('ansible_port', m[3]);
    return sshSpec(m[2]!, (k) => vars.get(k), {
      ...d,
      ...(configFile ? { sshCommonArgs: `-F ${configFile}` } : { sshCommonArgs: '' }),
      sshArgs: '',
    });
  });
}

/** The spec for a host from its (templated) variables. */
export function sshSpec(name: string, get: (key: string) => unknown, d: SpecDefaults): SshSpec {
  const str = (k: string): string | undefined => {
    const v = get(k);
    return v === undefined || v === null ? undefined : String(v);
  };
  const vals: SshConfigValues = {};
  const address = str('ansible_host') ?? str('ansible_ssh_host') ?? name;
  const portVar = str('ansible_port') ?? str('ansible_ssh_port') ?? (d.port !== undefined ? String(d.port) : undefined);
  if (portVar) applyOption(vals, 'port', portVar);
  const user = str('ansible_user') ?? str('ansible_ssh_user') ?? d.user;
  if (user) applyOption(vals, 'user', user);
  const key = str('ansible_ssh_private_key_file') ?? str('ansible_private_key_file') ?? d.privateKey;
  if (key) applyOption(vals, 'identityfile', key);
  // ssh.py's _build_command: ssh_args (ansible_ssh_args or the setting), then the common and extra args
  const args = [
    str('ansible_ssh_args') ?? d.sshArgs ?? '',
    str('ansible_ssh_common_args') ?? d.sshCommonArgs ?? '',
    str('ansible_ssh_extra_args') ?? d.sshExtraArgs ?? '',
  ].join(' ');
  const { configFile } = parseSshArgs(args, vals);
  configFor(configFile, address, vals);
  const port = vals.port ?? 22;
  const login = vals.user ?? userInfo().username;
  const host = vals.hostname ?? address;
  const tokens = { host, port, user: login };
  const explicit = (vals.identityFile ?? []).map((f) => expandPath(f, tokens));
  const defaults = DEFAULT_KEYS.map((k) => join(homedir(), '.ssh', k)).filter((f) => existsSync(f));
  const hostKeyChecking = str('ansible_host_key_checking') ?? str('ansible_ssh_host_key_checking');
  const strict =
    hostKeyChecking !== undefined
      ? ['false', 'no', '0'].includes(hostKeyChecking.toLowerCase())
        ? 'no'
        : 'yes'
      : !d.hostKeyChecking
        ? 'no'
        : vals.strictHostKeyChecking === 'no' || vals.strictHostKeyChecking === 'off'
          ? 'no'
          : vals.strictHostKeyChecking === 'accept-new'
            ? 'accept-new'
            : 'yes';
  const password = str('ansible_password') ?? str('ansible_ssh_pass') ?? str('ansible_ssh_password') ?? d.password;
  const timeout = Number(
    str('ansible_ssh_timeout') ?? str('ansible_timeout') ?? vals.connectTimeout ?? d.timeoutSeconds ?? 10,
  );
  return {
    name,
    address: host,
    port,
    user: login,
    keyFiles: explicit.length ? explicit : vals.identitiesOnly ? [] : defaults,
    identitiesOnly: vals.identitiesOnly ?? false,
    ...(password !== undefined ? { password } : {}),
    jumps: jumpSpecs(vals.proxyJump, configFile, d),
    knownHostsFiles: (vals.userKnownHostsFile ?? ['~/.ssh/known_hosts', '~/.ssh/known_hosts2']).map((f) =>
      expandPath(f, tokens),
    ),
    strict,
    timeoutMs: timeout * 1000,
    keepaliveMs: (vals.serverAliveInterval ?? d.keepaliveSeconds ?? 15) * 1000,
    keepaliveCountMax: vals.serverAliveCountMax ?? 3,
    ...(process.env.SSH_AUTH_SOCK && !vals.identitiesOnly ? { agent: process.env.SSH_AUTH_SOCK } : {}),
  };
}

/** The pool key: one connection per (address, port, user, jump chain). */
export function specKey(s: SshSpec): string {
  return [...s.jumps.map(specKey), `${s.user}@${s.address}:${s.port}`].join(' > ');
}
