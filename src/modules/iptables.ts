// iptables: one rule, a chain's policy, a flush, or a chain (ansible/modules/iptables.py at
// stable-2.14). The rule is construct_rule's argv (in its order, `!` before a negated value);
// `iptables -C` says whether it is there, -A/-I/-D change it; -w where the iptables version
// takes it (LooseVersion against 1.4.20, with seconds from 1.6.0). The result is main's args.
import { defineModule, moduleFail, type ModuleContext, type ModuleResult } from './define.js';
import type { ArgDef } from './args.js';
import { binPath, runArgv, runChecked, type RunResult } from './support/host-run.js';

type P = Record<string, unknown>;

const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

/** append_param: `flag value`, or `! flag value` for a value starting with '!'. */
function param(rule: string[], value: unknown, flag: string): void {
  const v = str(value);
  if (v === undefined) return;
  if (v.startsWith('!')) rule.push('!', flag, v.slice(1));
  else rule.push(flag, v);
}

/** append_match_flag: the flag where the value is 'match', `! flag` for 'negate' where negatable. */
function matchFlag(rule: string[], value: unknown, flag: unknown, negatable: boolean): void {
  if (value === 'match') rule.push(String(flag));
  else if (negatable && value === 'negate') rule.push('!', String(flag));
}

function csv(rule: string[], values: string[], flag: string): void {
  if (values.length) rule.push(flag, values.join(','));
}

function match(rule: string[], on: unknown, name: string): void {
  if (on !== undefined && on !== null && on !== '' && !(Array.isArray(on) && on.length === 0)) rule.push('-m', name);
}

/** construct_rule: the rule's part of the argv, in iptables.py's order. */
export function constructRule(p: P, ipVersion: string): string[] {
  const rule: string[] = [];
  const matches = list(p.match);
  if (str(p.wait)) rule.push('-w', String(p.wait));
  param(rule, p.protocol, '-p');
  param(rule, p.source, '-s');
  param(rule, p.destination, '-d');
  for (const m of matches) param(rule, m, '-m');
  const flags = p.tcp_flags as { flags?: unknown; flags_set?: unknown } | undefined | null;
  if (flags && flags.flags != null && flags.flags_set != null)
    rule.push('--tcp-flags', list(flags.flags).join(','), list(flags.flags_set).join(','));
  param(rule, p.jump, '-j');
  if (str(p.jump)?.toLowerCase() === 'tee') param(rule, p.gateway, '--gateway');
  param(rule, p.log_prefix, '--log-prefix');
  param(rule, p.log_level, '--log-level');
  param(rule, p.to_destination, '--to-destination');
  match(rule, list(p.destination_ports), 'multiport');
  csv(rule, list(p.destination_ports), '--dports');
  param(rule, p.to_source, '--to-source');
  param(rule, p.goto, '-g');
  param(rule, p.in_interface, '-i');
  param(rule, p.out_interface, '-o');
  param(rule, p.fragment, '-f');
  param(rule, p.set_counters, '-c');
  param(rule, p.source_port, '--source-port');
  param(rule, p.destination_port, '--destination-port');
  param(rule, p.to_ports, '--to-ports');
  param(rule, p.set_dscp_mark, '--set-dscp');
  param(rule, p.set_dscp_mark_class, '--set-dscp-class');
  matchFlag(rule, p.syn, '--syn', true);
  const ctstate = list(p.ctstate);
  if (matches.includes('conntrack')) csv(rule, ctstate, '--ctstate');
  else if (matches.includes('state')) csv(rule, ctstate, '--state');
  else if (ctstate.length) {
    match(rule, ctstate, 'conntrack');
    csv(rule, ctstate, '--ctstate');
  }
  if (matches.includes('iprange') || p.src_range || p.dst_range) {
    if (!matches.includes('iprange')) match(rule, p.src_range || p.dst_range, 'iprange');
    param(rule, p.src_range, '--src-range');
    param(rule, p.dst_range, '--dst-range');
  }
  if (matches.includes('set') || p.match_set) {
    if (!matches.includes('set')) match(rule, p.match_set, 'set');
    param(rule, p.match_set, '--match-set');
    // append_match_flag(rule, 'match', params['match_set_flags'], False): the flags themselves
    if (p.match_set_flags != null) rule.push(String(p.match_set_flags));
  }
  match(rule, p.limit || p.limit_burst, 'limit');
  param(rule, p.limit, '--limit');
  param(rule, p.limit_burst, '--limit-burst');
  for (const [key, flag] of [
    ['uid_owner', '--uid-owner'],
    ['gid_owner', '--gid-owner'],
  ] as const) {
    match(rule, p[key], 'owner');
    matchFlag(rule, p[key], flag, true);
    param(rule, p[key], flag);
  }
  if (p.jump == null && p.reject_with) rule.push('-j', 'REJECT');
  param(rule, p.reject_with, '--reject-with');
  param(rule, p.icmp_type, ipVersion === 'ipv6' ? '--icmpv6-type' : '--icmp-type');
  match(rule, p.comment, 'comment');
  param(rule, p.comment, '--comment');
  return rule;
}

/** LooseVersion's numeric parts of `iptables --version`'s "v1.8.9 (nf_tables)". */
function versionOf(out: string): number[] {
  const after = out.split('v')[1] ?? '';
  return (/^[\d.]+/.exec(after)?.[0] ?? '').split('.').filter(Boolean).map(Number);
}

function atLeast(v: number[], want: number[]): boolean {
  for (let i = 0; i < Math.max(v.length, want.length); i++) {
    const a = v[i] ?? -1;
    const b = want[i] ?? -1;
    if (a !== b) return a > b;
  }
  return true;
}

class Iptables {
  constructor(
    private readonly ctx: ModuleContext,
    private readonly bin: string,
    private readonly p: P,
  ) {}

  /** push_arguments: -t TABLE ACTION CHAIN [RULE_NUM] [rule]. */
  argv(action: string, rule: boolean): string[] {
    const p = this.p;
    const argv = [this.bin, '-t', String(p.table), action, String(p.chain)];
    if (action === '-I' && p.rule_num) argv.push(String(p.rule_num));
    if (rule) argv.push(...constructRule(p, String(p.ip_version)));
    return argv;
  }

  async ok(action: string, rule: boolean): Promise<boolean> {
    return (await runArgv(this.ctx, this.argv(action, rule))).rc === 0;
  }

  /** run_command(check_rc=True): a failure ends the module with the command and its output. */
  must(argv: string[]): Promise<RunResult> {
    return runChecked(this.ctx, argv);
  }
}

function refusal(p: P): string | undefined {
  if (p.set_dscp_mark != null && p.set_dscp_mark_class != null)
    return 'parameters are mutually exclusive: set_dscp_mark|set_dscp_mark_class';
  if (p.flush === true && p.policy != null) return 'parameters are mutually exclusive: flush|policy';
  const jump = str(p.jump);
  if ((jump === 'TEE' || jump === 'tee') && p.gateway == null)
    return `jump is ${jump} but all of the following are missing: gateway`;
  return undefined;
}

async function apply(t: Iptables, p: P, args: Record<string, unknown>, check: boolean): Promise<void> {
  if (p.flush === true) {
    args.changed = true;
    if (!check) await t.must(t.argv('-F', false));
  } else if (p.policy) {
    const out = (await t.must(t.argv('-L', false))).out;
    const policy = /\(policy ([A-Z]+)\)/.exec(out.split('\n')[0] ?? '')?.[1];
    if (!policy) moduleFail("Can't detect current policy");
    args.changed = policy !== p.policy;
    if (args.changed && !check) await t.must([...t.argv('-P', false), String(p.policy)]);
  } else if (args.state === 'absent' && !args.rule) {
    const present = await t.ok('-L', false);
    args.changed = present;
    if (present && p.chain_management && !check) await t.must(t.argv('-X', false));
  } else {
    const rulePresent = await t.ok('-C', true);
    const chainPresent = rulePresent || (await t.ok('-L', false));
    const want = args.state === 'present';
    args.changed = rulePresent !== want;
    if (!args.changed || check) return;
    if (!want) await t.must(t.argv('-D', true));
    else {
      if (!chainPresent && p.chain_management) await t.must(t.argv('-N', false));
      await t.must(t.argv(p.action === 'insert' ? '-I' : '-A', true));
    }
  }
}

const s = (description: string, extra: Partial<ArgDef> = {}): ArgDef => ({ type: 'str', description, ...extra });

export default defineModule({
  name: 'iptables',
  argRules: {
    mutuallyExclusive: [
      ['set_dscp_mark', 'set_dscp_mark_class'],
      ['flush', 'policy'],
    ],
    requiredIf: [
      ['jump', 'TEE', ['gateway']],
      ['jump', 'tee', ['gateway']],
    ],
  },
  collection: 'ansible.builtin',
  description: 'Modify iptables rules',
  checkMode: 'supported',
  args: {
    table: s('The table.', { default: 'filter', choices: ['filter', 'nat', 'mangle', 'raw', 'security'] }),
    state: s('The rule present or absent.', { default: 'present', choices: ['absent', 'present'] }),
    action: s('Append or insert the rule.', { default: 'append', choices: ['append', 'insert'] }),
    ip_version: s('iptables or ip6tables.', { default: 'ipv4', choices: ['ipv4', 'ipv6'] }),
    chain: s('The chain.'),
    rule_num: s('Where insert puts the rule.'),
    protocol: s('-p'),
    wait: s('-w: seconds to wait for the xtables lock.'),
    source: s('-s'),
    to_source: s('--to-source'),
    destination: s('-d'),
    to_destination: s('--to-destination'),
    match: { type: 'list', elements: 'str', default: [], description: '-m, each.' },
    tcp_flags: { type: 'dict', description: '--tcp-flags: flags and flags_set.' },
    jump: s('-j'),
    gateway: s('--gateway (TEE).'),
    log_prefix: s('--log-prefix'),
    log_level: s('--log-level', {
      choices: [
        '0',
        '1',
        '2',
        '3',
        '4',
        '5',
        '6',
        '7',
        'emerg',
        'alert',
        'crit',
        'error',
        'warning',
        'notice',
        'info',
        'debug',
      ],
    }),
    goto: s('-g'),
    in_interface: s('-i'),
    out_interface: s('-o'),
    fragment: s('-f'),
    set_counters: s('-c'),
    source_port: s('--source-port'),
    destination_port: s('--destination-port'),
    destination_ports: { type: 'list', elements: 'str', default: [], description: '-m multiport --dports.' },
    to_ports: s('--to-ports'),
    set_dscp_mark: s('--set-dscp'),
    set_dscp_mark_class: s('--set-dscp-class'),
    comment: s('-m comment --comment'),
    ctstate: { type: 'list', elements: 'str', default: [], description: '--ctstate (or --state).' },
    src_range: s('--src-range'),
    dst_range: s('--dst-range'),
    match_set: s('--match-set'),
    match_set_flags: s('The set flags.', { choices: ['src', 'dst', 'src,dst', 'dst,src'] }),
    limit: s('--limit'),
    limit_burst: s('--limit-burst'),
    uid_owner: s('--uid-owner'),
    gid_owner: s('--gid-owner'),
    reject_with: s('--reject-with'),
    icmp_type: s('--icmp-type (--icmpv6-type).'),
    syn: s('--syn', { default: 'ignore', choices: ['ignore', 'match', 'negate'] }),
    flush: { type: 'bool', default: false, description: 'Flush the chain (or table).' },
    policy: s("The chain's policy.", { choices: ['ACCEPT', 'DROP', 'QUEUE', 'RETURN'] }),
    chain_management: { type: 'bool', default: false, description: 'Create or delete the chain.' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    const refused = refusal(a);
    if (refused) return { changed: false, failed: true, msg: refused };
    const p: P = { ...a };
    const args: Record<string, unknown> = {
      changed: false,
      failed: false,
      ip_version: p.ip_version,
      table: p.table,
      chain: p.chain ?? null,
      flush: p.flush,
      rule: constructRule(p, String(p.ip_version)).join(' '),
      state: p.state,
      chain_management: p.chain_management,
    };
    const found = await binPath(ctx, p.ip_version === 'ipv6' ? 'ip6tables' : 'iptables');
    if ('missing' in found) return { changed: false, failed: true, msg: found.missing };
    if (p.flush === false && p.chain == null)
      return { changed: false, failed: true, msg: 'Either chain or flush parameter must be specified.' };
    if (p.log_prefix || p.log_level) {
      if (p.jump == null) p.jump = 'LOG';
      else if (p.jump !== 'LOG')
        return { changed: false, failed: true, msg: 'Logging options can only be used with the LOG jump target.' };
    }
    const t = new Iptables(ctx, found.path, p);
    const version = versionOf((await t.must([found.path, '--version'])).out);
    if (!atLeast(version, [1, 4, 20])) p.wait = null;
    else if (!atLeast(version, [1, 6, 0])) p.wait = '';
    await apply(t, p, args, ctx.checkMode);
    const { changed, failed: _f, ...data } = args;
    return { changed: changed === true, data };
  },
});
