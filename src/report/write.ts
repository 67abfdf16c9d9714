// Writing the report: the view through the handlebars page, to a temporary file renamed into
// place (a report is whole or absent), mode 0600 (it names hosts and shows diffs).
import { createRequire } from 'node:module';
import { writeFileWhole } from '../util/index.js';
import type { RunRecord } from './collect.js';
import { buildView } from './view.js';
import { PAGE } from './page.js';

let compiled: HandlebarsTemplateDelegate | undefined;

export function renderReport(run: RunRecord, forecast: Map<string, number>): string {
  // handlebars is loaded only when a report is written, not at every run's start
  const handlebars = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');
  compiled ??= handlebars.compile(PAGE, { strict: false });
  return compiled(buildView(run, forecast));
}

export function writeReport(path: string, run: RunRecord, forecast: Map<string, number>): void {
  writeFileWhole(path, renderReport(run, forecast), 0o600);
}
