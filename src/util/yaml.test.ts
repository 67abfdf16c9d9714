import { describe, expect, it } from 'vitest';
import { parseYaml, parseYamlValue } from './yaml.js';
import { PyFloat } from './pyfloat.js';
import { RunbookError } from './errors.js';

// Each expectation is what PyYAML (Ansible's loader) gives for the same text.
describe('YAML as Ansible reads it', () => {
  it.each([
    ['yes', true],
    ['No', false],
    ['on', true],
    ['OFF', false],
    ['y', 'y'],
    ['n', 'n'],
    ['0644', 420],
    ['0x1F', 31],
    ['1_000', 1000],
    ['1:20', 80],
    ['-0b101', -5],
    ['1.0', new PyFloat(1)],
    ['1.5', 1.5],
    ['1e3', '1e3'],
    ['1.0e+3', new PyFloat(1000)],
    ['.inf', Infinity],
    ['~', null],
    ['null', null],
    ['', null],
    ["'yes'", 'yes'],
    ['!!str 0644', '0644'],
    ['!!float 1', new PyFloat(1)],
  ])('%j', (text, expected) => {
    expect(parseYamlValue(`v: ${text}`)).toEqual(new Map([['v', expected]]));
  });

  it('keeps the last of duplicate keys, and mapping order', () => {
    expect([...(parseYamlValue('b: 1\na: 2\nb: 3') as Map<string, number>)]).toEqual([
      ['b', 3],
      ['a', 2],
    ]);
  });

  it('merges with <<, explicit keys winning', () => {
    const v = parseYamlValue('base: &b {x: 1, y: 2}\nchild:\n  <<: *b\n  y: 3\n') as Map<string, Map<string, number>>;
    expect([...(v.get('child') ?? [])]).toEqual([
      ['x', 1],
      ['y', 3],
    ]);
  });

  it('keeps non-string keys', () => {
    expect([...(parseYamlValue('1: a\ntrue: b') as Map<unknown, string>).keys()]).toEqual([1, true]);
  });

  it('knows where each mapping and key came from', () => {
    const parsed = parseYaml('- name: one\n  debug: {msg: hi}\n- name: two\n', 'play.yml');
    const tasks = parsed.documents[0] as Map<string, unknown>[];
    expect(parsed.positions.of(tasks[1] as object)).toEqual({ file: 'play.yml', line: 3, column: 3 });
    expect(parsed.positions.ofKey(tasks[0] as object, 'debug')).toEqual({ file: 'play.yml', line: 2, column: 3 });
    // a scalar value's own position (where Ansible points at a role's name)
    expect(parsed.positions.ofValue(tasks[0] as object, 'name')).toEqual({ file: 'play.yml', line: 1, column: 9 });
    expect(parsed.positions.ofValue(tasks[0] as object, 'nothing')).toBeUndefined();
  });

  it('reports syntax errors with file, line and column', () => {
    let err: unknown;
    try {
      parseYaml('a: 1\nb: [unclosed\nc: 2\n', 'vars.yml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunbookError);
    expect((err as RunbookError).location).toMatchObject({ file: 'vars.yml' });
    expect((err as RunbookError).location?.line).toBeGreaterThan(1);
    expect((err as RunbookError).message).toMatch(
      /^We were unable to read either as JSON nor YAML, these are the errors we got from each:\nJSON: Expecting value: line 1 column 1 \(char 0\)\n\nSyntax Error while loading YAML\.\n {2}\S/,
    );
  });
});

describe('YAML timestamps (construct_yaml_timestamp)', () => {
  it('gives a date for a date alone and the registered datetime, with its zone, for a time', async () => {
    const { constructTimestamp, onYamlDatetime } = await import('./yaml-timestamp.js');
    expect(constructTimestamp('2024-01-02')).toEqual(new Date(Date.UTC(2024, 0, 2)));
    const seen: unknown[] = [];
    onYamlDatetime((f) => (seen.push(f), 'made'));
    expect(constructTimestamp('2024-1-2t10:20:30.1234567 -05:30')).toBe('made');
    expect(seen[0]).toEqual({
      year: 2024,
      month: 1,
      day: 2,
      hour: 10,
      minute: 20,
      second: 30,
      microsecond: 123456,
      tzOffset: -330,
    });
    expect(constructTimestamp('2024-01-02 10:20:30Z')).toBe('made');
    expect((seen[1] as { tzOffset: number }).tzOffset).toBe(0);
  });
});
