import { describe, expect, it } from 'vitest';
import { MODULES } from '../modules/index.js';
import { main } from './main.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), write: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('runbook doc', () => {
  it("shows a module as ansible-doc does: header, description, OPTIONS with '=' for a mandatory one", async () => {
    const r = await run(['doc', 'ansible.builtin.lineinfile']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^> ANSIBLE\.BUILTIN\.LINEINFILE {4}\(runbook: src\/modules\/lineinfile\.ts\)\n\n {8}\S/);
    expect(r.out).toContain('OPTIONS (= is mandatory):');
    expect(r.out).toMatch(/\n= path\n {8}.+\n {8}aliases: \[dest, destfile, name\]\n {8}type: path\n/);
    expect(r.out).toMatch(/\n- state\n(.*\n)*? {8}choices: \[absent, present\]\n {8}default: present\n/);
  });

  it("lists every module with -l, and -j gives ansible-doc -j's shape", async () => {
    const list = await run(['doc', '-l']);
    expect(list.out.split('\n')).toHaveLength(MODULES.length);
    const json = JSON.parse((await run(['doc', '-j', 'copy'])).out) as Record<
      string,
      { doc: { module: string; options: Record<string, { type: string; required?: boolean; aliases?: string[] }> } }
    >;
    expect(json['ansible.builtin.copy']?.doc.module).toBe('copy');
    expect(json['ansible.builtin.copy']?.doc.options.dest).toMatchObject({ type: 'path', required: true });
  });

  it('names the module meant for a misspelled one, exit 1', async () => {
    expect(await run(['doc', 'linefile'])).toMatchObject({
      code: 1,
      err: "ERROR! module linefile not found in runbook's modules (runbook doc -l lists them); did you mean 'lineinfile'?",
    });
  });
});
