// modprobe (community.general 6.6, the collection Debian's ansible ships): a kernel module loaded
// or removed, and with `persistent` its /etc/modules-load.d and /etc/modprobe.d files — a port of
// plugins/modules/modprobe.py. Loaded means a line of /proc/modules, or the module listed in
// /lib/modules/RELEASE/modules.builtin; both files must be readable, as for the module.
// Like 6.6's module, `persistent` writes its files in check mode too, and comments out a line by
// joining readlines() with '\n' (each such line then followed by an empty one).
import { shellQuote, splitShellWords } from '../util/index.js';
import { ActionFail, defineModule, type ModuleContext, type ModuleResult } from './define.js';
import { binPath, run, C_LOCALE } from './support/host-run.js';
import { splitLinesKeepEnds } from './support/files.js';

type A = Record<string, unknown>;
const MODULES_LOAD = '/etc/modules-load.d';
const PARAMETERS = '/etc/modprobe.d';

/** The regular expressions of Modprobe.__init__ (the name is put in as it is, as there). */
function patterns(name: string): { module: RegExp; params: RegExp; values: RegExp } {
  return {
    module: new RegExp(`^ *${name} *(?:[#;].*)?\\n?$`),
    params: new RegExp(`^options ${name} \\w+=\\S+ *(?:[#;].*)?\\n?$`),
    values: new RegExp(`^options ${name} (\\w+=\\S+) *(?:[#;].*)?\\n?$`),
  };
}

/** One run of the module on a host. */
class Modprobe {
  changed = false;
  readonly re: ReturnType<typeof patterns>;
  constructor(
    readonly ctx: ModuleContext,
    readonly name: string,
    readonly params: string,
    readonly state: string,
  ) {
    this.re = patterns(name);
  }

  get result(): Record<string, unknown> {
    return { name: this.name, params: this.params, state: this.state };
  }

  fail(msg: string, extra: Record<string, unknown> = {}): never {
    throw new ActionFail({ changed: this.changed, failed: true, msg, data: { ...extra, ...this.result } });
  }

  async sh(argv: string[]): Promise<{ rc: number; out: string; err: string }> {
    return run(this.ctx, argv.map(shellQuote).join(' '), { env: C_LOCALE });
  }

  /** open(path): its text, or the module's failure with Python's IOError words. */
  async read(path: string): Promise<string> {
    const st = await this.ctx.conn.stat(path, true);
    if (!st.exists) this.fail(`[Errno 2] No such file or directory: '${path}'`);
    return (await this.ctx.conn.readFile(path)).toString('utf8');
  }

  async loaded(): Promise<boolean> {
    const prefix = `${this.name.replace(/-/g, '_')} `;
    if (splitLinesKeepEnds(await this.read('/proc/modules')).some((l) => l.startsWith(prefix))) return true;
    const release = (await this.sh(['uname', '-r'])).out.trim();
    const builtin = await this.read(`/lib/modules/${release}/modules.builtin`);
    return splitLinesKeepEnds(builtin).some((l) => l.trimEnd().endsWith(`/${this.name}.ko`));
  }

  async load(): Promise<void> {
    const args = splitShellWords(this.params);
    const r = await this.sh(['modprobe', ...(this.ctx.checkMode ? ['-n'] : []), this.name, ...args]);
    if (r.rc !== 0) this.fail(r.err, { rc: r.rc, stdout: r.out, stderr: r.err });
    if (this.ctx.checkMode || (await this.loaded())) this.changed = true;
    else {
      const again = await this.sh(['modprobe', '-n', '--first-time', this.name, ...args]);
      if (again.rc !== 0) this.warnings.push(again.err);
    }
  }

  async unload(): Promise<void> {
    const r = await this.sh(['modprobe', '-r', this.name, ...(this.ctx.checkMode ? ['-n'] : [])]);
    if (r.rc !== 0) this.fail(r.err, { rc: r.rc, stdout: r.out, stderr: r.err });
    this.changed = true;
  }

  readonly warnings: string[] = [];

  /** The regular files of a directory (os.listdir + isfile). */
  async files(dir: string): Promise<string[]> {
    const r = await this.sh(['find', dir, '-mindepth', '1', '-maxdepth', '1', '-type', 'f']);
    return r.out.split('\n').filter(Boolean).sort();
  }

  async persistentlyLoaded(): Promise<boolean> {
    for (const f of await this.files(MODULES_LOAD))
      if (splitLinesKeepEnds(await this.read(f)).some((l) => this.re.module.test(l))) return true;
    return false;
  }

  async permanentParams(): Promise<Set<string>> {
    const out = new Set<string>();
    for (const f of await this.files(PARAMETERS))
      for (const l of splitLinesKeepEnds(await this.read(f))) {
        const m = this.re.values.exec(l);
        if (m) out.add(m[1]!);
      }
    return out;
  }

  async paramsSet(): Promise<boolean> {
    const want = new Set(this.params.split(/\s+/).filter(Boolean));
    const have = await this.permanentParams();
    return want.size === have.size && [...want].every((p) => have.has(p));
  }

  /** disable_old_params / disable_module_permanent: matching lines commented out. */
  async commentOut(dir: string, re: RegExp): Promise<void> {
    for (const f of await this.files(dir)) {
      const lines = splitLinesKeepEnds(await this.read(f));
      if (!lines.some((l) => re.test(l))) continue;
      await this.write(f, lines.map((l) => (re.test(l) ? `#${l}` : l)).join('\n'));
    }
  }

  async write(path: string, text: string): Promise<void> {
    const st = await this.ctx.conn.stat(path, true);
    await this.ctx.conn.writeFileAtomic(path, text, st.exists ? st.mode & 0o7777 : 0o644);
  }

  async loadPermanent(): Promise<void> {
    if (!(await this.persistentlyLoaded())) {
      await this.write(`${MODULES_LOAD}/${this.name}.conf`, `${this.name}\n`);
      this.changed = true;
    }
    if (!(await this.paramsSet())) {
      await this.commentOut(PARAMETERS, this.re.params);
      const lines = this.params.split(/\s+/).filter(Boolean);
      await this.write(
        `${PARAMETERS}/${this.name}.conf`,
        `${lines.map((p) => `options ${this.name} ${p}`).join('\n')}\n`,
      );
      this.changed = true;
    }
  }

  async unloadPermanent(): Promise<void> {
    if (await this.persistentlyLoaded()) {
      await this.commentOut(MODULES_LOAD, this.re.module);
      this.changed = true;
    }
    if ((await this.permanentParams()).size) {
      await this.commentOut(PARAMETERS, this.re.params);
      this.changed = true;
    }
  }
}

async function main(m: Modprobe, persistent: string): Promise<void> {
  if (m.state === 'present' && !(await m.loaded())) await m.load();
  else if (m.state === 'absent' && (await m.loaded())) await m.unload();
  if (persistent === 'present' && !((await m.persistentlyLoaded()) && (await m.paramsSet()))) await m.loadPermanent();
  else if (persistent === 'absent' && ((await m.persistentlyLoaded()) || (await m.permanentParams()).size))
    await m.unloadPermanent();
}

export default defineModule({
  name: 'modprobe',
  collection: 'community.general',
  description: 'Load or unload kernel modules',
  checkMode: 'supported',
  args: {
    name: { type: 'str', required: true, description: 'The kernel module.' },
    state: { type: 'str', default: 'present', choices: ['absent', 'present'], description: 'Loaded or not.' },
    params: { type: 'str', default: '', description: 'Module parameters (numdummies=2).' },
    persistent: {
      type: 'str',
      default: 'disabled',
      choices: ['disabled', 'present', 'absent'],
      description: 'Also load it at boot (modules-load.d, modprobe.d), or stop loading it at boot.',
    },
  },
  async run(a: A, ctx): Promise<ModuleResult> {
    const m = new Modprobe(ctx, String(a.name), String(a.params), String(a.state));
    const bin = await binPath(ctx, 'modprobe');
    if ('missing' in bin) return { changed: false, failed: true, msg: bin.missing };
    try {
      await main(m, String(a.persistent));
    } catch (e) {
      if (e instanceof ActionFail) return e.result;
      throw e;
    }
    return { changed: m.changed, data: { ...m.result, ...(m.warnings.length ? { warnings: m.warnings } : {}) } };
  },
});
