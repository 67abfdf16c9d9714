// A seeded, grammar-based generator of Jinja2 templates for fuzzing the lexer, parser and
// evaluator: mostly well-formed templates over a small variable pool, some deliberately
// corrupted so error paths are exercised too.

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['x', 'n', 'f', 's', 'l', 'd', 'nested', 'nv', 'missing', 'loop', 'item'];
const FILTERS = [
  'upper',
  'lower',
  'length',
  'default(1)',
  'default("d", true)',
  'join(",")',
  'sort',
  'unique',
  'list',
  'first',
  'last',
  'int',
  'float',
  'string',
  'trim',
  'replace("a", "b")',
  'map("string")',
  'select("odd")',
  'reverse',
  'sum',
  'min',
  'max',
  'to_json',
  'to_yaml',
  'to_nice_json',
  'bool',
  'regex_replace("a(.)", "\\\\1")',
  'regex_search("[0-9]+")',
  'b64encode',
  'combine({"k": 1})',
  'dict2items',
  'flatten',
  'ternary(1, 2)',
  'format(1)',
  'indent(2)',
  'batch(2)',
  'round(1)',
  'abs',
  'dictsort',
  'items',
  'quote',
  'hash("md5")',
  'zip([1, 2])',
  'basename',
  'splitext',
  'mandatory',
  'selectattr("a")',
  'groupby("a")',
  'center(9)',
  'wordcount',
  'title',
  'capitalize',
  'tojson',
  'from_json',
  'version("1.0", ">")',
];
const TESTS = [
  'defined',
  'undefined',
  'none',
  'number',
  'string',
  'mapping',
  'sequence',
  'odd',
  'even',
  'divisibleby 3',
  'in [1, 2]',
  'match("a")',
  'version("1.0", "<")',
  'subset([1, 2, 3])',
  'truthy',
  'eq 1',
];
const OPS = ['+', '-', '*', '/', '//', '%', '**', '~', 'and', 'or', '==', '!=', '<', '<=', '>', '>=', 'in', 'not in'];
const METHODS = [
  'split(",")',
  'upper()',
  'strip()',
  'startswith("a")',
  'replace("a", "b")',
  'format(1, 2)',
  'items()',
  'keys()',
  'get("a", 0)',
  'join(l)',
  'count(1)',
  'index(1)',
];

type Kind = 'str' | 'int' | 'list' | 'dict' | 'bool';
const KINDS: readonly Kind[] = ['str', 'int', 'list', 'dict', 'bool'];
type Production = (g: TemplateGrammar) => string;

const LEAVES: Record<Kind, string[]> = {
  str: ['x', 's', '"a,b"', "'x\\ty'", '""', '"é"', "'[1, 2]'", "'True'", '"{{ q }}"', "'it''s'"],
  int: ['n', '0', '7', '-3', '42'],
  list: ['l', '[]', '[1, 2, 3]', '["b", "A", "c"]', 'range(4)'],
  dict: ['d', '{}', '{"a": 1, "b": [1, 2]}', 'nested'],
  bool: ['true', 'false', 'n > 3', 'x is string'],
};

const PRODUCTIONS: Record<Kind, Production[]> = {
  str: [
    (g) => g.pickOf(LEAVES.str),
    (g) =>
      `${g.typed('str')} | ${g.pickOf(['upper', 'lower', 'trim', 'title', 'capitalize', 'center(9)', 'indent(2)', 'b64encode', 'quote', 'basename', 'replace("a", "b")', 'regex_replace("a(.)", "\\\\1")', 'wordcount | string', 'length | string', 'hash("md5")', 'reverse', 'string'])}`,
    (g) => `${g.typed('list')} | join(${g.pickOf(['","', '" "', ''])})`,
    (g) => `${g.typed(g.pickOf(KINDS))} | ${g.pickOf(['string', 'to_json', 'to_yaml', 'to_nice_json', 'tojson'])}`,
    (g) => `${g.typed('str')} ~ ${g.typed(g.pickOf(KINDS))}`,
    (g) => `"%s-%d" % (${g.typed('str')}, ${g.typed('int')})`,
    (g) => `"{}:{}".format(${g.typed('str')}, ${g.typed('int')})`,
    (g) => `(${g.typed('str')}).${g.pickOf(['upper()', 'strip()', 'replace("a", "b")', 'lower()'])}`,
    (g) => `${g.typed('str')}[${g.pickOf(['1:', ':2', '::-1', '0:1'])}]`,
    (g) => `${g.typed('str')} if ${g.typed('bool')} else ${g.typed('str')}`,
    (g) => `missing.${g.pickOf(['a', 'b.c'])} | default(${g.typed('str')})`,
  ],
  int: [
    (g) => g.pickOf(LEAVES.int),
    (g) => `${g.typed('int')} ${g.pickOf(['+', '-', '*'])} ${g.typed('int')}`,
    (g) => `${g.typed('int')} ${g.pickOf(['//', '%'])} ${1 + g.int(9)}`,
    (g) => `${g.typed(g.pickOf(['str', 'list', 'dict'] as const))} | length`,
    (g) => `[${g.typed('int')}, ${g.typed('int')}] | ${g.pickOf(['sum', 'min', 'max', 'first', 'last'])}`,
    (g) => `${g.typed('str')} | int`,
    (g) => `${g.typed('int')} | abs`,
    (g) => `(${g.typed('list')}).count(1)`,
  ],
  list: [
    (g) => g.pickOf(LEAVES.list),
    (g) => `[${g.typed(g.pickOf(KINDS))}, ${g.typed(g.pickOf(KINDS))}]`,
    (g) =>
      `${g.typed('list')} | ${g.pickOf(['list', 'reverse | list', 'unique | list', 'select("odd") | list', 'map("string") | list', 'batch(2) | list', 'flatten', 'zip([1, 2]) | list', 'product(["a"]) | list'])}`,
    (g) => `[${g.int(5)}, ${g.int(5)}, ${g.int(5)}] | sort(reverse=${g.pickOf(['true', 'false'])})`,
    (g) => `(${g.typed('str')}).split(${g.pickOf(['","', ''])})`,
    (g) => `${g.typed('dict')} | dict2items`,
    (g) => `${g.typed('list')} + ${g.typed('list')}`,
    (g) => `range(${g.int(6)}) | list`,
    (g) => `${g.typed('list')}[${g.pickOf(['1:', ':2', '::-1'])}]`,
    (g) => `${g.typed('str')} | regex_findall("[a-z]")`,
  ],
  dict: [
    (g) => g.pickOf(LEAVES.dict),
    (g) => `{"k": ${g.typed(g.pickOf(KINDS))}, ${g.int(9)}: ${g.typed('str')}}`,
    (g) =>
      `${g.typed('dict')} | combine(${g.typed('dict')}${g.pickOf(['', ', recursive=true', ", list_merge='append'"])})`,
    (g) => `${g.typed('dict')} | dict2items | items2dict`,
    (g) => `${g.typed('str')} | to_json | from_json if false else ${g.typed('dict')}`,
    (g) => `dict(a=${g.typed('int')})`,
  ],
  bool: [
    (g) => g.pickOf(LEAVES.bool),
    (g) =>
      `${g.typed(g.pickOf(KINDS))} is ${g.pickOf(['defined', 'undefined', 'string', 'number', 'mapping', 'sequence', 'none', 'iterable'])}`,
    (g) => `${g.typed('int')} ${g.pickOf(['<', '<=', '==', '!=', '>', '>='])} ${g.typed('int')}`,
    (g) => `${g.typed('int')} in ${g.typed('list')}`,
    (g) => `not ${g.typed('bool')}`,
    (g) => `${g.typed('bool')} ${g.pickOf(['and', 'or'])} ${g.typed('bool')}`,
    (g) => `${g.typed('str')} is ${g.pickOf(['match("a")', 'search("b")', 'version("1.0", ">=")'])}`,
    (g) => `${g.typed('int')} is ${g.pickOf(['odd', 'even', 'divisibleby 3'])}`,
    (g) => `${g.typed(g.pickOf(KINDS))} | bool`,
  ],
};

export class TemplateGrammar {
  private depth = 0;

  constructor(private readonly r: () => number) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.r() * items.length)] as T;
  }

  private chance(p: number): boolean {
    return this.r() < p;
  }

  /** An expression of roughly the given type, so that most generated templates evaluate. */
  typed(kind: Kind): string {
    if (++this.depth > 4) {
      this.depth--;
      return LEAVES[kind][0] ?? 'x';
    }
    const make = this.pick(PRODUCTIONS[kind]);
    const e = make(this);
    this.depth--;
    return e;
  }

  /** An untyped expression, mostly wrong: errors are part of what the fuzzer must survive. */
  expr(): string {
    if (this.chance(0.85)) return this.typed(this.pick(KINDS));
    if (++this.depth > 4) {
      this.depth--;
      return this.pick(NAMES);
    }
    let e: string;
    switch (Math.floor(this.r() * 6)) {
      case 0:
        e = `${this.expr()} | ${this.pick(FILTERS)}`;
        break;
      case 1:
        e = `${this.expr()} is ${this.chance(0.3) ? 'not ' : ''}${this.pick(TESTS)}`;
        break;
      case 2:
        e = `${this.expr()} ${this.pick(OPS)} ${this.expr()}`;
        break;
      case 3:
        e = `${this.pick(NAMES)}${this.pick(['.a', '.b.c', '[0]', '[-1]', '["k0"]', '[1:]', '[::-1]', '.0'])}`;
        break;
      case 4:
        e = `(${this.expr()}).${this.pick(METHODS)}`;
        break;
      default:
        e = `${this.expr()} if ${this.expr()}${this.chance(0.6) ? ` else ${this.expr()}` : ''}`;
    }
    this.depth--;
    return e;
  }

  pickOf<T>(items: readonly T[]): T {
    return this.pick(items);
  }

  int(max = 20): number {
    return Math.floor(this.r() * max);
  }

  private ws(open: boolean): string {
    return this.chance(0.15) ? '-' : open && this.chance(0.05) ? '+' : '';
  }

  statement(): string {
    if (++this.depth > 3) {
      this.depth--;
      return `{{ ${this.expr()} }}`;
    }
    let s: string;
    switch (Math.floor(this.r() * 10)) {
      case 0:
      case 1:
      case 2:
        s = `{{${this.ws(true)} ${this.expr()} ${this.ws(false)}}}`;
        break;
      case 3:
        s = `{%${this.ws(true)} if ${this.typed('bool')} %}${this.body()}${this.chance(0.4) ? `{% else %}${this.body()}` : ''}{% endif ${this.ws(false)}%}`;
        break;
      case 4:
        s = `{% for ${this.pick(['i', 'item'])} in ${this.typed('list')}${this.chance(0.2) ? ` if ${this.typed('bool')}` : ''} %}${this.body()}{{ loop.index }}{% endfor %}`;
        break;
      case 5:
        s = `{% set ${this.pick(['x', 'y', 'ns'])} = ${this.expr()} %}`;
        break;
      case 6:
        s = `{% macro m${Math.floor(this.r() * 3)}(a, b=1) %}${this.body()}{% endmacro %}{{ m0(1) if m0 is defined }}`;
        break;
      case 7:
        s = this.pick([
          '{# note #}',
          '{% raw %}{{ not a var }}{% endraw %}',
          '\n',
          '  ',
          'text ',
          '{% filter upper %}abc{% endfilter %}',
        ]);
        break;
      case 8:
        s = `{% with a = ${this.typed(this.pick(KINDS))} %}{{ a }}{% endwith %}`;
        break;
      default:
        s = `{% set ns = namespace(c=0) %}{% for i in range(3) %}{% set ns.c = ns.c + i %}{% endfor %}{{ ns.c }}`;
    }
    this.depth--;
    return s;
  }

  private body(): string {
    return Array.from({ length: 1 + Math.floor(this.r() * 3) }, () => this.statement()).join(
      this.pick(['', '\n', ' ']),
    );
  }

  /** One template; about one in ten is corrupted (a character dropped, added or cut off). */
  template(): string {
    this.depth = 0;
    let t = this.body();
    if (this.chance(0.1)) t = this.corrupt(t);
    return t;
  }

  private corrupt(t: string): string {
    const at = Math.floor(this.r() * (t.length + 1));
    switch (Math.floor(this.r() * 3)) {
      case 0:
        return t.slice(0, at) + t.slice(at + 1);
      case 1:
        return (
          t.slice(0, at) + this.pick(['{', '}', '%', '(', ']', '|', "'", '"', '\\', '#', '-', '.', ',']) + t.slice(at)
        );
      default:
        return t.slice(0, at);
    }
  }
}

/** Variables the generated templates refer to. */
export const FUZZ_VARS = new Map<unknown, unknown>([
  ['x', 'abc'],
  ['n', 7],
  ['f', 2.5],
  ['s', 'a,b,c'],
  ['l', [3, 1, 2]],
  [
    'd',
    new Map<unknown, unknown>([
      ['a', 1],
      ['k0', 'v'],
    ]),
  ],
  ['nested', new Map<unknown, unknown>([['a', new Map([['b', [1, 2]]])]])],
  ['nv', null],
  ['item', new Map([['a', 1]])],
]);
