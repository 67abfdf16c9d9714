// Writing the report: the view through the handlebars page, to a temporary file renamed into
// place (a report is whole or absent), mode 0600 (it names hosts and shows diffs).
import { renameSync, writeFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { RunRecord } from './collect.js';
import { buildView } from './view.js';
import { PAGE } from './page.js';

let compiled: HandlebarsTemplateDelegate | undefined;

export function renderReport(run: RunRecord, forecast: Map<string, number>): string {
  compiled ??= Handlebars.compile(PAGE, { strict: false });
  return compiled(buildView(run, forecast));
}

export function writeReport(path: string, run: RunRecord, forecast: Map<string, number>): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, renderReport(run, forecast), { mode: 0o600 });
  renameSync(tmp, path);
}
