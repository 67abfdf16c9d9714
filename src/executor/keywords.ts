// Keyword inheritance: a task's keyword, else its blocks', else the play's (Ansible's
// FieldAttribute inheritance for become, ignore_errors, environment, …).
import {
  keywordOf,
  ACTION_GROUPS,
  groupName,
  type InheritedKeyword,
  type Play,
  type Task,
  type Block,
  type Include,
} from '../playbook/index.js';

type Scoped = Task | Block | Include;

/** The nearest value of a keyword from the item outwards, then the play. */
export function inherited(item: Scoped, play: Play, key: InheritedKeyword): unknown {
  for (let s: Scoped | undefined = item; s; s = s.parent) {
    const v = keywordOf(s, key);
    if (v !== undefined) return v;
  }
  return keywordOf(play, key);
}

/**
 * The nearest value of a keyword, rendered, passing over a level whose value renders to omit:
 * FieldAttribute.post_validate sets an omitted field back to what it inherits (ansible-core
 * #75692: `become: '{{ omit }}'` on a task is the play's become, not the default).
 */
export function inheritedRendered(
  item: Scoped,
  play: Play,
  key: InheritedKeyword,
  render: (raw: unknown) => unknown,
  omitted: (value: unknown) => boolean,
): unknown {
  const levels: (Scoped | Play)[] = [];
  for (let s: Scoped | undefined = item; s; s = s.parent) levels.push(s);
  levels.push(play);
  for (const level of levels) {
    const raw = keywordOf(level, key);
    if (raw === undefined) continue;
    const value = render(raw);
    if (!omitted(value)) return value;
  }
  return undefined;
}

/** Every `when` from the outermost block in, then the item's own. */
export function whenChain(item: Scoped): unknown[] {
  const out: unknown[] = [];
  for (let s: Scoped | undefined = item; s; s = s.parent) {
    const w = keywordOf(s, 'when');
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
  const add = (v: unknown): void => {
    for (const t of tagList(v)) out.add(t);
  };
  for (let s: Scoped | undefined = item; s; s = s.parent) add(keywordOf(s, 'tags'));
  add(keywordOf(play, 'tags'));
  return out;
}

/**
 * module_defaults for a module: the play's, then each block's outwards-in, the innermost
 * winning per option (Ansible's _get_parent_attribute with extend); keys are a module's short
 * or fully qualified name, or `group/<action group>`.
 */
/** The module_defaults of the play and every block/role/task around `item`, outermost first. */
export function moduleDefaultLayers(item: Scoped, play: Play): unknown[] {
  const layers: unknown[] = [];
  for (let s: Scoped | undefined = item; s; s = s.parent)
    if (keywordOf(s, 'module_defaults') !== undefined) layers.unshift(keywordOf(s, 'module_defaults'));
  if (keywordOf(play, 'module_defaults') !== undefined) layers.unshift(keywordOf(play, 'module_defaults'));
  return layers;
}

export function moduleDefaults(
  item: Scoped,
  play: Play,
  module: { name: string; collection: string },
): Map<string, unknown> {
  // gather_facts gets its own defaults (TaskExecutor) and runs setup with setup's under them
  // (action/gather_facts.py _get_module_args): module_defaults for setup shape fact gathering too
  if (module.name === 'gather_facts' && module.collection === 'ansible.builtin')
    return new Map([
      ...defaultsFor(item, play, { name: 'setup', collection: module.collection }),
      ...defaultsFor(item, play, module),
    ]);
  return defaultsFor(item, play, module);
}

function defaultsFor(item: Scoped, play: Play, module: { name: string; collection: string }): Map<string, unknown> {
  const layers = moduleDefaultLayers(item, play);
  const names = new Set([module.name, `${module.collection}.${module.name}`, `ansible.legacy.${module.name}`]);
  const out = new Map<string, unknown>();
  const applies = (k: string): boolean =>
    names.has(k) || (k.startsWith('group/') && (ACTION_GROUPS[groupName(k.slice(6))] ?? []).includes(module.name));
  for (const layer of layers.flatMap((l): unknown[] => (Array.isArray(l) ? (l as unknown[]) : [l]))) {
    if (!(layer instanceof Map)) continue;
    for (const [key, value] of layer as Map<string, unknown>) {
      if (applies(String(key)) && value instanceof Map)
        for (const [o, v] of value as Map<string, unknown>) out.set(String(o), v);
    }
  }
  return out;
}
