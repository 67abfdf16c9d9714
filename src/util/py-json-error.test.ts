// json.loads' error messages, recorded from the Python ansible-core 2.14.18 runs on (Debian's).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyJsonError } from './py-json-error.js';

const recorded = JSON.parse(readFileSync(new URL('./py-json-error.cases.json', import.meta.url), 'utf8')) as {
  recorded_with: string;
  cases: { text: string; want: string | null }[];
};

describe(`pyJsonError, as ${recorded.recorded_with} words it`, () => {
  it.each(recorded.cases.map((c) => [JSON.stringify(c.text), c] as const))('%s', (_, c) => {
    expect(pyJsonError(c.text) ?? null).toBe(c.want);
  });
});
