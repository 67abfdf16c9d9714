// --list-hosts, --list-tasks, --list-tags, printed as ansible-playbook 2.14 prints them:
// the playbook path as given, a play's own tags, and each task's tags inherited from its
// blocks and play, sorted (checked against ansible-playbook 2.14.18).
import type { Item, Play, Playbook } from '../playbook/index.js';
import { pyStr, template } from '../template/index.js';
import { selectHosts, type Inventory } from '../inventory/index.js';
import { tagList, tagsOf, shouldRun } from '../executor/index.js';
import type { Io } from './main.js';

type ListFlags = { 'list-hosts'?: boolean; 'list-tasks'?: boolean; 'list-tags'?: boolean };

const shown = (tags: Iterable<string>): string => `[${[...tags].sort().join(', ')}]`;

/** What the listing filters and templates tags with: --tags, --skip-tags, the extra vars. */
export interface ListOptions {
  tags: string[];
  skipTags: string[];
  extraVars: Map<unknown, unknown>;
  /** --limit (a file's patterns already read): InventoryManager.subset restricts every listing. */
  limit?: string;
}

/** A task's tags as Taggable.evaluate_tags leaves them: templated with the play's variables, flattened. */
function templatedTags(t: Item, play: Play, vars: Map<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const tag of tagsOf(t, play)) {
    let value: unknown = tag;
    try {
      value = tag.includes('{{') ? template(tag, vars) : tag;
    } catch {
      value = tag;
    }
    for (const v of Array.isArray(value) ? value : tagList(value)) out.add(String(v));
  }
  return out;
}

/** The tasks PlaybookCLI lists: each block's `block` list, depth first (not rescue or always), tag-filtered. */
function listed(items: Item[], keep: (t: Item) => boolean): Item[] {
  return items.flatMap((i) => (i.kind === 'block' ? listed(i.block, keep) : keep(i) ? [i] : []));
}

export function listPlaybook(
  file: string,
  pb: Playbook,
  inv: Inventory,
  flags: ListFlags,
  io: Io,
  opts: ListOptions,
): void {
  io.out(`\nplaybook: ${file}`);
  pb.plays.forEach((play, n) => {
    const pattern = String(play.keywords.get('hosts'));
    const name = String(play.keywords.get('name') ?? pattern);
    const playVars = play.keywords.get('vars');
    const vars = new Map<string, unknown>([
      ...(playVars instanceof Map ? playVars : []),
      ...[...opts.extraVars].map(([k, v]): [string, unknown] => [String(k), v]),
    ]);
    const tags = (t: Item): Set<string> => templatedTags(t, play, vars);
    const tasks = listed(
      play.sections.flatMap((s) => s.items),
      (t) => shouldRun(tags(t), opts.tags, opts.skipTags),
    );
    io.out(`\n  play #${n + 1} (${pattern}): ${name}\tTAGS: ${shown(tagList(play.keywords.get('tags')))}`);
    if (flags['list-hosts']) {
      const allowed = opts.limit ? new Set(selectHosts(inv, opts.limit)) : undefined;
      const hosts = selectHosts(inv, pattern).filter((h) => !allowed || allowed.has(h));
      // play.hosts, a list: a YAML list's items, or the one string
      const raw = play.keywords.get('hosts');
      io.out(`    pattern: ${pyStr(Array.isArray(raw) ? raw.map(String) : [pattern])}\n    hosts (${hosts.length}):`);
      for (const h of hosts) io.out(`      ${h}`);
    }
    if (flags['list-tags']) io.out(`      TASK TAGS: ${shown(new Set(tasks.flatMap((t) => [...tags(t)])))}`);
    if (flags['list-tasks']) {
      io.out('    tasks:');
      for (const t of tasks) {
        // Task.get_name: the role prefix only before a task's own name; else the action as written
        const named = t.keywords.get('name');
        const tname =
          named !== undefined
            ? `${t.role ? `${t.role.name} : ` : ''}${String(named)}`
            : t.kind === 'block'
              ? 'block'
              : (t.written ?? (t.kind === 'task' ? t.action : `include_${t.what}`));
        io.out(`      ${tname}\tTAGS: ${shown(tags(t))}`);
      }
    }
  });
}
