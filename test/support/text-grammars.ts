// Seeded generators for the YAML loader and the INI inventory parser fuzzers: documents built
// from the constructs real Ansible content uses (mappings, sequences, every scalar style,
// anchors and aliases, tags, merge keys, flow collections; groups, :vars, :children, host
// ranges, quoted values), then, half the time, broken by a few random edits.
import { rng } from './template-grammar.js';

export { rng };

const NOISE = [
  ':',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '|',
  '>',
  '&',
  '*',
  '!',
  '#',
  '-',
  '\t',
  '\n',
  '%',
  '@',
  '`',
  '\\',
  '=',
  ',',
  '<<',
  ' ',
  '\u00e9',
  '\ufeff',
];

export class TextGrammar {
  constructor(private readonly r: () => number) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }

  private word(): string {
    return this.pick([
      'hosts',
      'name',
      'debug',
      'msg',
      'vars',
      'a',
      'b_1',
      'when',
      'loop',
      'web',
      'db',
      'x y',
      'yes',
      'no',
      '0644',
      '1e3',
      '~',
      'null',
      '2026-11-30',
      '{{ item }}',
      'k.e.y',
    ]);
  }

  private scalar(indent: string): string {
    switch (Math.floor(this.r() * 9)) {
      case 0:
        return `"${this.word()}\\n\\t\\u00e9${this.pick(['', '\\x41', '\\'])}"`;
      case 1:
        return `'${this.word()}''s'`;
      case 2:
        return `|${this.pick(['', '-', '+', '2'])}\n${indent}  ${this.word()}\n${indent}  ${this.word()}`;
      case 3:
        return `>\n${indent}  ${this.word()} ${this.word()}`;
      case 4:
        return `&a${Math.floor(this.r() * 3)} ${this.word()}`;
      case 5:
        return `*a${Math.floor(this.r() * 3)}`;
      case 6:
        return `${this.pick(['!unsafe', '!!str', '!!int', '!vault', '!!binary'])} ${this.word()}`;
      case 7:
        return `[${this.word()}, {${this.word()}: ${this.word()}}]`;
      default:
        return this.word();
    }
  }

  private node(indent: string, depth: number): string {
    if (depth > 3 || this.r() < 0.4) return ` ${this.scalar(indent)}`;
    const inner = `${indent}  `;
    const n = 1 + Math.floor(this.r() * 3);
    if (this.r() < 0.5)
      return `\n${Array.from({ length: n }, () => `${inner}- ${this.node(inner, depth + 1).trimStart()}`).join('\n')}`;
    return `\n${Array.from({ length: n }, () => `${inner}${this.r() < 0.1 ? '<<' : this.word()}:${this.node(inner, depth + 1)}`).join('\n')}`;
  }

  /** A playbook-like YAML document, possibly broken. */
  yaml(): string {
    const plays = Array.from(
      { length: 1 + Math.floor(this.r() * 2) },
      () => `- hosts: all${this.node('', 1).replace(/^\n/, '\n')}`,
    );
    let text = `${this.r() < 0.2 ? '---\n' : ''}${this.r() < 0.1 ? '# comment\n' : ''}${plays.join('\n')}\n${this.r() < 0.1 ? '...\n---\n- x\n' : ''}`;
    if (this.r() < 0.5) text = this.mutate(text);
    return text;
  }

  /** An INI inventory, possibly broken. */
  ini(): string {
    const lines: string[] = [];
    for (let i = 0; i < 3 + Math.floor(this.r() * 10); i++) {
      switch (Math.floor(this.r() * 7)) {
        case 0:
          lines.push(
            `[${this.pick(['web', 'db', 'all', 'g-1', 'ungrouped'])}${this.pick(['', ':vars', ':children', ':bogus'])}]`,
          );
          break;
        case 1:
          lines.push(
            `${this.pick(['web', 'db', 'h'])}${this.pick(['', '[01:10]', '[a:c]', '[1:20:5]', '[9:1]', '[:3]'])}${this.pick(['', '.example.com', ':2222'])} ${this.pick(['', 'ansible_host=10.0.0.1', 'x="a b"', "y='c'", 'z=[1, 2]', 'w={"k": 1}', 'bad', '#c'])}`,
          );
          break;
        case 2:
          lines.push(
            `${this.word().replace(/\s/g, '_')}=${this.pick(['1', 'yes', '"q"', "'s'", '{{ v }}', '', 'a=b', '[1'])}`,
          );
          break;
        case 3:
          lines.push(this.pick(['# comment', '; comment', '', '   ']));
          break;
        case 4:
          lines.push(this.pick(['web', 'db', 'child']));
          break;
        default:
          lines.push(`${this.pick(['host1', 'host2', '10.0.0.2'])} ${this.word().replace(/\s/g, '_')}=${this.word()}`);
      }
    }
    const text = `${lines.join('\n')}\n`;
    return this.r() < 0.5 ? this.mutate(text) : text;
  }

  private mutate(text: string): string {
    let t = text;
    for (let k = 0; k < 1 + Math.floor(this.r() * 3); k++) {
      const at = Math.floor(this.r() * (t.length + 1));
      const op = this.r();
      if (op < 0.4) t = t.slice(0, at) + this.pick(NOISE) + t.slice(at);
      else if (op < 0.7) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(this.r() * 3));
      else {
        const lines = t.split('\n');
        const i = Math.floor(this.r() * lines.length);
        lines.splice(i, 0, lines[Math.floor(this.r() * lines.length)] ?? '');
        t = lines.join('\n');
      }
    }
    return t;
  }
}
