// The template syntax tree. Every node keeps the line and column it starts at, so runtime
// errors point into the template.

export interface Pos {
  line: number;
  column: number;
}

export type Expr =
  | { type: 'const'; value: unknown; pos: Pos }
  | { type: 'name'; name: string; pos: Pos }
  | { type: 'list'; items: Expr[]; pos: Pos }
  | { type: 'tuple'; items: Expr[]; pos: Pos }
  | { type: 'dict'; entries: [Expr, Expr][]; pos: Pos }
  | { type: 'getattr'; target: Expr; attr: string; pos: Pos }
  | { type: 'getitem'; target: Expr; key: Expr; pos: Pos }
  | { type: 'slice'; target: Expr; start?: Expr; stop?: Expr; step?: Expr; pos: Pos }
  | { type: 'call'; callee: Expr; args: Args; pos: Pos }
  | { type: 'filter'; name: string; target: Expr | undefined; args: Args; pos: Pos }
  | { type: 'test'; name: string; target: Expr; args: Args; negated: boolean; pos: Pos }
  | { type: 'unary'; op: 'not' | '-' | '+'; operand: Expr; pos: Pos }
  | { type: 'binary'; op: string; left: Expr; right: Expr; pos: Pos }
  | { type: 'and' | 'or'; left: Expr; right: Expr; pos: Pos }
  | { type: 'compare'; first: Expr; ops: { op: string; expr: Expr }[]; pos: Pos }
  | { type: 'concat'; items: Expr[]; pos: Pos }
  | { type: 'cond'; test: Expr; then: Expr; else: Expr | undefined; pos: Pos };

export interface Args {
  positional: Expr[];
  keywords: [string, Expr][];
  star?: Expr;
  starStar?: Expr;
}

/** Assignment targets: a name, a tuple of targets, or `ns.attr` (namespace assignment). */
export type Target =
  { type: 'name'; name: string } | { type: 'tuple'; items: Target[] } | { type: 'nsattr'; name: string; attr: string };

export interface MacroParam {
  name: string;
  default?: Expr;
}

export type Node =
  | { type: 'output'; value: string; pos: Pos }
  | { type: 'print'; expr: Expr; pos: Pos }
  | { type: 'if'; branches: { test: Expr; body: Node[] }[]; else: Node[]; pos: Pos }
  | { type: 'for'; target: Target; iter: Expr; filter?: Expr; body: Node[]; else: Node[]; recursive: boolean; pos: Pos }
  | { type: 'set'; target: Target; expr: Expr; pos: Pos }
  | { type: 'setblock'; target: Target; body: Node[]; filters: Expr[]; pos: Pos }
  | { type: 'macro'; name: string; params: MacroParam[]; body: Node[]; pos: Pos }
  | { type: 'callblock'; call: Expr; params: MacroParam[]; body: Node[]; pos: Pos }
  | { type: 'filterblock'; filters: Expr[]; body: Node[]; pos: Pos }
  | { type: 'with'; assignments: [Target, Expr][]; body: Node[]; pos: Pos }
  | { type: 'include'; template: Expr; ignoreMissing: boolean; withContext: boolean; pos: Pos }
  | { type: 'import'; template: Expr; alias: string; withContext: boolean; pos: Pos }
  | { type: 'fromimport'; template: Expr; names: [string, string][]; withContext: boolean; pos: Pos }
  | { type: 'block'; name: string; body: Node[]; pos: Pos }
  | { type: 'extends'; template: Expr; pos: Pos };

export interface TemplateAst {
  body: Node[];
}
