// shell: runs a command line through /bin/sh (or `executable`), pipes and redirects allowed.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { runCommand, commandArgs } from './support/run-command.js';

export default defineModule({
  name: 'shell',
  runsAs: 'ansible.legacy.command',
  collection: 'ansible.builtin',
  description: 'Executes a command line through a shell',
  checkMode: 'supported',
  freeForm: true,
  args: commandArgs(true),
  run: (args, ctx: ModuleContext): Promise<ModuleResult> => runCommand(args, ctx, true),
});
