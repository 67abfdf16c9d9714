// Records test/bad-input/<case>/expected.json from ansible-playbook (ansible-core 2.14.18): its
// exit code and its error/warning lines (for reading; runbook's own must name file, line and
// culprit, which Ansible's do not always). Usage: npx tsx scripts/record-bad-input.ts [substring…]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_INPUT_DIR, badInputCases, badInputHash, runBadInput } from '../test/support/bad-input-harness.js';

const filter = process.argv.slice(2);
const version = (execFileSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '').trim();
for (const name of badInputCases().filter((n) => !filter.length || filter.some((f) => n.includes(f)))) {
  const r = runBadInput(name, ['ansible-playbook']);
  const messages = r.output
    .split('\n')
    .filter((l) => /^(ERROR!|\[WARNING\]|fatal:|ansible-playbook: error)/.test(l))
    .map((l) => l.slice(0, 400));
  // a YAML syntax error's problem (the line after "Syntax Error while loading YAML.") and where
  const lines = r.output.split('\n');
  const at = lines.indexOf('Syntax Error while loading YAML.');
  const position = lines.find((l) => l.startsWith('The error appears to be in '));
  const yamlError = at >= 0 && position ? [lines[at + 1] ?? '', position] : undefined;
  const record = {
    case: name,
    recorded_with: version,
    case_sha256: badInputHash(name),
    exit_code: r.code,
    messages,
    ...(yamlError ? { yaml_error: yamlError } : {}),
  };
  writeFileSync(join(BAD_INPUT_DIR, name, 'expected.json'), `${JSON.stringify(record, null, 1)}\n`);
  console.log(`${name}: exit ${r.code} ${messages[0] ?? ''}`.slice(0, 160));
}
