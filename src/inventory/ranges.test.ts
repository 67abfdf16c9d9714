// Host ranges as Ansible expands them, and the ranges that must fail rather than hang or fill
// memory (a zero step looped for ever until npm run fuzz found it).
import { describe, expect, it } from 'vitest';
import { expandHostRange } from './ranges.js';

describe('expandHostRange', () => {
  it('keeps padding, expands letters and strides, and multiplies nested ranges', () => {
    expect(expandHostRange('web[08:11]')).toEqual(['web08', 'web09', 'web10', 'web11']);
    expect(expandHostRange('db-[a:c].lab')).toEqual(['db-a.lab', 'db-b.lab', 'db-c.lab']);
    expect(expandHostRange('h[1:10:4]')).toEqual(['h1', 'h5', 'h9']);
    expect(expandHostRange('r[1:2]c[1:2]')).toEqual(['r1c1', 'r1c2', 'r2c1', 'r2c2']);
  });

  it('refuses a zero step, an empty range and one that makes too many hosts', () => {
    expect(() => expandHostRange('web[1:20:0]')).toThrow(/the step must be at least 1/);
    expect(() => expandHostRange('web[9:1]')).toThrow(/the start is after the end/);
    expect(() => expandHostRange('web[0:99999999]')).toThrow(/more than 100000 hosts/);
    expect(() => expandHostRange('web[1:1000][1:1000]')).toThrow(/more than 100000 hosts/);
  });
});
