// Records what ansible-playbook (ansible-core 2.14.18) makes of every case in
// test/ansible-mode/cases.yaml, as a `debug: msg=` task with the case's vars, and writes
// test/ansible-mode/recorded.json. Needs ansible-core (apt-get install -y ansible-core).
// Usage: npx tsx scripts/record-ansible-cases.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadCases,
  caseHash,
  taskArgument,
  RECORDS_FILE,
  type AnsibleCase,
  type AnsibleRecord,
} from '../test/ansible-mode/cases.js';
import { pyJsonDumps, pyJsonLoads } from '../src/template/index.js';

function version(): string {
  const core = execFileSync('ansible-playbook', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  const jinja = execFileSync('python3', ['-c', 'import jinja2; print(jinja2.__version__)'], {
    encoding: 'utf8',
  }).trim();
  return `${core.replace(/^ansible-playbook \[core (.*)\]$/, 'ansible-core $1')} (jinja2 ${jinja})`;
}

/** Runs the cases as one playbook (jinja2_native on or off) and returns each task's host result. */
function runPlaybook(cases: AnsibleCase[], native: boolean, dir: string): Map<string, unknown>[] {
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
  const book = join(dir, native ? 'native.json' : 'cases.json');
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
      ANSIBLE_JINJA2_NATIVE: native ? '1' : '0',
    },
  });
  const result = pyJsonLoads(out) as Map<string, unknown>;
  const tasks = ((result.get('plays') as Map<string, unknown>[])[0]?.get('tasks') ?? []) as Map<string, unknown>[];
  return tasks.map((t) => (t.get('hosts') as Map<string, unknown>).get('localhost') as Map<string, unknown>);
}

const cases = loadCases();
const dir = mkdtempSync(join(tmpdir(), 'rb-record-'));
try {
  const recordedWith = version();
  const records = new Map<string, AnsibleRecord>();
  for (const native of [false, true]) {
    const group = cases.filter((c) => c.native === native);
    const hosts = group.length ? runPlaybook(group, native, dir) : [];
    group.forEach((c, i) => {
      const host = hosts[i] ?? new Map<string, unknown>();
      const failed = host.get('failed') === true;
      const base = { recorded_with: recordedWith, input_sha256: caseHash(c), ok: !failed };
      records.set(c.id, failed ? { ...base, error: String(host.get('msg')) } : { ...base, value: host.get('msg') });
    });
  }
  const ordered = new Map(cases.map((c) => [c.id, records.get(c.id) as AnsibleRecord]));
  writeFileSync(
    RECORDS_FILE,
    `${pyJsonDumps(new Map([...ordered].map(([k, r]) => [k, new Map(Object.entries(r))])), { indent: 1 })}\n`,
  );
  console.log(`recorded ${records.size} cases with ${recordedWith} into ${RECORDS_FILE}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
