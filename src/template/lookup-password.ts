// The password lookup (plugins/lookup/password.py at stable-2.14): a password read from its file
// (`password salt=… ident=…`), or generated and saved there (0600, its directory 0700; not for
// /dev/null), from `chars` (string module names or literal characters, quotes dropped) and of
// `length`; `seed` draws from Python's random.Random(seed) as Ansible does, so a seeded password
// is the one ansible-playbook generates; `encrypt` hashes it with the password_hash filter's code.
import { randomInt } from 'node:crypto';
import { fail } from './errors.js';
import { pyStr } from './py/repr.js';
import { parseKvWords } from './lookup-kv.js';
import { md5Crypt, shaCrypt } from './py/crypt.js';
import { PyRandom } from './py/random.js';

const VALID = new Set(['length', 'encrypt', 'chars', 'ident', 'seed']);

const STRING_MODULE: Record<string, string> = {
  ascii_letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
  ascii_lowercase: 'abcdefghijklmnopqrstuvwxyz',
  ascii_uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  hexdigits: '0123456789abcdefABCDEF',
  octdigits: '01234567',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  printable:
    '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c',
  whitespace: ' \t\n\r\x0b\x0c',
  letters: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
};

export interface PasswordFiles {
  /** path_dwim: a relative path from the playbook's directory. */
  resolve(path: string): string;
  /** The file's content with trailing whitespace stripped, or undefined where there is none. */
  read(path: string): string | undefined;
  /** Writes content + '\n' (the directory made 0700, the file 0600). */
  write(path: string, content: string): void;
}

/** do_encrypt through passlib: md5_crypt, sha256_crypt, sha512_crypt with their default rounds. */
function encryptPassword(secret: string, scheme: string, salt: string): string {
  if (scheme === 'md5_crypt') return md5Crypt(secret, salt);
  if (scheme === 'sha256_crypt') return shaCrypt(secret, salt, 535000, 256);
  if (scheme === 'sha512_crypt') return shaCrypt(secret, salt, 656000, 512);
  return fail(
    'AnsibleError',
    `runbook does not implement ${scheme} for the password lookup (md5_crypt, sha256_crypt and sha512_crypt it does)`,
  );
}

/** _gen_candidate_chars. */
function candidateChars(specs: string[]): string {
  return specs
    .map((s) => STRING_MODULE[s] ?? s)
    .join('')
    .replace(/["']/g, '');
}

/** _parse_parameters: the path, then key=value options. */
function parseTerm(term: string): { path: string; params: Map<string, string> } {
  const at = term.indexOf(' ');
  if (at < 0) return { path: term, params: new Map() };
  const { params, raw } = parseKvWords(term.slice(at + 1));
  const path = raw ? `${term.slice(0, at)} ${raw}` : term.slice(0, at);
  if (raw && !term.startsWith(path))
    fail('AnsibleError', 'Unrecognized value after key=value parameters given to password lookup');
  const bad = [...params.keys()].filter((k) => !VALID.has(k));
  if (bad.length) fail('AnsibleError', `Unrecognized parameter(s) given to password lookup: ${bad.join(', ')}`);
  return { path, params };
}

/** _parse_content: password, salt, ident. */
function parseContent(content: string): { password: string; salt?: string; ident?: string } {
  const s = content.lastIndexOf(' salt=');
  if (s < 0) return { password: content };
  const rem = content.slice(s + 6);
  const i = rem.lastIndexOf(' ident=');
  return i < 0
    ? { password: content.slice(0, s), salt: rem }
    : { password: content.slice(0, s), salt: rem.slice(0, i), ident: rem.slice(i + 7) };
}

const SALT_CHARS = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SALT_SIZE: Record<string, number> = { md5_crypt: 8, sha256_crypt: 16, sha512_crypt: 16, bcrypt: 22 };
const IMPLICIT_IDENT: Record<string, string> = { bcrypt: '2b' };

/** lookup('password', …) for each term. */
export function passwordLookup(terms: unknown[], kw: Map<string, unknown>, files: PasswordFiles): string[] {
  return terms.map((t) => {
    const { path: relpath, params } = parseTerm(pyStr(t));
    const length = Number(params.get('length') ?? kw.get('length') ?? 20);
    const charsOpt = params.get('chars') ?? kw.get('chars');
    const specs =
      typeof charsOpt === 'string'
        ? [...(charsOpt.includes(',,') ? [','] : []), ...charsOpt.replace(/,,/g, ',').split(',').filter(Boolean)]
        : Array.isArray(charsOpt)
          ? charsOpt.map(String)
          : ['ascii_letters', 'digits', '.,:-_'];
    const encrypt = (params.get('encrypt') ?? (kw.get('encrypt') as string | undefined)) || undefined;
    const seed = params.get('seed') ?? (kw.get('seed') === undefined ? undefined : pyStr(kw.get('seed')));
    const path = files.resolve(relpath);
    const devNull = path === '/dev/null';
    const content = devNull ? undefined : files.read(path);
    let changed = false;
    let { password, salt, ident } =
      content === undefined ? { password: '', salt: undefined, ident: undefined } : parseContent(content);
    if (content === undefined) {
      password = randomPassword(length, candidateChars(specs), seed);
      changed = true;
    }
    if (encrypt && !salt) {
      salt = Array.from({ length: SALT_SIZE[encrypt] ?? 8 }, () => SALT_CHARS[randomInt(SALT_CHARS.length)]).join('');
      changed = true;
    }
    // password.py at stable-2.14 takes the ident parameter over the stored one, and with encrypt
    // but no ident parameter counts the file as changed (so it is written again, 0600)
    ident = params.get('ident') ?? (kw.get('ident') as string | undefined);
    if (encrypt && !ident) {
      changed = true;
      ident = IMPLICIT_IDENT[encrypt];
    }
    if (changed && !devNull)
      files.write(path, !encrypt && !salt ? password : `${password} salt=${salt}${ident ? ` ident=${ident}` : ''}`);
    return encrypt ? encryptPassword(password, encrypt, salt ?? '') : password;
  });
}

/** random_password: SystemRandom, or Python's random.Random(seed) for a seed. */
function randomPassword(length: number, chars: string, seed: string | undefined): string {
  if (!chars) return fail('AnsibleError', 'The password lookup needs characters to choose from');
  const rng = seed === undefined ? undefined : new PyRandom(seed);
  return Array.from({ length }, () => (rng ? rng.choice([...chars]) : chars[randomInt(chars.length)])).join('');
}
