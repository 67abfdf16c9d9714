// `register:` names a variable: Python's identifier rules (play-batch checks it before a task runs).
// Python's str.isidentifier() without its keywords (ansible.utils.vars.isidentifier)
const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

export function isRegisterName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PY_KEYWORDS.has(name);
}

export function invalidRegister(name: string): string {
  return `Invalid variable name in 'register' specified: '${name}'`;
}
