// pyBytesRepr against CPython's repr(str.encode()) (python3 on this machine, 3.11.7).
import { describe, expect, it } from 'vitest';
import { pyBytesRepr } from './python-escapes.js';

const CASES: [string, string][] = [
  ['/nonexistent/dir/x', "b'/nonexistent/dir/x'"],
  ["it's", 'b"it\'s"'],
  ['it\'s "q"', "b'it\\'s \"q\"'"],
  ['tab\there', "b'tab\\there'"],
  ['\u00e9/\u00fc', "b'\\xc3\\xa9/\\xc3\\xbc'"],
  ['back\\slash', "b'back\\\\slash'"],
  ['\u007f\u0001', "b'\\x7f\\x01'"],
];

describe('pyBytesRepr', () => {
  it.each(CASES)('%j', (text, repr) => {
    expect(pyBytesRepr(text)).toBe(repr);
  });
});
