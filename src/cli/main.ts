// The composition root: argv → subcommand. Every user-facing error is printed as
// "ERROR! file:line: message" with Ansible's exit code, never as a stack trace.
import { RunbookError } from '../util/index.js';
import { HostUnreachable } from '../connection/index.js';
import { TemplateError } from '../template/index.js';
import { runTemplateCommand, TEMPLATE_HELP } from './template-command.js';
import { runApplyCommand, PlaybookParseError } from './apply-command.js';
import { UsageError } from './usage-error.js';
import { runLabCommand } from './lab-command.js';
import { runRolesCommand } from './roles-command.js';
import { runVaultCommand } from './vault-command.js';
import { runInventoryCommand } from './inventory-command.js';
import { runRunCommand } from './run-command.js';
import { runDocCommand } from './doc-command.js';
import { runGalaxyCommand } from './galaxy-command.js';
import { version } from './version.js';

const HELP = `usage: runbook <command> [options]

commands:
  apply      run playbooks, as ansible-playbook does (runbook apply --help)
  run        run one module on the hosts of a pattern, as ansible does (runbook run all -m ping)
  template   show what Ansible makes of a template, an expression or a template file
             (runbook template --help)
  lab        a simulated OpenStack Juno cloud on this machine (runbook lab --help)
  inventory  show the inventory as Ansible sees it, as ansible-inventory does (--list, --graph, --host)
  doc        the modules runbook has and their options, as ansible-doc shows them (-l, -j)
  galaxy     install roles from git or tarballs, as ansible-galaxy install does (-r requirements.yml)
  roles      the upgrade's roles and where each resolves from (./roles, roles_path, shipped)
  vault      create, encrypt, decrypt, view, edit, rekey vault files; encrypt_string (runbook vault --help)

options:
  --version  print runbook's version
  --help     this text

runbook COMMAND --help shows a command's options.`;

export interface Io {
  /** Writes a line to stdout. */
  out: (s: string) => void;
  /** Writes text to stdout as it is. */
  write: (s: string) => void;
  err: (s: string) => void;
}

/** Runs runbook with these arguments; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'apply':
        return await runApplyCommand(rest, io);
      case 'template':
        return runTemplateCommand(rest, io);
      case 'lab':
        return await runLabCommand(rest, io);
      case 'run':
        return await runRunCommand(rest, io);
      case 'galaxy':
        return runGalaxyCommand(rest, io);
      case 'doc':
        return runDocCommand(rest, io);
      case 'inventory':
        return await runInventoryCommand(rest, io);
      case 'roles':
        return runRolesCommand(rest, io);
      case 'vault':
        return runVaultCommand(rest, io);
      case '--version':
        io.out(version());
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP);
        return command === undefined ? 5 : 0;
      default:
        throw new UsageError(`unknown command '${command}'\n\n${HELP}`);
    }
  } catch (err) {
    return report(err, io);
  }
}

function report(err: unknown, io: Io): number {
  // Display.display adds a newline only where the message has none
  const say = (s: string): void => io.err(s.endsWith('\n') ? s.slice(0, -1) : s);
  if (err instanceof UsageError) {
    say(`ERROR! ${err.message}`);
    return err.exitCode;
  }
  if (err instanceof PlaybookParseError) {
    say(`ERROR! ${err.describe()}`);
    return err.exitCode ?? 4;
  }
  if (err instanceof TemplateError) {
    say(`ERROR! template error: ${err.describe()}`);
    return 1;
  }
  if (err instanceof RunbookError) {
    say(`ERROR! ${err.describe()}`);
    return err.exitCode ?? 1;
  }
  if (err instanceof HostUnreachable) {
    // Outside a play (lab commands): a host that cannot be reached is an error, not a bug.
    say(`ERROR! ${err.message}`);
    return 1;
  }
  // An error runbook did not expect is a bug: say so, with the stack, and exit as Ansible does (250).
  say(
    `ERROR! unexpected error (a runbook bug, please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  return 250;
}

export { TEMPLATE_HELP };
