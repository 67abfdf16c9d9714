// What runbook says it is: `--version`, and at -vv the block ansible-playbook prints there
// (cli/arguments/option_helpers.py version(): config file, module search path, collection
// location, executable, the runtime's version).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Settings } from './config.js';

/** `packageJson` is package.json's URL; the default is where it is from src/cli/ and dist/bundle/. */
export function version(packageJson = new URL('../../package.json', import.meta.url)): string {
  const pkg = createRequire(import.meta.url)(fileURLToPath(packageJson)) as { version: string };
  return `runbook ${pkg.version} (Ansible-compatible: ansible-core 2.14)`;
}

/** CLI.run's display.vv of the version, with runbook's own paths. */
export function versionBlock(settings: Settings): string {
  return [
    version(),
    `  config file = ${settings.file ?? 'None'}`,
    `  configured module search path = [${settings.library.map((p) => `'${p}'`).join(', ')}]`,
    `  ansible collection location = ${settings.collectionsPaths.join(':')}`,
    `  executable location = ${process.argv[1] ?? ''}`,
    `  node version = ${process.version}`,
  ].join('\n');
}
