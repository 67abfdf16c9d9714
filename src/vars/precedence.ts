// Ansible's variable precedence (2.14, VariableManager.get_vars), lowest first, as data:
// each layer names where its variables come from. A later layer replaces earlier keys
// (hash_behaviour=replace).

export const PRECEDENCE = [
  "role defaults (every role in the play, then the task's role chain)",
  'inventory file: [all:vars]',
  'inventory file: group vars (by depth, ansible_group_priority, name)',
  'group_vars/all beside the inventory',
  'group_vars/all beside the playbook',
  'group_vars/<group> beside the inventory',
  'group_vars/<group> beside the playbook',
  'inventory file: host vars',
  'host_vars/ beside the inventory',
  'host_vars/ beside the playbook',
  'facts (ansible_facts and injected ansible_* names)',
  'play vars',
  'play vars_files',
  "role vars (every public role in the play, then the task's role chain)",
  'block vars, outermost first',
  'task vars',
  'include_vars',
  'set_fact and register',
  "role params (the task's role chain), include params",
  'extra vars (-e)',
  'magic variables (inventory_hostname, groups, hostvars, …)',
] as const;
