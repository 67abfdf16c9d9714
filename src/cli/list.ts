// --list-hosts, --list-tasks, --list-tags, printed as ansible-playbook prints them.
import type { Playbook, Item } from '../playbook/index.js';
import { selectHosts, type Inventory } from '../inventory/index.js';
import type { Io } from './main.js';

function tasksOf(items: Item[]): Item[] {
  return items.flatMap((i) => (i.kind === 'block' ? tasksOf([...i.block, ...i.rescue, ...i.always]) : [i]));
}

export function listPlaybook(pb: Playbook, inv: Inventory, flags: { 'list-hosts'?: boolean; 'list-tasks'?: boolean; 'list-tags'?: boolean }, io: Io): void {
  io.out(`\nplaybook: ${pb.file}`);
  pb.plays.forEach((play, n) => {
    const name = String(play.keywords.get('name') ?? play.keywords.get('hosts'));
    io.out(`\n  play #${n + 1} (${String(play.keywords.get('hosts'))}): ${name}\tTAGS: []`);
    if (flags['list-hosts']) {
      const hosts = selectHosts(inv, String(play.keywords.get('hosts')));
      io.out(`    pattern: ['${String(play.keywords.get('hosts'))}']\n    hosts (${hosts.length}):`);
      for (const h of hosts) io.out(`      ${h}`);
    }
    if (flags['list-tasks']) {
      io.out('    tasks:');
      for (const t of tasksOf(play.sections.flatMap((s) => s.items))) {
        const tname = String(t.keywords.get('name') ?? (t.kind === 'task' ? t.action : t.kind === 'include' ? `include_${t.what}` : 'block'));
        io.out(`      ${t.role ? `${t.role.name} : ` : ''}${tname}\tTAGS: []`);
      }
    }
  });
}
