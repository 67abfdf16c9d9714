// Writes docs/MODULES.md from the module registry (npx tsx scripts/modules-doc.ts); a test
// checks that the file matches the registry.
import { writeFileSync } from 'node:fs';
import { modulesTable } from '../src/modules/docs.js';

writeFileSync(new URL('../docs/MODULES.md', import.meta.url), modulesTable());
console.log('docs/MODULES.md written');
