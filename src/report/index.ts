// The HTML run report (--report FILE).
export { ReportCollector, type RunRecord } from './collect.js';
export { renderReport, writeReport } from './write.js';
export { Guardian, guardianFooter, probe, summarize, type GuardTarget, type GuestSummary } from './guardian.js';
