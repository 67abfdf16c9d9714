import { describe, expect, it } from 'vitest';
import { closest, didYouMean } from './closest.js';

describe('closest', () => {
  it.each([
    ['linefile', ['lineinfile', 'file', 'blockinfile', 'copy'], ['lineinfile']],
    ['hsots', ['hosts', 'vars', 'tasks'], ['hosts']],
    ['templte', ['template', 'tempfile', 'temple'], ['template', 'temple']],
    ['comand', ['command', 'shell'], ['command']],
    ['xyz', ['command', 'shell'], []],
  ])('%s → %j', (name, candidates, expected) => {
    expect(closest(name, candidates)).toEqual(expected);
  });

  it('says nothing when nothing is near, and never suggests the name itself', () => {
    expect(didYouMean('frobnicate', ['debug', 'copy'])).toBe('');
    expect(didYouMean('copy', ['copy'])).toBe('');
    expect(didYouMean('linefile', ['lineinfile'])).toBe("did you mean 'lineinfile'?");
  });
});
