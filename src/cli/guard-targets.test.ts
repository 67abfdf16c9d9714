import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunbookError } from '../util/index.js';
import { loadGuardTargets } from './guard-targets.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-guard-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** The error loadGuardTargets throws for a file: message, line and exit code. */
function refusal(path: string): { message: string; line: number | undefined; exitCode: number | undefined } {
  try {
    loadGuardTargets(path);
  } catch (e) {
    expect(e).toBeInstanceOf(RunbookError);
    const r = e as RunbookError;
    return { message: r.message, line: r.location?.line, exitCode: r.exitCode };
  }
  throw new Error(`${path} was accepted`);
}

describe('--guard GUESTS', () => {
  it("reads the lab's list and a site's, the port 22 when none is given and the address when no name is", () => {
    const path = file('ok.yml', '- { name: web-1, address: 10.0.0.5, port: 80 }\n- address: 10.0.0.6\n');
    expect(loadGuardTargets(path)).toEqual([
      { name: 'web-1', address: '10.0.0.5', port: 80 },
      { name: '10.0.0.6', address: '10.0.0.6', port: 22 },
    ]);
  });

  it.each([
    ['missing.yml', undefined, /^--guard: cannot read .*missing\.yml: ENOENT$/, undefined],
    ['map.yml', 'name: web-1\naddress: 10.0.0.5\n', /must be a list of guests \(\{name, address, port\}\)$/, 1],
    [
      'noaddress.yml',
      '- { name: a, address: 10.0.0.5 }\n- { name: b }\n',
      /^--guard: guest 2 of .*noaddress\.yml has no address$/,
      2,
    ],
    ['badport.yml', '- { name: a, address: 10.0.0.5, port: nope }\n', /^--guard: guest a has a bad port 'nope'$/, 1],
    ['bigport.yml', '- { name: a, address: 10.0.0.5, port: 70000 }\n', /^--guard: guest a has a bad port '70000'$/, 1],
  ])('%s is refused with exit 5, naming what is wrong and its line', (name, text, message, line) => {
    const r = refusal(text === undefined ? join(dir, name) : file(name, text));
    expect(r.message).toMatch(message);
    expect(r.line).toBe(line);
    expect(r.exitCode).toBe(5);
  });
});
