// generate_ansible_template_vars (template/__init__.py at stable-2.14): the variables the
// template module and the template lookup add for the file they render — template_host,
// template_path (the name as given), template_fullpath, template_uid (the file owner's name),
// template_mtime and template_run_date (naive local datetimes), template_destpath and
// ansible_managed (DEFAULT_MANAGED_STR formatted, then strftime'd with the file's mtime).
import { PyDatetime } from './py/datetime.js';
import { strftime } from './py/strftime.js';

/** What the caller read from the controller about the template file. */
export interface TemplateFileFacts {
  /** The file's mtime in nanoseconds since the epoch (stat's st_mtime_ns). */
  mtimeNs: bigint;
  /** The owner's user name, or the uid as text when it has none (pwd.getpwuid's KeyError). */
  owner: string;
}

// DEFAULT_MANAGED_STR ([defaults] ansible_managed): a setting of the run, as jinja2_native is
let managedFormat = 'Ansible managed';

/** Sets DEFAULT_MANAGED_STR for the run (the CLI, from ansible.cfg). */
export function setAnsibleManaged(format: string): void {
  managedFormat = format;
}

/** datetime.fromtimestamp(seconds): the local wall clock, to the microsecond (rounded). */
function localDatetime(ns: bigint): PyDatetime {
  const micros = Number((ns + 500n) / 1000n);
  const ms = Math.floor(micros / 1000);
  const offset = new Date(ms).getTimezoneOffset() * 60000;
  return new PyDatetime(ms - (ms % 1000) - offset, micros % 1_000_000);
}

/** str.format with the host, uid and file names (the only fields Ansible passes). */
function formatManaged(format: string, fields: Record<string, string>): string {
  return format.replace(/\{\{|\}\}|\{(\w+)\}/g, (all, name: string | undefined) =>
    name === undefined ? (all[0] ?? '') : (fields[name] ?? all),
  );
}

export function ansibleTemplateVars(o: {
  /** The template's name as the task or lookup gave it. */
  path: string;
  fullpath: string;
  destpath?: string | undefined;
  /** os.uname()[1]: the controller's name. */
  host: string;
  file: TemplateFileFacts;
}): Map<string, unknown> {
  const mtime = new Date(Number(o.file.mtimeNs / 1_000_000n));
  const managed = formatManaged(managedFormat, { host: o.host, uid: o.file.owner, file: o.path });
  return new Map<string, unknown>([
    ['template_host', o.host],
    ['template_path', o.path],
    ['template_mtime', localDatetime(o.file.mtimeNs)],
    ['template_uid', o.file.owner],
    ['template_run_date', PyDatetime.now(false)],
    ['template_destpath', o.destpath ? o.destpath : null],
    ['template_fullpath', o.fullpath],
    ['ansible_managed', strftime(managed, mtime)],
  ]);
}
