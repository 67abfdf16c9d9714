// module_defaults' `group/NAME` keys (playbook/base.py _resolve_group): a name without a
// collection is ansible.builtin's; a group must exist where Ansible looks for it — ansible-core's
// own action_groups (config/ansible_builtin_runtime.yml: test groups and the cloud groups that
// extend into collections) or the action_groups of a collection's meta/runtime.yml — else the
// play does not load. Listed here: those groups, with the members runbook has.
import { RunbookError, type SourceLocation } from '../util/index.js';

export const ACTION_GROUPS: Record<string, string[]> = {
  'ansible.builtin.testgroup': ['ping'],
  'ansible.builtin.testlegacy': [],
  'ansible.builtin.aws': [],
  'ansible.builtin.acme': [],
  'ansible.builtin.azure': [],
  'ansible.builtin.cpm': [],
  'ansible.builtin.docker': [],
  'ansible.builtin.gcp': [],
  'ansible.builtin.k8s': [],
  'ansible.builtin.os': [],
  'ansible.builtin.ovirt': [],
  'ansible.builtin.vmware': [],
  // community.postgresql 2.4's meta/runtime.yml (community.mysql 3.7 has no action group)
  'community.postgresql.all': ['postgresql_db', 'postgresql_privs', 'postgresql_query', 'postgresql_user'],
};

/** The group's fully qualified name (a bare name is ansible.builtin's). */
export function groupName(name: string): string {
  return /^\w+\.\w+\.\w+$/.test(name) ? name : `ansible.builtin.${name}`;
}

/** Base._validate_module_defaults: every group/ key names a group that exists. */
export function checkModuleDefaults(value: unknown, loc: SourceLocation): void {
  const layers = Array.isArray(value) ? (value as unknown[]) : [value];
  for (const layer of layers) {
    if (!(layer instanceof Map)) continue;
    for (const key of (layer as Map<unknown, unknown>).keys()) {
      const k = String(key);
      if (!k.startsWith('group/')) continue;
      const fq = groupName(k.slice(6));
      if (!(fq in ACTION_GROUPS))
        throw new RunbookError(
          `Error loading module_defaults: could not resolve the module_defaults group ${fq}`,
          loc,
          {
            exitCode: 4,
          },
        );
    }
  }
}
