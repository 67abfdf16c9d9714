// `-e` values as ansible-playbook reads them (cli/__init__.py load_extra_vars): `@file`
// loads a YAML/JSON vars file, text starting with `{` or `[` is YAML, anything else is
// key=value pairs whose values stay strings. Later `-e` win.
import { resolve } from 'node:path';
import { RunbookError, expandUser } from '../util/index.js';
import { parseYamlValue } from '../util/index.js';
import { loadVarsFile, type Loader } from '../loader/index.js';

/** Splits `a=1 b='two words'` as Ansible's parse_kv does (shell-like quoting). */
export function parseKv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\s*([^=\s]+)=((?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s"'])*)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text))) {
    out.set(m[1] ?? '', unquote(m[2] ?? ''));
    last = re.lastIndex;
  }
  if (text.slice(last).trim()) {
    throw new RunbookError(`invalid extra vars "${text}": expected key=value pairs, a YAML/JSON mapping or @file`);
  }
  return out;
}

function unquote(v: string): string {
  return v.replace(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g, (_m, d: string | undefined, s: string | undefined) =>
    (d ?? s ?? '').replace(/\\(.)/g, '$1'),
  );
}

/** Merges every `-e` option into one Map of variables. */
export function loadExtraVars(options: readonly string[], loader: Loader): Map<unknown, unknown> {
  const vars = new Map<unknown, unknown>();
  for (const opt of options) {
    for (const [k, v] of parseOne(opt, loader)) vars.set(k, v);
  }
  return vars;
}

function parseOne(opt: string, loader: Loader): Map<unknown, unknown> {
  if (opt.startsWith('@')) {
    // DataLoader.load_from_file: path_dwim from the current directory; AnsibleFileNotFound
    const path = resolve(expandUser(opt.slice(1)));
    if (!loader.exists(path))
      throw new RunbookError(
        `Unable to retrieve file contents\nCould not find or access '${path}' on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`,
        undefined,
        { exitCode: 1 },
      );
    return loadVarsFile(loader, path);
  }
  if (opt.startsWith('{') || opt.startsWith('[')) {
    // DataLoader.load of the option's text: its errors name the file '<string>'
    const value = parseYamlValue(opt, '<string>', { ansibleLoader: true });
    if (!(value instanceof Map)) throw new RunbookError(`invalid extra vars "${opt}": must be a mapping`);
    return value;
  }
  return parseKv(opt);
}
