// A play's vars_prompt (PlaybookExecutor.run and Display.do_var_prompt at stable-2.14): each
// variable not given with -e is asked for before the play starts — on a terminal, as
// "PROMPT [DEFAULT]: " (without echo when private, twice with confirm) — and set among the
// play's vars; without a terminal Ansible warns "Not prompting as we are not in interactive
// mode" and takes the default, or the text 'None' (to_text of no answer) when there is none.
// encrypt hashes the answer as password_hash does; the fields are templated with the play's
// variables first.
import { template } from '../template/index.js';
import { isTruthy } from '../util/index.js';
import type { Play } from '../playbook/index.js';
import type { RunContext } from './run-context.js';

function field(p: Map<unknown, unknown>, key: string): unknown {
  return p.get(key) ?? undefined;
}

/** One variable's value: asked for where there is a terminal, else the default. */
function answer(p: Map<unknown, unknown>, name: string, ctx: RunContext): string {
  const prompt = field(p, 'prompt') ?? name;
  const dflt = field(p, 'default');
  const isPrivate = isTruthy(field(p, 'private') ?? true);
  const msg =
    prompt && dflt !== undefined && dflt !== null
      ? `${String(prompt)} [${String(dflt)}]: `
      : prompt
        ? `${String(prompt)}: `
        : `input for ${name}: `;
  let result: string | undefined;
  if (ctx.ask) {
    for (;;) {
      result = ctx.ask(msg, isPrivate);
      if (!isTruthy(field(p, 'confirm') ?? false) || result === undefined) break;
      if (ctx.ask(`confirm ${msg}`, isPrivate) === result) break;
      ctx.callback.onDisplay?.('***** VALUES ENTERED DO NOT MATCH ****', 0);
    }
  } else ctx.callback.onWarning?.('Not prompting as we are not in interactive mode');
  if (!result && dflt !== undefined && dflt !== null) return String(dflt);
  return result ?? 'None';
}

function encrypted(value: string, p: Map<unknown, unknown>): string {
  const scheme = field(p, 'encrypt');
  if (scheme === undefined || scheme === null) return value;
  const salt = field(p, 'salt');
  const vars = new Map<string, unknown>([
    ['v', value],
    ['s', String(scheme)],
    ['salt', salt ?? null],
  ]);
  return String(template('{{ v | password_hash(s, salt) }}', vars));
}

/** Asks for (or defaults) the play's vars_prompt variables and sets them among its vars. */
export function promptVars(play: Play, ctx: RunContext): void {
  const prompts = play.keywords.get('vars_prompt');
  if (!Array.isArray(prompts) || !prompts.length) return;
  const own = play.keywords.get('vars');
  const playVars = own instanceof Map ? (own as Map<string, unknown>) : new Map<string, unknown>();
  const scope = new Map<string, unknown>([...playVars, ...ctx.world.extraVars].map(([k, v]) => [String(k), v]));
  const out = new Map(playVars);
  for (const raw of prompts) {
    if (!(raw instanceof Map)) continue;
    const p = template(raw, scope) as Map<unknown, unknown>;
    const name = String(p.get('name'));
    if (ctx.world.extraVars.has(name)) continue;
    out.set(name, encrypted(answer(p, name, ctx), p));
  }
  play.keywords.set('vars', out);
}
