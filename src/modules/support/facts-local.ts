// Local facts (facts/system/local.py at stable-2.14): every fact_path/*.fact, sorted — an
// executable one run and its output read, any other read — as JSON, else as an INI file through
// configparser; what fails to run or parse becomes its fact's text, with a warning.
import { ConfigParserError, readConfig, shellQuote } from '../../util/index.js';
import { pyJsonLoads } from '../../template/index.js';

/** The program's lines for a fact_path: each file framed by @@ lines, an executable's stdout, stderr and rc. */
export function localFactsProbe(factPath: string): string[] {
  return [
    `lf=${shellQuote(factPath)}`,
    'rb_lines() { while IFS= read -r l || [ -n "$l" ]; do printf "%s\\n" "$l"; done < "$1"; }',
    // glob.glob lists a dangling symlink too; os.stat on it fails (a line of its own)
    'if [ -e "$lf" ]; then echo "localfacts<<"; for fn in "$lf"/*.fact; do',
    '  if [ ! -e "$fn" ]; then [ -L "$fn" ] && echo "@@nostat $fn"; continue; fi',
    // stat.S_IXUSR of the file, taken as the shell's -x (chosen: no stat process per file)
    '  if [ -x "$fn" ]; then t=/tmp/.rb-localfact-$$; "$fn" > "$t.o" 2> "$t.e"; r=$?',
    '    echo "@@exec $fn"; rb_lines "$t.o"; echo "@@stderr"; rb_lines "$t.e"; echo "@@rc $r"; rm -f "$t.o" "$t.e"',
    '  else echo "@@file $fn"; rb_lines "$fn"; echo "@@rc 0"; fi; done; echo ">>"; fi',
  ];
}

interface FactFile {
  path: string;
  exec: boolean;
  out: string[];
  err: string[];
  rc: number;
  /** A dangling symlink: os.stat raised ENOENT. */
  noStat?: boolean;
}

function factFiles(lines: string[]): FactFile[] {
  const out: FactFile[] = [];
  let cur: FactFile | undefined;
  let inErr = false;
  for (const line of lines) {
    const missing = /^@@nostat (.*)$/.exec(line);
    if (missing) {
      out.push({ path: missing[1] ?? '', exec: false, out: [], err: [], rc: 0, noStat: true });
      cur = undefined;
      continue;
    }
    const start = /^@@(exec|file) (.*)$/.exec(line);
    if (start) {
      cur = { path: start[2] ?? '', exec: start[1] === 'exec', out: [], err: [], rc: 0 };
      inErr = false;
      out.push(cur);
    } else if (line === '@@stderr') inErr = true;
    else if (/^@@rc \d+$/.test(line) && cur) {
      cur.rc = Number(line.slice(5));
      cur = undefined;
    } else if (cur) (inErr ? cur.err : cur.out).push(line);
  }
  return out;
}

/**
 * json.loads, else configparser: the fact's value, or the text of why not (with a warning). An
 * error of configparser's get (interpolation) is raised inside local.py's `except ValueError`
 * handler, which its sibling `except Exception` does not catch: it ends the whole collector.
 */
function loadFact(path: string, text: string, warn: (w: string) => void): unknown {
  try {
    return pyJsonLoads(text);
  } catch {
    // not JSON (ValueError): configparser
  }
  let cp;
  try {
    cp = readConfig(text);
  } catch (e) {
    if (!(e instanceof ConfigParserError)) throw e;
    const fact = `error loading facts as JSON or ini - please check content: ${path}`;
    warn(fact);
    return fact;
  }
  return new Map(cp.sections().map((sect) => [sect, new Map(cp.options(sect).map((opt) => [opt, cp.get(sect, opt)]))]));
}

/**
 * ansible_local: each fact file's value by its name without .fact, or undefined when the
 * collector failed (AnsibleFactCollector.collect drops a collector that raised); the warnings
 * setup gives, those before a failure included.
 */
export function localFacts(lines: string[] | undefined): { local?: Map<string, unknown>; warnings: string[] } {
  const local = new Map<string, unknown>();
  const warnings: string[] = [];
  const warn = (w: string): void => {
    warnings.push(w);
  };
  // sorted(glob.glob(...)): by path, whatever order the host's shell globbed them in
  for (const f of factFiles(lines ?? []).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const base = (f.path.split('/').pop() ?? '').replaceAll('.fact', '');
    if (f.noStat) {
      const failed = `Could not stat fact (${f.path}): [Errno 2] No such file or directory: '${f.path}'`;
      local.set(base, failed);
      warn(failed);
      continue;
    }
    if (f.exec && f.rc !== 0) {
      const failed = `Failure executing fact script (${f.path}), rc: ${f.rc}, err: ${f.err.map((l) => `${l}\n`).join('')}`;
      local.set(base, failed);
      warn(failed);
      continue;
    }
    // get_file_content strips a read file; a script's output is taken whole
    const text = f.exec ? f.out.map((l) => `${l}\n`).join('') : f.out.join('\n').trim();
    try {
      local.set(base, loadFact(f.path, text, warn));
    } catch (e) {
      if (e instanceof ConfigParserError) return { warnings };
      throw e;
    }
  }
  return { local, warnings };
}
