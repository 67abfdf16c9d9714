// yaml.dump as Ansible calls it for to_yaml / to_nice_yaml (CSafeDumper, i.e. libyaml,
// allow_unicode=True, sort_keys=True): a port of PyYAML's emitter (yaml/emitter.py) with
// libyaml's differences, so the output matches byte for byte — style choice, quoting, 80-column folding, indentless
// sequences in mappings, and the `...` after a bare top-level scalar.
import { fail } from '../errors.js';
import { PyFloat, isDict, dictEntries, isInt, typeName } from './values.js';
import { reprFloat } from './repr.js';
import { compareStrings, pyCompare } from './ops.js';
import { resolvesToNonString } from '../../util/index.js';
import { isUndefined, failUndefined } from '../undefined.js';
import { analyze, isPrintableUnicode, BREAKS, type Analysis } from './yaml-analyze.js';
import { PyDatetime } from './datetime.js';

export interface YamlDumpOptions {
  /** null: flow style for collections of scalars only (PyYAML's default_flow_style=None). */
  flowStyle: boolean | null;
  indent: number;
  width: number;
  explicitStart: boolean;
  sortKeys: boolean;
  /**
   * community.general.yaml's MyDumper: a string with a line break is a literal block (`|`),
   * cleaned for reading (no trailing space, tabs expanded, no \v \f \r, printable only).
   */
  literalMultiline?: boolean;
}

type YNode =
  | { kind: 'scalar'; text: string; plain: boolean; literal?: boolean; typed?: boolean }
  | { kind: 'seq'; items: YNode[]; flow: boolean }
  | { kind: 'map'; pairs: [YNode, YNode][]; flow: boolean };

function represent(v: unknown, o: YamlDumpOptions): YNode {
  if (v === null || v === undefined) return { kind: 'scalar', text: 'null', plain: true };
  if (typeof v === 'boolean') return { kind: 'scalar', text: v ? 'true' : 'false', plain: true };
  if (typeof v === 'string') {
    if (o.literalMultiline && [...'\n\r\x1c\x1d\x1e\x85\u2028\u2029'].some((c) => v.includes(c)))
      return { kind: 'scalar', ...forBlock(v) };
    return { kind: 'scalar', text: v, plain: !resolvesToNonString(v) };
  }
  if (v instanceof PyFloat || (typeof v === 'number' && !isInt(v)))
    return { kind: 'scalar', text: floatText(Number(v)), plain: true };
  if (typeof v === 'number') return { kind: 'scalar', text: String(v), plain: true };
  if (v instanceof Date) return { kind: 'scalar', text: v.toISOString().slice(0, 10), plain: true };
  // represent_datetime: isoformat(' ') as a timestamp, which only a plain scalar implies
  if (v instanceof PyDatetime) return { kind: 'scalar', text: v.isoformat(' '), plain: true, typed: true };
  if (isUndefined(v)) return failUndefined(v, true);
  if (Array.isArray(v)) {
    const items = v.map((x) => represent(x, o));
    return {
      kind: 'seq',
      items,
      flow: o.flowStyle ?? items.every((i) => i.kind === 'scalar' && i.plain !== undefined && isPlainStyle(i)),
    };
  }
  if (isDict(v)) {
    let entries = dictEntries(v);
    if (o.sortKeys)
      entries = [...entries].sort((a, b) =>
        typeof a[0] === 'string' && typeof b[0] === 'string' ? compareStrings(a[0], b[0]) : pyCompare(a[0], b[0]),
      );
    const pairs = entries.map(([k, x]) => [represent(k, o), represent(x, o)] as [YNode, YNode]);
    return {
      kind: 'map',
      pairs,
      flow: o.flowStyle ?? pairs.every(([k, x]) => k.kind === 'scalar' && x.kind === 'scalar'),
    };
  }
  return fail('TypeError', `cannot represent an object: ${typeName(v)}`);
}

function isPlainStyle(n: YNode): boolean {
  return n.kind === 'scalar';
}

function floatText(x: number): string {
  if (Number.isNaN(x)) return '.nan';
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  const value = reprFloat(x).toLowerCase();
  return !value.includes('.') && value.includes('e') ? value.replace('e', '.0e') : value;
}

const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\x08': 'b',
  '\t': 't',
  '\n': 'n',
  '\x0b': 'v',
  '\x0c': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xa0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent: number | null = null;
  private readonly indents: (number | null)[] = [];
  flowLevel = 0;
  readonly bestIndent: number;
  readonly bestWidth: number;

  constructor(o: YamlDumpOptions) {
    this.bestIndent = o.indent > 1 && o.indent < 10 ? o.indent : 2;
    this.bestWidth = o.width > this.bestIndent * 2 ? o.width : 80;
  }

  write(data: string): void {
    this.out += data;
    this.column += data.length;
  }

  lineBreak(data = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
    this.out += data;
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.lineBreak();
    if (this.column < indent) {
      this.whitespace = true;
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
  }

  indicator(ind: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? ind : ` ${ind}`;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.write(data);
  }

  increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) this.indent += this.bestIndent;
  }

  popIndent(): void {
    this.indent = this.indents.pop() ?? null;
  }

  node(n: YNode, ctx: { root?: boolean; sequence?: boolean; mapping?: boolean; simpleKey?: boolean }): void {
    if (n.kind === 'scalar') return this.scalar(n, ctx);
    const empty = n.kind === 'seq' ? !n.items.length : !n.pairs.length;
    const flow = this.flowLevel > 0 || n.flow || empty;
    if (n.kind === 'seq') {
      if (flow) this.flowSequence(n.items);
      else this.blockSequence(n.items, Boolean(ctx.mapping));
    } else if (flow) this.flowMapping(n.pairs);
    else this.blockMapping(n.pairs);
  }

  private blockSequence(items: YNode[], mappingContext: boolean): void {
    this.increaseIndent(false, mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator('-', true, false, true);
      this.node(item, { sequence: true });
    }
    this.popIndent();
  }

  private blockMapping(pairs: [YNode, YNode][]): void {
    this.increaseIndent(false);
    for (const [k, v] of pairs) {
      this.writeIndent();
      if (this.isSimpleKey(k)) {
        this.node(k, { mapping: true, simpleKey: true });
        this.indicator(':', false);
      } else {
        this.indicator('?', true, false, true);
        this.node(k, { mapping: true });
        this.writeIndent();
        this.indicator(':', true, false, true);
      }
      this.node(v, { mapping: true });
    }
    this.popIndent();
  }

  private flowSequence(items: YNode[]): void {
    this.indicator('[', true, true);
    this.flowLevel++;
    this.increaseIndent(true);
    items.forEach((item, i) => {
      if (i > 0) this.indicator(',', false);
      if (this.column > this.bestWidth) this.writeIndent();
      this.node(item, { sequence: true });
    });
    this.popIndent();
    this.flowLevel--;
    this.indicator(']', false);
  }

  private flowMapping(pairs: [YNode, YNode][]): void {
    this.indicator('{', true, true);
    this.flowLevel++;
    this.increaseIndent(true);
    pairs.forEach(([k, v], i) => {
      if (i > 0) this.indicator(',', false);
      if (this.column > this.bestWidth) this.writeIndent();
      if (this.isSimpleKey(k)) {
        this.node(k, { mapping: true, simpleKey: true });
        this.indicator(':', false);
      } else {
        this.indicator('?', true);
        this.node(k, { mapping: true });
        if (this.column > this.bestWidth) this.writeIndent();
        this.indicator(':', true);
      }
      this.node(v, { mapping: true });
    });
    this.popIndent();
    this.flowLevel--;
    this.indicator('}', false);
  }

  private isSimpleKey(k: YNode): boolean {
    if (k.kind !== 'scalar') return k.kind === 'seq' ? !k.items.length : !k.pairs.length;
    // libyaml: any one-line scalar of at most 128 bytes, the empty one included.
    return Buffer.byteLength(k.text) <= 128 && !analyze(k.text).multiline;
  }

  private scalar(n: Extract<YNode, { kind: 'scalar' }>, ctx: { root?: boolean; simpleKey?: boolean }): void {
    this.increaseIndent(true);
    const a = analyze(n.text);
    const split = !ctx.simpleKey;
    // Emitter.choose_scalar_style: a requested literal block where the context allows one
    const literal = n.literal === true && this.flowLevel === 0 && !ctx.simpleKey && a.allowBlock;
    const style = literal ? '|' : this.chooseStyle(n, a, Boolean(ctx.simpleKey));
    // Emitter.process_tag: a quoted scalar no longer implies its type, so the '!' tag says it
    if (n.typed && style !== '') this.indicator('!', true);
    if (style === '|') this.literalBlock(n.text);
    else if (style === '"') this.doubleQuoted(n.text, split);
    else if (style === "'") this.singleQuoted(n.text, split);
    else this.plain(n.text, split);
    this.popIndent();
  }

  /** Emitter.write_literal, with determine_block_hints. */
  private literalBlock(text: string): void {
    const BRK = '\n\x85\u2028\u2029';
    let hints = '';
    if (text) {
      if (' \n\x85\u2028\u2029'.includes(text[0]!)) hints += String(this.bestIndent);
      if (!BRK.includes(text[text.length - 1]!)) hints += '-';
      else if (text.length === 1 || BRK.includes(text[text.length - 2]!)) hints += '+';
    }
    this.indicator(`|${hints}`, true);
    this.lineBreak();
    let breaks = true;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (breaks) {
        if (ch === undefined || !BRK.includes(ch)) {
          for (const br of text.slice(start, end)) this.lineBreak(br === '\n' ? '\n' : br);
          if (ch !== undefined) this.writeIndent();
          start = end;
        }
      } else if (ch === undefined || BRK.includes(ch)) {
        this.write(text.slice(start, end));
        if (ch === undefined) this.lineBreak();
        start = end;
      }
      if (ch !== undefined) breaks = BRK.includes(ch);
    }
  }

  private chooseStyle(n: { plain: boolean }, a: Analysis, simpleKey: boolean): string {
    if (
      n.plain &&
      !(simpleKey && (a.empty || a.multiline)) &&
      ((this.flowLevel > 0 && a.allowFlowPlain) || (this.flowLevel === 0 && a.allowBlockPlain))
    )
      return '';
    if (a.allowSingleQuoted && !(simpleKey && a.multiline)) return "'";
    return '"';
  }

  private plain(text: string, split: boolean): void {
    if (!text) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(text.slice(start, end));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          this.writeBreakRun(text.slice(start, end));
          this.whitespace = false;
          this.indention = false;
          start = end;
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch)) {
        this.write(text.slice(start, end));
        start = end;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
  }

  /** A run of line breaks inside a scalar: a leading \n doubles, then back to the indent. */
  private writeBreakRun(run: string): void {
    if (run.startsWith('\n')) this.lineBreak();
    for (const br of run) this.lineBreak(br);
    this.writeIndent();
  }

  private singleQuoted(text: string, split: boolean): void {
    this.indicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= text.length; end++) {
      const ch = end < text.length ? text[end] : undefined;
      if (spaces) {
        if (ch === undefined || ch !== ' ') {
          if (start + 1 === end && this.column > this.bestWidth && split && start !== 0 && end !== text.length)
            this.writeIndent();
          else this.write(text.slice(start, end));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          this.writeBreakRun(text.slice(start, end));
          start = end;
        }
      } else if (ch === undefined || ' \n\x85\u2028\u2029'.includes(ch) || ch === "'") {
        if (start < end) {
          this.write(text.slice(start, end));
          start = end;
        }
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
    this.indicator("'", false);
  }

  /** libyaml's write_double_quoted_scalar: folds only at a single space past the width. */
  private doubleQuoted(text: string, split: boolean): void {
    this.indicator('"', true);
    const chars = [...text];
    let spaces = false;
    chars.forEach((ch, i) => {
      if (
        ch !== ' ' &&
        (BREAKS.includes(ch) ||
          ch === '"' ||
          ch === '\\' ||
          ch === '\ufeff' ||
          !((ch >= ' ' && ch <= '~') || isPrintableUnicode(ch)))
      ) {
        this.write(escapeDouble(ch));
        spaces = false;
      } else if (ch === ' ') {
        if (split && !spaces && this.column > this.bestWidth && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (chars[i + 1] === ' ') this.write('\\');
        } else this.write(' ');
        spaces = true;
      } else {
        this.write(ch);
        spaces = false;
      }
    });
    this.indicator('"', false);
  }
}

// community.general's callback/yaml.py MyDumper.represent_scalar: readable over exact
function forBlock(v: string): { text: string; plain: boolean; literal: true } {
  const printable = (c: string): boolean =>
    (c >= ' ' && c <= '~') || '\t\n\r\x0b\x0c'.includes(c) || c.codePointAt(0)! >= 0xa0;
  let text = v.replace(/\s+$/, '');
  text = [...text].filter(printable).join('');
  text = expandTabs(text);
  text = [...text]
    .filter((c) => !'\x0b\x0c\r'.includes(c))
    .join('')
    .replace(/ +\n/g, '\n');
  return { text, plain: false, literal: true };
}

/** Python's str.expandtabs(8). */
function expandTabs(text: string): string {
  let out = '';
  let col = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const n = 8 - (col % 8);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === '\n' || ch === '\r' ? 0 : col + 1;
    }
  }
  return out;
}

function escapeDouble(ch: string): string {
  const esc = ESCAPES[ch];
  if (esc) return `\\${esc}`;
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** yaml.dump(value) with PyYAML's emitter rules. */
export function dumpYaml(value: unknown, options: YamlDumpOptions): string {
  const root = represent(value, options);
  const e = new Emitter(options);
  if (options.explicitStart) {
    e.writeIndent();
    e.indicator('---', true);
  }
  e.node(root, { root: true });
  e.writeIndent();
  // Ansible dumps with libyaml (CSafeDumper), which ends an open plain scalar without `...`.
  return e.out;
}
