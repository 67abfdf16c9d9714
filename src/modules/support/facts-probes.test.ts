// The facts program run by this machine's sh: what it would start a process for (the Python
// interpreter, capsh) it starts only when the identity the controller remembers no longer holds,
// and the facts are the same either way.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factsProgram, parseFacts, probeAnswers } from './facts.js';

const run = (program: string): string => execFileSync('sh', ['-c', program], { encoding: 'utf8' });

describe('the facts program remembers the answers that need a process', () => {
  it('capsh (libcap2-bin, which .ci/run installs) and python3 are on this machine', () => {
    expect(
      ['/usr/sbin/capsh', '/sbin/capsh'].some((p) => existsSync(p)),
      'apt-get install -y libcap2-bin',
    ).toBe(true);
    expect(existsSync('/usr/bin/python3'), 'apt-get install -y python3').toBe(true);
  });

  it('asks the interpreter and capsh once; with their identities remembered, not again, and gives the same facts', () => {
    const first = run(factsProgram());
    expect(first).toMatch(/^pyver=\d+ \d+ \d+ \w+ \d+$/m);
    expect(first).toContain('caps<<');
    const known = probeAnswers(first);
    expect(Object.keys(known).sort()).toEqual(['caps', 'python']);
    const again = run(factsProgram(known));
    expect(again).not.toMatch(/^pyver=/m);
    expect(again).not.toContain('caps<<');
    const pick = (text: string, k: typeof known): unknown[] => {
      const f = parseFacts(text, k);
      return ['python', 'python_version', 'system_capabilities', 'system_capabilities_enforced'].map((n) => f.get(n));
    };
    expect(pick(again, known)).toEqual(pick(first, {}));
    expect(pick(first, {})[1]).toMatch(/^3\.\d+\.\d+$/);
    // another identity (a new boot, a replaced binary, other capability sets): asked again
    const stale = {
      python: { id: `x${known.python?.id ?? ''}`, value: '2 7 18 final 0' },
      caps: { id: `x${known.caps?.id ?? ''}`, value: '{"rc":"0","caps":["Current: ="]}' },
    };
    const third = run(factsProgram(stale));
    expect(third).toMatch(/^pyver=/m);
    expect(third).toContain('caps<<');
    expect(pick(third, stale)).toEqual(pick(first, {}));
  });
});
