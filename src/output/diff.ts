// A result's `diff` as the console shows it with --diff: callback/__init__.py _get_diff
// (binary/size notes, unified diff with "before: <header>" / "after: <header>", a marker for a
// missing final newline, `prepared` text as is).
import { pyJsonDumps } from '../template/index.js';
import { unifiedDiff } from './unified-diff.js';
import type { Palette } from './color.js';

function splitKeepEnds(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

// _serialize_diff: a dict side is shown as sorted, indented JSON with a final newline.
function side(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Map) return `${pyJsonDumps(v, { sortKeys: true, indent: 4 })}\n`;
  if (typeof v === 'object' && !Array.isArray(v))
    return `${pyJsonDumps(new Map(Object.entries(v)), { sortKeys: true, indent: 4 })}\n`;
  return String(v);
}

function lines(v: unknown): string[] {
  const out = splitKeepEnds(side(v));
  if (out.length && !out[out.length - 1]!.endsWith('\n')) out[out.length - 1] += '\n\\ No newline at end of file\n';
  return out;
}

const get = (d: unknown, k: string): unknown => (d instanceof Map ? d.get(k) : (d as Record<string, unknown>)[k]);
const has = (d: unknown, k: string): boolean => (d instanceof Map ? d.has(k) : k in (d as Record<string, unknown>));

/** The text for one result's diff (a dict or a list of them); '' when there is nothing to show. */
export function renderDiff(diff: unknown, colors: Palette): string {
  const out: string[] = [];
  for (const d of Array.isArray(diff) ? diff : [diff]) {
    if (d === null || typeof d !== 'object') continue;
    if (has(d, 'dst_binary')) out.push('diff skipped: destination file appears to be binary\n');
    if (has(d, 'src_binary')) out.push('diff skipped: source file appears to be binary\n');
    if (has(d, 'dst_larger'))
      out.push(`diff skipped: destination file size is greater than ${String(get(d, 'dst_larger'))}\n`);
    if (has(d, 'src_larger'))
      out.push(`diff skipped: source file size is greater than ${String(get(d, 'src_larger'))}\n`);
    if (has(d, 'before') && has(d, 'after')) {
      const from = has(d, 'before_header') ? `before: ${String(get(d, 'before_header'))}` : 'before';
      const to = has(d, 'after_header') ? `after: ${String(get(d, 'after_header'))}` : 'after';
      const diffLines = unifiedDiff(lines(get(d, 'before')), lines(get(d, 'after')), from, to);
      for (const l of diffLines)
        out.push(
          l.startsWith('+')
            ? colors.diffAdd(l)
            : l.startsWith('-')
              ? colors.diffRemove(l)
              : l.startsWith('@@')
                ? colors.diffLines(l)
                : l,
        );
      if (diffLines.length) out.push('\n');
    }
    if (has(d, 'prepared')) out.push(String(get(d, 'prepared')));
  }
  return out.join('');
}
