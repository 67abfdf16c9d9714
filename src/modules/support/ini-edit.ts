// The line editing of community.general's ini_file.py (do_ini, collection 6.x as shipped with
// Debian's ansible 7): pure, on a list of lines that keep their "\n". Kept line for line close
// to the Python so that differences stay reviewable.

export interface IniEdit {
  section?: string;
  option?: string;
  values: string[];
  state: 'present' | 'absent';
  exclusive: boolean;
  noExtraSpaces: boolean;
  allowNoValue: boolean;
}

export interface IniEditResult {
  lines: string[];
  changed: boolean;
  msg: string;
}

// The commit hash ini_file.py uses as the name of a fake first section.
const FAKE_SECTION = 'ad01e11446efb704fcdbdb21f2c43757423d91c5';
const BLANK_OR_COMMENT = /^[ \t]*([#;][^\n]*)?(?=\n?$)/;

function escapeRe(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, (c) => `\\${c}`);
}

// match_opt / match_active_opt: Python's `$` also matches before a final "\n".
function matchOpt(option: string, line: string, active = false): RegExpExecArray | null {
  const re = new RegExp(`^${active ? '' : '[#;]?'}( |\\t)*(${escapeRe(option)})( |\\t)*(=|(?=\\n?$))( |\\t)*([^\\n]*)`);
  return re.exec(line);
}

interface State {
  changed: boolean;
  msg: string;
}

function updateLine(st: State, lines: string[], index: number, changedLines: number[], newline: string): void {
  if (lines[index] !== newline) {
    st.changed = true;
    st.msg = 'option changed';
  }
  lines[index] = newline;
  changedLines[index] = 1;
}

function presentExisting(
  e: IniEdit,
  lines: string[],
  changedLines: number[],
  values: string[],
  st: State,
  fmt: (v: string) => string,
): boolean {
  let noValuePresent = false;
  if (!e.option) return false;
  for (let i = 0; i < lines.length; i++) {
    const m = matchOpt(e.option, lines[i]!);
    if (!m) continue;
    const v = m[6]!;
    if (values.length && values.includes(v)) {
      if (!v && e.allowNoValue) {
        updateLine(st, lines, i, changedLines, `${e.option}\n`);
        noValuePresent = true;
      } else updateLine(st, lines, i, changedLines, fmt(v));
      values.splice(values.indexOf(v), 1);
    } else if (!values.length && e.allowNoValue) {
      updateLine(st, lines, i, changedLines, `${e.option}\n`);
      noValuePresent = true;
      break;
    }
  }
  return noValuePresent;
}

function presentExclusive(
  e: IniEdit,
  lines: string[],
  changedLines: number[],
  values: string[],
  st: State,
  fmt: (v: string) => string,
): void {
  const option = e.option ?? '';
  if (values.length) {
    for (let i = 0; i < lines.length; i++) {
      if (changedLines[i] || !matchOpt(option, lines[i]!)) continue;
      updateLine(st, lines, i, changedLines, fmt(values.shift()!));
      if (!values.length) break;
    }
  }
  for (let i = lines.length - 1; i > 0; i--) {
    if (!changedLines[i] && matchOpt(option, lines[i]!)) {
      lines.splice(i, 1);
      changedLines.splice(i, 1);
      st.changed = true;
      st.msg = 'option changed';
    }
  }
}

function insertMissing(
  e: IniEdit,
  lines: string[],
  values: string[],
  noValuePresent: boolean,
  st: State,
  fmt: (v: string) => string,
): void {
  for (let i = lines.length; i > 0; i--) {
    if (BLANK_OR_COMMENT.test(lines[i - 1]!)) continue;
    if (e.option && values.length) {
      lines.splice(i, 0, ...values.map(fmt));
      st.msg = 'option added';
      st.changed = true;
    } else if (e.option && !values.length && e.allowNoValue && !noValuePresent) {
      lines.splice(i, 0, `${e.option}\n`);
      st.msg = 'option added';
      st.changed = true;
    }
    break;
  }
}

function absent(e: IniEdit, lines: string[], values: string[], st: State): string[] {
  const option = e.option;
  if (!option) {
    if (lines.length) {
      st.msg = 'section removed';
      st.changed = true;
    }
    return [];
  }
  let kept = lines;
  if (e.exclusive) kept = lines.filter((l) => !matchOpt(option, l, true));
  else if (values.length)
    kept = lines.filter((l) => {
      const m = matchOpt(option, l, true);
      return !(m && values.includes(m[6]!));
    });
  if (kept.length !== lines.length) {
    st.changed = true;
    st.msg = 'option changed';
  }
  return kept;
}

/** do_ini() on the file's lines (empty for a new file); `changed` starts true when a final newline was added. */
export function editIni(input: string[], e: IniEdit): IniEditResult {
  const values = [...new Set(e.values)];
  const st: State = { changed: false, msg: 'OK' };
  const ini = input.length ? [...input] : ['\n'];
  if (!ini[ini.length - 1]!.endsWith('\n')) {
    ini[ini.length - 1] += '\n';
    st.changed = true;
  }
  ini.unshift(`[${FAKE_SECTION}]`);
  ini.push('[');
  const section = e.section ? e.section : FAKE_SECTION;
  let within = false;
  let start = 0;
  let end = 0;
  for (let i = 0; i < ini.length; i++) {
    if (ini[i]!.startsWith(`[${section}]`)) {
      within = true;
      start = i;
    } else if (ini[i]!.startsWith('[') && within) {
      end = i;
      break;
    }
  }
  const fmt = (v: string): string => (e.noExtraSpaces ? `${e.option}=${v}\n` : `${e.option} = ${v}\n`);
  let lines = ini.slice(start, end);
  const changedLines = lines.map(() => 0);
  if (e.state === 'present') {
    const noValuePresent = presentExisting(e, lines, changedLines, values, st, fmt);
    if (e.exclusive && !e.allowNoValue) presentExclusive(e, lines, changedLines, values, st, fmt);
    insertMissing(e, lines, values, noValuePresent, st, fmt);
  } else lines = absent(e, lines, values, st);
  const out = [...ini.slice(0, start), ...lines, ...ini.slice(end)].slice(1, -1);
  if (!within && e.state === 'present') {
    out.push(`[${section}]\n`);
    st.msg = 'section and option added';
    if (e.option && values.length) out.push(...values.map(fmt));
    else if (e.option && e.allowNoValue) out.push(`${e.option}\n`);
    else st.msg = 'only section added';
    st.changed = true;
  }
  return { lines: out, ...st };
}
