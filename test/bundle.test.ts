// The executable users run is the esbuild bundle (scripts/bundle.ts, dist/cli.js launches it):
// what `npm run build` made must behave as the source does. The template engine reports
// Python type names from class names, and a bundler renames classes that collide (Undefined →
// _Undefined: a loop over an undefined variable then failed under a false `when`), so the
// bundle keeps names; the same expression through the source and through dist/cli.js must give
// the same message. Needs `npm run build` (npm test runs it first).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/index.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../dist/bundle', import.meta.url));

async function fromSource(argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const io = {
    out: (s: string) => lines.push(s),
    write: (s: string) => lines.push(s),
    err: (s: string) => lines.push(s),
  };
  const code = await main(argv, io);
  return { code, text: lines.join('\n') };
}

describe('the bundled CLI', () => {
  it('is what dist/cli.js runs, one chunk per subcommand', () => {
    expect(existsSync(CLI), 'run npm run build first').toBe(true);
    const chunks = readdirSync(BUNDLE).filter((f) => f.endsWith('.js'));
    expect(chunks.some((f) => f.startsWith('apply-command'))).toBe(true);
    expect(chunks.some((f) => f.startsWith('lab-command'))).toBe(true);
  });

  it.each([
    ['a filter given an undefined value', '{{ nothing | dict2items }}'],
    ['the type of a value', '{{ (1, 2) | type_debug }} {{ {} | type_debug }} {{ none | type_debug }}'],
  ])(
    '%s: the same message as the source',
    async (_name, expr) => {
      const src = await fromSource(['template', expr]);
      const r = spawnSync('node', [CLI, 'template', expr], { encoding: 'utf8', timeout: 30_000 });
      expect({ code: r.status, text: `${r.stdout}${r.stderr}`.trimEnd() }).toEqual(src);
      expect(src.text).not.toContain('_Undefined');
    },
    30_000,
  );
});
