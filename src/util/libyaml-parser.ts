// The first error Ansible's YAML loader meets in a text, with libyaml's words and problem mark:
// libyaml's parser (src/parser.c at 0.2.5) over its scanner (libyaml-scanner.ts), the composer of
// PyYAML's CParser (ext/_yaml.pyx get_single_node: one document only, anchors and aliases), and
// the constructor checks of AnsibleConstructor (parsing/yaml/constructor.py at stable-2.14, over
// SafeConstructor): a tag it has no constructor for, a mapping or sequence as a mapping key, a
// merge key whose value is not a mapping. The `yaml` library builds the values; this decides
// whether Ansible would accept the text at all, and what it would say if not.
import { Scanner, YamlProblem, type Mark, type Token, type TokenType } from './libyaml-scanner.js';
import { pyStrRepr } from './python-escapes.js';

export { YamlProblem, type Mark } from './libyaml-scanner.js';

interface Node {
  kind: 'scalar' | 'sequence' | 'mapping';
  start: Mark;
  /** The tag as written and resolved through the directives ('!' is the non-specific tag). */
  tag?: string;
  /** A plain scalar's text is resolved by its value (`<<` is a merge key, `=` a value key). */
  plainValue?: string;
  items: Node[];
}

const CORE = 'tag:yaml.org,2002:';
// SafeConstructor's and AnsibleConstructor's tags (the rest has no constructor), with the node
// their constructor takes: construct_scalar, construct_mapping and construct_sequence refuse
// another ("expected a scalar node, but found mapping"); !unsafe takes any
const CONSTRUCTED = new Map<string, Node['kind'] | 'any'>([
  ...['null', 'bool', 'int', 'float', 'binary', 'timestamp', 'str', 'python/unicode'].map(
    (t): [string, Node['kind']] => [CORE + t, 'scalar'],
  ),
  [`${CORE}map`, 'mapping'],
  [`${CORE}python/dict`, 'mapping'],
  [`${CORE}set`, 'mapping'],
  [`${CORE}seq`, 'sequence'],
  [`${CORE}omap`, 'any'],
  [`${CORE}pairs`, 'any'],
  ['!unsafe', 'any'],
  ['!vault', 'scalar'],
  ['!vault-encrypted', 'scalar'],
]);

class Parser {
  private readonly scanner: Scanner;
  private tagDirectives = new Map<string, string>();
  private anchors = new Map<string, Node>();

  constructor(text: string) {
    this.scanner = new Scanner(text);
  }

  private peek(): Token {
    return this.scanner.peek();
  }

  private is(...types: TokenType[]): boolean {
    return types.includes(this.peek().type);
  }

  private skip(): Token {
    const token = this.peek();
    this.scanner.next();
    return token;
  }

  private fail(context: string | undefined, contextMark: Mark | undefined, problem: string, mark: Mark): never {
    throw new YamlProblem(problem, mark, context, contextMark);
  }

  /** get_single_node: the first document (or none), then a second one is an error. */
  singleDocument(): Node | undefined {
    if (!this.is('STREAM-START'))
      this.fail(undefined, undefined, 'did not find expected <stream-start>', this.peek().start);
    this.skip();
    const first = this.documentStart(true);
    if (!first) return undefined;
    const document = this.documentBody(first);
    const next = this.documentStart(false);
    if (next)
      this.fail('expected a single document in the stream', document?.start, 'but found another document', next.start);
    return document;
  }

  /** yaml_parser_parse_document_start: the document's start, or undefined at the stream's end. */
  private documentStart(implicit: boolean): { start: Mark; explicit: boolean } | undefined {
    if (!implicit) while (this.is('DOCUMENT-END')) this.skip();
    const token = this.peek();
    if (implicit && !this.is('VERSION-DIRECTIVE', 'TAG-DIRECTIVE', 'DOCUMENT-START', 'STREAM-END')) {
      this.processDirectives();
      return { start: token.start, explicit: false };
    }
    if (token.type === 'STREAM-END') return undefined;
    this.processDirectives();
    if (!this.is('DOCUMENT-START'))
      this.fail(undefined, undefined, 'did not find expected <document start>', this.peek().start);
    this.skip();
    return { start: token.start, explicit: true };
  }

  /** The document's node, then its end (yaml_parser_parse_document_content and _end). */
  private documentBody(start: { start: Mark; explicit: boolean }): Node | undefined {
    this.anchors = new Map();
    let node: Node;
    if (start.explicit && this.is('VERSION-DIRECTIVE', 'TAG-DIRECTIVE', 'DOCUMENT-START', 'DOCUMENT-END', 'STREAM-END'))
      node = { kind: 'scalar', start: this.peek().start, plainValue: '', items: [] };
    else node = this.node(true, false);
    if (this.is('DOCUMENT-END')) this.skip();
    this.tagDirectives = new Map();
    return node;
  }

  private processDirectives(): void {
    let version = false;
    while (this.is('VERSION-DIRECTIVE', 'TAG-DIRECTIVE')) {
      const token = this.peek();
      if (token.type === 'VERSION-DIRECTIVE') {
        if (version) this.fail(undefined, undefined, 'found duplicate %YAML directive', token.start);
        if (token.major !== 1 || (token.minor !== 1 && token.minor !== 2))
          this.fail(undefined, undefined, 'found incompatible YAML document', token.start);
        version = true;
      } else {
        const handle = token.handle ?? '';
        if (this.tagDirectives.has(handle))
          this.fail(undefined, undefined, 'found duplicate %TAG directive', token.start);
        this.tagDirectives.set(handle, token.suffix ?? '');
      }
      this.skip();
    }
    if (!this.tagDirectives.has('!')) this.tagDirectives.set('!', '!');
    if (!this.tagDirectives.has('!!')) this.tagDirectives.set('!!', CORE);
  }

  /** yaml_parser_parse_node, with the composer's anchors and aliases. */
  private node(block: boolean, indentlessSequence: boolean): Node {
    let token = this.peek();
    if (token.type === 'ALIAS') {
      this.skip();
      const target = this.anchors.get(token.value ?? '');
      if (!target) this.fail(undefined, undefined, 'found undefined alias', token.start);
      return target;
    }
    const start = token.start;
    let anchor: string | undefined;
    let tagToken: Token | undefined;
    for (let i = 0; i < 2 && (token.type === 'ANCHOR' || token.type === 'TAG'); i++) {
      if (token.type === 'ANCHOR' && anchor === undefined) anchor = token.value;
      else if (token.type === 'TAG' && !tagToken) tagToken = token;
      else break;
      this.skip();
      token = this.peek();
    }
    const tag = tagToken ? this.resolveTag(tagToken, start) : undefined;
    const node: Node = { kind: 'scalar', start, ...(tag !== undefined ? { tag } : {}), items: [] };
    if (anchor !== undefined) {
      const first = this.anchors.get(anchor);
      if (first) this.fail('found duplicate anchor; first occurrence', first.start, 'second occurrence', start);
      this.anchors.set(anchor, node);
    }
    if (indentlessSequence && token.type === 'BLOCK-ENTRY') {
      node.kind = 'sequence';
      this.indentlessSequence(node);
    } else if (token.type === 'SCALAR') {
      this.skip();
      if (token.plain) node.plainValue = token.value ?? '';
    } else if (token.type === 'FLOW-SEQUENCE-START') {
      node.kind = 'sequence';
      this.flowSequence(node);
    } else if (token.type === 'FLOW-MAPPING-START') {
      node.kind = 'mapping';
      this.flowMapping(node);
    } else if (block && token.type === 'BLOCK-SEQUENCE-START') {
      node.kind = 'sequence';
      this.blockSequence(node);
    } else if (block && token.type === 'BLOCK-MAPPING-START') {
      node.kind = 'mapping';
      this.blockMapping(node);
    } else if (anchor === undefined && !tagToken) {
      this.fail(
        block ? 'while parsing a block node' : 'while parsing a flow node',
        start,
        'did not find expected node content',
        token.start,
      );
    }
    return node;
  }

  private resolveTag(token: Token, start: Mark): string {
    const handle = token.handle ?? '';
    if (!handle) return token.suffix ?? '';
    const prefix = this.tagDirectives.get(handle);
    if (prefix === undefined) this.fail('while parsing a node', start, 'found undefined tag handle', token.start);
    return prefix + (token.suffix ?? '');
  }

  private empty(mark: Mark): Node {
    return { kind: 'scalar', start: mark, plainValue: '', items: [] };
  }

  private blockSequence(node: Node): void {
    const start = this.skip().start;
    for (;;) {
      const token = this.peek();
      if (token.type === 'BLOCK-ENTRY') {
        this.skip();
        node.items.push(this.is('BLOCK-ENTRY', 'BLOCK-END') ? this.empty(this.peek().start) : this.node(true, false));
      } else if (token.type === 'BLOCK-END') {
        this.skip();
        return;
      } else {
        this.fail('while parsing a block collection', start, "did not find expected '-' indicator", token.start);
      }
    }
  }

  private indentlessSequence(node: Node): void {
    while (this.is('BLOCK-ENTRY')) {
      this.skip();
      node.items.push(
        this.is('BLOCK-ENTRY', 'KEY', 'VALUE', 'BLOCK-END') ? this.empty(this.peek().start) : this.node(true, false),
      );
    }
  }

  private blockMapping(node: Node): void {
    const start = this.skip().start;
    for (;;) {
      const token = this.peek();
      if (token.type === 'KEY') {
        this.skip();
        node.items.push(this.is('KEY', 'VALUE', 'BLOCK-END') ? this.empty(this.peek().start) : this.node(true, true));
      } else if (token.type === 'BLOCK-END') {
        this.skip();
        return;
      } else {
        this.fail('while parsing a block mapping', start, 'did not find expected key', token.start);
      }
      // yaml_parser_parse_block_mapping_value
      if (this.is('VALUE')) {
        this.skip();
        node.items.push(this.is('KEY', 'VALUE', 'BLOCK-END') ? this.empty(this.peek().start) : this.node(true, true));
      } else {
        node.items.push(this.empty(this.peek().start));
      }
    }
  }

  private flowSequence(node: Node): void {
    const start = this.skip().start;
    for (let first = true; ; first = false) {
      if (this.is('FLOW-SEQUENCE-END')) break;
      if (!first) {
        if (!this.is('FLOW-ENTRY'))
          this.fail('while parsing a flow sequence', start, "did not find expected ',' or ']'", this.peek().start);
        this.skip();
      }
      if (this.is('KEY')) {
        // a single pair in a flow sequence is a one-key mapping
        const pair: Node = { kind: 'mapping', start: this.skip().start, items: [] };
        pair.items.push(
          this.is('VALUE', 'FLOW-ENTRY', 'FLOW-SEQUENCE-END') ? this.empty(this.peek().start) : this.node(false, false),
        );
        pair.items.push(this.flowPairValue('FLOW-SEQUENCE-END'));
        node.items.push(pair);
      } else if (!this.is('FLOW-SEQUENCE-END')) {
        node.items.push(this.node(false, false));
      }
    }
    this.skip();
  }

  /** The value after a flow pair's key: after `:`, or empty. */
  private flowPairValue(end: TokenType): Node {
    if (this.is('VALUE')) {
      this.skip();
      if (!this.is('FLOW-ENTRY', end)) return this.node(false, false);
    }
    return this.empty(this.peek().start);
  }

  private flowMapping(node: Node): void {
    const start = this.skip().start;
    for (let first = true; ; first = false) {
      if (this.is('FLOW-MAPPING-END')) break;
      if (!first) {
        if (!this.is('FLOW-ENTRY'))
          this.fail('while parsing a flow mapping', start, "did not find expected ',' or '}'", this.peek().start);
        this.skip();
      }
      if (this.is('KEY')) {
        this.skip();
        node.items.push(
          this.is('VALUE', 'FLOW-ENTRY', 'FLOW-MAPPING-END') ? this.empty(this.peek().start) : this.node(false, false),
        );
        node.items.push(this.flowPairValue('FLOW-MAPPING-END'));
      } else if (!this.is('FLOW-MAPPING-END')) {
        node.items.push(this.node(false, false));
        // yaml_parser_parse_flow_mapping_value with empty: a key without a value
        node.items.push(this.empty(this.peek().start));
      }
    }
    this.skip();
  }
}

/** The tag the resolver gives a node without one (only the ones no constructor takes matter). */
function resolvedTag(node: Node): string {
  if (node.tag !== undefined && node.tag !== '!') return node.tag;
  if (node.kind === 'sequence') return `${CORE}seq`;
  if (node.kind === 'mapping') return `${CORE}map`;
  if (node.tag === undefined && node.plainValue === '<<') return `${CORE}merge`;
  if (node.tag === undefined && node.plainValue === '=') return `${CORE}value`;
  return `${CORE}str`;
}

const ANSIBLE_TYPES: Record<string, string> = { mapping: 'AnsibleMapping', sequence: 'AnsibleSequence' };

/** construct_document: a tag without a constructor, an unhashable key, a merge of a non-mapping. */
function construct(node: Node, seen: Set<Node>): void {
  if (seen.has(node)) return;
  seen.add(node);
  const tag = resolvedTag(node);
  const takes = CONSTRUCTED.get(tag);
  if (!takes) throw new YamlProblem(`could not determine a constructor for the tag ${pyStrRepr(tag)}`, node.start);
  if (takes !== 'any' && takes !== node.kind)
    throw new YamlProblem(`expected a ${takes} node, but found ${node.kind}`, node.start);
  if (node.kind !== 'mapping') {
    for (const item of node.items) construct(item, seen);
    return;
  }
  for (let i = 0; i + 1 < node.items.length; i += 2) {
    const key = node.items[i] as Node;
    const value = node.items[i + 1] as Node;
    if (resolvedTag(key) === `${CORE}merge`) {
      mergeSources(value, node).forEach((m) => construct(m, seen));
      continue;
    }
    if (resolvedTag(key) !== `${CORE}value`) construct(key, seen);
    const unhashable = ANSIBLE_TYPES[key.kind];
    if (unhashable)
      throw new YamlProblem(
        `found unacceptable key (unhashable type: '${unhashable}')`,
        key.start,
        'while constructing a mapping',
        node.start,
      );
    construct(value, seen);
  }
}

/** SafeConstructor.flatten_mapping: a merge key takes a mapping or a sequence of mappings. */
function mergeSources(value: Node, mapping: Node): Node[] {
  if (value.kind === 'mapping') return [value];
  if (value.kind !== 'sequence')
    throw new YamlProblem(
      `expected a mapping or list of mappings for merging, but found ${value.kind}`,
      value.start,
      'while constructing a mapping',
      mapping.start,
    );
  for (const sub of value.items)
    if (sub.kind !== 'mapping')
      throw new YamlProblem(
        `expected a mapping for merging, but found ${sub.kind}`,
        sub.start,
        'while constructing a mapping',
        mapping.start,
      );
  return value.items;
}

/**
 * What AnsibleLoader's get_single_data would raise for this text (its problem and problem mark),
 * or undefined when it loads it.
 */
export function ansibleYamlProblem(text: string): YamlProblem | undefined {
  try {
    const document = new Parser(text).singleDocument();
    if (document) construct(document, new Set());
    return undefined;
  } catch (err) {
    if (err instanceof YamlProblem) return err;
    throw err;
  }
}
