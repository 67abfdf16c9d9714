// reboot: reboots the host and waits until it is back — the flow of Ansible's reboot action
// plugin (plugins/action/reboot.py, 2.14): read the boot id, run `shutdown -r 0 "<msg>"` (its
// connection may drop), reconnect until the boot id differs, then run the test command.
import { defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { retryConnection } from './wait_for_connection.js';

async function bootId(ctx: ModuleContext, command: string): Promise<string> {
  const r = await ctx.conn.exec(command, { timeoutMs: 10_000 });
  if (r.exitCode !== 0) throw new Error(`failed to get boot time: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

export default defineModule({
  name: 'reboot',
  // the action plugin's _VALID_ARGS (action/reboot.py at stable-2.14)
  validArgs: [
    'boot_time_command',
    'connect_timeout',
    'msg',
    'post_reboot_delay',
    'pre_reboot_delay',
    'test_command',
    'search_paths',
    'reboot_timeout',
    'reboot_command',
  ],
  collection: 'ansible.builtin',
  description: 'Reboots a host and waits for it to come back',
  checkMode: 'supported',
  args: {
    boot_time_command: {
      type: 'str',
      default: 'cat /proc/sys/kernel/random/boot_id',
      description: 'Prints something that changes with every boot.',
    },
    connect_timeout: { type: 'int', description: 'Seconds for one connection attempt.' },
    msg: { type: 'str', default: 'Reboot initiated by Ansible', description: 'Message for logged-in users.' },
    post_reboot_delay: { type: 'int', default: 0, description: 'Seconds to wait after the host is back.' },
    pre_reboot_delay: { type: 'int', default: 0, description: 'Seconds before rebooting (shutdown -r takes minutes).' },
    reboot_command: { type: 'str', description: 'The command that reboots (default shutdown -r).' },
    reboot_timeout: { type: 'int', default: 600, description: 'Seconds to wait for the host to come back.' },
    search_paths: {
      type: 'list',
      elements: 'str',
      default: ['/sbin', '/bin', '/usr/sbin', '/usr/bin', '/usr/local/sbin'],
      description: 'Where to look for shutdown.',
    },
    test_command: { type: 'str', default: 'whoami', description: 'Must succeed once the host is back.' },
  },
  async run(a, ctx): Promise<ModuleResult> {
    if (ctx.conn.local)
      return {
        changed: false,
        failed: true,
        msg: 'Running reboot with local connection would reboot the control node.',
        data: { elapsed: 0, rebooted: false },
      };
    if (ctx.checkMode) return { changed: true, data: { elapsed: 0, rebooted: true } };
    const start = Date.now();
    const before = await bootId(ctx, String(a.boot_time_command));
    const command = a.reboot_command
      ? String(a.reboot_command)
      : `PATH="$PATH:${(a.search_paths as string[]).join(':')}" shutdown -r ${Math.floor(Number(a.pre_reboot_delay) / 60)} "${String(a.msg)}"`;
    try {
      const r = await ctx.conn.exec(command, { timeoutMs: 30_000 });
      if (r.exitCode !== 0 && r.exitCode !== 255)
        return {
          changed: false,
          failed: true,
          msg: `Reboot command failed. Error was: '${r.stdout.trim()}, ${r.stderr.trim()}'`,
          data: { rebooted: false },
        };
    } catch {
      // The connection going away is what a reboot does.
    }
    await ctx.conn.reset?.();
    const back = await retryConnection(
      ctx,
      Number(a.reboot_timeout),
      1,
      async () =>
        (await bootId(ctx, String(a.boot_time_command))) !== before &&
        (await ctx.conn.exec(String(a.test_command), { timeoutMs: 30_000 })).exitCode === 0,
      a.connect_timeout ? Number(a.connect_timeout) + 10 : 40,
    );
    const elapsed = Math.floor((Date.now() - start) / 1000);
    if (!back.ok)
      return {
        changed: false,
        failed: true,
        msg: `Timed out waiting for last boot time check (timeout=${String(a.reboot_timeout)})`,
        data: { rebooted: true, elapsed },
      };
    if (Number(a.post_reboot_delay) > 0) await ctx.sleep(Number(a.post_reboot_delay) * 1000);
    return { changed: true, data: { rebooted: true, elapsed } };
  },
});
