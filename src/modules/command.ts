// command: runs a program without a shell (ansible/modules/command.py). creates/removes skip
// the run (ok, not changed); in check mode without them it is skipped; output loses its
// trailing newlines; any non-zero rc fails the task.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { runCommand, commandArgs } from './support/run-command.js';

export default defineModule({
  name: 'command',
  runsAs: 'ansible.legacy.command',
  collection: 'ansible.builtin',
  description: 'Executes a command without a shell',
  checkMode: 'supported',
  freeForm: true,
  args: commandArgs(false),
  run: (args, ctx: ModuleContext): Promise<ModuleResult> => runCommand(args, ctx, false),
});
