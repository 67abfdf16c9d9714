// How the run reaches hosts: `local` for ansible_connection=local (and the implicit localhost),
// SSH otherwise, through one pool of connections that closes at the end of the run.
import {
  LocalBecomeConnection,
  LocalConnection,
  SshPool,
  localSession,
  type SshSession,
  sshSpec,
  type Become,
  type Connection,
  type SpecDefaults,
  type SshSpec,
} from '../connection/index.js';
import { template } from '../template/index.js';

export interface Connector {
  connect(host: string, vars: Map<string, unknown>, become?: Become, workdir?: string): Promise<Connection>;
  /**
   * Starts opening the host's connection ahead of its first task (issue 21: the handshake is
   * mostly waiting on sshd); nothing when it is local or its variables cannot be read yet.
   */
  warm(host: string, vars: Map<string, unknown>): void;
  close(): Promise<void>;
}

const SPEC_VARS = [
  'ansible_host',
  'ansible_ssh_host',
  'ansible_port',
  'ansible_ssh_port',
  'ansible_user',
  'ansible_ssh_user',
  'ansible_ssh_private_key_file',
  'ansible_private_key_file',
  'ansible_ssh_args',
  'ansible_ssh_common_args',
  'ansible_ssh_extra_args',
  'ansible_password',
  'ansible_ssh_pass',
  'ansible_ssh_password',
  'ansible_ssh_timeout',
  'ansible_timeout',
  'ansible_host_key_checking',
  'ansible_ssh_host_key_checking',
];

function getter(vars: Map<string, unknown>): (k: string) => unknown {
  return (k) => (vars.has(k) ? template(vars.get(k), vars) : undefined);
}

/** `local` or a remote kind: the variable or keyword, else -c, else local for localhost itself. */
function kindOf(host: string, get: (k: string) => unknown, flag: string | undefined): string {
  const kind = String(
    get('ansible_connection') ?? flag ?? (['localhost', '127.0.0.1'].includes(host) ? 'local' : 'ssh'),
  );
  return kind.replace(/^ansible\.(builtin|legacy)\./, '');
}

/** `playbookDir`: where local commands run and relative paths point when the play names none. */
export function makeConnector(
  defaults: SpecDefaults,
  connectionFlag: string | undefined,
  playbookDir?: string,
): Connector {
  const pool = new SshPool();
  const locals = new Map<string, Connection>();
  const localSessions = new Map<string, SshSession>();
  const specs = new Map<string, SshSpec>();
  const specOf = (host: string, get: (k: string) => unknown): SshSpec => {
    const values = SPEC_VARS.map((k) => get(k));
    const key = `${host}\0${JSON.stringify(values)}`;
    let spec = specs.get(key);
    if (!spec) specs.set(key, (spec = sshSpec(host, get, defaults)));
    return spec;
  };
  return {
    connect(host, vars, become, workdir = playbookDir) {
      const get = getter(vars);
      if (kindOf(host, get, connectionFlag) === 'local') {
        const key = `${host}\0${workdir ?? ''}`;
        // with become, commands and files go through the become plugin as over SSH (local.py
        // runs the wrapped command line; the tools are the same POSIX ones), in pooled shells
        if (become) {
          let session = localSessions.get(key);
          if (!session) localSessions.set(key, (session = localSession(host, workdir)));
          return Promise.resolve(new LocalBecomeConnection(host, session, become));
        }
        let conn = locals.get(key);
        if (!conn) locals.set(key, (conn = new LocalConnection(host, workdir)));
        return Promise.resolve(conn);
      }
      return Promise.resolve(pool.connection(host, specOf(host, get), become));
    },
    warm(host, vars) {
      try {
        const get = getter(vars);
        if (kindOf(host, get, connectionFlag) !== 'local') pool.warm(specOf(host, get));
      } catch {
        // a variable that cannot be templated yet (one from facts): the task connects as always
      }
    },
    close: async () => {
      for (const s of localSessions.values()) s.close();
      localSessions.clear();
      await pool.close();
    },
  };
}
