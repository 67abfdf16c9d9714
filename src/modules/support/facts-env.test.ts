import { describe, expect, it } from 'vitest';
import { envFacts, exportedVars } from './facts-env.js';

// `export -p` as each shell prints it (dash 0.5.12, bash 5.2 in POSIX mode and not, run here)
describe('the env fact from export -p', () => {
  it("dash's and busybox ash's quoting: 'it'\"'\"'s', a newline inside the quotes", () => {
    const lines = ["export A='x'\"'\"'y'", "export B='multi", "line'", "export C='$x\"\\'", "export PWD='/tmp'"];
    expect(Object.fromEntries(exportedVars(lines))).toEqual({ A: "x'y", B: 'multi\nline', C: '$x"\\', PWD: '/tmp' });
  });

  it("bash's: double quotes with backslashes, $'…' for control characters, a name without a value left out", () => {
    const lines = [
      'export A="x\'y"',
      "export B=$'multi\\nline\\ttab\\x41\\101'",
      'export C="\\$x\\"\\\\"',
      'export OLDPWD',
    ];
    expect(Object.fromEntries(exportedVars(lines))).toEqual({ A: "x'y", B: 'multi\nline\ttabAA', C: '$x"\\' });
    expect(Object.fromEntries(exportedVars(['declare -x HOME="/root"', 'declare -x EMPTY=""']))).toEqual({
      HOME: '/root',
      EMPTY: '',
    });
  });

  it('bash gives the module `_` as its interpreter; Python 3 coerces a C locale to LC_CTYPE=C.UTF-8 (PEP 538)', () => {
    const env = (lines: string[], bash = false): Record<string, string> =>
      Object.fromEntries(envFacts(lines, '/usr/bin/python3', bash));
    expect(env(["export HOME='/root'"], true)).toEqual({ HOME: '/root', _: '/usr/bin/python3', LC_CTYPE: 'C.UTF-8' });
    expect(env(["export LANG='POSIX'"])).toEqual({ LANG: 'POSIX', LC_CTYPE: 'C.UTF-8' });
    expect(env(["export LANG='C.UTF-8'"])).toEqual({ LANG: 'C.UTF-8' });
    expect(env(["export LC_ALL='C'"])).toEqual({ LC_ALL: 'C' });
    expect(env(["export PYTHONCOERCECLOCALE='0'"])).toEqual({ PYTHONCOERCECLOCALE: '0' });
    expect(Object.fromEntries(envFacts(["export HOME='/root'"], undefined, true))).toEqual({ HOME: '/root' });
  });
});
