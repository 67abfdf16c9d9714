// Runs generated YAML documents through the loader's parser and generated INI inventories
// through the INI parser: each must parse or fail with a RunbookError (the INI plugin's
// InventoryParseError) that names a line; anything else (a TypeError, an unpositioned error) is a bug.
import { parseYaml, RunbookError } from '../../src/util/index.js';
import { Inventory, InventoryParseError, parseIniInventory } from '../../src/inventory/index.js';
import { TextGrammar, rng } from './text-grammars.js';

export interface TextFuzzReport {
  inputs: number;
  parsed: number;
  positionedErrors: number;
  bugs: { input: string; error: string }[];
  slowest: { ms: number; input: string };
}

export type Target = 'yaml' | 'ini';

const RUN: Record<Target, (text: string) => unknown> = {
  yaml: (text) => parseYaml(text, 'fuzz.yml', { decryptVault: () => 'x' }),
  ini: (text) => {
    parseIniInventory(text, 'fuzz.ini', new Inventory());
  },
};

/** Generates inputs `from`..`to` of the seed's sequence and classifies each outcome. */
export function fuzzText(target: Target, seed: number, from: number, to: number): TextFuzzReport {
  const grammar = new TextGrammar(rng(seed));
  const report: TextFuzzReport = { inputs: 0, parsed: 0, positionedErrors: 0, bugs: [], slowest: { ms: 0, input: '' } };
  for (let i = 0; i < to; i++) {
    const input = target === 'yaml' ? grammar.yaml() : grammar.ini();
    if (i < from) continue;
    report.inputs++;
    const started = performance.now();
    try {
      RUN[target](input);
      report.parsed++;
    } catch (err) {
      const line =
        err instanceof RunbookError
          ? err.location?.line
          : err instanceof InventoryParseError
            ? err.culprit?.line
            : undefined;
      if (line !== undefined) report.positionedErrors++;
      else report.bugs.push({ input, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
    const ms = performance.now() - started;
    if (ms > report.slowest.ms) report.slowest = { ms, input };
  }
  return report;
}
