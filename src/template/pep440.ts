// PEP 440 versions as the `version` test's version_type='pep440' compares them: the parse and
// sort key of packaging.version.Version (packaging 21+, VERSION_PATTERN and _cmpkey), which
// ansible-core's test/core.py uses.
import { fail } from './errors.js';

const VERSION_RE = new RegExp(
  '^\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    '(?<pre>[-_.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pre_n>[0-9]+)?)?' +
    '(?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_.]?(?<post_l>post|rev|r)[-_.]?(?<post_n2>[0-9]+)?))?' +
    '(?<dev>[-_.]?(?<dev_l>dev)[-_.]?(?<dev_n>[0-9]+)?)?)' +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'i',
);

/** A part of the sort key: a number (±Infinity for packaging's Infinity objects), text or a tuple. */
type KeyPart = number | string | KeyPart[];

// packaging's _parse_letter_version: alternate spellings sort as their normal form
const LETTERS: Record<string, string> = {
  alpha: 'a',
  beta: 'b',
  c: 'rc',
  pre: 'rc',
  preview: 'rc',
  rev: 'post',
  r: 'post',
};

function letterVersion(letter: string | undefined, number: string | undefined): KeyPart[] | undefined {
  if (letter === undefined) return number === undefined ? undefined : ['post', Number(number)];
  const l = letter.toLowerCase();
  return [LETTERS[l] ?? l, Number(number ?? 0)];
}

/** packaging.version._cmpkey for a version string; InvalidVersion when it is not PEP 440. */
export function pep440Key(text: string): KeyPart[] {
  const m = VERSION_RE.exec(text);
  const g = m?.groups;
  if (!g) return fail('ValueError', `Invalid version: '${text}'`);
  const release = (g.release ?? '0').split('.').map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const pre = letterVersion(g.pre_l, g.pre_n);
  const post = letterVersion(g.post_l, g.post_n1 ?? g.post_n2);
  const dev = letterVersion(g.dev_l, g.dev_n);
  // a dev release without pre or post sorts before the pre-releases of the same release
  const preKey = pre ?? (post === undefined && dev !== undefined ? -Infinity : Infinity);
  const local = g.local
    ? g.local
        .toLowerCase()
        .split(/[-_.]/)
        .map((p): KeyPart => (/^\d+$/.test(p) ? [Number(p), ''] : [-Infinity, p]))
    : -Infinity;
  return [Number(g.epoch ?? 0), release, preKey, post ?? -Infinity, dev ?? Infinity, local];
}

function compareKeys(a: KeyPart, b: KeyPart): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareKeys(a[i] as KeyPart, b[i] as KeyPart);
      if (c) return c;
    }
    return Math.sign(a.length - b.length);
  }
  // Infinity and NegativeInfinity compare against anything; otherwise like types meet
  if (typeof a === 'number' && !Number.isFinite(a)) return a === b ? 0 : a > 0 ? 1 : -1;
  if (typeof b === 'number' && !Number.isFinite(b)) return b > 0 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1, as packaging.version.Version orders the two. */
export function comparePep440(a: string, b: string): number {
  return compareKeys(pep440Key(a), pep440Key(b));
}
