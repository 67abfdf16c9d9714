// A module of the user's own (library/): sent to the host and run there with its arguments,
// as ansible-core runs a module it does not know. The style decides how the arguments travel
// (executor/module_common.py _find_module_utils at stable-2.14): a new-style Python module
// (it imports ansible.module_utils) reads {"ANSIBLE_MODULE_ARGS": …} on stdin, a WANT_JSON
// script gets a JSON file, an old-style one a key=value file, both as its first argument.
// runbook ships no ansible.module_utils: a new-style module runs where the host's Python has
// ansible-core installed; elsewhere its ImportError comes back as Ansible's MODULE FAILURE.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { defineModule, type Module, type ModuleContext, type ModuleResult } from './define.js';
import { RunbookError, shellQuote } from '../util/index.js';
import { pyJsonDumps } from '../template/index.js';

type Style = 'new' | 'want_json' | 'old' | 'binary';

const NEW_STYLE =
  /(?:from +ansible\.module_utils.* +import|import +ansible\.module_utils\.)|#<<INCLUDE_ANSIBLE_MODULE_COMMON>>|<<INCLUDE_ANSIBLE_MODULE_JSON_ARGS>>/;

function styleOf(source: Buffer): Style {
  // _is_binary: text has no NUL and decodes; a binary module gets a JSON file
  if (source.includes(0)) return 'binary';
  const text = source.toString('utf8');
  if (NEW_STYLE.test(text)) return 'new';
  if (text.includes('WANT_JSON')) return 'want_json';
  return 'old';
}

/** The module's own arguments plus the _ansible_* ones ActionBase._update_module_args adds. */
function moduleArgs(name: string, args: Record<string, unknown>, ctx: ModuleContext): Record<string, unknown> {
  return {
    ...args,
    _ansible_check_mode: ctx.checkMode,
    _ansible_no_log: false,
    _ansible_debug: false,
    _ansible_diff: ctx.diff,
    _ansible_verbosity: ctx.verbosity,
    _ansible_version: '2.14.18',
    _ansible_module_name: name,
    _ansible_syslog_facility: 'LOG_USER',
    _ansible_selinux_special_fs: ['fuse', 'nfs', 'vboxsf', 'ramfs', '9p', 'vfat'],
    _ansible_string_conversion_action: 'warn',
    _ansible_socket: null,
    _ansible_shell_executable: '/bin/sh',
    _ansible_keep_remote_files: false,
    _ansible_tmpdir: null,
    _ansible_remote_tmp: '~/.ansible/tmp',
  };
}

/** JSON of a value that may hold Maps (dict arguments), as the module's json.loads reads it. */
function toJson(value: unknown): string {
  const plain = (v: unknown): unknown =>
    v instanceof Map
      ? new Map([...v].map(([k, x]) => [String(k), plain(x)]))
      : Array.isArray(v)
        ? v.map(plain)
        : v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype
          ? new Map(Object.entries(v).map(([k, x]) => [k, plain(x)]))
          : v;
  return pyJsonDumps(plain(value));
}

// old-style modules read `k=v k2='v 2'` (module_common: the args as a shell-quoted string)
function keyValue(args: Record<string, unknown>): string {
  return Object.entries(args)
    .map(([k, v]) => `${k}=${shellQuote(typeof v === 'string' ? v : toJson(v))}`)
    .join(' ');
}

/** One shell program: unpack the module (and its args file) in a private directory, run, clean up. */
function program(style: Style, source: Buffer, args: string, interpreter: string): string {
  const b64 = (s: Buffer | string): string => shellQuote(Buffer.from(s).toString('base64'));
  const unpack = [
    'd=$(mktemp -d) || exit 1',
    'trap \'rm -rf "$d"\' EXIT',
    `printf %s ${b64(source)} | base64 -d > "$d/module"`,
    'chmod 700 "$d/module"',
  ];
  if (style === 'new') return [...unpack, `${shellQuote(interpreter)} "$d/module"`].join('\n');
  const firstLine = source.toString('utf8').split('\n', 1)[0] ?? '';
  // a #!/usr/bin/python script runs with the host's interpreter (ansible_python_interpreter)
  const run = /^#!.*\bpython/.test(firstLine) ? `${shellQuote(interpreter)} "$d/module"` : '"$d/module"';
  return [...unpack, `printf %s ${b64(args)} | base64 -d > "$d/args"`, `${run} "$d/args"`].join('\n');
}

/** _filter_non_json_lines: the JSON object among other output lines, and warnings for junk after it. */
function jsonOf(stdout: string): { json: string; warnings: string[] } | undefined {
  const lines = stdout.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().startsWith('{'));
  if (start < 0) return undefined;
  const rest = lines.slice(start);
  const fromEnd = [...rest].reverse().findIndex((l) => l.trim().endsWith('}'));
  if (fromEnd < 0) return undefined;
  const body = rest.slice(0, rest.length - fromEnd);
  const junk = rest.slice(rest.length - fromEnd);
  const warnings = junk.some((l) => l.trim())
    ? [`Module invocation had junk after the JSON data: ${junk.join('\n')}`]
    : [];
  return { json: body.join('\n'), warnings };
}

/**
 * ActionBase._parse_returned_data: the module's JSON, or MODULE FAILURE with what it printed.
 * The keys keep the module's order; interpreter discovery's fact, then `failed` and `changed`
 * follow where the module did not set them (the order ansible-playbook registers).
 */
function parseReturned(stdout: string, stderr: string, rc: number): ModuleResult {
  const found = jsonOf(stdout);
  let data: Record<string, unknown>;
  try {
    if (!found) throw new SyntaxError('no JSON');
    data = JSON.parse(found.json) as Record<string, unknown>;
  } catch {
    const traceback = [stderr, stdout].find((s) => s.startsWith('Traceback'));
    return {
      changed: false,
      failed: true,
      msg: 'MODULE FAILURE\nSee stdout/stderr for the exact error',
      data: { module_stdout: stdout, module_stderr: stderr, rc, ...(traceback ? { exception: traceback } : {}) },
    };
  }
  const facts = new Map(Object.entries((data.ansible_facts as Record<string, unknown> | undefined) ?? {}));
  if (facts.size) data.ansible_facts = facts;
  const warnings = [...((data.warnings as string[] | undefined) ?? []), ...found.warnings];
  if (warnings.length) data.warnings = warnings;
  data.failed ??= false;
  data.changed ??= false;
  return {
    changed: data.changed === true,
    ...(data.failed === true ? { failed: true } : {}),
    ...(data.skipped === true ? { skipped: true } : {}),
    ...(facts.size ? { facts, factKind: 'facts' as const } : {}),
    data,
  };
}

/** A module read from a file of a library directory. */
export function customModule(path: string): Module {
  const name = basename(path).replace(/\.(py|sh)$/, '');
  return defineModule({
    name,
    collection: 'ansible.legacy',
    description: `The module in ${path}`,
    args: {},
    anyArgs: true,
    checkMode: 'supported',
    run: async (args, ctx) => {
      const source = readFileSync(path);
      const style = styleOf(source);
      // ActionBase._configure_module: a module that is not new-style needs its own #! line
      if (style !== 'new' && style !== 'binary' && !source.toString('utf8').startsWith('#!'))
        throw new RunbookError(`module (${name}) is missing interpreter line`);
      const full = moduleArgs(name, args, ctx);
      // json.dumps of the arguments: a dict argument (a Map here) is a JSON object, not {}
      const argsText = style === 'old' ? keyValue(args) : toJson(full);
      const stdin = style === 'new' ? toJson({ ANSIBLE_MODULE_ARGS: full }) : undefined;
      const r = await ctx.conn.exec(program(style, source, argsText, ctx.interpreter), {
        env: ctx.env,
        ...(stdin !== undefined ? { stdin } : {}),
      });
      const result = parseReturned(r.stdout, r.stderr, r.exitCode);
      // the result as registered has no invocation below -vvv
      if (result.data && ctx.verbosity < 3) delete result.data.invocation;
      return result;
    },
  });
}
