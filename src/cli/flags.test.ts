import { describe, expect, it } from 'vitest';
import { APPLY, applyHelp, parseApplyArgs } from './apply-args.js';
import { formatHelp, parseFlags, wrap } from './flags.js';
import { main } from './main.js';
import { UsageError } from './usage-error.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), write: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function usageError(f: () => unknown): UsageError {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('no UsageError');
}

describe('runbook apply flags (ansible-playbook 2.14 names, aliases and help)', () => {
  it('lists every flag it accepts, each with its description', () => {
    const help = applyHelp();
    for (const f of APPLY.flags) {
      expect(help).toContain(`--${f.name}`);
      expect(help).toContain(wrap(f.help, 56)[0]!);
      for (const a of ('aliases' in f ? f.aliases : []) as readonly string[]) expect(help).toContain(`--${a}`);
    }
    // argparse's layout: a short invocation shares its line with the help, a long one does not
    expect(help).toContain('  -t TAGS, --tags TAGS  only run plays and tasks tagged with these values');
    expect(help).toContain('  --ask-vault-password, --ask-vault-pass\n                        ask for vault password');
    expect(help).toMatch(/Connection Options:\n {2}control as whom and how to connect to hosts\n\n/);
  });

  it("accepts argparse's aliases and unambiguous prefixes as the canonical flag", () => {
    const { values, positionals } = parseApplyArgs([
      '--inventory-file',
      'hosts',
      '--key-file=id',
      '--ask-vault-pass',
      '--extra-var',
      'a=1',
      '--vault-pass-file',
      'pw',
      'site.yml',
    ]);
    expect(values).toMatchObject({
      inventory: ['hosts'],
      'private-key': 'id',
      'ask-vault-password': true,
      'extra-vars': ['a=1'],
      'vault-password-file': ['pw'],
    });
    expect(positionals).toEqual(['site.yml']);
  });

  it('refuses what argparse refuses, in its words, exit 2', () => {
    expect(usageError(() => parseApplyArgs(['-J', 'site.yml']))).toMatchObject({
      message: 'runbook apply: error: unrecognized arguments: -J',
      exitCode: 2,
    });
    expect(usageError(() => parseApplyArgs(['--list', 'site.yml'])).message).toBe(
      'runbook apply: error: ambiguous option: --list could match --list-hosts, --list-tags, --list-tasks',
    );
    expect(usageError(() => parseApplyArgs(['site.yml', '-i'])).message).toBe(
      'runbook apply: error: argument -i/--inventory/--inventory-file: expected one argument',
    );
    expect(usageError(() => parseApplyArgs(['-f', 'ten', 'site.yml'])).message).toContain("invalid int value: 'ten'");
  });

  it('formats a command without sections or aliases', () => {
    const cmd = {
      prog: 'x',
      usage: 'x [-h]',
      description: 'Does x.',
      flags: [{ name: 'help', short: 'h', type: 'boolean', help: 'show this help message and exit' }] as const,
    };
    expect(formatHelp(cmd)).toBe(
      'usage: x [-h]\n\nDoes x.\n\noptions:\n  -h, --help            show this help message and exit',
    );
    expect(parseFlags(cmd, ['-h']).values.help).toBe(true);
  });
});

describe('--help on every command and subcommand', () => {
  it.each([
    [['--help'], 'usage: runbook <command>'],
    [['apply', '--help'], '--become-password-file BECOME_PASSWORD_FILE'],
    [['lab', '--help'], 'runbook lab COMMAND --help'],
    [['lab', 'up', '--help'], '--network NET[/FIRST]'],
    [['lab', 'status', '-h'], '--json'],
    [['lab', 'fault', '--help'], 'stop|blackhole|restore'],
    [['roles', '--help'], 'replaces the shipped one'],
    [['template', '--help'], 'usage: runbook template'],
    [['vault', '--help'], 'usage: runbook vault'],
    [['run', '--help'], '--one-line'],
    [['inventory', '--help'], '--graph'],
    [['doc', '--help'], '--json'],
    [['galaxy', 'install', '--help'], '--role-file'],
  ])('runbook %j prints its help and exits 0', async (argv, text) => {
    const r = await run(argv);
    expect(r.out).toContain(text);
    expect(r).toMatchObject({ code: 0, err: '' });
  });

  it('an unknown option of roles is an argparse error, exit 2', async () => {
    expect(await run(['roles', '--bogus'])).toMatchObject({
      code: 2,
      err: 'ERROR! runbook roles: error: unrecognized arguments: --bogus',
    });
  });
});
