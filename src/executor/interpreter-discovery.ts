// Interpreter discovery (executor/interpreter_discovery.py at stable-2.14): the first module
// ansible-playbook runs on a host without ansible_python_interpreter finds the host's Python and
// reports it as the fact discovered_interpreter_python, in that task's registered result. runbook
// needs no Python, but reports what Ansible would, so results read the same. Action plugins
// that run no module on the target (debug, set_fact, script, fetch…) discover nothing.
import type { Connection } from '../connection/index.js';

/** Action plugins that work on the controller alone: they never reach the target. */
export const CONTROLLER_ACTIONS: readonly string[] = [
  'debug',
  'set_fact',
  'set_stats',
  'validate_argument_spec',
  'assert',
  'fail',
  'meta',
  'add_host',
  'group_by',
  'include_vars',
  'pause',
];

/** Action plugins that run no module on the target: no discovery, no module invocation. */
export const ACTION_ONLY: ReadonlySet<string> = new Set([
  ...CONTROLLER_ACTIONS,
  'raw',
  'script',
  'fetch',
  'wait_for_connection',
  'reboot',
]);

// INTERPRETER_PYTHON_FALLBACK (config/base.yml at stable-2.14), searched in order
const FALLBACK = [
  'python3.11',
  'python3.10',
  'python3.9',
  'python3.8',
  'python3.7',
  'python3.6',
  'python3.5',
  '/usr/bin/python3',
  '/usr/libexec/platform-python',
  'python2.7',
  '/usr/bin/python',
  'python',
];

/**
 * The interpreter a host is told to use — ansible_python_interpreter, else INTERPRETER_PYTHON
 * (interpreter_python in ansible.cfg) — or undefined where Ansible discovers it ('auto',
 * 'auto_silent', 'auto_legacy', …: ActionBase._configure_module).
 */
export function configuredInterpreter(vars: Map<string, unknown>, setting?: string): unknown {
  const value = vars.get('ansible_python_interpreter') ?? setting;
  return value === undefined || value === null || String(value).startsWith('auto') ? undefined : value;
}

/** Whether this task's module would make Ansible discover the host's interpreter. */
export function discovers(moduleName: string, vars: Map<string, unknown>, setting?: string): boolean {
  return (
    // setup (and gather_facts, which runs it) reports the interpreter among its own facts
    !ACTION_ONLY.has(moduleName) &&
    moduleName !== 'setup' &&
    moduleName !== 'gather_facts' &&
    interpreterUnknown(vars, setting)
  );
}

/** No interpreter is configured for the host and none was discovered yet. */
export function interpreterUnknown(vars: Map<string, unknown>, setting?: string): boolean {
  return configuredInterpreter(vars, setting) === undefined && !vars.has('discovered_interpreter_python');
}

/** The host's Python as the fallback search finds it (/usr/bin/python3 first where it exists), or undefined. */
export async function discoverPython(conn: Connection): Promise<string | undefined> {
  // the platform map of Debian, Ubuntu, RHEL 8+ and SUSE names /usr/bin/python3 first
  const order = ['/usr/bin/python3', ...FALLBACK.filter((p) => p !== '/usr/bin/python3')];
  // command -v prints the path itself (no `$(…)`: a fork of the shell on the host)
  const script = `for p in ${order.join(' ')}; do command -v "$p" 2>/dev/null && exit 0; done; exit 0`;
  const r = await conn.exec(script);
  return r.stdout.trim() || undefined;
}

/** Adds the discovered interpreter to a result: its ansible_facts and the facts the host keeps. */
export function withDiscovered(data: Map<string, unknown>, python: string): Map<string, unknown> {
  const shown = data.get('ansible_facts');
  const facts = new Map<unknown, unknown>(
    shown instanceof Map
      ? shown
      : shown && typeof shown === 'object'
        ? Object.entries(shown as Record<string, unknown>)
        : [],
  );
  facts.set('discovered_interpreter_python', python);
  data.set('ansible_facts', facts);
  const kept = data.get('__facts') as { facts: Map<string, unknown>; kind: string } | undefined;
  const keptFacts = new Map(kept?.kind === 'facts' ? kept.facts : []);
  keptFacts.set('discovered_interpreter_python', python);
  if (!kept || kept.kind === 'facts') data.set('__facts', { facts: keptFacts, kind: 'facts' });
  return data;
}
