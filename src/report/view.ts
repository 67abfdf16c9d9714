// The run record as the page shows it: stages with their actual and forecast times, a timeline
// row per host (each play's span on that host, and its window of change: first changed task →
// last task, for the upgrade the downtime), every task's results. Pure: numbers in, strings out.
import type { RunRecord, PlayRecord, HostResult } from './collect.js';

const COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function playEnd(run: RunRecord, i: number): number {
  return run.plays[i + 1]?.started ?? run.ended;
}

/** The forecast's stage for a play: its name, or the name up to a dash ("backup — controller"). */
function stageOf(play: PlayRecord, forecast: Map<string, number>): string | undefined {
  return [...forecast.keys()].find((k) => play.name === k || play.name.startsWith(`${k} `));
}

function results(play: PlayRecord): HostResult[] {
  return play.tasks.flatMap((t) => t.results);
}

export function buildView(run: RunRecord, forecast: Map<string, number>) {
  const total = Math.max(1, run.ended - run.started);
  const pct = (t: number): string => (((t - run.started) / total) * 100).toFixed(2);
  const hosts = run.recap.map(([h]) => h);
  const seen = new Set<string>();
  const stages = run.plays.map((p, i) => {
    const stage = stageOf(p, forecast);
    const all = results(p);
    // A stage of several plays (backup — computes, — controller, — databases) shows its
    // forecast once, on its first play.
    const first = stage !== undefined && !seen.has(stage);
    if (stage !== undefined) seen.add(stage);
    return {
      name: p.name,
      color: COLORS[i % COLORS.length],
      actual: secs(playEnd(run, i) - p.started),
      forecast: stage === undefined ? '' : first ? `${forecast.get(stage) ?? 0} s (${stage})` : `″ (${stage})`,
      hosts: new Set(all.map((r) => r.host)).size,
      changed: all.filter((r) => r.changed).length,
      failed: all.filter((r) => r.status === 'failed' || r.status === 'unreachable').length,
    };
  });
  const timeline = hosts.map((host) => {
    const segments = run.plays.flatMap((p, i) => {
      const mine = results(p).filter((r) => r.host === host);
      if (!mine.length) return [];
      const from = Math.min(...mine.map((r) => r.started));
      const to = Math.max(...mine.map((r) => r.ended));
      return [
        {
          left: pct(from),
          width: Math.max(0.3, ((to - from) / total) * 100).toFixed(2),
          color: COLORS[i % COLORS.length],
          title: `${p.name}: ${secs(to - from)}`,
        },
      ];
    });
    const changes = run.plays.flatMap(results).filter((r) => r.host === host);
    const first = changes.find((r) => r.changed);
    const last = changes.at(-1);
    const window =
      first && last
        ? {
            left: pct(first.started),
            width: Math.max(0.3, ((last.ended - first.started) / total) * 100).toFixed(2),
            length: secs(last.ended - first.started),
          }
        : undefined;
    return { host, segments, window };
  });
  const plays = run.plays.map((p) => ({
    name: p.name,
    tasks: p.tasks.map((t) => ({
      name: t.name,
      origin: t.origin,
      results: t.results.map((r) => ({
        ...r,
        took: secs(r.ended - r.started),
        css: r.changed && r.status === 'changed' ? 'changed' : r.status.split(' ')[0],
      })),
    })),
  }));
  const recap = run.recap.map(([host, s]) => ({ host, ...s }));
  const failed = run.recap.some(([, s]) => s.failed > 0 || s.unreachable > 0);
  return {
    playbook: run.playbook,
    command: run.command,
    started: new Date(run.started).toISOString(),
    took: secs(total),
    outcome: failed ? 'failed' : 'ok',
    stages,
    timeline,
    plays,
    recap,
    ...guestsView(run),
    forecastTotal: forecast.size ? `${[...forecast.values()].reduce((a, b) => a + b, 0)} s` : '',
  };
}

/** The guardian's table: per guest its availability, downtime and whether it was restarted. */
function guestsView(run: RunRecord) {
  if (!run.guests) return {};
  const rows = run.guests.summaries.map((s) => ({
    ...s,
    availability: s.availability.toFixed(1),
    downtime: s.downtime.toFixed(0),
    restarted: s.restarted === undefined ? 'unknown' : s.restarted ? 'yes' : 'no',
  }));
  const total = run.guests.summaries.reduce((a, s) => a + s.downtime, 0);
  return {
    guests: rows,
    guestsTotal: total.toFixed(0),
    guestsRestarted: rows.filter((r) => r.restarted === 'yes').length,
    guestsNotRunning: run.guests.notRunning.join(', '),
  };
}
