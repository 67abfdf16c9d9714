// The controller side of lookups: files from the search paths through the Loader, the
// process environment, and local commands for pipe/lines.
import { execFileSync } from 'node:child_process';
import { dirname, join, isAbsolute, resolve } from 'node:path';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { LookupHost, PasswordFiles } from '../template/index.js';
import { Inventory, selectHosts } from '../inventory/index.js';
import { ansibleTemplateVars, templateText } from '../template/index.js';
import { hostname } from 'node:os';
import { findFile, type Loader } from '../loader/index.js';
import { decryptVault, encryptVault } from '../vault/index.js';
import { fnmatchRegExp, templateFileFacts } from '../util/index.js';
import { hasSetting, settingValue } from './ansible-config.js';
import { currentConfigSource } from './config.js';

/**
 * A LookupHost over a Loader, searching `searchPaths` (and their files/templates/vars dirs);
 * pipe and lines run their command in `basedir`, the play's directory (lookup/pipe.py: Popen with
 * cwd=loader.get_basedir(), which PlaybookExecutor sets to each play's file's directory).
 */
export function makeLookupHost(
  loader: Loader,
  searchPaths: string[],
  basedir?: string,
  warn?: (message: string) => void,
): LookupHost {
  // the renders a lookup starts (a term, a template file) look up through this same host
  const host: LookupHost = {
    ...(warn ? { warn } : {}),
    readText: (path) => loader.readText(path),
    readBytes: (path) => readFileSync(path),
    templateVars: (path, fullpath) =>
      ansibleTemplateVars({ path, fullpath, host: hostname(), file: templateFileFacts(fullpath) }),
    findFile: (name, kind) => findFile(loader, name, searchPaths, kind),
    glob: (pattern) => globFiles(loader, pattern, searchPaths),
    env: (name) => process.env[name],
    setting: (name) =>
      hasSetting(name) ? { found: true, value: settingValue(name, currentConfigSource()) } : { found: false },
    run: (command) => runLocal(command, basedir),
    vault: VAULT_LIB,
    passwords: passwordFiles(basedir),
    inventoryHostnames: (pattern, groups) => {
      const inv = new Inventory();
      for (const [group, hosts] of groups) for (const h of hosts) inv.host(h, group);
      return selectHosts(inv, pattern);
    },
    templateTerm: (text, variable) => templateText(text, variable, { lookups: host }),
    renderFile: (path, text, variable, options) =>
      templateText(text, variable, {
        file: path,
        lookups: host,
        delimiters: options.delimiters,
        convertData: options.convertData,
        escapeBackslashes: false,
        loadTemplate: (name) => {
          // lookup/template.py: the file's own directory, then each search path's templates/ and itself
          const dirs = [dirname(path), ...searchPaths.flatMap((p) => [join(p, 'templates'), p])];
          const found = findFile(loader, name, dirs);
          return found ? { name: found, source: loader.readText(found) } : undefined;
        },
      }),
  };
  return host;
}

/** The password lookup's files: relative to the play's directory (path_dwim), 0700/0600 when made. */
function passwordFiles(basedir: string | undefined): PasswordFiles {
  return {
    resolve: (path) => (isAbsolute(path) ? path : resolve(basedir ?? process.cwd(), path)),
    read: (path) => (existsSync(path) ? readFileSync(path, 'utf8').trimEnd() : undefined),
    write: (path, content) => {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      writeFileSync(path, `${content}\n`, { mode: 0o600 });
      chmodSync(path, 0o600);
    },
  };
}

// VaultLib for the vault/unvault filters: the filter's secret under its vault id
const VAULT_LIB = {
  encrypt: (plaintext: string, secret: string, vaultId: string, salt?: string): string => {
    if (salt === '') throw new Error('Empty or invalid salt passed');
    const secrets = { id: vaultId, password: Buffer.from(secret, 'utf8') };
    return salt === undefined ? encryptVault(plaintext, secrets) : encryptVault(plaintext, secrets, Buffer.from(salt));
  },
  decrypt: (vaulttext: string, secret: string, vaultId: string): string => {
    try {
      return decryptVault(vaulttext, [{ id: vaultId, password: Buffer.from(secret, 'utf8') }], '');
    } catch (err) {
      // VaultLib.decrypt's words, without runbook's " on <file>"
      throw new Error((err as Error).message.replace(/ on $/, ''));
    }
  },
};

function runLocal(command: string, cwd?: string): { rc: number; stdout: string } {
  try {
    return {
      rc: 0,
      stdout: execFileSync('/bin/sh', ['-c', command], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(cwd ? { cwd } : {}),
      }),
    };
  } catch (err) {
    const e = err as { status?: number; stdout?: string };
    return { rc: e.status ?? 1, stdout: e.stdout ?? '' };
  }
}

/** fileglob: `*` and `?` in the last path segment, as Ansible's fileglob lookup allows. */
function globFiles(loader: Loader, pattern: string, searchPaths: string[]): string[] {
  const slash = pattern.lastIndexOf('/');
  const dirPart = slash >= 0 ? pattern.slice(0, slash) : '';
  const filePart = pattern.slice(slash + 1);
  // glob.glob's fnmatch of the names, hidden ones only for a pattern that starts with a dot
  const re = fnmatchRegExp(filePart);
  const shown = (n: string): boolean => filePart.startsWith('.') || !n.startsWith('.');
  const dirs = isAbsolute(pattern)
    ? [dirPart]
    : searchPaths.flatMap((base) => [join(base, 'files', dirPart), join(base, dirPart)]);
  for (const dir of dirs) {
    // glob.glob: the directory's own order, not sorted
    const hits = (loader.listUnsorted?.(dir) ?? loader.list(dir))
      .filter((n) => shown(n) && re.test(n))
      .map((n) => join(dir, n))
      .filter((p) => !loader.isDirectory(p));
    if (hits.length) return hits;
  }
  return [];
}
