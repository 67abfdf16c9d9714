// The guardian's guests (--guard GUESTS): a YAML list of { name, address, port } (port 22 when
// not given: the one port every guest of a cloud answers on, its sshd). `runbook lab up` writes
// one for the lab (DIR/guests.yml); a site lists its guests' floating addresses.
import { readFileSync } from 'node:fs';
import { parseYaml, RunbookError } from '../util/index.js';
import type { GuardTarget } from '../report/index.js';

const field = (entry: unknown, key: string): unknown =>
  entry instanceof Map
    ? entry.get(key)
    : entry && typeof entry === 'object'
      ? (entry as Record<string, unknown>)[key]
      : undefined;

export function loadGuardTargets(file: string): GuardTarget[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RunbookError(
      `--guard: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      undefined,
      {
        exitCode: 5,
      },
    );
  }
  const { documents, positions } = parseYaml(text, file);
  const list = documents[0] ?? [];
  if (!Array.isArray(list))
    throw new RunbookError(
      `--guard: ${file} must be a list of guests ({name, address, port})`,
      { file, line: 1 },
      {
        exitCode: 5,
      },
    );
  return list.map((entry: unknown, i) => {
    const name = field(entry, 'name');
    const address = field(entry, 'address');
    const port = field(entry, 'port') ?? 22;
    const where = (entry && typeof entry === 'object' && positions.of(entry)) || { file, line: i + 1 };
    if (typeof address !== 'string' || !address)
      throw new RunbookError(`--guard: guest ${i + 1} of ${file} has no address`, where, { exitCode: 5 });
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
      throw new RunbookError(`--guard: guest ${String(name ?? address)} has a bad port '${String(port)}'`, where, {
        exitCode: 5,
      });
    return { name: typeof name === 'string' && name ? name : address, address, port };
  });
}
