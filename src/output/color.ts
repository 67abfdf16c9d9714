// Colours as Ansible uses them (constants COLOR_*), with chalk: off when stdout is not a
// terminal, or NO_COLOR / ANSIBLE_NOCOLOR are set; ANSIBLE_FORCE_COLOR forces them on.
import { Chalk, type ChalkInstance } from 'chalk';

function enabled(env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  const on = (v: string | undefined): boolean =>
    v !== undefined && !['', '0', 'false', 'no', 'off'].includes(v.toLowerCase());
  if (on(env.ANSIBLE_FORCE_COLOR)) return true;
  if (env.NO_COLOR !== undefined || on(env.ANSIBLE_NOCOLOR)) return false;
  return isTty;
}

export interface Palette {
  ok: (s: string) => string;
  changed: (s: string) => string;
  skip: (s: string) => string;
  error: (s: string) => string;
  warn: (s: string) => string;
  unreachable: (s: string) => string;
  highlight: (s: string) => string;
  /** COLOR_DIFF_ADD, COLOR_DIFF_REMOVE, COLOR_DIFF_LINES. */
  diffAdd: (s: string) => string;
  diffRemove: (s: string) => string;
  diffLines: (s: string) => string;
}

export function palette(env: NodeJS.ProcessEnv, isTty: boolean): Palette {
  const c: ChalkInstance = new Chalk({ level: enabled(env, isTty) ? 1 : 0 });
  return {
    ok: (s) => c.green(s),
    changed: (s) => c.yellow(s),
    skip: (s) => c.cyan(s),
    error: (s) => c.red(s),
    warn: (s) => c.magenta(s),
    unreachable: (s) => c.redBright(s),
    highlight: (s) => c.white(s),
    diffAdd: (s) => c.green(s),
    diffRemove: (s) => c.red(s),
    diffLines: (s) => c.cyan(s),
  };
}
