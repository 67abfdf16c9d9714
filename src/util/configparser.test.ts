import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigParserError, readConfig } from './configparser.js';

// Each text as Python 3.11's configparser.ConfigParser reads it (read_file, then get of every
// option of every section): recorded with python3 on Debian 12
interface Case {
  text: string;
  sections?: Record<string, Record<string, string>>;
  read_error?: string;
  get_error?: string;
  message?: string;
}
const CASES = JSON.parse(readFileSync(new URL('./configparser.cases.json', import.meta.url), 'utf8')) as Case[];

function read(text: string): Record<string, Record<string, string>> {
  const cp = readConfig(text);
  return Object.fromEntries(
    cp.sections().map((s) => [s, Object.fromEntries(cp.options(s).map((o) => [o, cp.get(s, o)]))]),
  );
}

describe('configparser as Python reads an INI text', () => {
  it.each(CASES.map((c) => [JSON.stringify(c.text), c] as const))('%s', (_name, c) => {
    if (c.sections) expect(read(c.text)).toEqual(c.sections);
    else if (c.read_error)
      expect(() => readConfig(c.text)).toThrow(expect.objectContaining({ pyClass: c.read_error }) as ConfigParserError);
    else {
      let err: unknown;
      try {
        read(c.text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigParserError);
      expect((err as ConfigParserError).pyClass).toBe(c.get_error);
      expect((err as ConfigParserError).message).toBe(c.message);
    }
  });
});
