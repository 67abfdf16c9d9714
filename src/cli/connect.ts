// How the run reaches hosts: `local` for ansible_connection=local (and the implicit localhost),
// SSH otherwise, through one pool of connections that closes at the end of the run.
import {
  LocalConnection,
  SshPool,
  sshSpec,
  type Become,
  type Connection,
  type SpecDefaults,
  type SshSpec,
} from '../connection/index.js';
import { template } from '../template/index.js';

export interface Connector {
  connect(host: string, vars: Map<string, unknown>, become?: Become, workdir?: string): Promise<Connection>;
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

/** `playbookDir`: where local commands run and relative paths point when the play names none. */
export function makeConnector(
  defaults: SpecDefaults,
  connectionFlag: string | undefined,
  playbookDir?: string,
): Connector {
  const pool = new SshPool();
  const locals = new Map<string, Connection>();
  const specs = new Map<string, SshSpec>();
  return {
    connect(host, vars, become, workdir = playbookDir) {
      const get = (k: string): unknown => (vars.has(k) ? template(vars.get(k), vars) : undefined);
      const kind = String(
        get('ansible_connection') ?? connectionFlag ?? (['localhost', '127.0.0.1'].includes(host) ? 'local' : 'ssh'),
      );
      if (kind === 'local') {
        // become on the local connection: runbook runs as the user it is (chosen; issue 5 covers SSH).
        const key = `${host}\0${workdir ?? ''}`;
        let conn = locals.get(key);
        if (!conn) locals.set(key, (conn = new LocalConnection(host, workdir)));
        return Promise.resolve(conn);
      }
      const values = SPEC_VARS.map((k) => get(k));
      const key = `${host}\0${JSON.stringify(values)}`;
      let spec = specs.get(key);
      if (!spec) specs.set(key, (spec = sshSpec(host, get, defaults)));
      return Promise.resolve(pool.connection(host, spec, become));
    },
    close: () => pool.close(),
  };
}
