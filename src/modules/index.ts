// The module registry: every module runbook implements, by its Ansible name.
import type { Module } from './define.js';
import command from './command.js';
import shell from './shell.js';
import raw from './raw.js';
import script from './script.js';
import debug from './debug.js';
import setFact from './set_fact.js';
import setStats from './set_stats.js';
import debconf from './debconf.js';
import dpkgSelections from './dpkg_selections.js';
import yumRepository from './yum_repository.js';
import iptables from './iptables.js';
import getent from './getent.js';
import validateArgumentSpec from './validate_argument_spec.js';
import assertModule from './assert.js';
import fail from './fail.js';
import includeVars from './include_vars.js';
import pause from './pause.js';
import waitFor from './wait_for.js';
import assemble from './assemble.js';
import copy from './copy.js';
import template from './template.js';
import file from './file.js';
import lineinfile from './lineinfile.js';
import stat from './stat.js';
import slurp from './slurp.js';
import addHost from './add_host.js';
import groupBy from './group_by.js';
import meta from './meta.js';
import setup from './setup.js';
import gatherFacts from './gather_facts.js';
import asyncStatus from './async_status.js';
import replace from './replace.js';
import fetch from './fetch.js';
import find from './find.js';
import blockinfile from './blockinfile.js';
import iniFile from './ini_file.js';
import zypper from './zypper.js';
import packageModule from './package.js';
import mysqlQuery from './mysql_query.js';
import mysqlDb from './mysql_db.js';
import mysqlUser from './mysql_user.js';
import systemd from './systemd.js';
import sysvinit from './sysvinit.js';
import service from './service.js';
import waitForConnection from './wait_for_connection.js';
import reboot from './reboot.js';
import group from './group.js';
import user from './user.js';
import authorizedKey from './authorized_key.js';
import uri from './uri.js';
import getUrl from './get_url.js';
import unarchive from './unarchive.js';
import tempfile from './tempfile.js';
import ping from './ping.js';
import cron from './cron.js';
import sysctl from './sysctl.js';
import apt from './apt.js';
import hostname from './hostname.js';
import git from './git.js';
import knownHosts from './known_hosts.js';
import serviceFacts from './service_facts.js';
import aptRepository from './apt_repository.js';
import mount from './mount.js';
import modprobe from './modprobe.js';
import archive from './archive.js';
import packageFacts from './package_facts.js';
import aptKey from './apt_key.js';
import pip from './pip.js';
import zypperRepository from './zypper_repository.js';
import dnf from './dnf.js';
import yum from './yum.js';
import postgresqlQuery from './postgresql_query.js';
import postgresqlDb from './postgresql_db.js';
import postgresqlUser from './postgresql_user.js';
import postgresqlPrivs from './postgresql_privs.js';

export const MODULES: readonly Module[] = [
  command,
  shell,
  raw,
  script,
  debug,
  setFact,
  setStats,
  debconf,
  dpkgSelections,
  yumRepository,
  iptables,
  getent,
  validateArgumentSpec,
  assertModule,
  fail,
  includeVars,
  pause,
  waitFor,
  copy,
  assemble,
  template,
  file,
  lineinfile,
  stat,
  slurp,
  addHost,
  groupBy,
  meta,
  setup,
  gatherFacts,
  asyncStatus,
  replace,
  fetch,
  find,
  blockinfile,
  iniFile,
  zypper,
  packageModule,
  mysqlQuery,
  mysqlDb,
  mysqlUser,
  systemd,
  sysvinit,
  service,
  waitForConnection,
  reboot,
  group,
  user,
  authorizedKey,
  uri,
  getUrl,
  unarchive,
  tempfile,
  ping,
  cron,
  sysctl,
  apt,
  hostname,
  git,
  knownHosts,
  serviceFacts,
  aptRepository,
  mount,
  modprobe,
  archive,
  packageFacts,
  aptKey,
  pip,
  zypperRepository,
  dnf,
  yum,
  postgresqlQuery,
  postgresqlDb,
  postgresqlUser,
  postgresqlPrivs,
] as Module[];

const byName = new Map<string, Module>();
for (const m of MODULES) {
  byName.set(m.name, m);
  byName.set(`${m.collection}.${m.name}`, m);
  if (m.collection === 'ansible.builtin') byName.set(`ansible.legacy.${m.name}`, m);
}
// Ansible accepts these aliases for the same plugin.
byName.set('systemd_service', systemd);
byName.set('ansible.builtin.systemd_service', systemd);

/** The module for a name as written in a task, or undefined. */
export function findModule(name: string): Module | undefined {
  return byName.get(name);
}

/** Modules whose arguments are free-form key=value pairs (set_fact, add_host). */
export const ANY_ARGS = new Set(['set_fact', 'add_host']);

export type { Module, ModuleContext, ModuleResult, DiffEntry } from './define.js';
export { ActionFail, NO_TRACEBACK } from './define.js';
export { ModuleLibrary } from './library.js';
export { customModule } from './custom.js';
export { validateArgs, ModuleArgError, coerce } from './args.js';
export type { ArgSpec } from './args.js';
export { META_ACTIONS } from './meta.js';
export { applyOwnership, takesOwnership } from './support/ownership.js';
export { withOwnerNames } from './support/owner-names.js';
