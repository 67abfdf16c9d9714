// Each module's options as Ansible's module defines them (ansible-argspecs.json, recorded from
// ansible-core 2.14.18 and the Debian collections by scripts/record-argspecs.py): the names and
// aliases a task may use, which the "Unsupported parameters" message lists. The modules not yet
// aligned are listed with what differs; once one agrees, the test asks to strike it off.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODULES, validateArgs, ModuleArgError } from './index.js';
import type { Module } from './define.js';

interface Recorded {
  options: Record<string, { aliases?: string[]; required?: boolean }>;
  mutually_exclusive?: string[][];
  required_together?: string[][];
  required_one_of?: string[][];
  required_if?: unknown[][];
  required_by?: Record<string, string[]>;
}
const RECORDED = (
  JSON.parse(readFileSync(new URL('./ansible-argspecs.json', import.meta.url), 'utf8')) as {
    modules: Record<string, Recorded>;
  }
).modules;

/** The Ansible module whose spec a runbook module answers to (shell runs command, template copy). */
function sourceOf(m: Module): string | undefined {
  if (m.name === 'shell') return 'command';
  if (m.name === 'template') return 'copy';
  const full = `${m.collection}.${m.name}`;
  return RECORDED[full] ? full : RECORDED[m.name] ? m.name : undefined;
}

/** Modules whose options are not yet Ansible's, and how. */
const KNOWN_GAPS: Record<string, string> = {
  file: 'no _diff_peek, _original_basename',
  async_status: 'no _async_dir',
  yum_repository: 'no validate_certs (and the file attributes)',
  zypper:
    'no allow_vendor_change, clean_deps, disable_gpg_check, extra_args_precommand, force_resolution, oldpackage, replacefiles',
  mysql_query: 'no TLS options; db and login_username are runbook aliases',
  mysql_db: 'no TLS, dump or config options; login_username is a runbook alias',
  mysql_user: 'no TLS, plugin, resource or session options; user is an alias of name in Ansible',
  service: 'use is the service action plugin option',
  yum: 'use is the yum action plugin option',
  uri: 'no TLS client, proxy, netrc, gssapi, unix_socket, src, decompress options',
  get_url: 'no TLS client, proxy, netrc, gssapi, backup, decompress, tmp_dest options',
  apt: 'name is the option and package its alias in Ansible',
  postgresql_query: 'no path_to_script, ssl_cert, ssl_key',
  postgresql_db: 'no ssl_cert, ssl_key',
  postgresql_user: 'no groups, priv, ssl_cert, ssl_key',
  postgresql_privs: 'no password, ssl_cert, ssl_key, target_roles, usage_on_types',
  assemble: 'follow is accepted by runbook only',
};

function difference(m: Module, recorded: Recorded): string[] {
  const own = Object.entries(m.args).filter(([, d]) => !d.action);
  const ours = new Set(own.flatMap(([n, d]) => [n, ...(d.aliases ?? [])]));
  const theirs = new Set(Object.entries(recorded.options).flatMap(([n, d]) => [n, ...(d.aliases ?? [])]));
  return [
    ...[...theirs].filter((n) => !ours.has(n)).map((n) => `missing ${n}`),
    ...[...ours].filter((n) => !theirs.has(n)).map((n) => `extra ${n}`),
    ...own.filter(([n]) => !(n in recorded.options) && theirs.has(n)).map(([n]) => `${n} is an alias in Ansible`),
  ];
}

describe("modules' options as Ansible's", () => {
  const checked = MODULES.filter((m) => sourceOf(m));

  it('covers the modules with an Ansible spec recorded', () => {
    expect(checked.length).toBeGreaterThanOrEqual(50);
  });

  it.each(checked.map((m) => [m.name, m] as const))('%s', (name, m) => {
    const diff = difference(m, RECORDED[sourceOf(m) ?? ''] as Recorded);
    if (KNOWN_GAPS[name]) expect(diff, `${name} now agrees: strike it from KNOWN_GAPS`).not.toEqual([]);
    else expect(diff).toEqual([]);
  });
});

describe("modules' checks across options as Ansible's", () => {
  it.each(MODULES.filter((m) => sourceOf(m)).map((m) => [m.name, m] as const))('%s', (_name, m) => {
    const r = RECORDED[sourceOf(m) ?? ''] as Recorded;
    // template hands over to copy and shell runs command: their rules are the action's to keep
    const rules = m.argRules ?? {};
    expect({
      mutuallyExclusive: rules.mutuallyExclusive ?? [],
      requiredTogether: rules.requiredTogether ?? [],
      requiredOneOf: rules.requiredOneOf ?? [],
      requiredIf: rules.requiredIf ?? [],
      requiredBy: rules.requiredBy ?? {},
    }).toEqual({
      mutuallyExclusive: r.mutually_exclusive ?? [],
      requiredTogether: r.required_together ?? [],
      requiredOneOf: r.required_one_of ?? [],
      requiredIf: r.required_if ?? [],
      requiredBy: r.required_by ?? {},
    });
  });
});

describe('argument errors in the order and words of ArgumentSpecValidator', () => {
  const spec = {
    path: { type: 'path' as const, required: true, aliases: ['dest', 'name'], description: '' },
    state: { type: 'str' as const, choices: ['a', 'b'], description: '' },
    trim: { type: 'bool' as const, action: true, description: '' },
  };
  const fails = (raw: Record<string, unknown>): string => {
    try {
      validateArgs('file', spec, new Map(Object.entries(raw)), 'ansible.legacy.file');
    } catch (err) {
      if (err instanceof ModuleArgError) return err.message;
    }
    return 'no error';
  };

  it('reports a missing required argument before an unknown one', () => {
    expect(fails({ bogus: 1 })).toBe('missing required arguments: path');
  });

  it('reports a bad choice before an unknown one', () => {
    expect(fails({ path: '/x', state: 'c', bogus: 1 })).toBe('value of state must be one of: a, b, got: c');
  });

  it("lists the module's own options, then their aliases in parentheses, under the name it runs as", () => {
    expect(fails({ path: '/x', zz: 1, aa: 2 })).toBe(
      'Unsupported parameters for (ansible.legacy.file) module: aa, zz. Supported parameters include: path, state (dest, name).',
    );
  });

  it('checks across options after types and choices, before unknown names', () => {
    const rules = {
      mutuallyExclusive: [['path', 'state']],
      requiredIf: [['state', 'a', ['trim']] as [string, unknown, string[]]],
    };
    const run = (raw: Record<string, unknown>, r = rules): string => {
      try {
        validateArgs('file', spec, new Map(Object.entries(raw)), 'file', r);
      } catch (err) {
        return (err as Error).message;
      }
      return 'no error';
    };
    expect(run({ path: '/x', state: 'a', bogus: 1 })).toBe('parameters are mutually exclusive: path|state');
    expect(run({ path: '/x', state: 'a', bogus: 1 }, { ...rules, mutuallyExclusive: [] })).toBe(
      'state is a but all of the following are missing: trim',
    );
    expect(run({ dest: '/x' }, { requiredOneOf: [['state', 'trim']] } as never)).toBe(
      'one of the following is required: state, trim',
    );
  });

  it('takes a required argument given as null as given (check_required_arguments looks for the key)', () => {
    expect(fails({ path: null })).toBe('no error');
  });
});
