// `runbook apply`: the composition root for a run — flags, inventory, playbook, variables,
// connections and the console callback — then the executor; returns Ansible's exit code.
import { promptLine } from './prompt.js';
import { fileURLToPath } from 'node:url';
import { dirname, resolve, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { FsLoader, loadVarsFile } from '../loader/index.js';
import {
  LOCALHOST,
  loadInventory,
  loadVarsDirs,
  selectHosts,
  type Inventory,
  type VarsDirs,
} from '../inventory/index.js';
import { loadPlaybook, type LoadContext } from '../playbook/index.js';
import { findModule, ModuleLibrary } from '../modules/index.js';
import { jobsSettled, runPlaybook, type Callback, type RunContext } from '../executor/index.js';
import {
  DefaultCallback,
  JsonCallback,
  MinimalCallback,
  OnelineCallback,
  StatusLine,
  YamlCallback,
  warningText,
  TimerCallback,
  ProfileTasksCallback,
  palette,
} from '../output/index.js';
import { ReportCollector, writeReport, Guardian, guardianFooter } from '../report/index.js';
import { loadGuardTargets } from './guard-targets.js';
import { hostState, jsonFileCache, type FactCache } from '../vars/index.js';
import { fanOut } from './callbacks.js';
import { makeConnector, type Connector } from './connect.js';
import { establishLine, verboseConnection, type Connection } from '../connection/index.js';
import { userInfo } from 'node:os';
import { OptionsError, RunbookError, formatLocation, type SourceLocation } from '../util/index.js';
import { readPasswordSource, parseVaultId, type VaultSecret } from '../vault/index.js';
import { UsageError } from './usage-error.js';
import { loadSettings, type Settings } from './config.js';
import { versionBlock } from './version.js';
import { cliArgsLines } from './cli-args.js';
import { loadExtraVars } from './extra-vars.js';
import { makeLookupHost } from './lookup-host.js';
import { parseApplyArgs, applyHelp } from './apply-args.js';
import { listPlaybook } from './list.js';
import { setAnsibleManaged, setJinja2Native, template, type LookupHost } from '../template/index.js';
import type { Io } from './main.js';
import { RunState } from '../resume/index.js';
import { expandUser, shellQuote, redact } from '../util/index.js';
import { addPasswordVars } from './password-vars.js';
import { promptPassword } from './prompt.js';
import { whatIsLeft } from './what-is-left.js';
import { checkRoleOverrides } from './role-overrides.js';

/** A parse error: ansible-playbook exits 4 for these. */
export class PlaybookParseError extends RunbookError {}

/** --vault-password-file, --vault-id and ANSIBLE_VAULT_PASSWORD_FILE, as ansible-playbook reads them. */
export interface VaultFlags {
  'ask-vault-password'?: boolean;
  'vault-password-file'?: string[];
  'vault-id'?: string[];
}

export function vaultSecrets(
  flags: VaultFlags,
  settings: Pick<Settings, 'vaultPasswordFile'>,
  warn?: (m: string) => void,
): VaultSecret[] {
  const files = [
    ...(flags['vault-password-file'] ?? []),
    ...(settings.vaultPasswordFile ? [settings.vaultPasswordFile] : []),
  ];
  const asked = (id: string): VaultSecret => ({
    id,
    password: Buffer.from(promptPassword(id === 'default' ? 'Vault password: ' : `Vault password (${id}): `)),
  });
  return [
    ...(flags['ask-vault-password'] ? [asked('default')] : []),
    ...files.map((f) => readPasswordSource(f, 'default', warn)),
    ...(flags['vault-id'] ?? []).map((spec) => {
      const { id, source } = parseVaultId(spec);
      return source === 'prompt' ? asked(id) : readPasswordSource(source, id, warn);
    }),
  ];
}

/**
 * -k/--connection-password-file and -K/--become-password-file: the passwords Ansible's CLI puts
 * in the play context (cli/__init__.py ask_passwords), used where a host's variables set none.
 */
function cliPasswords(flags: ReturnType<typeof parseApplyArgs>['values']): { conn?: string; become?: string } {
  const fromFile = (f: string): string => readFileSync(f, 'utf8').replace(/\r?\n$/, '');
  const conn = flags['ask-pass']
    ? promptPassword('SSH password: ')
    : flags['connection-password-file']
      ? fromFile(flags['connection-password-file'])
      : undefined;
  const become = flags['ask-become-pass']
    ? promptPassword(flags['ask-pass'] ? 'BECOME password[defaults to SSH password]: ' : 'BECOME password: ') || conn
    : flags['become-password-file']
      ? fromFile(flags['become-password-file'])
      : undefined;
  return { ...(conn !== undefined ? { conn } : {}), ...(become !== undefined ? { become } : {}) };
}

/** The checkout (or package) root: dist/cli/ and src/cli/ are two levels down. */
export const SHIPPED = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Tells once per module name that runbook lacks it, where a task first names it. */
function warnOnce(io: Io): (name: string, where: SourceLocation) => void {
  const told = new Set<string>();
  return (name, where) => {
    if (told.has(name)) return;
    told.add(name);
    const at = formatLocation(where).replace(/:? ?$/, '');
    io.err(
      warningText(
        `module ${name} (${at}) is not implemented by runbook (see docs/MODULES.md): a host that runs the task fails it`,
      ),
    );
  };
}

function splitList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A playbook named by a name that is not a path here (upgrade-juno-liberty.yml) is one runbook
 * ships in playbooks/; its roles come from ./roles first, then roles_path, then the shipped roles,
 * so a site replaces one role without copying a playbook.
 */
function shippedPlaybook(given: string, loader: FsLoader): string | undefined {
  if (loader.exists(given)) return undefined;
  const candidate = join(SHIPPED, 'playbooks', given);
  return loader.exists(candidate) ? candidate : undefined;
}

function siteRolePaths(rolesPath: string[]): string[] {
  return [resolve('roles'), ...rolesPath, join(SHIPPED, 'roles')];
}

/** `runbook run`'s one-task play (AdHocCLI._play_ds), run as a playbook of its own. */
export interface AdHoc {
  /** The play as data: name, hosts, gather_facts, tasks. */
  play: Map<string, unknown>;
  /** The ad-hoc stdout callback: minimal, or oneline with -o. */
  callback: 'minimal' | 'oneline';
  /** The directory the play runs from (--playbook-dir, or the current one). */
  baseDir: string;
}

/** A loader that also reads the ad-hoc play as the file `file`. */
function withAdHocPlay(loader: FsLoader, file: string, play: Map<string, unknown>): FsLoader {
  const none = { of: () => undefined, ofKey: () => undefined };
  return new Proxy(loader, {
    get(target, prop, receiver) {
      if (prop === 'readYaml')
        return (path: string) =>
          resolve(path) === file ? { documents: [[play]], positions: none } : target.readYaml(path);
      if (prop === 'exists') return (path: string) => resolve(path) === file || target.exists(path);
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export async function runApplyCommand(argv: string[], rawIo: Io): Promise<number> {
  const { values: flags, positionals } = parseApplyArgs(argv);
  return runApply(flags, positionals, argv, rawIo);
}

/** Runs playbooks (or an ad-hoc play) with apply's flags. */
export async function runApply(
  flags: ReturnType<typeof parseApplyArgs>['values'],
  given: string[],
  argv: string[],
  rawIo: Io,
  adhoc?: AdHoc,
): Promise<number> {
  const positionals = adhoc ? [join(adhoc.baseDir, '__adhoc_playbook__')] : given;
  // Every value a vault gave, every plain `*_password` variable and every no_log module argument
  // is masked in what runbook prints, at every -v level and in the json callback (issue 8:
  // secrets stay secret; Ansible masks only no_log results and a module's no_log arguments).
  let masking: Iterable<string> = [];
  const io: Io = {
    out: (s) => rawIo.out(redact(s, masking)),
    write: (s) => rawIo.write(redact(s, masking)),
    err: (s) => rawIo.err(redact(s, masking)),
  };
  if (flags.help) {
    io.out(applyHelp());
    return 0;
  }
  if (!positionals.length) {
    io.err(`ERROR! a playbook is required\n${applyHelp()}`);
    return 5;
  }
  const settings = loadSettings();
  setJinja2Native(settings.jinja2Native);
  setAnsibleManaged(settings.managedStr);
  // CLI.run: the version at -vv, then which ansible.cfg is in use, from -v on
  if ((flags.verbose?.length ?? 0) >= 2) io.out(versionBlock(settings));
  if (flags.verbose?.length)
    io.out(settings.file ? `Using ${settings.file} as config file` : 'No config file found; using defaults');
  // PlaybookCLI.run asks the connection and become passwords before the vault's, and not for
  // --syntax-check and the --list modes
  const passwords =
    flags['syntax-check'] || flags['list-hosts'] || flags['list-tasks'] || flags['list-tags']
      ? {}
      : cliPasswords(flags);
  const fsLoader = new FsLoader(
    vaultSecrets(flags, settings, (m) => io.err(warningText(m))),
    {
      duplicateKeys: { mode: settings.duplicateYamlDictKey, warn: (m) => io.err(warningText(m)) },
    },
  );
  const loader = adhoc ? withAdHocPlay(fsLoader, positionals[0]!, adhoc.play) : fsLoader;
  masking = loader.vault.secrets;
  for (const pw of [passwords.conn, passwords.become]) if (pw) loader.vault.secrets.add(pw);
  const inventorySources = flags.inventory?.length ? flags.inventory : settings.inventory;
  // --syntax-check and the --list modes read no host variables: a vaulted group_vars file needs
  // no password for them, as with ansible-playbook
  const readsNoHostVars = Boolean(
    flags['syntax-check'] || flags['list-hosts'] || flags['list-tasks'] || flags['list-tags'],
  );
  // Display.warning: each warning once per run
  const warned = new Set<string>();
  const warn = (m: string): void => {
    if (warned.has(m)) return;
    warned.add(m);
    io.err(warningText(m));
  };
  // -e read once: each inventory plugin's load_extra_vars, then the run's, share its value or error
  let extraVarsRead: { vars: Map<unknown, unknown> } | { error: unknown } | undefined;
  const extraVarsOnce = (): Map<unknown, unknown> => {
    if (!extraVarsRead)
      try {
        extraVarsRead = { vars: loadExtraVars(flags['extra-vars'] ?? [], loader) };
      } catch (error) {
        extraVarsRead = { error };
      }
    if ('error' in extraVarsRead) throw extraVarsRead.error;
    return extraVarsRead.vars;
  };
  if ((flags.verbose?.length ?? 0) >= 4) io.out('setting up inventory plugins');
  const inventory = loadInventory(
    inventorySources,
    loader,
    warn,
    settings.hashBehaviour === 'merge',
    readsNoHostVars,
    (flags.verbose?.length ?? 0) >= 3 ? (line) => io.out(line) : undefined,
    settings.inventoryUnparsed,
    () => void extraVarsOnce(),
  );
  // where a source that did not parse went wrong, when the plugins' words do not say
  for (const c of inventory.culprits)
    io.err(`runbook: the culprit is at ${formatLocation(c.at).replace(/: $/, '')}${c.what ? ` (${c.what})` : ''}`);
  const extraVars = extraVarsOnce();
  if (!adhoc) checkHostList(inventory.inventory, flags.limit, loader, warn, settings.localhostWarning);
  else if (adHocHosts(inventory.inventory, adhoc, flags, loader, warn, io, settings.localhostWarning)) return 0;
  const rolesPath = settings.rolesPath;
  const library = new ModuleLibrary(settings.library);
  const load: LoadContext = {
    loader,
    modules: {
      resolve: (name) => findModule(name)?.name,
      library: (name) => library.find(name),
      addPluginDirs: (dir) => library.addPluginDirs(dir),
      unimplemented: warnOnce(io),
    },
    rolePaths: rolesPath,
    collectionsPaths: settings.collectionsPaths,
    extraVars,
    templateText: (text, vars) => String(template(text, vars)),
  };
  let exit = 0;
  // ansible-playbook checks every playbook exists before it runs any (exit 1)
  for (const given of positionals) {
    if (!shippedPlaybook(given, loader) && !loader.exists(given))
      throw new RunbookError(`the playbook: ${given} could not be found`, undefined, { exitCode: 1 });
  }
  for (const given of positionals) {
    const shipped = shippedPlaybook(given, loader);
    const file = shipped ?? given;
    let playbook;
    try {
      playbook = loadPlaybook(file, shipped ? { ...load, rolePaths: siteRolePaths(rolesPath) } : load);
      if (shipped) checkRoleOverrides(SHIPPED, loader, siteRolePaths(rolesPath));
    } catch (err) {
      if (err instanceof RunbookError)
        throw new PlaybookParseError(err.message, err.location, {
          exitCode: err.exitCode ?? 4,
          ...(err.culprit ? { culprit: err.culprit } : {}),
          ...(err.hint ? { hint: err.hint } : {}),
        });
      throw err;
    }
    const playbookDir = dirname(resolve(file));
    const playbookVars: VarsDirs = { groups: new Map(), hosts: new Map() };
    loadVarsDirs(loader, playbookDir, inventory.inventory, playbookVars, undefined, readsNoHostVars);
    addPasswordVars(inventory, playbookVars, extraVars, loader.vault.secrets);
    if (flags['syntax-check']) {
      io.out(`\nplaybook: ${file}`);
      continue;
    }
    if (flags['list-hosts'] || flags['list-tasks'] || flags['list-tags']) {
      listPlaybook(file, playbook, inventory.inventory, flags, io, {
        tags: splitList(flags.tags).length ? splitList(flags.tags) : ['all'],
        skipTags: splitList(flags['skip-tags']),
        extraVars,
        ...(flags.limit
          ? { limit: flags.limit.startsWith('@') ? loadLimitFile(loader, flags.limit.slice(1)) : flags.limit }
          : {}),
      });
      continue;
    }
    const connector = makeConnector(
      {
        hostKeyChecking: settings.hostKeyChecking,
        ...((flags.user ?? settings.remoteUser) ? { user: flags.user ?? settings.remoteUser } : {}),
        ...((flags['private-key'] ?? settings.privateKeyFile)
          ? { privateKey: flags['private-key'] ?? settings.privateKeyFile }
          : {}),
        ...(flags.timeout
          ? { timeoutSeconds: Number(flags.timeout) }
          : settings.timeout !== undefined
            ? { timeoutSeconds: settings.timeout }
            : {}),
        ...(settings.remotePort !== undefined ? { port: settings.remotePort } : {}),
        ...(settings.sshArgs ? { sshArgs: settings.sshArgs } : {}),
        ...(flags['ssh-common-args'] ? { sshCommonArgs: flags['ssh-common-args'] } : {}),
        ...(flags['ssh-extra-args'] ? { sshExtraArgs: flags['ssh-extra-args'] } : {}),
        ...(passwords.conn !== undefined ? { password: passwords.conn } : {}),
      },
      flags.connection,
      playbookDir,
    );
    // an ad-hoc run has no state file (nothing to resume: one task)
    const journal = adhoc ? undefined : openJournal(flags, argv, file, inventorySources, loader);
    const report = flags.report
      ? new ReportCollector(file, `runbook apply ${argv.join(' ')}`, (t) => redact(t, loader.vault.secrets))
      : undefined;
    const ctx = makeRunContext({
      loader,
      inventory,
      // InventoryManager.refresh_inventory parses the sources again (warnings as the first time)
      reloadInventory: () =>
        loadInventory(
          inventorySources,
          loader,
          warn,
          settings.hashBehaviour === 'merge',
          readsNoHostVars,
          undefined,
          settings.inventoryUnparsed,
        ),
      playbookVars,
      extraVars,
      playbookDir,
      flags,
      io,
      settings,
      connector,
      passwords,
      warned,
      playbooks: positionals,
      ...(adhoc ? { callback: adhoc.callback } : {}),
      ...(journal ? { journal } : {}),
      ...(report ? { report } : {}),
    });
    const roleLoad: LoadContext = {
      ...load,
      rolePaths: shipped ? siteRolePaths(rolesPath) : [join(playbookDir, 'roles'), ...rolesPath, playbookDir],
    };
    const stopOnInterrupt = (): void => {
      // ansible-playbook: "User interrupted execution", exit 99. Remote writes are renames of
      // complete temporary files, so nothing half-written stays; the state file says where it was.
      journal?.close('interrupted');
      io.err('ERROR! User interrupted execution');
      process.exit(99);
    };
    process.once('SIGINT', stopOnInterrupt);
    const guardian = flags.guard ? new Guardian(loadGuardTargets(flags.guard)) : undefined;
    await guardian?.start();
    let outcome;
    try {
      outcome = await runPlaybook(playbook, ctx, roleLoad);
    } catch (err) {
      if (err instanceof OptionsError) err.usage = applyHelp();
      throw err;
    } finally {
      await jobsSettled(ctx);
      process.removeListener('SIGINT', stopOnInterrupt);
      await connector.close();
      journal?.close(outcome?.exitCode === 0 ? 'complete' : 'failed');
    }
    if (guardian) {
      const summaries = await guardian.stop();
      if (report) report.run.guests = { summaries, notRunning: guardian.notRunning };
      io.err(guardianFooter(summaries, guardian.notRunning));
    }
    if (report && flags.report) {
      report.run.exitCode = outcome.exitCode;
      writeReport(flags.report, report.run, forecastOf(ctx));
    }
    // runbook's own footer goes to stderr: stdout stays what ansible-playbook prints
    if (journal && outcome.exitCode !== 0) io.err(whatIsLeft(journal, outcome.stats));
    exit = Math.max(exit, outcome.exitCode);
  }
  return exit;
}

/** The run's state file (not for --check, which changes nothing to resume, nor with --no-state). */
function openJournal(
  flags: ReturnType<typeof parseApplyArgs>['values'],
  argv: string[],
  playbook: string,
  inventory: string[],
  loader: FsLoader,
): RunState | undefined {
  if (flags.check || flags['no-state']) {
    if (flags.resume)
      throw new UsageError(
        flags.check
          ? '--resume cannot be combined with --check'
          : '--resume needs the state file that --no-state turns off',
      );
    return undefined;
  }
  const again = ['apply', '--resume', ...argv.filter((a) => a !== '--resume')];
  return RunState.open({
    dir: flags['state-dir'] ?? '.runbook',
    playbook,
    inventory,
    resume: Boolean(flags.resume),
    resumeCommand: `runbook ${again.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : shellQuote(a))).join(' ')}`,
    secrets: () => loader.vault.secrets,
  });
}

interface ContextParts {
  loader: FsLoader;
  inventory: ReturnType<typeof loadInventory>;
  /** The sources read again, quietly (meta: refresh_inventory). */
  reloadInventory?: () => ReturnType<typeof loadInventory>;
  playbookVars: VarsDirs;
  extraVars: Map<unknown, unknown>;
  playbookDir: string;
  flags: ReturnType<typeof parseApplyArgs>['values'];
  io: Io;
  settings: Settings;
  connector: Connector;
  passwords: { conn?: string; become?: string };
  warned: Set<string>;
  /** The playbooks as the command line gave them (-vvvv shows them). */
  playbooks: string[];
  /** The stdout callback `runbook run` asks for (minimal or oneline). */
  callback?: 'minimal' | 'oneline';
  journal?: RunState;
  report?: ReportCollector;
}

/** The `downtime_forecast` fact (stage → seconds) a play set on any host, for the report. */
function forecastOf(ctx: RunContext): Map<string, number> {
  for (const host of ctx.world.inventory.inventory.hosts.keys()) {
    const f = hostState(ctx.world, host).setFacts.get('downtime_forecast');
    if (f instanceof Map) return new Map([...f].map(([k, v]) => [String(k), Number(v)]));
  }
  return new Map();
}

/** The console callback, the live status line (both streams a terminal) and the report. */
function callbacksOf(p: ContextParts, colors: ReturnType<typeof palette>, verbosity: number) {
  // ANSIBLE_STDOUT_CALLBACK=json prints one JSON document at the end, as Ansible's json callback.
  const name = p.callback ?? p.settings.stdoutCallback.replace(/^ansible\.(builtin|posix)\./, '');
  // TaskQueueManager.load_callbacks: the stdout callback loaded (-vvvv), then ansible.builtin's
  // stdout callbacks other than it, skipped (-vv) — default, minimal and oneline, whichever is in use
  if (verbosity >= 4)
    p.io.out(
      `Loading callback plugin ${name} of type stdout, v2.0 from ${fileURLToPath(new URL('../output/', import.meta.url))}`,
    );
  if (verbosity >= 2)
    for (const c of ['default', 'minimal', 'oneline'])
      p.io.out(`Skipping callback '${c}', as we already have a stdout callback.`);
  const extra = p.callback ? [] : enabledCallbacks(p, verbosity);
  if (name === 'json')
    return fanOut([new JsonCallback((text) => p.io.out(text), p.settings.showCustomStats), p.report, ...extra]);
  if (name === 'minimal' || name === 'oneline') {
    const out = {
      write: (line: string) => p.io.out(line),
      writeErr: (line: string) => p.io.err(line),
      colors,
      verbosity,
      warned: p.warned,
    };
    return fanOut([name === 'minimal' ? new MinimalCallback(out) : new OnelineCallback(out), p.report, ...extra]);
  }
  // TaskQueueManager.load_callbacks; yaml is community.general's (Debian's ansible routes the short name)
  const yaml = name === 'yaml' || name === 'community.general.yaml';
  if (name !== 'default' && !yaml)
    throw new RunbookError(`Invalid callback for stdout specified: ${p.settings.stdoutCallback}`);
  const status = process.stdout.isTTY && process.stderr.isTTY ? new StatusLine(process.stderr) : undefined;
  const console = new (yaml ? YamlCallback : DefaultCallback)(
    (line) => {
      status?.clear();
      p.io.out(line);
    },
    colors,
    verbosity,
    (line) => {
      status?.clear();
      p.io.err(line);
    },
    p.warned,
    {
      skippedHosts: p.settings.displaySkippedHosts,
      okHosts: p.settings.displayOkHosts,
      checkModeMarkers: p.settings.checkModeMarkers,
      showCustomStats: p.settings.showCustomStats,
      check: Boolean(p.flags.check),
      cliArgs: cliArgsLines(p.flags, p.playbooks, { inventory: p.settings.inventory, forks: p.settings.forks }),
    },
  );
  return fanOut([console, status, p.report, ...extra]);
}

/**
 * CALLBACKS_ENABLED: timer and profile_tasks (ansible.posix), after the stdout callback as the
 * TaskQueueManager sends to them; another name is skipped with Ansible's warning. `runbook run`
 * loads none (bin_ansible_callbacks is off).
 */
function enabledCallbacks(p: ContextParts, verbosity: number): Callback[] {
  const out: Callback[] = [];
  for (const raw of p.settings.callbacksEnabled) {
    const name = raw.replace(/^ansible\.posix\./, '');
    if (name === 'timer') out.push(new TimerCallback((line) => p.io.out(line)));
    else if (name === 'profile_tasks') out.push(new ProfileTasksCallback((line) => p.io.out(line), verbosity));
    else {
      const m = `Skipping callback plugin '${raw}', unable to load`;
      if (!p.warned.has(m)) {
        p.warned.add(m);
        p.io.err(warningText(m));
      }
    }
  }
  return out;
}

/** -vvv: each connection's ESTABLISH line once, and the EXEC and PUT lines of each task (display.vvv). */
function verboseConnect(p: ContextParts, callback: Callback): RunContext['connect'] {
  const established = new WeakSet<Connection>();
  const display = (text: string, level: number): void => callback.onDisplay?.(text, level);
  return async (host, vars, become, workdir, shown) => {
    const conn = await p.connector.connect(host, vars, become, workdir);
    if (!established.has(conn)) {
      established.add(conn);
      const user = String(
        vars.get('ansible_user') ??
          vars.get('ansible_ssh_user') ??
          p.flags.user ??
          p.settings.remoteUser ??
          userInfo().username,
      );
      const port = vars.get('ansible_port') ?? vars.get('ansible_ssh_port') ?? p.settings.remotePort;
      const kind = conn.local ? 'local' : 'ssh';
      display(establishLine(conn.host, { kind, user, ...(port !== undefined ? { port: Number(port) } : {}) }), 3);
    }
    return verboseConnection(conn, display, shown);
  };
}

function makeRunContext(p: ContextParts): RunContext {
  const verbosity = p.flags.verbose?.length ?? 0;
  const colors = palette(
    p.settings.noColor ? { ...process.env, ANSIBLE_NOCOLOR: '1' } : process.env,
    Boolean(process.stdout.isTTY),
  );
  const forks = Number(p.flags.forks ?? p.settings.forks);
  const callback = callbacksOf(p, colors, verbosity);
  const lookupHosts = new Map<string, LookupHost>();
  return {
    options: {
      check: Boolean(p.flags.check),
      diff: Boolean(p.flags.diff),
      verbosity,
      strategy: p.settings.strategy,
      become: {
        ...(p.flags.become || p.settings.become ? { enabled: true } : {}),
        ...((p.flags['become-user'] ?? p.settings.becomeUser)
          ? { user: p.flags['become-user'] ?? p.settings.becomeUser }
          : {}),
        ...((p.flags['become-method'] ?? p.settings.becomeMethod)
          ? { method: p.flags['become-method'] ?? p.settings.becomeMethod }
          : {}),
        ...(p.passwords.become !== undefined ? { password: p.passwords.become } : {}),
      },
      forks: Number.isFinite(forks) && forks > 0 ? forks : 5,
      tags: splitList(p.flags.tags).length ? splitList(p.flags.tags) : ['all'],
      skipTags: splitList(p.flags['skip-tags']),
      ...(p.flags.limit
        ? { limit: p.flags.limit.startsWith('@') ? loadLimitFile(p.loader, p.flags.limit.slice(1)) : p.flags.limit }
        : {}),
      ...(p.flags['start-at-task'] ? { startAtTask: p.flags['start-at-task'] } : {}),
      forceHandlers: Boolean(p.flags['force-handlers']) || p.settings.forceHandlers,
      errorOnMissingHandler: p.settings.errorOnMissingHandler,
      noLog: p.settings.noLog,
      gathering: p.settings.gathering,
      interpreterPython: p.settings.interpreterPython,
    },
    world: {
      inventory: p.inventory,
      playbookVars: p.playbookVars,
      extraVars: p.extraVars,
      hosts: new Map(),
      hashBehaviour: p.settings.hashBehaviour,
      injectFactsAsVars: p.settings.injectFactsAsVars,
      ...factCacheOf(p.settings, Boolean(p.flags['flush-cache'])),
      runMagic: new Map<string, unknown>([
        ['playbook_dir', p.playbookDir],
        [
          'ansible_version',
          new Map<string, unknown>([
            ['full', '2.14.18'],
            ['major', 2],
            ['minor', 14],
            ['revision', 18],
            ['string', '2.14.18'],
          ]),
        ],
        ['ansible_run_tags', splitList(p.flags.tags).length ? splitList(p.flags.tags) : ['all']],
        ['ansible_skip_tags', splitList(p.flags['skip-tags'])],
        ['ansible_forks', forks],
        // CLI.post_process_args: each -i source a full path (unfrackpath) unless it is a host list
        [
          'ansible_inventory_sources',
          (p.flags.inventory?.length ? p.flags.inventory : p.settings.inventory).map((s) =>
            s.includes(',') ? s : resolve(expandUser(s)),
          ),
        ],
        ['ansible_config_file', p.settings.file ?? null],
        ['ansible_playbook_python', controllerPython()],
        ...(p.flags.limit ? [['ansible_limit', p.flags.limit] as [string, unknown]] : []),
      ]),
    },
    loader: p.loader,
    callback,
    connect:
      verbosity >= 3
        ? verboseConnect(p, callback)
        : (host, vars, become, workdir) => p.connector.connect(host, vars, become, workdir),
    warm: (host, vars) => p.connector.warm(host, vars),
    lookupsFor: (paths, basedir) => {
      // one per search path list and directory: asked for at every task on every host
      const key = `${paths.join('\0')}\u0001${basedir ?? p.playbookDir}`;
      let host = lookupHosts.get(key);
      if (!host)
        lookupHosts.set(
          key,
          (host = makeLookupHost(p.loader, paths, basedir ?? p.playbookDir, (m) => callback.onWarning?.(m, true))),
        );
      return host;
    },
    playbookDir: p.playbookDir,
    ...(p.journal ? { journal: p.journal } : {}),
    secrets: p.loader.vault.secrets,
    cancelled: { value: false },
    jobs: new Map(),
    ...(p.reloadInventory ? { reloadInventory: p.reloadInventory } : {}),
    // vars_prompt asks only on a terminal (Display.do_var_prompt: sys.__stdin__.isatty())
    ...(process.stdin.isTTY ? { ask: promptLine } : {}),
  };
}

const EMPTY_INVENTORY =
  "provided hosts list is empty, only localhost is available. Note that the implicit localhost does not match 'all'";

/**
 * CLI.get_host_list, before the playbook is read: an inventory without hosts is a warning (unless
 * LOCALHOST_WARNING is off), a --limit that leaves no host of it is an error (exit 1).
 */
function checkHostList(
  inv: Inventory,
  limit: string | undefined,
  loader: FsLoader,
  warn: (m: string) => void,
  localhostWarning: boolean,
): void {
  if (!inv.hosts.size) {
    if (localhostWarning) warn(EMPTY_INVENTORY);
    return;
  }
  if (!limit) return;
  const subset = limit.startsWith('@') ? loadLimitFile(loader, limit.slice(1)) : limit;
  // list_hosts('all') under the subset: the implicit localhost is not among them
  const allowed = new Set(selectHosts(inv, subset, warn));
  if (!selectHosts(inv, 'all').some((h) => allowed.has(h)))
    throw new RunbookError(
      'Specified inventory, host pattern and/or --limit leaves us with no hosts to target.',
      undefined,
      {
        exitCode: 1,
      },
    );
}

/**
 * AdHocCLI.run: the pattern's hosts (an empty inventory or no match is a warning, a --limit that
 * leaves none an error); with --list-hosts they are printed and nothing runs (returns true).
 */
function adHocHosts(
  inv: Inventory,
  adhoc: AdHoc,
  flags: ReturnType<typeof parseApplyArgs>['values'],
  loader: FsLoader,
  warn: (m: string) => void,
  io: Io,
  localhostWarning: boolean,
): boolean {
  const pattern = String(adhoc.play.get('hosts'));
  let hosts = selectHosts(inv, pattern, warn);
  if (!inv.hosts.size && localhostWarning && !LOCALHOST.includes(pattern)) warn(EMPTY_INVENTORY);
  if (flags.limit) {
    const allowed = new Set(
      selectHosts(inv, flags.limit.startsWith('@') ? loadLimitFile(loader, flags.limit.slice(1)) : flags.limit, warn),
    );
    hosts = hosts.filter((h) => allowed.has(h));
  }
  if (!hosts.length && inv.hosts.size) {
    if (flags.limit)
      throw new RunbookError(
        'Specified inventory, host pattern and/or --limit leaves us with no hosts to target.',
        undefined,
        {
          exitCode: 1,
        },
      );
    warn('No hosts matched, nothing to do');
  }
  if (!flags['list-hosts']) return false;
  io.out(`  hosts (${hosts.length}):`);
  for (const h of hosts) io.out(`    ${h}`);
  return true;
}

function loadLimitFile(loader: FsLoader, path: string): string {
  return loader
    .readText(path)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .join(',');
}

export { loadVarsFile };

/**
 * ansible_playbook_python is the Python running ansible-playbook (sys.executable); runbook runs
 * on Node, so it names the controller's python3, what inventories that set
 * `ansible_python_interpreter={{ ansible_playbook_python }}` for local hosts mean by it.
 */
function controllerPython(): string {
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) {
    const candidate = join(dir, 'python3');
    if (existsSync(candidate)) return candidate;
  }
  return '/usr/bin/python3';
}

/** fact_caching: jsonfile persists facts in fact_caching_connection; memory (the default) keeps none. */
function factCacheOf(settings: Settings, flush: boolean): { factCache?: FactCache } {
  const { plugin, connection, prefix, timeout } = settings.factCaching;
  if (plugin.replace(/^ansible\.builtin\./, '') !== 'jsonfile' || !connection) return {};
  const cache = jsonFileCache(connection, prefix, timeout);
  // --flush-cache: every host starts without cached facts (the run writes them afresh)
  return { factCache: flush ? { load: () => undefined, save: (h, f) => cache.save(h, f) } : cache };
}
