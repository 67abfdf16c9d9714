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
import { isTruthy } from '../util/index.js';

type Scoped = Task | Block | Include;

/** The nearest value of a keyword from the item outwards, then the play. */
export function inherited(item: Scoped, play: Play, key: InheritedKeyword): unknown {
  for (let s: Scoped | undefined = item; s; s = s.parent) {
    const v = keywordOf(s, key);
    if (v !== undefined) return v;
  }
  return keywordOf(play, key);
}

// Jinja's `omit` placeholder (the value of the variable omit).
export const OMIT = '__omit_place_holder__9a8ca3b1d2f1e0c4b5a69788776655443322110f';

/** A task's keyword after FieldAttribute.post_validate; `templated` is false for a value set back from its parents. */
export interface PostValidated {
  value: unknown;
  templated: boolean;
}

/**
 * A keyword as Task.post_validate leaves it: the nearest level's value, templated; when that
 * gives omit, set_to_context puts back what the levels above the task hold, *untemplated*
 * (Base.post_validate → _get_parent_attribute(omit=True), ansible-core #75692). So
 * `ignore_errors: '{{ omit }}'` in a play with `ignore_errors: true` ignores, and under a block's
 * `ignore_errors: '{{ f }}'` it is the string '{{ f }}' — true, as ansible-playbook 2.14 has it.
 */
export function postValidated(
  item: Scoped,
  play: Play,
  key: InheritedKeyword,
  render: (raw: unknown) => unknown,
): PostValidated | undefined {
  const raw = inherited(item, play, key);
  // None is left as it is, and the default applies (post_validate: `if getattr(self, name) is None`)
  if (raw === undefined || raw === null) return undefined;
  const value = render(raw);
  if (value !== OMIT) return { value, templated: true };
  const above = item.parent ? inherited(item.parent, play, key) : keywordOf(play, key);
  return above === undefined ? undefined : { value: above, templated: false };
}

/**
 * A bool keyword the task itself reads (ignore_errors, ignore_unreachable, no_log, run_once,
 * delegate_facts): a templated value as boolean() converts it, one set back from the parents by
 * Python's truth (`if self._task.ignore_errors:`); undefined where no level sets it.
 */
export function keywordTruth(
  item: Scoped,
  play: Play,
  key: InheritedKeyword,
  render: (raw: unknown) => unknown,
): boolean | undefined {
  const kw = postValidated(item, play, key, render);
  if (kw === undefined) return undefined;
  return kw.templated ? isTruthy(kw.value) : pythonTruth(kw.value);
}

/**
 * A keyword the task hands to PlayContext (become, become_user, check_mode, diff, …):
 * PlayContext.post_validate templates what the task holds, so a value set back from the parents
 * is templated there, and one that gives omit again is the default (undefined).
 */
export function playContextKeyword(
  item: Scoped,
  play: Play,
  key: InheritedKeyword,
  render: (raw: unknown) => unknown,
): unknown {
  const kw = postValidated(item, play, key, render);
  if (kw === undefined || kw.templated) return kw?.value;
  const value = render(kw.value);
  return value === OMIT ? undefined : value;
}

/**
 * A bool keyword of an include, which is never post-validated (TaskExecutor._execute returns an
 * include's arguments before post_validate): the value as written, by Python's truth — so
 * `ignore_errors: '{{ f }}'` or `'no'` on include_tasks ignores, as ansible-playbook 2.14 does.
 */
export function unvalidatedTruth(item: Scoped, play: Play, key: InheritedKeyword): boolean {
  return pythonTruth(inherited(item, play, key));
}

/** Python's truth of a value as YAML loaded it. */
function pythonTruth(v: unknown): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
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
