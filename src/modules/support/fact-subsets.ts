// gather_subset as setup resolves it (module_utils/facts/collector.py at stable-2.14:
// get_collector_names, _solve_deps): the Linux fact collectors, their names and _fact_ids (each
// a valid subset that selects its collector), the facts each one gives, and the collectors
// another requires (gathered even when excluded). setup's minimal_gather_subset is always added,
// even after '!all'; only '!min' takes it away.

interface Collector {
  /** The facts (unprefixed) this collector gives. */
  readonly facts: RegExp;
  /** _fact_ids: subset names that select this collector ('processor' selects hardware). */
  readonly ids?: readonly string[];
  /** required_facts: collectors gathered with this one. */
  readonly requires?: readonly string[];
}

// default_collectors.collectors as find_collectors_for_platform picks them on Linux
const COLLECTORS: Readonly<Record<string, Collector>> = {
  platform: {
    facts:
      /^(system|kernel|kernel_version|machine|python_version|architecture|machine_id|userspace_architecture|userspace_bits|fqdn|hostname|nodename|domain)$/,
    ids: ['system', 'kernel', 'kernel_version', 'machine', 'python_version', 'architecture', 'machine_id'],
  },
  distribution: {
    facts: /^(distribution(_.*)?|os_family)$/,
    ids: ['distribution_version', 'distribution_release', 'distribution_major_version', 'os_family'],
  },
  lsb: { facts: /^lsb$/ },
  selinux: { facts: /^selinux(_python_present)?$/ },
  apparmor: { facts: /^apparmor$/ },
  chroot: { facts: /^is_chroot$/, ids: ['is_chroot'] },
  fips: { facts: /^fips$/ },
  python: { facts: /^python$/ },
  caps: {
    facts: /^system_capabilities(_enforced)?$/,
    ids: ['system_capabilities', 'system_capabilities_enforced'],
  },
  pkg_mgr: { facts: /^pkg_mgr$/, requires: ['distribution'] },
  service_mgr: { facts: /^service_mgr$/, requires: ['platform', 'distribution'] },
  cmdline: { facts: /^(proc_)?cmdline$/ },
  date_time: { facts: /^date_time$/ },
  env: { facts: /^env$/ },
  loadavg: { facts: /^loadavg$/ },
  ssh_pub_keys: {
    facts: /^ssh_host_key_/,
    ids: [
      'ssh_host_pub_keys',
      'ssh_host_key_dsa_public',
      'ssh_host_key_rsa_public',
      'ssh_host_key_ecdsa_public',
      'ssh_host_key_ed25519_public',
    ],
  },
  user: {
    facts: /^(user_.*|real_(user|group)_id|effective_(user|group)_ids?)$/,
    ids: [
      'user_id',
      'user_uid',
      'user_gid',
      'user_gecos',
      'user_dir',
      'user_shell',
      'real_user_id',
      'effective_user_id',
      'effective_group_ids',
    ],
  },
  virtual: {
    facts: /^virtualization_/,
    ids: ['virtualization_type', 'virtualization_role', 'virtualization_tech_guest', 'virtualization_tech_host'],
  },
  // LinuxHardwareCollector: cpu, memory, DMI, mounts, devices, lvm, uptime
  hardware: {
    facts:
      /^(processor.*|mem(ory_mb|total_mb|free_mb)|swap(total|free)_mb|mounts|devices|device_links|lvm|bios_.*|board_.*|chassis_.*|form_factor|product_.*|system_vendor|uptime_seconds)$/,
    ids: ['processor', 'processor_cores', 'processor_count', 'mounts', 'devices'],
    requires: ['platform'],
  },
  dns: { facts: /^dns$/ },
  fibre_channel_wwn: { facts: /^fibre_channel_wwn$/ },
  // LinuxNetworkCollector: the default routes, every address, and a fact per interface
  network: {
    facts: /^(interfaces|default_ipv[46]|all_ipv[46]_addresses)$/,
    ids: ['interfaces', 'default_ipv4', 'default_ipv6', 'all_ipv4_addresses', 'all_ipv6_addresses'],
    requires: ['distribution', 'platform'],
  },
  iscsi: { facts: /^iscsi_iqn$/ },
  nvme: { facts: /^hostnqn$/ },
  local: { facts: /^local$/ },
  facter: { facts: /^facter_/, ids: ['facter'] },
  ohai: { facts: /^ohai_/ },
};

/** setup.py's minimal_gather_subset. */
const MINIMAL = [
  'apparmor',
  'caps',
  'cmdline',
  'date_time',
  'distribution',
  'dns',
  'env',
  'fips',
  'local',
  'lsb',
  'pkg_mgr',
  'platform',
  'python',
  'selinux',
  'service_mgr',
  'ssh_pub_keys',
  'user',
];

/** build_fact_id_to_collector_map: every valid subset name to its collector's name. */
const SUBSETS = new Map<string, string>(
  Object.entries(COLLECTORS).flatMap(([name, c]) => [
    [name, name] as const,
    ...(c.ids ?? []).map((id) => [id, name] as const),
  ]),
);

/** An unknown subset: setup fails with this message (TypeError in get_collector_names). */
export class BadSubset extends Error {}

/** get_collector_names: the subset names a gather_subset list resolves to. */
function collectorNames(gatherSubset: readonly string[]): Set<string> {
  const valid = new Set(SUBSETS.keys());
  const added = new Set<string>();
  const excluded = new Set<string>();
  const explicit = new Set<string>();
  for (const subset of ['min', ...(gatherSubset.length ? gatherSubset : ['all'])]) {
    if (subset === 'min') MINIMAL.forEach((s) => added.add(s));
    else if (subset === 'all') valid.forEach((s) => added.add(s));
    else if (subset === '!min') MINIMAL.forEach((s) => excluded.add(s));
    else if (subset === '!all') valid.forEach((s) => MINIMAL.includes(s) || excluded.add(s));
    else if (subset.startsWith('!')) {
      // '!hardware' excludes the names that select hardware too ('devices', 'processor', …)
      const name = subset.slice(1);
      excluded.add(name);
      COLLECTORS[name]?.ids?.forEach((id) => excluded.add(id));
    } else {
      if (!valid.has(subset))
        throw new BadSubset(
          `Bad subset '${subset}' given to Ansible. gather_subset options allowed: all, ${[...valid].sort().join(', ')}`,
        );
      explicit.add(subset);
      added.add(subset);
    }
  }
  for (const name of excluded) if (!explicit.has(name)) added.delete(name);
  return added;
}

/** The collectors a gather_subset list selects, with those they require (_solve_deps). */
export function selectedCollectors(gatherSubset: readonly string[]): Set<string> {
  const selected = new Set([...collectorNames(gatherSubset)].map((s) => SUBSETS.get(s)!));
  for (const name of selected) COLLECTORS[name]?.requires?.forEach((r) => selected.add(r));
  return selected;
}

/** Whether a fact (unprefixed) is given by one of these collectors. */
export function gatheredBy(fact: string, collectors: ReadonlySet<string>): boolean {
  for (const name of collectors) if (COLLECTORS[name]!.facts.test(fact)) return true;
  return false;
}
