// `validate`: the new content checked by a command before it replaces the file (lineinfile's
// write_changes, blockinfile, replace, copy and template at stable-2.14): the command with %s
// as a temporary file beside nothing (the module's tmpdir), run without a shell
// (run_command splits it with shlex), the move only when it exits 0.
import { randomBytes } from 'node:crypto';
import { ActionFail, type ModuleContext, type ModuleResult } from '../define.js';
import { shellQuote, splitShellWords } from '../../util/index.js';

/** Runs `validate` on `content`; throws ActionFail with the module's own failure when it does not pass. */
export async function validateContent(
  ctx: ModuleContext,
  validate: unknown,
  content: string | Buffer,
  failure: (rc: number, stdout: string, stderr: string) => ModuleResult,
): Promise<void> {
  if (validate === undefined || validate === null || validate === '') return;
  const command = String(validate);
  if (!command.includes('%s'))
    throw new ActionFail({ changed: false, failed: true, msg: `validate must contain %s: ${command}` });
  const tmp = `/tmp/.runbook-validate-${randomBytes(8).toString('hex')}`;
  await ctx.conn.writeFileAtomic(tmp, content, 0o600);
  try {
    const argv = splitShellWords(command.replaceAll('%s', tmp));
    const r = await ctx.conn.execArgv(argv, { env: ctx.env });
    if (r.exitCode !== 0) throw new ActionFail(failure(r.exitCode, r.stdout, r.stderr));
  } finally {
    await ctx.conn.exec(`rm -f ${shellQuote(tmp)}`);
  }
}

/** lineinfile, blockinfile and replace fail with `failed to validate: rc:N error:…`. */
export function rcFailure(rc: number, _stdout: string, stderr: string): ModuleResult {
  return { changed: false, failed: true, msg: `failed to validate: rc:${rc} error:${stderr}` };
}

/** copy and template fail with `failed to validate` and the command's exit status and output. */
export function copyFailure(rc: number, stdout: string, stderr: string): ModuleResult {
  return { changed: false, failed: true, msg: 'failed to validate', data: { exit_status: rc, stdout, stderr } };
}
