// The report from a recorded run: stages with forecast beside actual, a timeline row per host
// with its window of change, HTML escaped, vault values masked.
import { describe, expect, it } from 'vitest';
import { ReportCollector } from './collect.js';
import { renderReport } from './write.js';
import type { TaskResult } from '../executor/index.js';

function recorded(): ReportCollector {
  let t = 1_000_000;
  const c = new ReportCollector(
    'upgrade.yml',
    'runbook apply -e pw=hunter22 upgrade.yml',
    (s) => s.split('hunter22').join('********'),
    () => t,
  );
  const result = (host: string, status: TaskResult['status'], extra: [string, unknown][] = []): TaskResult => ({
    host,
    status,
    data: new Map<string, unknown>([['changed', status === 'changed'], ...extra]),
    ignored: false,
    noLog: false,
    verboseAlways: false,
  });
  const task = { name: 'x', isHandler: false, origin: 'f.yml:1' };
  c.onPlayStart('preflight');
  c.onTaskStart({ ...task, name: 'read <versions>' });
  for (const h of ['ctl', 'cmp']) c.onHostStart(h);
  t += 2000;
  c.onHostResult(result('ctl', 'ok', [['msg', 'nova at 254 & juno']]));
  c.onHostResult(result('cmp', 'ok'));
  c.onPlayStart('backup — databases');
  c.onTaskStart({ ...task, name: 'dump' });
  c.onHostStart('ctl');
  t += 10_000;
  c.onHostResult(
    result('ctl', 'changed', [
      ['msg', 'password hunter22 used'],
      ['diff', { before: 'a\n', after: 'b\n', before_header: 'x.conf', after_header: 'x.conf' }],
    ]),
  );
  c.onPlaybookEnd(
    new Map([
      ['ctl', { ok: 2, changed: 1, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 }],
      ['cmp', { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 }],
    ]),
  );
  return c;
}

describe('the run report', () => {
  const html = renderReport(
    recorded().run,
    new Map([
      ['preflight', 5],
      ['backup', 40],
    ]),
  );

  it('shows each stage with its actual and forecast time', () => {
    expect(html).toMatch(/preflight<\/td><td class="num">2\.0 s<\/td><td class="num">5 s \(preflight\)<\/td>/);
    expect(html).toMatch(/backup — databases<\/td><td class="num">10\.0 s<\/td><td class="num">40 s \(backup\)<\/td>/);
    expect(html).toContain('<th class="num">45 s</th>');
  });

  it('draws a timeline row per host, with the window of change only where something changed', () => {
    const rows = [...html.matchAll(/<div class="row" data-host="(\w+)">(.*?)<\/div><\/div>\n/g)];
    expect(rows.map((r) => r[1])).toEqual(['ctl', 'cmp']);
    expect(rows[0]![2]).toContain('class="window" style="left:16.67%;width:83.33%"');
    expect(rows[1]![2]).not.toContain('class="window"');
  });

  it('escapes HTML and masks vault values', () => {
    expect(html).toContain('read &lt;versions&gt;');
    expect(html).toContain('nova at 254 &amp; juno');
    expect(html).not.toContain('hunter22');
    expect(html).toContain('password ******** used');
    expect(html).toMatch(/<pre>--- before: x\.conf\n\+\+\+ after: x\.conf\n@@ -1 \+1 @@\n-a\n\+b\n\n<\/pre>/);
  });
});
