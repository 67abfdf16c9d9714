// Python requirements as pip's module reads them (pkg_resources.Requirement, packaging's
// SpecifierSet with prereleases=True): a name with extras and version specifiers, and whether an
// installed version satisfies it (PEP 440 ordering, == and != with .*, ~=, ===, and < / > that
// leave out pre- and post-releases of the version they name).

interface Version {
  epoch: number;
  release: number[];
  pre?: [number, number];
  post?: number;
  dev?: number;
  local?: string;
}

const PRE: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };
const VERSION_RE =
  /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

export function parseVersion(s: string): Version | undefined {
  const m = VERSION_RE.exec(s);
  if (!m) return undefined;
  return {
    epoch: Number(m[1] ?? 0),
    release: m[2]!.split('.').map(Number),
    ...(m[3] ? { pre: [PRE[m[3].toLowerCase()]!, Number(m[4] || 0)] as [number, number] } : {}),
    ...(m[5] !== undefined || m[6] ? { post: Number(m[5] ?? (m[7] || 0)) } : {}),
    ...(m[8] ? { dev: Number(m[9] || 0) } : {}),
    ...(m[10] ? { local: m[10].toLowerCase() } : {}),
  };
}

function cmpNums(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return Math.sign(d);
  }
  return 0;
}

/** PEP 440 order (local versions compared as text, enough for equality). */
export function compareVersions(a: Version, b: Version): number {
  const key = (v: Version): number[] => [
    v.epoch,
    // a dev release without pre or post sorts before the pre-releases
    v.pre ? v.pre[0] : v.dev !== undefined && v.post === undefined ? -1 : 3,
    v.pre ? v.pre[1] : 0,
    v.post !== undefined ? 1 : 0,
    v.post ?? 0,
    v.dev !== undefined ? 0 : 1,
    v.dev ?? 0,
  ];
  const r = cmpNums([a.epoch], [b.epoch]) || cmpNums(a.release, b.release);
  if (r) return r;
  const [ka, kb] = [key(a).slice(1), key(b).slice(1)];
  return cmpNums(ka, kb) || (a.local ?? '').localeCompare(b.local ?? '');
}

const isPre = (v: Version): boolean => v.pre !== undefined || v.dev !== undefined;
const pub = (v: Version): Version => ({ ...v, local: undefined });

function prefixMatch(v: Version, spec: string): boolean {
  const s = parseVersion(spec.slice(0, -2));
  if (!s) return false;
  if (s.epoch !== v.epoch) return false;
  return s.release.every((n, i) => (v.release[i] ?? 0) === n);
}

/** One specifier ("==1.0.*", ">=2", "~=1.4.2") against a version. */
export function specMatches(op: string, spec: string, version: string): boolean {
  if (op === '===') return version.trim().toLowerCase() === spec.trim().toLowerCase();
  const v = parseVersion(version);
  if (!v) return false;
  if ((op === '==' || op === '!=') && spec.endsWith('.*')) return prefixMatch(v, spec) === (op === '==');
  const s = parseVersion(spec);
  if (!s) return false;
  const c = compareVersions(s.local ? v : pub(v), s);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>':
      return (
        c > 0 &&
        !(v.post !== undefined && s.post === undefined && compareVersions({ ...pub(v), post: undefined }, s) === 0)
      );
    case '<':
      return c < 0 && !(isPre(v) && !isPre(s) && cmpNums(v.release, s.release) === 0 && v.epoch === s.epoch);
    case '~=': {
      const prefix = s.release.slice(0, -1);
      return c >= 0 && s.release.length > 1 && prefixMatch(v, `${[...prefix].join('.')}.*`);
    }
    default:
      return false;
  }
}

export interface Requirement {
  /** The name as written, and pkg_resources' safe_name of it. */
  name: string;
  projectName: string;
  extras: string[];
  specs: [op: string, version: string][];
  marker?: string;
}

/** Requirement.parse: undefined where pkg_resources raises (paths, URLs, bad specifiers). */
export function parseRequirement(text: string): Requirement | undefined {
  const [main = '', marker] = text.split(';', 2);
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*?)\s*$/.exec(main);
  if (!m) return undefined;
  const specs: [string, string][] = [];
  const rest = m[3]!.replace(/^\(|\)$/g, '').trim();
  if (rest)
    for (const part of rest.split(',')) {
      const s = /^\s*(===|==|!=|~=|>=|<=|>|<)\s*([A-Za-z0-9.*+!_-]+)\s*$/.exec(part);
      if (!s) return undefined;
      specs.push([s[1]!, s[2]!]);
    }
  const extras = (m[2] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return {
    name: m[1]!,
    projectName: m[1]!.replace(/[^A-Za-z0-9.]+/g, '-'),
    extras,
    specs,
    ...(marker ? { marker: marker.trim() } : {}),
  };
}

/** str(Requirement): the name, extras, the specifiers sorted, the marker. */
export function requirementString(r: Requirement): string {
  const extras = r.extras.length ? `[${r.extras.join(',')}]` : '';
  const specs = r.specs
    .map(([op, v]) => `${op}${v}`)
    .sort()
    .join(',');
  return `${r.name}${extras}${specs}${r.marker ? `; ${r.marker}` : ''}`;
}

export const canonicalName = (name: string): string => name.replace(/[-_.]+/g, '-').toLowerCase();
