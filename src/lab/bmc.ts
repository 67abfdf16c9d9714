// The lab's BMCs: one OpenIPMI simulator (`ipmi_sim`, Debian's openipmi) per host — a real
// IPMI-over-LAN endpoint that ipmitool reaches with RMCP+ (lanplus) on UDP 623, with a user and
// password of its own. Its chassis control program (lan.conf `chassis_control`, OpenIPMI
// lanserv @ 2.0.33: called as `PROG get|set PARM [VALUE]…`, answering `parm:value` lines) is
// `runbook lab bmc HOST`, which powers the lab host off and on; a power-on after
// `chassis bootdev pxe` boots the host from the network (pxe.ts), as a one-time boot device does.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellQuote } from '../util/index.js';
import { livePid } from './proc.js';

export interface BmcSpec {
  /** The lab host it manages. */
  host: string;
  /** Its IPMI LAN address (bmcAddress of the host's address). */
  address: string;
  user: string;
  password: string;
  /** The lab's directory; the BMC's files are DIR/bmc/HOST. */
  dir: string;
  /** The command line ipmi_sim runs for chassis control (get/set and their arguments follow). */
  control: string;
}

/** A host's BMC address: the host's, 100 higher in the third octet (127.0.3.11 → 127.0.103.11). */
export function bmcAddress(hostAddress: string): string {
  const [a, b, c, d] = hostAddress.split('.').map(Number);
  return `${a}.${b}.${(c! + 100) % 256}.${d}`;
}

export const bmcDir = (dir: string, host: string): string => join(dir, 'bmc', host);

/** ipmi_sim's LAN configuration (ipmi_lan(5)): one MC at 0x20, one admin user, RMCP+ allowed. */
export function lanConf(s: BmcSpec): string {
  const q = (v: string): string => `"${v.replace(/["\\]/g, '')}"`;
  return [
    `name ${q(`bmc-${s.host}`)}`,
    'set_working_mc 0x20',
    '  startlan 1',
    `    addr ${s.address} 623`,
    '    priv_limit admin',
    ...['callback', 'user', 'operator', 'admin'].map((l) => `    allowed_auths_${l} md5 straight`),
    '    guid a123456789abcdefa123456789abcdef',
    '  endlan',
    `  chassis_control ${q(s.control)}`,
    `  user 2 true ${q(s.user)} ${q(s.password)} admin 10 md5 straight`,
    '',
  ].join('\n');
}

/** The simulator's start-up commands (ipmi_sim_cmd(5)): the BMC itself, enabled. */
export const BMC_COMMANDS = 'mc_setbmc 0x20\nmc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02\nmc_enable 0x20\n';

/** UDP sockets bound on this machine, as "address:port" (from /proc/net/udp). */
function udpBound(): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const local = line.trim().split(/\s+/)[1];
    if (!local) continue;
    const [hex, port] = local.split(':');
    const ip = [3, 2, 1, 0].map((i) => parseInt(hex!.slice(i * 2, i * 2 + 2), 16)).join('.');
    out.add(`${ip}:${parseInt(port!, 16)}`);
  }
  return out;
}

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts the host's BMC unless it runs; resolves once it listens. The password stays in a 0600 file. */
export async function startBmc(s: BmcSpec): Promise<void> {
  const d = bmcDir(s.dir, s.host);
  const pidFile = join(d, 'pid');
  if (livePid(pidFile)) return;
  mkdirSync(join(d, 'state'), { recursive: true, mode: 0o700 });
  writeFileSync(join(d, 'lan.conf'), lanConf(s), { mode: 0o600 });
  writeFileSync(join(d, 'commands'), BMC_COMMANDS);
  const child = spawn(
    'ipmi_sim',
    ['-c', join(d, 'lan.conf'), '-f', join(d, 'commands'), '-n', '-s', join(d, 'state')],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  for (let i = 0; i < 100; i++) {
    if (udpBound().has(`${s.address}:623`)) return;
    if (!livePid(pidFile)) break;
    await delay(50);
  }
  throw new Error(`the BMC of ${s.host} (ipmi_sim on ${s.address}:623) did not start`);
}

export function stopBmc(dir: string, host: string): void {
  const pidFile = join(bmcDir(dir, host), 'pid');
  const pid = livePid(pidFile);
  if (pid) process.kill(pid, 'SIGTERM');
  rmSync(pidFile, { force: true });
}

/** What chassis control acts on: the lab host's power and its boot (pxe.ts when PXE is set). */
export interface Chassis {
  isOn(): boolean;
  /** Hard power off: every process of the host ends. */
  off(): Promise<void>;
  /** Power on, in the background (a BMC answers at once; the host boots after). */
  on(pxe: boolean): void;
}

/**
 * One call of ipmi_sim's chassis control program: `get PARM…` prints `parm:value` lines, `set
 * PARM VALUE…` acts. The boot device is one-time (IPMI's default without `persistent`): a
 * power-on consumes it.
 */
export async function chassisControl(dir: string, host: string, args: string[], chassis: Chassis): Promise<string> {
  const bootFile = join(bmcDir(dir, host), 'bootdev');
  const boot = (): string => (existsSync(bootFile) ? readFileSync(bootFile, 'utf8').trim() : 'default');
  // a power-on consumes the one-time boot device
  const powerOn = (): void => {
    const pxe = boot() === 'pxe';
    rmSync(bootFile, { force: true });
    chassis.on(pxe);
  };
  const [verb, ...rest] = args;
  const out: string[] = [];
  if (verb === 'get') {
    for (const parm of rest) {
      if (parm === 'power') out.push(`power:${chassis.isOn() ? 1 : 0}`);
      else if (parm === 'boot') out.push(`boot:${boot()}`);
    }
    return out.join('\n');
  }
  if (verb !== 'set' && verb !== 'check') throw new Error(`chassis control: unknown request '${args.join(' ')}'`);
  for (let i = 0; i + 1 < rest.length; i += 2) {
    const [parm, value] = [rest[i]!, rest[i + 1]!];
    if (verb === 'check') continue;
    if (parm === 'boot') {
      if (value === 'default' || value === 'none') rmSync(bootFile, { force: true });
      else writeFileSync(bootFile, `${value}\n`);
    } else if (parm === 'power' && value === '0') await chassis.off();
    else if (parm === 'power' && value === '1' && !chassis.isOn()) powerOn();
    else if (parm === 'reset' && value === '1') {
      await chassis.off();
      powerOn();
    }
  }
  return '';
}

/** This runbook's `lab bmc` for the host, as argv: the chassis control program and its power-on. */
export function controlArgv(cli: string, dir: string, host: string): string[] {
  return [process.execPath, cli, 'lab', 'bmc', '--dir', dir, host];
}

/** The chassis control command line for ipmi_sim (it runs it through a shell). */
export function controlCommand(cli: string, dir: string, host: string): string {
  return controlArgv(cli, dir, host).map(shellQuote).join(' ');
}
