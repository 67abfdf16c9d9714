// The env fact (facts/system/env.py: os.environ of the module's Python) from the shell's own
// `export -p` — a builtin, where `env` was a process on the host per gathering (issue 21).
// Shells quote differently: dash and busybox ash 'it'"'"'s', bash in POSIX mode "it's" and
// $'a\nb', bash otherwise `declare -x`; a name exported without a value is not in the
// environment.

import { PY_SINGLE_ESCAPES } from '../../util/index.js';

/**
 * The program's line. bash (as sh on SUSE and Red Hat) gives the command it runs `_` set to its
 * path, so Ansible's module sees `_` as its interpreter; its `export -p` no longer lists `_` once a
 * builtin ran: the answer says the shell is bash.
 */
export const ENV_PROBE = 'echo "env<<"; export -p; echo ">>"; [ -z "$BASH_VERSION" ] || echo sh_bash=1';

/** bash's $'…' escapes: Python's single-character ones, and \e, \E, \?. */
const C_ESCAPES: Readonly<Record<string, string>> = { ...PY_SINGLE_ESCAPES, e: '\x1b', E: '\x1b', '?': '?' };

/** bash's $'…' from just after the opening quote: the text and where the closing quote ends. */
function ansiC(s: string, i: number): [string, number] {
  let out = '';
  while (i < s.length && s[i] !== "'") {
    if (s[i] !== '\\') {
      out += s[i++];
      continue;
    }
    const c = s[i + 1] ?? '';
    const num =
      /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4)) ?? (c === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2, i + 4)) : null);
    if (num && c !== 'x') {
      out += String.fromCharCode(parseInt(num[0], 8));
      i += 1 + num[0].length;
    } else if (num) {
      out += String.fromCharCode(parseInt(num[0], 16));
      i += 2 + num[0].length;
    } else {
      out += C_ESCAPES[c] ?? `\\${c}`;
      i += 2;
    }
  }
  return [out, i + 1];
}

/** One shell word from `i` to an unquoted blank or newline: its value and where it ends. */
function word(s: string, i: number): [string, number] {
  let out = '';
  while (i < s.length && s[i] !== '\n' && s[i] !== ' ') {
    const c = s[i];
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      out += s.slice(i + 1, end < 0 ? s.length : end);
      i = end < 0 ? s.length : end + 1;
    } else if (c === '$' && s[i + 1] === "'") {
      const [text, next] = ansiC(s, i + 2);
      out += text;
      i = next;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        // inside double quotes a backslash escapes only $ ` " \ and a newline
        if (s[i] === '\\' && '$`"\\\n'.includes(s[i + 1] ?? '')) i++;
        out += s[i++];
      }
      i++;
    } else if (c === '\\') {
      out += s[i + 1] ?? '';
      i += 2;
    } else out += s[i++];
  }
  return [out, i];
}

/** The variables `export -p` listed, in its order. */
export function exportedVars(lines: string[]): Map<string, string> {
  const s = lines.join('\n');
  const vars = new Map<string, string>();
  const head = /(?:^|\n)(?:export|declare -x) ([A-Za-z_][A-Za-z0-9_]*)(=?)/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(s))) {
    if (!m[2]) continue;
    const [value, end] = word(s, m.index + m[0].length);
    vars.set(m[1] ?? '', value);
    head.lastIndex = end;
  }
  return vars;
}

/**
 * PEP 538 as the module's Python 3 applies it at start: with LC_ALL unset and LC_CTYPE's locale
 * C or POSIX (LC_CTYPE, else LANG, unset or empty counts as C), it sets LC_CTYPE=C.UTF-8 in its
 * environment (chosen: the target is taken to have that locale, as glibc ≥ 2.35 and Debian do;
 * PYTHONCOERCECLOCALE=0 turns it off).
 */
export function withCoercedLocale(env: Map<string, string>, python: boolean): Map<string, string> {
  if (!python || env.get('LC_ALL') || env.get('PYTHONCOERCECLOCALE') === '0') return env;
  const ctype = env.get('LC_CTYPE') || env.get('LANG') || 'C';
  if (ctype !== 'C' && ctype !== 'POSIX') return env;
  return new Map([...env, ['LC_CTYPE', 'C.UTF-8']]);
}

/** ansible_env: the shell's exported variables as the module's Python would have them. */
export function envFacts(lines: string[], python: string | undefined, bash: boolean): Map<string, string> {
  const env = exportedVars(lines);
  if (bash && python) env.set('_', python);
  return withCoercedLocale(env, Boolean(python));
}
