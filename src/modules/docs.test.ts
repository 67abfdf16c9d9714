import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modulesTable } from './docs.js';
import { MODULES, findModule } from './index.js';

describe('the module registry', () => {
  it('matches docs/MODULES.md (regenerate with npx tsx scripts/modules-doc.ts)', () => {
    expect(readFileSync(new URL('../../docs/MODULES.md', import.meta.url), 'utf8')).toBe(modulesTable());
  });

  it('describes every argument of every module', () => {
    for (const m of MODULES)
      for (const [name, def] of Object.entries(m.args)) expect(def.description, `${m.name}.${name}`).not.toBe('');
  });

  it('resolves short names, ansible.builtin and ansible.legacy names', () => {
    expect(findModule('copy')?.name).toBe('copy');
    expect(findModule('ansible.builtin.copy')?.name).toBe('copy');
    expect(findModule('ansible.legacy.copy')?.name).toBe('copy');
    expect(findModule('community.general.nope')).toBeUndefined();
  });
});
