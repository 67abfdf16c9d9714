// ansible.cfg and the ANSIBLE_* settings runbook reads (ECOSYSTEM.md §6.4): the first of
// $ANSIBLE_CONFIG, ./ansible.cfg, ~/.ansible.cfg, /etc/ansible/ansible.cfg; an ANSIBLE_*
// environment variable beats the file, a command-line flag beats both.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { RunbookError } from '../util/index.js';
import { configSource, unquote, type ConfigSource } from './ansible-config.js';

export interface Settings {
  /** The ansible.cfg in use, if any. */
  file: string | undefined;
  inventory: string[];
  forks: number;
  rolesPath: string[];
  /** COLLECTIONS_PATHS: where collections are installed and found (each holds ansible_collections/). */
  collectionsPaths: string[];
  /** DEFAULT_MODULE_PATH: where a user's modules are looked for after the playbook's and roles' library/. */
  library: string[];
  stdoutCallback: string;
  /** CALLBACKS_ENABLED (callback_whitelist before 2.11): the extra callbacks to load. */
  callbacksEnabled: string[];
  noColor: boolean | undefined;
  vaultPasswordFile: string | undefined;
  hostKeyChecking: boolean;
  strategy: string;
  /** DEFAULT_FORCE_HANDLERS: the default of --force-handlers. */
  forceHandlers: boolean;
  hashBehaviour: 'replace' | 'merge';
  errorOnMissingHandler: boolean;
  /** CACHE_PLUGIN, CACHE_PLUGIN_CONNECTION, CACHE_PLUGIN_PREFIX, CACHE_PLUGIN_TIMEOUT. */
  factCaching: { plugin: string; connection: string | undefined; prefix: string; timeout: number };
  /** DUPLICATE_YAML_DICT_KEY: what a duplicate key in a YAML mapping does. */
  duplicateYamlDictKey: 'warn' | 'error' | 'ignore';
  /** DEFAULT_JINJA2_NATIVE: templates give native Python types (Jinja2's NativeEnvironment). */
  jinja2Native: boolean;
  /** DEFAULT_NO_LOG: hide every task's results unless the task says no_log: false. */
  noLog: boolean;
  /** The default callback's display_skipped_hosts and display_ok_hosts. */
  displaySkippedHosts: boolean;
  displayOkHosts: boolean;
  /** DEFAULT_REMOTE_USER, DEFAULT_PRIVATE_KEY_FILE, DEFAULT_REMOTE_PORT, DEFAULT_TIMEOUT: the connection's defaults under -u, --private-key, -T. */
  remoteUser: string | undefined;
  privateKeyFile: string | undefined;
  remotePort: number | undefined;
  timeout: number | undefined;
  /** [privilege_escalation] become, become_user, become_method: the defaults under -b, --become-user, --become-method. */
  become: boolean;
  becomeUser: string | undefined;
  becomeMethod: string | undefined;
  /** [ssh_connection] ssh_args: ssh's own arguments (-F, -o, …), read as the common args are. */
  sshArgs: string | undefined;
  /** INTERPRETER_PYTHON: the hosts' Python unless a variable says ('auto' by default: discovered). */
  interpreterPython: string | undefined;
  /** show_custom_stats: set_stats' values after the recap (default and json callbacks). */
  showCustomStats: boolean;
  /** The default callback's check_mode_markers. */
  checkModeMarkers: boolean;
  /** LOCALHOST_WARNING: warn when the inventory has no host. */
  localhostWarning: boolean;
  /** INVENTORY_UNPARSED_IS_FAILED, INVENTORY_UNPARSED_WARNING: what no parsed source is. */
  inventoryUnparsed: 'warn' | 'ignore' | 'fail';
  /** INJECT_FACTS_AS_VARS: facts as top-level variables too. */
  injectFactsAsVars: boolean;
  /** DEFAULT_GATHERING: implicit, explicit or smart. */
  gathering: 'implicit' | 'explicit' | 'smart';
  /** DEFAULT_MANAGED_STR ([defaults] ansible_managed, no environment variable): the ansible_managed text. */
  managedStr: string;
}

const KEYS: Record<string, [section: string, key: string]> = {
  ANSIBLE_INVENTORY: ['defaults', 'inventory'],
  ANSIBLE_FORKS: ['defaults', 'forks'],
  ANSIBLE_ROLES_PATH: ['defaults', 'roles_path'],
  ANSIBLE_LIBRARY: ['defaults', 'library'],
  ANSIBLE_COLLECTIONS_PATHS: ['defaults', 'collections_paths'],
  ANSIBLE_COLLECTIONS_PATH: ['defaults', 'collections_path'],
  ANSIBLE_STDOUT_CALLBACK: ['defaults', 'stdout_callback'],
  ANSIBLE_CALLBACKS_ENABLED: ['defaults', 'callbacks_enabled'],
  ANSIBLE_CALLBACK_WHITELIST: ['defaults', 'callback_whitelist'],
  ANSIBLE_NOCOLOR: ['defaults', 'nocolor'],
  ANSIBLE_VAULT_PASSWORD_FILE: ['defaults', 'vault_password_file'],
  ANSIBLE_HOST_KEY_CHECKING: ['defaults', 'host_key_checking'],
  ANSIBLE_STRATEGY: ['defaults', 'strategy'],
  ANSIBLE_FORCE_HANDLERS: ['defaults', 'force_handlers'],
  ANSIBLE_HASH_BEHAVIOUR: ['defaults', 'hash_behaviour'],
  ANSIBLE_ERROR_ON_MISSING_HANDLER: ['defaults', 'error_on_missing_handler'],
  ANSIBLE_DUPLICATE_YAML_DICT_KEY: ['defaults', 'duplicate_dict_key'],
  ANSIBLE_JINJA2_NATIVE: ['defaults', 'jinja2_native'],
  ANSIBLE_NO_LOG: ['defaults', 'no_log'],
  ANSIBLE_DISPLAY_SKIPPED_HOSTS: ['defaults', 'display_skipped_hosts'],
  ANSIBLE_DISPLAY_OK_HOSTS: ['defaults', 'display_ok_hosts'],
  ANSIBLE_GATHERING: ['defaults', 'gathering'],
  ANSIBLE_CHECK_MODE_MARKERS: ['defaults', 'check_mode_markers'],
  ANSIBLE_SHOW_CUSTOM_STATS: ['defaults', 'show_custom_stats'],
  ANSIBLE_PYTHON_INTERPRETER: ['defaults', 'interpreter_python'],
  ANSIBLE_SSH_ARGS: ['ssh_connection', 'ssh_args'],
  ANSIBLE_LOCALHOST_WARNING: ['defaults', 'localhost_warning'],
  ANSIBLE_INVENTORY_UNPARSED_WARNING: ['inventory', 'inventory_unparsed_warning'],
  ANSIBLE_INVENTORY_UNPARSED_FAILED: ['inventory', 'unparsed_is_failed'],
  ANSIBLE_REMOTE_USER: ['defaults', 'remote_user'],
  ANSIBLE_PRIVATE_KEY_FILE: ['defaults', 'private_key_file'],
  ANSIBLE_REMOTE_PORT: ['defaults', 'remote_port'],
  ANSIBLE_TIMEOUT: ['defaults', 'timeout'],
  ANSIBLE_BECOME: ['privilege_escalation', 'become'],
  ANSIBLE_BECOME_USER: ['privilege_escalation', 'become_user'],
  ANSIBLE_BECOME_METHOD: ['privilege_escalation', 'become_method'],
  ANSIBLE_INJECT_FACT_VARS: ['defaults', 'inject_facts_as_vars'],
  ANSIBLE_CACHE_PLUGIN: ['defaults', 'fact_caching'],
  ANSIBLE_CACHE_PLUGIN_CONNECTION: ['defaults', 'fact_caching_connection'],
  ANSIBLE_CACHE_PLUGIN_PREFIX: ['defaults', 'fact_caching_prefix'],
  ANSIBLE_CACHE_PLUGIN_TIMEOUT: ['defaults', 'fact_caching_timeout'],
};

function findConfig(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const candidates = [
    env.ANSIBLE_CONFIG,
    join(cwd, 'ansible.cfg'),
    join(homedir(), '.ansible.cfg'),
    '/etc/ansible/ansible.cfg',
  ];
  return candidates.find((p): p is string => p !== undefined && p !== '' && existsSync(p));
}

/**
 * Reads an INI-style ansible.cfg into section → key → value as ConfigManager does
 * (config/manager.py at stable-2.14): configparser with inline_comment_prefixes=(';',) — a `;`
 * after whitespace starts a comment, a `#` only at the start of a line — option names
 * lower-cased, an indented line continuing the value before it, and values read raw (no `%`
 * interpolation: get(..., raw=True)).
 */
export function parseConfig(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let section = 'defaults';
  let last: { key: string; indent: number } | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s);.*$/, '').trim();
    if (!line || /^\s*[#;]/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const values = out.get(section);
    if (last && values && indent > last.indent) {
      values.set(last.key, `${values.get(last.key) ?? ''}\n${line}`);
      continue;
    }
    const header = /^\[(.+)\]/.exec(line);
    if (header) {
      section = header[1] ?? section;
      last = undefined;
      continue;
    }
    const m = /^(.*?)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    if (!out.has(section)) out.set(section, new Map());
    const key = (m[1] ?? '').toLowerCase();
    out.get(section)?.set(key, m[2] ?? '');
    last = { key, indent };
  }
  return out;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  return ['1', 'yes', 'true', 'on', 'y', 't'].includes(v.trim().toLowerCase());
}

let source: ConfigSource | undefined;

/** The ansible.cfg and environment ansible.constants are read from in this process (the config lookup). */
export function currentConfigSource(): ConfigSource {
  source ??= configSource(findConfig(process.env, process.cwd()), parseConfig);
  return source;
}

/** The settings in force for this run. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const file = findConfig(env, cwd);
  const cfg = file ? parseConfig(readFileSync(file, 'utf8')) : new Map<string, Map<string, string>>();
  const get = (name: keyof typeof KEYS): string | undefined => {
    const [section, key] = KEYS[name] ?? ['defaults', ''];
    return env[name] ?? cfg.get(section)?.get(key);
  };
  // where a value came from, as ConfigManager names it in its errors
  const origin = (name: keyof typeof KEYS): string => (env[name] !== undefined ? `env: ${name}` : (file ?? 'default'));
  // a relative path in ansible.cfg is relative to that file; one from the environment to the
  // current directory (ConfigManager's ensure_type: basedir is the origin when it is a file)
  const paths = (v: string | undefined, name?: keyof typeof KEYS): string[] => {
    const base = file && !(name && env[name] !== undefined) ? dirname(resolve(file)) : cwd;
    return v
      ? v
          .split(/[:,]/)
          .filter(Boolean)
          .map((p) => resolve(base, p.replace(/^~(?=\/)/, homedir())))
      : [];
  };
  const forks = Number(get('ANSIBLE_FORKS') ?? 5);
  return {
    file,
    inventory: get('ANSIBLE_INVENTORY') ? paths(get('ANSIBLE_INVENTORY'), 'ANSIBLE_INVENTORY') : ['/etc/ansible/hosts'],
    forks: Number.isFinite(forks) && forks > 0 ? forks : 5,
    rolesPath: get('ANSIBLE_ROLES_PATH')
      ? paths(get('ANSIBLE_ROLES_PATH'), 'ANSIBLE_ROLES_PATH')
      : [join(homedir(), '.ansible/roles'), '/usr/share/ansible/roles', '/etc/ansible/roles'],
    collectionsPaths:
      (get('ANSIBLE_COLLECTIONS_PATH') ?? get('ANSIBLE_COLLECTIONS_PATHS'))
        ? paths(
            get('ANSIBLE_COLLECTIONS_PATH') ?? get('ANSIBLE_COLLECTIONS_PATHS'),
            get('ANSIBLE_COLLECTIONS_PATH') !== undefined ? 'ANSIBLE_COLLECTIONS_PATH' : 'ANSIBLE_COLLECTIONS_PATHS',
          )
        : [join(homedir(), '.ansible/collections'), '/usr/share/ansible/collections'],
    library: get('ANSIBLE_LIBRARY')
      ? paths(get('ANSIBLE_LIBRARY'), 'ANSIBLE_LIBRARY')
      : [join(homedir(), '.ansible/plugins/modules'), '/usr/share/ansible/plugins/modules'],
    stdoutCallback: get('ANSIBLE_STDOUT_CALLBACK') ?? 'default',
    // a list setting: each item stripped and unquoted (ensure_type)
    callbacksEnabled: (get('ANSIBLE_CALLBACKS_ENABLED') ?? get('ANSIBLE_CALLBACK_WHITELIST') ?? '')
      .split(',')
      .map((c) => unquote(c.trim()))
      .filter(Boolean),
    noColor: bool(get('ANSIBLE_NOCOLOR')),
    vaultPasswordFile: get('ANSIBLE_VAULT_PASSWORD_FILE')
      ? paths(get('ANSIBLE_VAULT_PASSWORD_FILE'), 'ANSIBLE_VAULT_PASSWORD_FILE')[0]
      : undefined,
    hostKeyChecking: bool(get('ANSIBLE_HOST_KEY_CHECKING')) ?? true,
    strategy: get('ANSIBLE_STRATEGY') ?? 'linear',
    forceHandlers: bool(get('ANSIBLE_FORCE_HANDLERS')) ?? false,
    hashBehaviour: get('ANSIBLE_HASH_BEHAVIOUR')?.trim() === 'merge' ? 'merge' : 'replace',
    errorOnMissingHandler: bool(get('ANSIBLE_ERROR_ON_MISSING_HANDLER')) ?? true,
    factCaching: {
      plugin: get('ANSIBLE_CACHE_PLUGIN') ?? 'memory',
      connection: get('ANSIBLE_CACHE_PLUGIN_CONNECTION')
        ? paths(get('ANSIBLE_CACHE_PLUGIN_CONNECTION'), 'ANSIBLE_CACHE_PLUGIN_CONNECTION')[0]
        : undefined,
      prefix: get('ANSIBLE_CACHE_PLUGIN_PREFIX') ?? 'ansible_facts',
      timeout: Number(get('ANSIBLE_CACHE_PLUGIN_TIMEOUT') ?? 86400),
    },
    duplicateYamlDictKey: ((v) => (v === 'error' || v === 'ignore' ? v : 'warn'))(
      get('ANSIBLE_DUPLICATE_YAML_DICT_KEY')?.trim().toLowerCase(),
    ),
    jinja2Native: bool(get('ANSIBLE_JINJA2_NATIVE')) ?? false,
    noLog: bool(get('ANSIBLE_NO_LOG')) ?? false,
    displaySkippedHosts: bool(get('ANSIBLE_DISPLAY_SKIPPED_HOSTS')) ?? true,
    displayOkHosts: bool(get('ANSIBLE_DISPLAY_OK_HOSTS')) ?? true,
    remoteUser: get('ANSIBLE_REMOTE_USER') || undefined,
    privateKeyFile: get('ANSIBLE_PRIVATE_KEY_FILE')
      ? paths(get('ANSIBLE_PRIVATE_KEY_FILE'), 'ANSIBLE_PRIVATE_KEY_FILE')[0]
      : undefined,
    remotePort: integer('DEFAULT_REMOTE_PORT', get('ANSIBLE_REMOTE_PORT'), origin('ANSIBLE_REMOTE_PORT')),
    timeout: integer('DEFAULT_TIMEOUT', get('ANSIBLE_TIMEOUT'), origin('ANSIBLE_TIMEOUT')),
    become: bool(get('ANSIBLE_BECOME')) ?? false,
    becomeUser: get('ANSIBLE_BECOME_USER') || undefined,
    becomeMethod: get('ANSIBLE_BECOME_METHOD') || undefined,
    sshArgs: get('ANSIBLE_SSH_ARGS') || undefined,
    interpreterPython: get('ANSIBLE_PYTHON_INTERPRETER') || undefined,
    checkModeMarkers: bool(get('ANSIBLE_CHECK_MODE_MARKERS')) ?? false,
    showCustomStats: bool(get('ANSIBLE_SHOW_CUSTOM_STATS')) ?? false,
    localhostWarning: bool(get('ANSIBLE_LOCALHOST_WARNING')) ?? true,
    inventoryUnparsed: bool(get('ANSIBLE_INVENTORY_UNPARSED_FAILED'))
      ? 'fail'
      : (bool(get('ANSIBLE_INVENTORY_UNPARSED_WARNING')) ?? true)
        ? 'warn'
        : 'ignore',
    injectFactsAsVars: bool(get('ANSIBLE_INJECT_FACT_VARS')) ?? true,
    managedStr: cfg.get('defaults')?.get('ansible_managed') ?? 'Ansible managed',
    gathering: choice('DEFAULT_GATHERING', get('ANSIBLE_GATHERING') ?? 'implicit', [
      'implicit',
      'explicit',
      'smart',
    ] as const),
  };
}

/**
 * A setting Ansible's configuration refuses: ansible/cli/__init__.py prints it as
 * "ERROR: …" (not "ERROR! …") and exits 5 before anything else runs.
 */
export class ConfigSettingError extends RunbookError {
  constructor(message: string) {
    super(message, undefined, { exitCode: 5 });
    this.name = 'ConfigSettingError';
  }
}

/** An integer setting (ensure_type 'integer': int()): anything else is refused; an empty one is the default. */
function integer(setting: string, value: string | undefined, from: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*[-+]?\d+\s*$/.test(value)) return Number(value);
  throw new ConfigSettingError(
    `Invalid type for configuration option setting: ${setting} (from ${from}): invalid literal for int() with base 10: '${value}'`,
  );
}

/** A setting with choices (config/base.yml): anything else is refused, as ConfigManager does. */
function choice<T extends string>(setting: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new ConfigSettingError(
    `Invalid value "${value}" for configuration option "setting: ${setting} ", valid values are: ${choices.join(', ')}`,
  );
}
