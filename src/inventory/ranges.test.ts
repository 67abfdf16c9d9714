// Host ranges and addresses as ansible-core 2.14.18 expands and parses them (ranges.cases.json,
// recorded from expand_hostname_range and parse_address), and the ranges runbook refuses rather
// than fill memory with (a zero step looped for ever until npm run fuzz found it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandHostnameRange } from './ranges.js';
import { parseAddress } from './address.js';

type Outcome<T> = T | { error: string };
const CASES = JSON.parse(readFileSync(new URL('./ranges.cases.json', import.meta.url), 'utf8')) as {
  ranges: [string, Outcome<string[]>][];
  addresses: [string, Outcome<[string, number | null]>][];
};

const outcome = <T>(f: () => T): Outcome<T> => {
  try {
    return f();
  } catch (err) {
    return { error: (err as Error).message };
  }
};

describe('expand_hostname_range', () => {
  it.each(CASES.ranges)('%s', (pattern, want) => {
    expect(outcome(() => expandHostnameRange(pattern))).toEqual(want);
  });

  it('refuses a range that makes too many hosts, nested ones included', () => {
    expect(() => expandHostnameRange('web[0:99999999]')).toThrow(/more than 100000 hosts/);
    expect(() => expandHostnameRange('web[1:1000][1:1000]')).toThrow(/more than 100000 hosts/);
  });
});

describe('parse_address', () => {
  it.each(CASES.addresses)('%s', (address, want) => {
    expect(outcome(() => Object.values(parseAddress(address)))).toEqual(want);
  });
});
