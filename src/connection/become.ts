// become as ansible-core's sudo and su plugins build it (plugins/become/sudo.py, su.py,
// become/__init__.py): the command runs under /bin/sh -c after an `echo BECOME-SUCCESS-<id>`,
// sudo gets -H -S -n by default, and with a password -n goes and a prompt with the id comes.
// The password is written to the channel's stdin when the prompt shows — never in argv.
import { createHash, randomBytes } from 'node:crypto';
import { shellQuote } from '../util/index.js';
import { BecomeError } from './errors.js';

export interface Become {
  method: 'sudo' | 'su';
  user: string;
  flags?: string;
  password?: string;
  exe?: string;
}

export interface Wrapped {
  command: string;
  success: string;
  prompt: RegExp;
}

/** The key that tells persistent shells apart (one per host and become-user). */
// The password is part of it (hashed): a task with a wrong password must not borrow a shell
// another task opened with the right one.
export function becomeKey(b: Become | undefined): string {
  if (!b) return '';
  const pw = b.password === undefined ? '-' : createHash('sha256').update(b.password).digest('hex').slice(0, 16);
  return `${b.method}:${b.user}:${b.flags ?? ''}:${b.exe ?? ''}:${pw}`;
}

export function wrapBecome(b: Become, command: string): Wrapped {
  const id = randomBytes(16).toString('hex');
  const success = `BECOME-SUCCESS-${id}`;
  // printf without a newline (Ansible echoes): the command's output starts right after the marker.
  const inner = `/bin/sh -c ${shellQuote(`printf %s ${success}; ${command}`)}`;
  if (b.method === 'su') {
    return {
      command: `${b.exe ?? 'su'} ${b.flags ?? ''} ${shellQuote(b.user)} -c ${shellQuote(inner)}`.replace(/ {2,}/g, ' '),
      success,
      prompt: /(Password|Passwort|Contrase\u00f1a|Mot de passe) ?(for .*)?: ?$/i,
    };
  }
  let flags = b.flags ?? '-H -S -n';
  let prompt = '';
  if (b.password !== undefined) {
    flags = flags
      .replace(/(^|\s)-n(?=\s|$)/, '$1')
      .replace(/(^|\s)-([A-Za-z]*)n([A-Za-z]*)(?=\s|$)/, '$1-$2$3')
      .trim();
    prompt = `-p ${shellQuote(`[sudo via ansible, key=${id}] password:`)}`;
  }
  const text = [b.exe ?? 'sudo', flags, prompt, '-u', shellQuote(b.user), inner].filter(Boolean).join(' ');
  return { command: text, success, prompt: new RegExp(`\\[sudo via ansible, key=${id}\\] password:\\s*$`) };
}

/**
 * Watches a channel's first output for the prompt and the success marker. Resolves with the
 * stdout that followed the marker once it is seen; rejects with Ansible's become messages.
 */
export class BecomeHandshake {
  private prompts = 0;
  private out = '';
  private err = '';
  done = false;

  constructor(
    private readonly b: Become,
    private readonly w: Wrapped,
    private readonly writePassword: (line: string) => void,
  ) {}

  /** Feeds output; returns the stdout after the marker once the marker has been seen. */
  feed(stream: 'out' | 'err', text: string): string | undefined {
    if (stream === 'out') this.out += text;
    else this.err += text;
    const seen = this.out.indexOf(this.w.success);
    if (seen >= 0) {
      this.done = true;
      return this.out.slice(seen + this.w.success.length);
    }
    if (this.w.prompt.test(this.err) || this.w.prompt.test(this.out)) {
      this.prompts++;
      this.err = '';
      this.out = '';
      const what = this.b.method;
      if (this.b.password === undefined) throw new BecomeError(`Missing ${what} password`);
      if (this.prompts > 1) throw new BecomeError(`Incorrect ${what} password`);
      this.writePassword(`${this.b.password}\n`);
    }
    return undefined;
  }

  /** The channel closed before the marker: why. */
  failure(exitCode: number): BecomeError {
    const text = `${this.err}${this.out}`.trim();
    if (/a password is required/.test(text)) return new BecomeError(`Missing ${this.b.method} password`);
    if (/incorrect password|Authentication failure|Sorry, try again/i.test(text))
      return new BecomeError(`Incorrect ${this.b.method} password`);
    return new BecomeError(`${this.b.method} to ${this.b.user} failed (rc=${exitCode}): ${text}`);
  }
}
