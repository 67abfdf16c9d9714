// --list-hosts, --list-tasks, --list-tags, printed as ansible-playbook 2.14 prints them:
// the playbook path as given, a play's own tags, and each task's tags inherited from its
// blocks and play, sorted (checked against ansible-playbook 2.14.18).
import { leafItems, type Playbook } from '../playbook/index.js';
import { selectHosts, type Inventory } from '../inventory/index.js';
import { tagList, tagsOf } from '../executor/index.js';
import type { Io } from './main.js';

type ListFlags = { 'list-hosts'?: boolean; 'list-tasks'?: boolean; 'list-tags'?: boolean };

const shown = (tags: Iterable<string>): string => `[${[...tags].sort().join(', ')}]`;

export function listPlaybook(file: string, pb: Playbook, inv: Inventory, flags: ListFlags, io: Io): void {
  io.out(`\nplaybook: ${file}`);
  pb.plays.forEach((play, n) => {
    const pattern = String(play.keywords.get('hosts'));
    const name = String(play.keywords.get('name') ?? pattern);
    const tasks = leafItems(play.sections.flatMap((s) => s.items));
    io.out(`\n  play #${n + 1} (${pattern}): ${name}\tTAGS: ${shown(tagList(play.keywords.get('tags')))}`);
    if (flags['list-hosts']) {
      const hosts = selectHosts(inv, pattern);
      io.out(`    pattern: ['${pattern}']\n    hosts (${hosts.length}):`);
      for (const h of hosts) io.out(`      ${h}`);
    }
    if (flags['list-tags']) io.out(`      TASK TAGS: ${shown(new Set(tasks.flatMap((t) => [...tagsOf(t, play)])))}`);
    if (flags['list-tasks']) {
      io.out('    tasks:');
      for (const t of tasks) {
        const tname = String(t.keywords.get('name') ?? (t.kind === 'task' ? t.action : t.kind === 'include' ? `include_${t.what}` : 'block'));
        io.out(`      ${t.role ? `${t.role.name} : ` : ''}${tname}\tTAGS: ${shown(tagsOf(t, play))}`);
      }
    }
  });
}
