// The plain `*_password` variables of the inventory, its group_vars/host_vars and -e: masked
// like vault values (issue 8: "`*_password` connection/become vars are redacted"). A value that
// is a template is not a password yet; the run masks what it resolves to when a connection or
// become uses it (executor/run-task.ts), and a vaulted value is masked already.
import type { LoadedInventory, VarsDirs } from '../inventory/index.js';

// ansible_password, ansible_ssh_pass, ansible_become_pass, mysql_root_password, …
const PASSWORD_NAME = /(^|_)pass(word)?$/;

function collect(vars: Map<unknown, unknown>, into: Set<string>): void {
  for (const [k, v] of vars) {
    if (typeof v === 'string' && v.length >= 3 && PASSWORD_NAME.test(String(k)) && !v.includes('{{')) into.add(v);
  }
}

/** Adds every plain password variable's value to `secrets`. */
export function addPasswordVars(
  inventory: LoadedInventory,
  playbookVars: VarsDirs,
  extraVars: Map<unknown, unknown>,
  secrets: Set<string>,
): void {
  for (const h of inventory.inventory.hosts.values()) collect(h.vars, secrets);
  for (const g of inventory.inventory.groups.values()) collect(g.vars, secrets);
  for (const dirs of [inventory.inventoryVars, playbookVars]) {
    for (const m of [...dirs.groups.values(), ...dirs.hosts.values()]) collect(m, secrets);
  }
  collect(extraVars, secrets);
}
