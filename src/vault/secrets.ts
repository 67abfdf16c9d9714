// Vault passwords from the command line: a file (stripped), an executable (its stdout), or a
// `-client` script asked with --vault-id (ansible's FileVaultSecret / ScriptVaultSecret).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RunbookError, expandUser } from '../util/index.js';
import type { VaultSecret } from './vault.js';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A failure of CLI.setup_vault_secrets: its warning (which step, the vault id), then the error. */
function sourceError(step: 'getting' | 'in', id: string, msg: string, warn?: (m: string) => void): RunbookError {
  warn?.(
    `Error ${step === 'getting' ? 'getting' : 'in'} vault password file ${step === 'getting' ? '' : 'loading '}(${id}): ${msg}`,
  );
  return new RunbookError(msg, undefined, { exitCode: 1 });
}

/** Python's str() of the bytes a client script wrote to stderr (b'...'). */
function pyBytes(b: Buffer): string {
  return `b'${[...b].map((c) => (c === 0x5c ? '\\\\' : c === 0x27 ? "\\'" : c === 10 ? '\\n' : c === 13 ? '\\r' : c === 9 ? '\\t' : c >= 32 && c < 127 ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`)).join('')}'`;
}

/** bytes.strip(b'\r\n'): CR and LF off both ends. */
const stripNewlines = (b: Buffer): Buffer =>
  Buffer.from(b.toString('latin1').replace(/^[\r\n]+|[\r\n]+$/g, ''), 'latin1');

/** A password script's stdout (ScriptVaultSecret, or ClientScriptVaultSecret asked with --vault-id). */
function runScript(source: string, given: string, id: string): Buffer {
  // script_is_client: the name without its extension ends in -client
  const client = /-client$/.test(given.replace(/(?<=[^/])\.[^./]*$/, ''));
  try {
    // stderr is the user's (a script may prompt there) except a client's, which is captured
    return execFileSync(source, client ? ['--vault-id', id] : [], {
      stdio: ['inherit', 'pipe', client ? 'pipe' : 'inherit'],
    });
  } catch (err) {
    const e = err as { status?: number | null; stderr?: Buffer | null; code?: string };
    if (typeof e.status !== 'number')
      throw new Error(
        `Problem running vault password ${client ? 'client ' : ''}script ${source} (${e.code ?? String(err)}). If this is not a script, remove the executable bit from the file.`,
      );
    if (!client) throw new Error(`Vault password script ${source} returned non-zero (${e.status}): None`);
    const stderr = pyBytes(e.stderr ?? Buffer.alloc(0));
    throw new Error(
      e.status === 2
        ? `Vault password client script ${source} did not find a secret for vault-id=${id}: ${stderr}`
        : `Vault password client script ${source} returned non-zero (${e.status}) when getting secret for vault-id=${id}: ${stderr}`,
    );
  }
}

/**
 * Reads one password source; `id` is the vault id it stands for (get_file_vault_secret and
 * FileVaultSecret/ScriptVaultSecret.load in parsing/vault/__init__.py at stable-2.14): a missing
 * file, an unreadable one, a failing script or an empty password each end the run (exit 1) after
 * the CLI's warning.
 */
export function readPasswordSource(given: string, id: string, warn?: (m: string) => void): VaultSecret {
  // unfrackpath(follow=False): ~ expanded, made absolute; also after `ID@` where the shell leaves ~
  const source = resolve(expandUser(given));
  if (!existsSync(source)) throw sourceError('getting', id, `The vault password file ${source} was not found`, warn);
  let password: Buffer;
  try {
    if (isExecutable(source)) {
      password = stripNewlines(runScript(source, given, id));
      if (!password.length) throw new Error(`Invalid vault password was provided from script (${source})`);
    } else {
      let text: Buffer;
      try {
        text = readFileSync(source);
      } catch (err) {
        const code = (err as { code?: string }).code;
        const why =
          code === 'EACCES'
            ? '[Errno 13] Permission denied'
            : code === 'EISDIR'
              ? '[Errno 21] Is a directory'
              : String((err as Error).message);
        throw new Error(`Could not read vault password file ${source}: ${why}: '${source}'`);
      }
      // f.read().strip(), then strip(b'\r\n')
      password = stripNewlines(Buffer.from(text.toString('latin1').trim(), 'latin1'));
      if (!password.length) throw new Error(`Invalid vault password was provided from file (${source})`);
    }
  } catch (err) {
    throw sourceError('in', id, (err as Error).message, warn);
  }
  return { id, password };
}

/** --vault-id label@source (or just source, for the default id). */
export function parseVaultId(spec: string): { id: string; source: string } {
  const at = spec.indexOf('@');
  return at > 0 ? { id: spec.slice(0, at), source: spec.slice(at + 1) } : { id: 'default', source: spec };
}
