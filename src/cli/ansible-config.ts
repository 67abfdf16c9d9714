// ansible-core's configuration settings as ansible.constants has them (config/manager.py at
// 2.14.18: get_config_value_and_origin, ensure_type; constants.py renders a templated default),
// for the config lookup: an ANSIBLE_* variable, else ansible.cfg's entry, else the default of
// lib/ansible/config/base.yml (recorded in ansible-config-defs.json by
// scripts/record-config-defs.py).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { randomBytes } from 'node:crypto';
import DEFS from './ansible-config-defs.json' with { type: 'json' };
import { isTruthy } from '../util/index.js';

interface Def {
  default: unknown;
  type: string | null;
  env: string[];
  ini: [string, string][];
}

const SETTINGS = DEFS.settings as unknown as Record<string, Def>;

/** The ansible.cfg in use: its path and its section → key → value. */
export interface ConfigSource {
  file: string | undefined;
  cfg: Map<string, Map<string, string>>;
  env: NodeJS.ProcessEnv;
}

/** unquote: one pair of matching quotes around the text removed. */
export const unquote = (s: string): string => (/^(['"]).*\1$/s.test(s) && s.length > 1 ? s.slice(1, -1) : s);

/** unfrackpath(path, follow=False, basedir): ~ and $VARS expanded, relative to the file's directory or the cwd. */
function resolvePath(path: string, env: NodeJS.ProcessEnv, basedir: string | undefined): string {
  const expanded = path
    .replace(/\{\{CWD\}\}/g, process.cwd())
    .replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a: string | undefined, b: string | undefined) => env[a ?? b ?? ''] ?? m)
    .replace(/^~(?=\/|$)/, homedir());
  return normalize(isAbsolute(expanded) ? expanded : join(basedir ?? process.cwd(), expanded)).replace(/(.)\/$/, '$1');
}

/** ensure_type: the value as the setting's type makes it. */
function ensureType(value: unknown, type: string | null, env: NodeJS.ProcessEnv, origin: string | undefined): unknown {
  if (value === null || value === undefined) return null;
  const basedir = origin && isAbsolute(origin) ? dirname(origin) : undefined;
  const paths = (list: string[]): string[] => list.map((p) => resolvePath(p, env, basedir));
  switch (type?.toLowerCase()) {
    case 'boolean':
    case 'bool':
      // boolean(value, strict=False)
      return isTruthy(value);
    case 'integer':
    case 'int':
      return typeof value === 'number' ? Math.trunc(value) : Number.parseInt(String(value).trim(), 10);
    case 'float':
      return Number(value);
    case 'list':
      return typeof value === 'string' ? value.split(',').map((x) => unquote(x.trim())) : value;
    case 'none':
      return value === 'None' ? null : value;
    case 'path':
      return typeof value === 'string' ? resolvePath(value, env, basedir) : value;
    case 'tmp':
    case 'temppath':
    case 'tmppath':
      // tempfile.mkdtemp(prefix='ansible-local-<pid>', dir=…): the name it would have
      return `${resolvePath(String(value), env, basedir)}/ansible-local-${process.pid}${randomBytes(4).toString('hex')}`;
    case 'pathspec':
      return Array.isArray(value) ? paths(value.map(String)) : paths(String(value).split(':'));
    case 'pathlist':
      return Array.isArray(value)
        ? paths(value.map(String))
        : paths(
            String(value)
              .split(',')
              .map((x) => x.trim()),
          );
    default:
      return typeof value === 'string' ? unquote(value) : value;
  }
}

/** Whether ansible.constants has the setting. */
export function hasSetting(name: string): boolean {
  return Object.hasOwn(SETTINGS, name);
}

/** A templated default of constants.py: `{{ ANSIBLE_HOME ~ "…" }}` with the run's ANSIBLE_HOME. */
function renderDefault(value: unknown, src: ConfigSource): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\{\{\s*ANSIBLE_HOME\s*~\s*"([^"]*)"\s*\}\}$/.exec(value);
  return m ? `${String(settingValue('ANSIBLE_HOME', src))}${m[1] ?? ''}` : value;
}

/** ansible.constants.NAME for this run. */
export function settingValue(name: string, src: ConfigSource): unknown {
  const def = SETTINGS[name];
  if (!def) return undefined;
  for (const e of def.env) if (src.env[e] !== undefined) return ensureType(src.env[e], def.type, src.env, `env: ${e}`);
  for (const [section, key] of def.ini) {
    const v = src.cfg.get(section)?.get(key);
    if (v !== undefined) return ensureType(v, def.type, src.env, src.file);
  }
  return ensureType(renderDefault(def.default, src), def.type, src.env, 'default');
}

/** The configuration a run reads: the file ansible.cfg settings come from, parsed with `parse`. */
export function configSource(
  file: string | undefined,
  parse: (text: string) => Map<string, Map<string, string>>,
  env: NodeJS.ProcessEnv = process.env,
): ConfigSource {
  return { file, cfg: file ? parse(readFileSync(file, 'utf8')) : new Map<string, Map<string, string>>(), env };
}
