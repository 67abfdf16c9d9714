// A play's vars_files for each host of a batch: the first file of each entry (a list means the
// first that exists), templated with the host's variables (VariableManager.get_vars). They are
// the play's: the next play does not see them.
import { resolve } from 'node:path';
import { pyRepr, pyTypeRepr, template, TemplateError } from '../template/index.js';
import { RunbookError } from '../util/index.js';
import { playKeywords, type Play } from '../playbook/index.js';
import { taskVars } from '../vars/index.js';
import type { RunContext } from './run-context.js';
import type { PlayBatch } from './play-batch.js';

/**
 * A vars_files entry's variables (VariableManager.get_vars' preprocess_vars): a mapping, or a
 * list of mappings merged in order; anything else is Ansible's error.
 */
function varsFileData(ctx: RunContext, path: string): Map<unknown, unknown> {
  const value = ctx.loader.readYaml(path).documents[0] ?? null;
  if (value === null) return new Map();
  const items = Array.isArray(value) ? (value as unknown[]) : [value];
  if (!items.every((i) => i instanceof Map))
    throw new RunbookError(
      `variable files must contain either a dictionary of variables, or a list of dictionaries. Got: ${pyRepr(value)} (${pyTypeRepr(value)})`,
    );
  return new Map((items as Map<unknown, unknown>[]).flatMap((m) => [...m]));
}

export function loadVarsFiles(play: Play, batch: string[], b: PlayBatch, ctx: RunContext): void {
  const files = playKeywords(play).varsFiles;
  if (!files) return;
  for (const host of batch) {
    const merged = new Map<string, unknown>();
    const vars = taskVars(ctx.world, host, b.scope());
    for (const entry of Array.isArray(files) ? files : [files]) {
      const candidates = Array.isArray(entry) ? entry : [entry];
      const path = candidates
        .map((c) => resolve(play.baseDir, String(template(c, vars))))
        .find((p) => ctx.loader.exists(p));
      if (!path) throw new RunbookError(`vars file ${String(candidates[0])} was not found`, play.origin);
      for (const [k, v] of varsFileData(ctx, path)) merged.set(String(k), v);
    }
    b.varsFiles.set(host, merged);
  }
}

/**
 * VariableManager.get_vars(play=play): without a host, the play's roles' defaults, its vars, the
 * vars_files read so far, its public roles' vars (`roleVars`), the extra vars, and the magic
 * variables (the run's and `groups`) — what play-level fields and vars_files names are templated
 * with.
 */
export function playLevelVars(
  play: Play,
  ctx: RunContext,
  files: Map<string, unknown>,
  roleVars: boolean,
): Map<string, unknown> {
  const playVars = play.keywords.get('vars');
  return new Map<string, unknown>([
    ...play.roles.flatMap((r) => [...r.defaults]),
    ...(playVars instanceof Map ? (playVars as Map<string, unknown>) : []),
    ...files,
    ...(roleVars ? play.roles.filter((r) => r.isPublic).flatMap((r) => [...r.vars]) : []),
    ...[...ctx.world.extraVars].map(([k, v]): [string, unknown] => [String(k), v]),
    ...ctx.world.runMagic,
    ['groups', ctx.world.inventory.inventory.groupsMap()],
  ]);
}

/**
 * VariableManager.get_vars(play=play), which PlaybookExecutor calls before the play's banner (and
 * before vars_prompt): each entry's first file that exists is read — a file that cannot be
 * decrypted or parsed ends the run there — while a name with an undefined variable, or no file,
 * waits for the hosts' turn (loadVarsFiles). Returns the variables read.
 */
export function readVarsFilesForPlay(play: Play, ctx: RunContext): Map<string, unknown> {
  const read = new Map<string, unknown>();
  const files = playKeywords(play).varsFiles;
  if (!files) return read;
  for (const entry of Array.isArray(files) ? files : [files]) {
    // each name templated with what get_vars has so far, the files read before it too
    const vars = playLevelVars(play, ctx, read, false);
    for (const name of Array.isArray(entry) ? entry : [entry]) {
      let path: string;
      try {
        path = resolve(play.baseDir, String(template(name, vars)));
      } catch (err) {
        if (err instanceof TemplateError && err.kind === 'UndefinedError') break;
        throw err;
      }
      if (!ctx.loader.exists(path)) continue;
      for (const [k, v] of varsFileData(ctx, path)) read.set(String(k), v);
      break;
    }
  }
  return read;
}
