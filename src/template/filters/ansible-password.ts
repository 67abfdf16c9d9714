// password_hash (filter/core.py get_encrypted_password and utils/encrypt.py PasslibHash at
// stable-2.14, as the reference machine runs it: with passlib): md5, sha256, sha512 and their
// passlib names; rounds default to crypt's (535000, 656000) and show unless they are 5000.
import { randomInt } from 'node:crypto';
import type { FilterFn } from '../environment.js';
import { params } from './args.js';
import { toText } from '../runtime.js';
import { fail } from '../errors.js';
import { isInt, toJsNumber } from '../py/values.js';
import { pyStr } from '../py/repr.js';
import { pyCompare } from '../py/ops.js';
import { md5Crypt, shaCrypt } from '../py/crypt.js';

const PASSLIB_NAMES: Record<string, string> = {
  md5: 'md5_crypt',
  blowfish: 'bcrypt',
  sha256: 'sha256_crypt',
  sha512: 'sha512_crypt',
};

// passlib's handlers: salt size (default and most), the default rounds Ansible passes
const ALGORITHMS: Record<string, { saltSize: number; rounds?: number }> = {
  md5_crypt: { saltSize: 8 },
  sha256_crypt: { saltSize: 16, rounds: 535000 },
  sha512_crypt: { saltSize: 16, rounds: 656000 },
};

const SALT_CHARS = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

// AnsibleFilterError(to_native(e), orig_exc=e) around AnsibleError("Could not hash the secret.", orig_exc=ValueError)
function couldNotHash(reason: string): never {
  const inner = `Could not hash the secret.. ${reason}`;
  return fail('FilterArgumentError', `${inner}. ${inner}`);
}

function saltOf(name: string, given: unknown, size: unknown, max: number): string {
  if (given !== null && given !== undefined && given !== '') {
    const salt = pyStr(given);
    if (/[^./0-9A-Za-z]/.test(salt)) couldNotHash(`invalid characters in ${name} salt`);
    if (salt.length > max) couldNotHash(`salt too large (${name} requires <= ${max} chars)`);
    return salt;
  }
  let n = max;
  if (size !== null && size !== undefined) {
    // passlib compares the size with its bounds first (a list is a TypeError there)
    pyCompare(size, 0);
    n = toJsNumber(size);
    if (n > max) couldNotHash(`salt_size must be <= ${max}`);
  }
  let salt = '';
  for (let i = 0; i < n; i++) salt += SALT_CHARS[randomInt(SALT_CHARS.length)];
  return salt;
}

export const ansiblePasswordFilters: Record<string, FilterFn> = {
  password_hash: (ctx, v, a, k) => {
    const [hashtype, salt, saltSize, rounds] = params(
      'password_hash',
      [
        ['hashtype', 'sha512'],
        ['salt', null],
        ['salt_size', null],
        ['rounds', null],
        ['ident', null],
      ],
      a,
      k,
    );
    const name = PASSLIB_NAMES[pyStr(hashtype)] ?? pyStr(hashtype);
    const algo = ALGORITHMS[name];
    if (name === 'bcrypt')
      return fail(
        'FilterArgumentError',
        'runbook does not implement bcrypt for password_hash (md5, sha256 and sha512 it does)',
      );
    if (!algo) {
      const msg = `passlib does not support '${name}' algorithm`;
      return fail('FilterArgumentError', `${msg}. ${msg}`);
    }
    const secret = toText(v, ctx);
    const s = saltOf(name, salt, saltSize, algo.saltSize);
    if (name === 'md5_crypt') return md5Crypt(secret, s);
    const r = rounds !== null && rounds !== undefined && isInt(rounds) && rounds ? rounds : (algo.rounds ?? 5000);
    if (r < 1000 || r > 999999999)
      couldNotHash(
        `rounds too ${r < 1000 ? 'low' : 'high'} (${name} ${r < 1000 ? 'min_rounds is 1000' : 'max_rounds is 999999999'})`,
      );
    return shaCrypt(secret, s, r, name === 'sha512_crypt' ? 512 : 256);
  },
};
