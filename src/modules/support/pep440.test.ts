// Version specifiers against the answers of pkg_resources' Requirement.specifier.contains(v,
// prereleases=True) (Debian's python3-setuptools 66), as pip's check mode asks them.
import { describe, expect, it } from 'vitest';
import { parseRequirement, requirementString, specMatches } from './pep440.js';

const CASES: [spec: string, version: string, python: boolean][] = [
  ['>=1.0', '1.0', true],
  ['>=1.0', '0.9', false],
  ['<2', '2.0rc1', false],
  ['<2', '1.9', true],
  ['<2.0rc2', '2.0rc1', true],
  ['>1.0', '1.0.post1', false],
  ['>1.0', '1.1', true],
  ['==1.0.*', '1.0.5', true],
  ['==1.0.*', '1.1', false],
  ['!=1.0.*', '1.1', true],
  ['~=1.4.2', '1.4.5', true],
  ['~=1.4.2', '1.5', false],
  ['~=1.4', '1.9', true],
  ['==1.0', '1.0.0', true],
  ['==1.0', '1.0+local', true],
  ['<=1.0', '1.0.dev1', true],
  ['>1.0a1', '1.0', true],
  ['<1.0', '1.0.dev1', false],
  ['>=1.0.dev1', '1.0a1', true],
  ['===1.0', '1.0', true],
  ['<1.0.post1', '1.0', true],
  ['>1!0', '2.0', false],
  ['>=2.0b1', '2.0a5', false],
  ['==1.0rc1', '1.0c1', true],
];

describe('version specifiers', () => {
  it.each(CASES)('%s contains %s: %s', (spec, version, want) => {
    const r = parseRequirement(`x${spec}`);
    expect(r).toBeDefined();
    expect(r!.specs.every(([op, v]) => specMatches(op, v, version))).toBe(want);
  });
  it('prints a requirement as pkg_resources does: specifiers sorted, no spaces', () => {
    expect(requirementString(parseRequirement('django > 1.11.1, <1.11.3')!)).toBe('django<1.11.3,>1.11.1');
    expect(requirementString(parseRequirement('a_b[x,y]==1')!)).toBe('a_b[x,y]==1');
    expect(parseRequirement('/root/x-1.0-py3-none-any.whl')).toBeUndefined();
  });
});
