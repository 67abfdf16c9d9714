// YAML as Ansible reads it: YAML 1.1 with PyYAML's implicit types (yes/on are true, 0644 is
// 420, y stays a string, 1.0 stays a float), duplicate keys allowed (last wins), `<<`
// merges, mappings as ordered Maps, and the source position of every mapping and sequence.
import {
  parseAllDocuments,
  isMap,
  isSeq,
  isScalar,
  isAlias,
  isPair,
  isNode,
  visit,
  LineCounter,
  type Document,
  type Node as YNode,
  type ScalarTag,
} from 'yaml';
import { RunbookError, type SourceLocation } from './errors.js';
import { ansibleYamlProblem, type YamlProblem } from './libyaml-parser.js';
import { pyJsonError } from './py-json-error.js';
import { PyFloat } from './pyfloat.js';
import { PY_BOOL, PY_FLOAT, PY_INT, PY_NULL, PY_TIMESTAMP, constructPyInt, constructPyFloat } from './yaml-resolve.js';
import { constructTimestamp } from './yaml-timestamp.js';

const TAG = 'tag:yaml.org,2002:';

const pyTags: ScalarTag[] = [
  { tag: `${TAG}timestamp`, default: true, test: PY_TIMESTAMP, resolve: (s) => constructTimestamp(s) },
  { tag: `${TAG}bool`, default: true, test: PY_BOOL, resolve: (s) => /^(yes|true|on)$/i.test(s) },
  { tag: `${TAG}null`, default: true, test: PY_NULL, resolve: () => null },
  { tag: `${TAG}int`, default: true, test: PY_INT, resolve: (s) => constructPyInt(s) },
  {
    tag: `${TAG}float`,
    default: true,
    test: PY_FLOAT,
    resolve: (s) => {
      const n = constructPyFloat(s);
      return Number.isInteger(n) ? new PyFloat(n) : n;
    },
  },
];
// Explicitly tagged scalars (`!!float 1`) skip the implicit test, as PyYAML's constructors do.
const explicitTags: ScalarTag[] = pyTags.map((t) => ({
  tag: t.tag,
  resolve: (s, onError, options) => t.resolve(s, onError, options),
}));
const REPLACED = new Set(pyTags.map((t) => t.tag));

/** Where each parsed mapping and sequence (and each mapping key) came from. */
export interface YamlPositions {
  of(value: object): SourceLocation | undefined;
  /** A mapping key's position, or a sequence item's by its index. */
  ofKey(map: object, key: unknown): SourceLocation | undefined;
  /** Where a mapping's value starts (Ansible points at a scalar value itself: a role's name). */
  ofValue(map: object, key: unknown): SourceLocation | undefined;
}

export interface ParsedYaml {
  documents: unknown[];
  positions: YamlPositions;
}

/**
 * Decrypts an inline `!vault |` value (the loader supplies one when it has vault secrets): the
 * plaintext, or a VaultFailure to raise when a template uses the value.
 */
export type VaultDecryptor = (ciphertext: string, file: string | undefined) => unknown;

export interface YamlOptions {
  decryptVault?: VaultDecryptor;
  /** DUPLICATE_YAML_DICT_KEY: warn (the default), error or ignore; `warn` prints the warning. */
  duplicateKeys?: { mode: 'warn' | 'error' | 'ignore'; warn: (message: string) => void };
  /**
   * Load as DataLoader.load does: AnsibleLoader (PyYAML's CParser over libyaml) takes one document
   * and refuses what libyaml or AnsibleConstructor refuse, in their words and at their marks.
   */
  ansibleLoader?: boolean;
}

function vaultTag(file: string | undefined, decrypt: VaultDecryptor | undefined): ScalarTag {
  return {
    tag: '!vault',
    resolve: (ciphertext) => {
      if (!decrypt)
        throw new RunbookError(
          'Attempting to decrypt but no vault secrets found; give --vault-password-file, --vault-id or --ask-vault-pass',
          { ...(file ? { file } : {}) },
        );
      return decrypt(ciphertext, file);
    },
  };
}

/**
 * A YAML syntax error as Ansible shows one (exit 4, "The offending line appears to be" with a
 * caret), at the culprit: an unclosed quote is reported where the quote opens, not at the end
 * of the file where the parser gave up.
 */
function syntaxError(
  text: string,
  message: string,
  offset: number,
  where: (o: number) => SourceLocation,
): RunbookError {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  const at = quote ? Math.max(0, text.lastIndexOf(quote, offset - 1)) : offset;
  const loc = where(at);
  const what = quote
    ? `a ${quote === '"' ? 'double' : 'single'}-quoted string opened here is never closed`
    : message.replace(/ at line \d+, column \d+:?$/, '');
  // DataLoader.load tried JSON first, then YAML, and reports both (parsing/utils/yaml.py
  // _handle_error at stable-2.14); the position and the offending line follow (describe()).
  return new RunbookError(
    'We were unable to read either as JSON nor YAML, these are the errors we got from each:\n' +
      `JSON: ${jsonError(text)}\n\nSyntax Error while loading YAML.\n  ${what}`,
    loc,
    // Ansible's pointer may move to the line before (its k=v check); the parser's own stays exact
    { exitCode: 4, culprit: loc },
  );
}

/**
 * AnsibleLoader's error as DataLoader shows it: the problem, at its problem mark (libyaml's
 * 0-based line and column, shown 1-based); the context's mark is the culprit where it says where
 * the trouble began (the opening quote of a string never closed, a key never given its ':').
 */
function loaderError(text: string, problem: YamlProblem, file: string | undefined): RunbookError {
  const at = (m: { line: number; column: number }): SourceLocation => ({
    ...(file ? { file } : {}),
    line: m.line + 1,
    column: m.column + 1,
  });
  const loc = at(problem.mark);
  const began = /quoted scalar|simple key/.test(problem.context ?? '') && problem.contextMark;
  return new RunbookError(
    'We were unable to read either as JSON nor YAML, these are the errors we got from each:\n' +
      `JSON: ${jsonError(text)}\n\nSyntax Error while loading YAML.\n  ${problem.problem}`,
    loc,
    { exitCode: 4, culprit: began ? at(began) : loc },
  );
}

/** Python's json.loads message for the text DataLoader tried as JSON first. */
function jsonError(text: string): string {
  return pyJsonError(text) ?? 'Expecting value: line 1 column 1 (char 0)';
}

/**
 * `!unsafe` (AnsibleUnsafeText): text that is never templated. runbook keeps it a string and
 * wraps any template markers in a raw block, so templating it gives the text back as written.
 */
function unsafe(value: unknown): unknown {
  if (typeof value === 'string')
    return /\{\{|\{%|\{#/.test(value)
      ? `{% raw %}${value.replaceAll('{% endraw %}', '{% endraw %}{{ "{% endraw %}" }}{% raw %}')}{% endraw %}`
      : value;
  if (Array.isArray(value)) return value.map(unsafe);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, unsafe(v)]));
  return value;
}

/**
 * AnsibleConstructor.construct_mapping's duplicate key (parsing/yaml/constructor.py at
 * stable-2.14): a warning by default, a YAML syntax error with DUPLICATE_YAML_DICT_KEY=error.
 */
function duplicateKeyHandler(
  text: string,
  file: string | undefined,
  options: YamlOptions,
): (key: unknown, mapping: SourceLocation) => void {
  const setting = options.duplicateKeys;
  if (!setting || setting.mode === 'ignore') return () => undefined;
  return (key, mapping) => {
    const msg = `While constructing a mapping from ${file ?? '<string>'}, line ${mapping.line ?? 0}, column ${mapping.column ?? 0}, found a duplicate dict key (${String(key)}). Using last defined value only.`;
    if (setting.mode === 'warn') return setting.warn(msg);
    throw new RunbookError(
      'We were unable to read either as JSON nor YAML, these are the errors we got from each:\n' +
        `JSON: ${jsonError(text)}\n\nSyntax Error while loading YAML.\n  ${msg}`,
      mapping,
      { exitCode: 4 },
    );
  };
}

/** Parses YAML text (all documents); throws RunbookError with file:line:column. */
export function parseYaml(text: string, file?: string, options: YamlOptions = {}): ParsedYaml {
  // from_yaml: text json.loads takes never reaches the YAML loader
  if (options.ansibleLoader && pyJsonError(text) !== undefined) {
    const problem = ansibleYamlProblem(text);
    if (problem) throw loaderError(text, problem, file);
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.1',
    uniqueKeys: false,
    merge: true,
    lineCounter: lines,
    prettyErrors: false,
    customTags: (tags) => [
      ...pyTags,
      ...explicitTags,
      vaultTag(file, options.decryptVault),
      ...(tags as ScalarTag[]).filter((t) => !REPLACED.has(t.tag)),
    ],
  });
  const where = (offset: number | undefined): SourceLocation => {
    const p = lines.linePos(offset ?? 0);
    return { ...(file ? { file } : {}), line: p.line, column: p.col };
  };
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) throw syntaxError(text, err.message.split('\n')[0] ?? '', err.pos[0], where);
    const again = secondAnchor(doc, text);
    if (again !== undefined) throw syntaxError(text, 'second occurrence', again, where);
  }
  const positions = new WeakMap<object, SourceLocation>();
  const keyPositions = new WeakMap<object, Map<unknown, SourceLocation>>();
  const valuePositions = new WeakMap<object, Map<unknown, SourceLocation>>();
  const documents = list.map((doc) =>
    new Converter(
      doc,
      where,
      { positions, keyPositions, valuePositions },
      duplicateKeyHandler(text, file, options),
    ).convert(doc.contents),
  );
  return {
    documents,
    positions: {
      of: (v) => positions.get(v),
      ofKey: (m, k) => keyPositions.get(m)?.get(k),
      ofValue: (m, k) => valuePositions.get(m)?.get(k),
    },
  };
}

/**
 * PyYAML's composer refuses an anchor defined twice in a document ("found duplicate anchor …;
 * first occurrence … second occurrence"), which YAML 1.2 parsers accept: the offset of the
 * second `&name`, or undefined.
 */
function secondAnchor(doc: Document.Parsed, text: string): number | undefined {
  const seen = new Set<string>();
  let found: number | undefined;
  visit(doc, (_key, node) => {
    if (!isNode(node) || !node.anchor) return undefined;
    if (!seen.has(node.anchor)) {
      seen.add(node.anchor);
      return undefined;
    }
    const start = node.range?.[0] ?? 0;
    const at = text.lastIndexOf(`&${node.anchor}`, start);
    found = at >= 0 ? at : start;
    return visit.BREAK;
  });
  return found;
}

/** Parses a single-document YAML text to its value (null when empty). */
export function parseYamlValue(text: string, file?: string, options: YamlOptions = {}): unknown {
  return parseYaml(text, file, options).documents[0] ?? null;
}

class Converter {
  private readonly done = new Map<YNode, unknown>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly where: (offset: number | undefined) => SourceLocation,
    private readonly at: {
      positions: WeakMap<object, SourceLocation>;
      keyPositions: WeakMap<object, Map<unknown, SourceLocation>>;
      valuePositions: WeakMap<object, Map<unknown, SourceLocation>>;
    },
    private readonly onDuplicate: (key: unknown, mapping: SourceLocation) => void = () => undefined,
  ) {}

  convert(node: unknown): unknown {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.convert(node.resolve(this.doc));
    const cached = this.done.get(node as YNode);
    if (cached !== undefined) return cached;
    if ((node as YNode).tag === '!unsafe') return unsafe(this.convertPlain(node));
    return this.convertPlain(node);
  }

  private convertPlain(node: unknown): unknown {
    if (isScalar(node)) return node.value;
    if (isSeq(node)) {
      const out: unknown[] = [];
      this.remember(node as YNode, out);
      // a sequence's items by index, so a plain scalar item (a role's name) has a position too
      const items = new Map<unknown, SourceLocation>();
      this.at.keyPositions.set(out, items);
      for (const item of node.items) {
        items.set(out.length, this.where((item as YNode | null)?.range?.[0]));
        out.push(this.convert(item));
      }
      return out;
    }
    if (isMap(node)) return this.convertMap(node);
    return null;
  }

  private remember(node: YNode, value: object): void {
    this.done.set(node, value);
    this.at.positions.set(value, this.where(node.range?.[0]));
  }

  private convertMap(node: YNode & { items: unknown[] }): Map<unknown, unknown> {
    const out = new Map<unknown, unknown>();
    const keys = new Map<unknown, SourceLocation>();
    const values = new Map<unknown, SourceLocation>();
    this.remember(node, out);
    this.at.keyPositions.set(out, keys);
    this.at.valuePositions.set(out, values);
    const explicit: [unknown, unknown, SourceLocation, YNode | null][] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      const loc = this.where(keyNode?.range?.[0]);
      if (isScalar(keyNode) && (keyNode.value === '<<' || typeof keyNode.value === 'symbol')) {
        this.merge(out, pair.value, keys, loc);
        continue;
      }
      explicit.push([hashable(this.convert(keyNode)), this.convert(pair.value), loc, pair.value as YNode | null]);
    }
    const seen = new Set<unknown>();
    for (const [k, v, loc, valueNode] of explicit) {
      if (seen.has(k)) this.onDuplicate(k, this.where(node.range?.[0]));
      seen.add(k);
      out.set(k, v);
      keys.set(k, loc);
      if (valueNode?.range) values.set(k, this.where(valueNode.range[0]));
    }
    return out;
  }

  /** PyYAML's flatten_mapping: merged keys first, explicit keys override them. */
  private merge(
    out: Map<unknown, unknown>,
    source: unknown,
    keys: Map<unknown, SourceLocation>,
    loc: SourceLocation,
  ): void {
    const value = this.convert(source);
    const list = Array.isArray(value) ? value : [value];
    for (const item of list) {
      if (!(item instanceof Map))
        throw new RunbookError('YAML merge key (<<) needs a mapping or a list of mappings', loc);
      for (const [k, v] of item) {
        if (!out.has(k)) {
          out.set(k, v);
          keys.set(k, loc);
        }
      }
    }
  }
}

/** Mapping keys that are floats compare as numbers, as Python's hash does. */
function hashable(k: unknown): unknown {
  return k instanceof PyFloat ? k.value : k;
}
