// generate_ansible_template_vars' values (template/__init__.py at stable-2.14), on a fixed mtime.
import { afterEach, describe, expect, it } from 'vitest';
import { ansibleTemplateVars, setAnsibleManaged } from './template-vars.js';
import { PyDatetime } from './py/datetime.js';
import { pyStr } from './py/repr.js';

// 2024-02-29 12:34:56.789012 UTC, written as the local wall clock datetime.fromtimestamp gives
const NS = 1709210096789012345n;
const local = new Date(1709210096789);
const pad = (n: number): string => String(n).padStart(2, '0');
const wall = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`;

const vars = (destpath?: string): Map<string, unknown> =>
  ansibleTemplateVars({
    path: 'sub/x.j2',
    fullpath: '/p/templates/sub/x.j2',
    destpath,
    host: 'ctl',
    file: { mtimeNs: NS, owner: 'alice' },
  });

describe('template variables', () => {
  afterEach(() => setAnsibleManaged('Ansible managed'));

  it('names the file as given and found, its owner, the destination or None', () => {
    const v = vars('/etc/x.conf');
    expect([v.get('template_path'), v.get('template_fullpath'), v.get('template_uid'), v.get('template_host')]).toEqual(
      ['sub/x.j2', '/p/templates/sub/x.j2', 'alice', 'ctl'],
    );
    expect(v.get('template_destpath')).toBe('/etc/x.conf');
    expect(vars().get('template_destpath')).toBeNull();
  });

  it('gives the mtime and the run date as naive local datetimes, to the microsecond', () => {
    const v = vars();
    expect(v.get('template_mtime')).toBeInstanceOf(PyDatetime);
    expect(pyStr(v.get('template_mtime'))).toBe(`${wall}.789012`);
    expect(v.get('template_run_date')).toBeInstanceOf(PyDatetime);
  });

  it('formats DEFAULT_MANAGED_STR with host, uid and file, then strftime with the mtime', () => {
    expect(vars().get('ansible_managed')).toBe('Ansible managed');
    setAnsibleManaged('{file} by {uid}@{host} {{x}} %Y-%m-%d %H:%M:%S %%');
    expect(vars().get('ansible_managed')).toBe(`sub/x.j2 by alice@ctl {x} ${wall} %`);
  });
});
