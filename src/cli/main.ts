// The composition root: argv → subcommand. Every user-facing error is printed as
// "ERROR! file:line: message" with Ansible's exit code, never as a stack trace.
// A subcommand's code is loaded only when it runs (`runbook --version` loads none of them, `apply`
// not the lab, vault or galaxy): Node's start-up is most of a short run (issue 21).
import { UsageError } from './usage-error.js';

type Command = (argv: string[], io: Io) => number | Promise<number>;

/** Each subcommand, imported on first use. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  apply: async () => (await import('./apply-command.js')).runApplyCommand,
  template: async () => (await import('./template-command.js')).runTemplateCommand,
  lab: async () => (await import('./lab-command.js')).runLabCommand,
  run: async () => (await import('./run-command.js')).runRunCommand,
  galaxy: async () => (await import('./galaxy-command.js')).runGalaxyCommand,
  doc: async () => (await import('./doc-command.js')).runDocCommand,
  inventory: async () => (await import('./inventory-command.js')).runInventoryCommand,
  roles: async () => (await import('./roles-command.js')).runRolesCommand,
  vault: async () => (await import('./vault-command.js')).runVaultCommand,
};

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
    const load = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (load) return await (await load())(rest, io);
    switch (command) {
      case '--version':
        io.out((await import('./version.js')).version());
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
    return (await import('./report-error.js')).reportError(err, io);
  }
}
