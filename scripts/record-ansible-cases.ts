// Records what ansible-playbook (ansible-core 2.14.18) makes of every case in
// test/ansible-mode/cases.yaml, as a `debug: msg=` task with the case's vars, and writes
// test/ansible-mode/recorded.json. Needs ansible-core (apt-get install -y ansible-core).
// Usage: npx tsx scripts/record-ansible-cases.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCases, caseHash, taskArgument, RECORDS_FILE, type AnsibleRecord } from '../test/ansible-mode/cases.js';
import { pyJsonDumps, pyJsonLoads } from '../src/template/index.js';

function version(): string {
  const core = execFileSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  const jinja = execFileSync('python3', ['-c', 'import jinja2; print(jinja2.__version__)'], {
    encoding: 'utf8',
  }).trim();
  return `${core.replace(/^ansible-playbook \[core (.*)\]$/, 'ansible-core $1')} (jinja2 ${jinja})`;
}

const cases = loadCases();
const play = [
  {
    hosts: 'localhost',
    gather_facts: false,
    connection: 'local',
    tasks: cases.map(
      (c) =>
        new Map<string, unknown>([
          ['name', c.id],
          ['debug', new Map([['msg', taskArgument(c)]])],
          ['vars', c.vars],
          ['ignore_errors', true],
        ]),
    ),
  },
];
const dir = mkdtempSync(join(tmpdir(), 'rb-record-'));
try {
  const book = join(dir, 'cases.json');
  writeFileSync(book, pyJsonDumps(play));
  const out = execFileSync('ansible-playbook', ['-i', 'localhost,', book], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      ANSIBLE_STDOUT_CALLBACK: 'json',
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_LOCALHOST_WARNING: 'False',
      ANSIBLE_DEPRECATION_WARNINGS: 'False',
    },
  });
  const result = pyJsonLoads(out) as Map<string, unknown>;
  const tasks = ((result.get('plays') as Map<string, unknown>[])[0]?.get('tasks') ?? []) as Map<string, unknown>[];
  const recordedWith = version();
  const records = new Map<string, AnsibleRecord>();
  cases.forEach((c, i) => {
    const host = (tasks[i]?.get('hosts') as Map<string, unknown>).get('localhost') as Map<string, unknown>;
    const failed = host.get('failed') === true;
    const base = { recorded_with: recordedWith, input_sha256: caseHash(c), ok: !failed };
    records.set(c.id, failed ? { ...base, error: String(host.get('msg')) } : { ...base, value: host.get('msg') });
  });
  writeFileSync(
    RECORDS_FILE,
    `${pyJsonDumps(new Map([...records].map(([k, r]) => [k, new Map(Object.entries(r))])), { indent: 1 })}\n`,
  );
  console.log(`recorded ${records.size} cases with ${recordedWith} into ${RECORDS_FILE}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
