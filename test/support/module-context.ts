// A ModuleContext for running one module on this machine in a unit test: a local connection and
// controller services that answer nothing, each overridable by the test that needs it.
import { readFileSync } from 'node:fs';
import { LocalConnection } from '../../src/connection/index.js';
import type { ModuleContext } from '../../src/modules/index.js';

export function moduleTestContext(host: string, overrides: Partial<ModuleContext> = {}): ModuleContext {
  return {
    host,
    conn: new LocalConnection(host),
    checkMode: false,
    diff: false,
    verbosity: 0,
    env: {},
    interpreter: '/usr/bin/python3',
    interpreterDiscovered: false,
    findFile: () => undefined,
    notFound: (src) => ({ changed: false, failed: true, msg: `Could not find or access '${src}'` }),
    readLocal: (p) => readFileSync(p),
    renderTemplate: () => '',
    evaluate: () => undefined,
    condition: () => true,
    loadVars: () => new Map(),
    taskName: 'task',
    sleep: async () => undefined,
    display: () => undefined,
    warn: () => undefined,
    asyncStatus: () => ({ known: false, finished: false }),
    ...overrides,
  };
}
