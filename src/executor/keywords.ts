// Keyword inheritance: a task's keyword, else its blocks', else the play's (Ansible's
// FieldAttribute inheritance for become, ignore_errors, environment, …).
import type { Play, Task, Block, Include } from '../playbook/index.js';

type Scoped = Task | Block | Include;

/** The nearest value of a keyword from the item outwards, then the play. */
export function inherited(item: Scoped, play: Play, key: string): unknown {
  for (let s: Scoped | undefined = item; s; s = s.parent) {
    if (s.keywords.has(key)) return s.keywords.get(key);
  }
  return play.keywords.get(key);
}

/** Every `when` from the outermost block in, then the item's own. */
export function whenChain(item: Scoped): unknown[] {
  const out: unknown[] = [];
  for (let s: Scoped | undefined = item; s; s = s.parent) {
    const w = s.keywords.get('when');
    if (w !== undefined) out.unshift(...(Array.isArray(w) ? (w as unknown[]) : [w]));
  }
  return out;
}

/** A `tags:` value: a list or a comma-separated string (Taggable._load_tags). */
export function tagList(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : v === undefined || v === null ? [] : [v];
  return list.map((t) => String(t).trim());
}

/** Tags of the item, its blocks and the play (tags are inherited by union). */
export function tagsOf(item: Scoped, play: Play): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown): void => { for (const t of tagList(v)) out.add(t); };
  for (let s: Scoped | undefined = item; s; s = s.parent) add(s.keywords.get('tags'));
  add(play.keywords.get('tags'));
  return out;
}
