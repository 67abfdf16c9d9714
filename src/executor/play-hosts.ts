// The hosts a play runs on: its `hosts:` pattern over the inventory, under --limit
// (InventoryManager.get_hosts with the subset), and its name for the banner.
import { selectHosts } from '../inventory/index.js';
import { playKeywords, type Play } from '../playbook/index.js';
import type { RunContext } from './run-context.js';

export function playHosts(play: Play, ctx: RunContext): { all: string[]; name: string } {
  const inv = ctx.world.inventory.inventory;
  const kw = playKeywords(play);
  // post-validated already (setPostValidated): templating it again would template its result
  const pattern = kw.hosts as string | string[];
  const warn = (m: string): void => ctx.callback.onWarning?.(m);
  let all = selectHosts(inv, pattern, warn);
  if (ctx.options.limit) {
    const allowed = new Set(selectHosts(inv, ctx.options.limit, warn));
    // InventoryManager.subset: the implicit localhost is outside any limit too
    all = all.filter((h) => allowed.has(h));
  }
  const name = String(kw.name ?? (Array.isArray(pattern) ? pattern.join(',') : pattern));
  return { all, name };
}
