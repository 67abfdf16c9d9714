// --start-at-task (PlayIterator.__init__, ansible-core 2.14): each host's cursor moves on to the
// first task whose name (or role-prefixed name) is the one asked for or matches it as a glob;
// once one host found it, every host starts from its SETUP again there.
import { taskKeywords } from '../playbook/index.js';
import type { HostCursor } from './host-cursor.js';
import { Run } from './host-cursor.js';
import { taskName } from './task-name.js';

/** fnmatch as --start-at-task uses it. */
function globMatch(pattern: string, name: string): boolean {
  if (!/[*?[]/.test(pattern)) return false;
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}

/** Moves the cursors to the task; returns whether it was found (the later plays then start from their top). */
export function startAtTask(cursors: Iterable<HostCursor>, want: string): boolean {
  let matched = false;
  for (const cursor of cursors) {
    for (;;) {
      const [s, item] = cursor.peek();
      if (s.run === Run.COMPLETE || !item) break;
      const name = item.kind === 'block' ? '' : taskName(item);
      const own = taskKeywords(item).name;
      if (own === want || name === want || globMatch(want, String(own ?? '')) || globMatch(want, name)) {
        matched = true;
        break;
      }
      cursor.adopt(s);
    }
    if (matched) {
      cursor.current.didStartAtTask = true;
      cursor.current.run = Run.SETUP;
    }
  }
  return matched;
}
