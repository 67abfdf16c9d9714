// A task's own time limit.
import type { Connection, ExecOptions } from '../connection/index.js';
import type { Task } from '../playbook/index.js';

/**
 * The same connection with every command it runs killed at `deadline` (a ms timestamp): the task
 * keyword `timeout`, and async's time limit (async_wrapper kills the job's process group).
 */
export function boundedConnection(conn: Connection, deadline: number): Connection {
  const left = (o?: { timeoutMs?: number }): number =>
    Math.max(1, Math.min(o?.timeoutMs ?? Infinity, deadline - Date.now()));
  const exec = (command: string, o?: ExecOptions): ReturnType<Connection['exec']> =>
    conn.exec(command, { ...o, timeoutMs: left(o) });
  const execArgv = (argv: string[], o?: ExecOptions): ReturnType<Connection['execArgv']> =>
    conn.execArgv(argv, { ...o, timeoutMs: left(o) });
  // methods keep their own `this`
  return new Proxy(conn, {
    get(target, prop): unknown {
      if (prop === 'exec') return exec;
      if (prop === 'execArgv') return execArgv;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/**
 * The task keyword `timeout` (TaskExecutor's TaskTimeoutError at stable-2.14): the action gets
 * that many seconds; every command it runs is killed at the deadline, and the task fails with
 * Ansible's message.
 */
export async function withTaskTimeout(
  task: Task,
  seconds: number,
  run: (conn: Connection) => Promise<Map<string, unknown>>,
  conn: Connection,
): Promise<Map<string, unknown>> {
  const bounded = boundedConnection(conn, Date.now() + seconds * 1000);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Map<string, unknown>>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(
          new Map<string, unknown>([
            ['failed', true],
            [
              'msg',
              `The ${task.written ?? task.action} action failed to execute in the expected time frame (${seconds}) and was terminated`,
            ],
            ['timedout', new Map<string, unknown>([['period', seconds]])],
          ]),
        ),
      seconds * 1000,
    );
  });
  try {
    return await Promise.race([run(bounded), expired]);
  } finally {
    clearTimeout(timer);
  }
}
