// apt_repository (ansible.builtin): a deb/deb-src line in the APT sources — after
// ansible/modules/apt_repository.py at stable-2.14 (SourcesList, without python3-apt): every
// /etc/apt/sources.list and sources.list.d/*.list line parsed, an existing source re-enabled or a
// new one put in the file its URL suggests (or `filename`), a removed one dropped; on a change
// every sources file is written back normalised, an emptied one removed, then apt-get update.
import { dirname } from 'node:path';
import { defineModule, type DiffEntry, type ModuleContext, type ModuleResult } from './define.js';

type A = Record<string, unknown>;
const MAIN = '/etc/apt/sources.list';
const PARTS = '/etc/apt/sources.list.d';
const TYPES = ['deb', 'deb-src'];

interface Line {
  valid: boolean;
  enabled: boolean;
  source: string;
  comment: string;
}

/** SourcesList._parse. */
function parse(raw: string): Line {
  let line = raw.trim();
  let enabled = true;
  if (line.startsWith('#')) {
    enabled = false;
    line = line.slice(1);
  }
  let comment = '';
  const i = line.indexOf('#');
  if (i > 0) {
    comment = line.slice(i + 1).trim();
    line = line.slice(0, i);
  }
  let source = line.trim();
  let valid = false;
  if (source) {
    const chunks = source.split(/\s+/);
    if (TYPES.includes(chunks[0]!)) {
      valid = true;
      source = chunks.join(' ');
    }
  }
  return { valid, enabled, source, comment };
}

/** SourcesList.dump's text of one file. */
function render(lines: Line[]): string {
  return lines.map((l) => `${l.enabled ? '' : '# '}${l.source}${l.comment ? ` # ${l.comment}` : ''}\n`).join('');
}

/** SourcesList._suggest_filename: the host (and path) of the URL, non-alphanumerics as '_'. */
function suggestFilename(source: string, filename: unknown): string {
  if (filename !== undefined && filename !== null) return `${String(filename)}.list`;
  const line = source.replace(/\[[^\]]+\]/g, '').replace(/\w+:\/\//g, '');
  const parts = line.split(/\s+/).filter((p) => p && !TYPES.includes(p));
  const first = (parts[0] ?? '').includes('@') ? (parts[0] ?? '').split('@').slice(1).join('@') : (parts[0] ?? '');
  return `${first
    .replace(/[^a-zA-Z0-9]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join('_')}.list`;
}

async function load(ctx: ModuleContext): Promise<Map<string, Line[]>> {
  // every file in one trip: a NUL-framed name, then its text
  const r = await ctx.conn.exec(
    `for f in ${MAIN} ${PARTS}/*.list; do [ -f "$f" ] && { printf '\\0%s\\0' "$f"; cat "$f"; }; done; true`,
    { env: ctx.env },
  );
  const files = new Map<string, Line[]>();
  const parts = r.stdout.split('\0');
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const text = parts[i + 1]!;
    const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
    files.set(parts[i]!, lines.map(parse));
  }
  return files;
}

function dump(files: Map<string, Line[]>): Map<string, string> {
  return new Map([...files].filter(([, l]) => l.length).map(([f, l]) => [f, render(l)]));
}

export default defineModule({
  name: 'apt_repository',
  collection: 'ansible.builtin',
  description: 'Adds or removes an APT repository line',
  checkMode: 'supported',
  args: {
    repo: { type: 'str', required: true, description: 'The sources line (deb URL suite components).' },
    state: {
      type: 'str',
      default: 'present',
      choices: ['absent', 'present'],
      description: 'Whether the line is there.',
    },
    mode: { type: 'raw', description: 'Mode of a new sources file (default 0644).' },
    update_cache: {
      type: 'bool',
      default: true,
      aliases: ['update-cache'],
      description: 'apt-get update after a change.',
    },
    update_cache_retries: { type: 'int', default: 5, description: 'Tries of the update.' },
    update_cache_retry_max_delay: { type: 'int', default: 12, description: 'Longest pause between tries.' },
    filename: { type: 'str', description: 'The sources.list.d file name, without .list.' },
    install_python_apt: { type: 'bool', default: true, description: 'Ansible needs python3-apt; runbook does not.' },
    validate_certs: { type: 'bool', default: true, description: 'For ppa: lookups (not supported by runbook).' },
    codename: { type: 'str', description: 'For ppa: lines (not supported by runbook).' },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const repo = String(a.repo);
    if (!repo) return { changed: false, failed: true, msg: "Please set argument 'repo' to a non-empty value" };
    if (repo.startsWith('ppa:'))
      return {
        changed: false,
        failed: true,
        msg: "runbook's apt_repository does not resolve ppa: sources (Launchpad)",
      };
    const wanted = parse(repo);
    if (!wanted.valid || !wanted.enabled)
      return { changed: false, failed: true, msg: `Invalid repository string: ${repo.trim().replace(/^#/, '')}` };
    const files = await load(ctx);
    const before = dump(files);
    const created = new Set<string>();
    if (a.state !== 'absent') {
      let found = false;
      for (const lines of files.values())
        for (const l of lines)
          if (l.valid && l.source === wanted.source) {
            l.enabled = true;
            found = true;
          }
      if (!found) {
        const name = suggestFilename(wanted.source, a.filename);
        const file = name.includes('/') ? name : `${PARTS}/${name}`;
        if (!files.has(file)) {
          files.set(file, []);
          created.add(file);
        }
        files.get(file)!.push({ valid: true, enabled: true, source: wanted.source, comment: '' });
      }
    } else
      for (const [f, lines] of files)
        files.set(
          f,
          lines.filter((l) => !(l.valid && l.enabled && l.source === wanted.source)),
        );
    const after = dump(files);
    const changed = [...new Set([...before.keys(), ...after.keys()])].some((f) => before.get(f) !== after.get(f));
    const diff: DiffEntry[] = changed
      ? [...new Set([...before.keys(), ...after.keys()])].map((f) => ({
          before: before.get(f) ?? '',
          after: after.get(f) ?? '',
          before_header: before.has(f) ? f : '/dev/null',
          after_header: after.has(f) ? f : '/dev/null',
        }))
      : [];
    if (changed && !ctx.checkMode) {
      for (const [f, lines] of files) {
        if (!lines.length) {
          await ctx.conn.remove(f, false);
          continue;
        }
        const st = await ctx.conn.stat(f, true);
        const mode = created.has(f)
          ? Number.parseInt(String(a.mode ?? '0644'), 8)
          : st.exists
            ? st.mode & 0o7777
            : 0o644;
        if (!st.exists) await ctx.conn.mkdir(dirname(f));
        await ctx.conn.writeFileAtomic(f, render(lines), mode);
      }
      if (a.update_cache) {
        const r = await ctx.conn.exec('apt-get update -q', { env: { ...ctx.env, LANG: 'C' } });
        if (r.exitCode !== 0) {
          // revert_sources_list: the files as they were
          for (const f of new Set([...before.keys(), ...after.keys()])) {
            const text = before.get(f);
            if (text === undefined) await ctx.conn.remove(f, false);
            else await ctx.conn.writeFileAtomic(f, text);
          }
          return {
            changed: false,
            failed: true,
            msg: `Failed to update apt cache: ${r.stderr.trim() || 'unknown reason'}`,
          };
        }
      }
    }
    return { changed, ...(changed ? { diff } : {}), data: { repo, state: a.state } };
  },
});
