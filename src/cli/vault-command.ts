// `runbook vault create|encrypt|decrypt|view|edit|rekey|encrypt_string`, as ansible-vault 2.14
// does them: the same flags, password sources (files, executables, `-client` scripts with
// --vault-id, the prompt, ANSIBLE_VAULT_PASSWORD_FILE), messages and exit codes; vault 1.1, or
// 1.2 with a vault id. Files are replaced whole (temporary file and rename), keeping their mode
// (new ones 0600); `create`/`edit` hand $EDITOR a 0600 file in a 0700 directory, removed after.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { RunbookError, splitShellWords, writeFileWhole } from '../util/index.js';
import {
  decryptVault,
  encryptVault,
  isVaulted,
  parseVaultId,
  readPasswordSource,
  type VaultSecret,
} from '../vault/index.js';
import { loadSettings } from './config.js';
import { promptPassword } from './prompt.js';
import { UsageError } from './usage-error.js';
import type { Io } from './main.js';

export const VAULT_HELP = `usage: runbook vault {create,decrypt,edit,view,encrypt,encrypt_string,rekey} [options] [file ...]

  --vault-id [ID@]SOURCE       a password: a file, an executable (ID-client scripts are asked for ID), or prompt
  --vault-password-file FILE   the password of the default id (also ANSIBLE_VAULT_PASSWORD_FILE)
  -J, --ask-vault-pass         ask for the password
  --encrypt-vault-id ID        which id encrypts when several are given
  --new-vault-id, --new-vault-password-file   the new password (rekey)
  --output FILE                encrypt/decrypt into FILE ('-' for stdout) instead of in place
  -n, --name NAME              encrypt_string: the variable name (once per string)
  --stdin-name NAME            encrypt_string: read the value from stdin for NAME
  -p, --prompt                 encrypt_string: ask for the value`;

const OPTIONS = {
  'vault-id': { type: 'string', multiple: true },
  'vault-password-file': { type: 'string', multiple: true },
  'ask-vault-pass': { type: 'boolean', short: 'J' },
  'encrypt-vault-id': { type: 'string' },
  'new-vault-id': { type: 'string' },
  'new-vault-password-file': { type: 'string' },
  output: { type: 'string' },
  name: { type: 'string', short: 'n', multiple: true },
  'stdin-name': { type: 'string' },
  prompt: { type: 'boolean', short: 'p' },
  help: { type: 'boolean', short: 'h' },
  verbose: { type: 'boolean', short: 'v', multiple: true },
} as const;
type Flags = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${VAULT_HELP}`);
  }
}

function source(spec: string, id: string): VaultSecret {
  return spec === 'prompt'
    ? { id, password: Buffer.from(promptPassword(id === 'default' ? 'Vault password: ' : `Vault password (${id}): `)) }
    : readPasswordSource(spec, id);
}

/** The passwords the flags and ANSIBLE_VAULT_PASSWORD_FILE give, in ansible-vault's order. */
function secretsOf(f: Flags): VaultSecret[] {
  const env = loadSettings().vaultPasswordFile;
  const out = [
    ...(f['vault-id'] ?? []).map((s) => {
      const { id, source: src } = parseVaultId(s);
      return source(src, id);
    }),
    ...(f['vault-password-file'] ?? []).map((p) => source(p, 'default')),
  ];
  if (env && !f['vault-password-file']?.length) out.push(source(env, 'default'));
  if (f['ask-vault-pass'] || !out.length) out.push(source('prompt', 'default'));
  return out;
}

function encryptingSecret(secrets: VaultSecret[], f: Flags): VaultSecret {
  const want = f['encrypt-vault-id'];
  if (want) {
    const s = secrets.find((x) => x.id === want);
    if (!s)
      throw new RunbookError(
        `Did not find a match for --encrypt-vault-id=${want} in the known vault-ids [${secrets.map((x) => `'${x.id}'`).join(', ')}]`,
      );
    return s;
  }
  const ids = [...new Set(secrets.map((s) => s.id))];
  // ansible-vault: an AnsibleOptionsError, exit 5
  if (ids.length > 1)
    throw new UsageError(
      `The vault-ids ${ids.join(',')} are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id`,
    );
  return secrets[0]!;
}

/** The file's text; `view` names it as given, the others by its absolute path (as ansible-vault). */
function readSource(file: string, asGiven = false): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const shown = asGiven ? file : resolve(file);
    throw new RunbookError(
      `Unable to read source file (${shown}): [Errno 2] ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (err as Error).message}: '${shown}'`,
    );
  }
}

/** Replaces `file` whole (or creates it 0600), keeping an existing file's mode. */
function writeWhole(file: string, text: string, io: Io): void {
  if (file === '-') {
    io.write(text);
    return;
  }
  writeFileWhole(file, text, existsSync(file) ? statSync(file).mode & 0o7777 : 0o600);
}

function decrypt(text: string, file: string, secrets: VaultSecret[]): string {
  if (!isVaulted(text))
    throw new RunbookError(
      `input is not vault encrypted data. ${resolve(file)} is not a vault encrypted file for ${resolve(file)}`,
    );
  try {
    return decryptVault(text, secrets, file);
  } catch (err) {
    throw new RunbookError(`${(err as Error).message} for ${file}`);
  }
}

/** The plaintext through $EDITOR (vi when unset) in a private temporary file; undefined if unchanged. */
function throughEditor(plain: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rb-vault-'));
  const file = join(dir, 'plaintext');
  try {
    writeFileSync(file, plain, { mode: 0o600 });
    // ansible-vault splits $EDITOR as a shell would (shlex.split)
    const [cmd = 'vi', ...args] = splitShellWords(process.env.EDITOR ?? 'vi');
    const r = spawnSync(cmd, [...args, file], { stdio: 'inherit' });
    if (r.status !== 0)
      throw new RunbookError(
        `the editor ${cmd} exited with ${r.status ?? r.signal ?? 'an error'}; nothing was written`,
      );
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function encryptString(f: Flags, positionals: string[], secret: VaultSecret, io: Io): void {
  const indent = (vault: string): string =>
    vault
      .trimEnd()
      .split('\n')
      .map((l) => `          ${l}`)
      .join('\n');
  const values: [string | undefined, string][] = [];
  if (f['stdin-name']) values.push([f['stdin-name'], readFileSync(0, 'utf8')]);
  else if (f.prompt) values.push([f.name?.[0], promptPassword('String to encrypt: ')]);
  else if (!positionals.length) values.push([f.name?.[0], readFileSync(0, 'utf8')]);
  positionals.forEach((v, i) => values.push([f.name?.[i], v]));
  for (const [name, value] of values)
    io.out(`${name ? `${name}: ` : ''}!vault |\n${indent(encryptVault(value, secret))}`);
}

export function runVaultCommand(argv: string[], io: Io): number {
  const [action = '', ...rest] = argv;
  const { values: f, positionals } = parse(rest);
  if (f.help || !action || action === '--help' || action === '-h') {
    io.out(VAULT_HELP);
    return action ? 0 : 5;
  }
  const ACTIONS = ['create', 'decrypt', 'edit', 'view', 'encrypt', 'encrypt_string', 'rekey'];
  if (!ACTIONS.includes(action))
    throw new UsageError(
      `argument action: invalid choice: '${action}' (choose from ${ACTIONS.map((a) => `'${a}'`).join(', ')})\n\n${VAULT_HELP}`,
    );
  if (action !== 'encrypt_string' && !positionals.length && !(action === 'encrypt' || action === 'decrypt'))
    throw new UsageError(`${action} needs a file\n\n${VAULT_HELP}`);
  if (f.output && positionals.length > 1)
    throw new UsageError('At most one input file may be used with the --output option');
  const secrets = secretsOf(f);
  if (action === 'encrypt_string') {
    encryptString(f, positionals, encryptingSecret(secrets, f), io);
    return 0;
  }
  const files = positionals.length ? positionals : ['-'];
  for (const file of files) vaultFile(action, file, f, secrets, io);
  if (action === 'rekey') io.err('Rekey successful');
  return 0;
}

function vaultFile(action: string, file: string, f: Flags, secrets: VaultSecret[], io: Io): void {
  switch (action) {
    case 'create': {
      if (existsSync(file)) throw new RunbookError(`${file} exists, please use 'edit' instead`);
      writeWhole(file, encryptVault(throughEditor(''), encryptingSecret(secrets, f)), io);
      return;
    }
    case 'encrypt': {
      const text = readSource(file);
      if (isVaulted(text)) throw new RunbookError('input is already encrypted');
      writeWhole(f.output ?? file, encryptVault(text, encryptingSecret(secrets, f)), io);
      return;
    }
    case 'decrypt':
      writeWhole(f.output ?? file, decrypt(readSource(file), file, secrets), io);
      return;
    case 'view':
      io.write(decrypt(readSource(file, true), file, secrets));
      return;
    case 'edit': {
      const plain = decrypt(readSource(file), file, secrets);
      const edited = throughEditor(plain);
      if (edited !== plain) writeWhole(file, encryptVault(edited, encryptingSecret(secrets, f)), io);
      return;
    }
    case 'rekey': {
      const plain = decrypt(readSource(file), file, secrets);
      const fresh = f['new-vault-password-file']
        ? readPasswordSource(f['new-vault-password-file'], f['new-vault-id'] ?? 'default')
        : f['new-vault-id']
          ? (({ id, source: s }) => source(s, id))(parseVaultId(f['new-vault-id']))
          : source('prompt', 'default');
      writeWhole(file, encryptVault(plain, fresh), io);
      return;
    }
    default:
      throw new UsageError(VAULT_HELP);
  }
}
