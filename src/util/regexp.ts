// Regular-expression helpers: re.escape's job for JavaScript patterns (the text matched
// literally), and the test that lets a pattern of Python's Unicode \w use its ASCII form.

/** `s` with every regular-expression metacharacter escaped. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether every character of `s` is ASCII: there Python's Unicode `\w` is `[A-Za-z0-9_]`, and a
 * pattern in that form spares V8 building the Unicode classes (milliseconds at a run's start).
 */
export function isAscii(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s);
}
