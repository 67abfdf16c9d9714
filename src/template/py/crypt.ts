// The crypt(3) hashes password_hash makes: SHA-crypt ($5$, $6$; Ulrich Drepper's specification,
// as glibc and passlib's sha256_crypt/sha512_crypt compute it) and MD5-crypt ($1$, passlib's
// md5_crypt), with their own base-64 alphabet and byte order.
import { createHash } from 'node:crypto';

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** b64_from_24bit: `n` characters of the 24-bit number b2·b1·b0, low 6 bits first. */
function b64(b2: number, b1: number, b0: number, n: number): string {
  let w = (b2 << 16) | (b1 << 8) | b0;
  let out = '';
  for (let i = 0; i < n; i++, w >>= 6) out += ITOA64[w & 0x3f];
  return out;
}

function digest(algo: string, ...parts: Buffer[]): Buffer {
  const h = createHash(algo);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** `len` bytes of `block` repeated. */
function repeatTo(block: Buffer, len: number): Buffer {
  const out = Buffer.alloc(len);
  for (let i = 0; i < len; i++) out[i] = block[i % block.length] as number;
  return out;
}

// the byte triples of the final digest, in output order (crypt-sha512.c / crypt-sha256.c)
const SHA512_ORDER: [number, number, number][] = [];
for (let i = 0; i < 21; i++) SHA512_ORDER.push([(i * 22) % 63, (i * 22 + 21) % 63, (i * 22 + 42) % 63]);
const SHA256_ORDER: [number, number, number][] = [];
for (let i = 0; i < 10; i++) SHA256_ORDER.push([(i * 21) % 30, (i * 21 + 10) % 30, (i * 21 + 20) % 30]);

/** SHA-crypt: `$5$`/`$6$`, `rounds=N$` when the rounds are not the implicit 5000. */
export function shaCrypt(password: string, salt: string, rounds: number, bits: 256 | 512): string {
  const algo = bits === 512 ? 'sha512' : 'sha256';
  const size = bits / 8;
  const P = Buffer.from(password, 'utf8');
  const S = Buffer.from(salt.slice(0, 16), 'utf8');
  const B = digest(algo, P, S, P);
  const a = createHash(algo).update(P).update(S);
  let cnt = P.length;
  for (; cnt > size; cnt -= size) a.update(B);
  a.update(B.subarray(0, cnt));
  for (let n = P.length; n > 0; n >>= 1) a.update(n & 1 ? B : P);
  const A = a.digest();
  const dp = createHash(algo);
  for (let i = 0; i < P.length; i++) dp.update(P);
  const Pp = repeatTo(dp.digest(), P.length);
  const ds = createHash(algo);
  for (let i = 0; i < 16 + (A[0] as number); i++) ds.update(S);
  const Sp = repeatTo(ds.digest(), S.length);
  let C = A;
  for (let i = 0; i < rounds; i++) {
    const h = createHash(algo);
    h.update(i & 1 ? Pp : C);
    if (i % 3) h.update(Sp);
    if (i % 7) h.update(Pp);
    h.update(i & 1 ? C : Pp);
    C = h.digest();
  }
  let out = '';
  for (const [x, y, z] of bits === 512 ? SHA512_ORDER : SHA256_ORDER)
    out += b64(C[x] as number, C[y] as number, C[z] as number, 4);
  out += bits === 512 ? b64(0, 0, C[63] as number, 2) : b64(0, C[31] as number, C[30] as number, 3);
  const prefix = bits === 512 ? '$6$' : '$5$';
  return `${prefix}${rounds === 5000 ? '' : `rounds=${rounds}$`}${S.toString('utf8')}$${out}`;
}

/** MD5-crypt ($1$, poul-henning kamp's algorithm). */
export function md5Crypt(password: string, salt: string): string {
  const P = Buffer.from(password, 'utf8');
  const S = Buffer.from(salt.slice(0, 8), 'utf8');
  const magic = Buffer.from('$1$');
  let fin = digest('md5', P, S, P);
  const ctx = createHash('md5').update(P).update(magic).update(S);
  for (let pl = P.length; pl > 0; pl -= 16) ctx.update(fin.subarray(0, Math.min(pl, 16)));
  for (let i = P.length; i; i >>= 1) ctx.update(i & 1 ? Buffer.from([0]) : P.subarray(0, 1));
  fin = ctx.digest();
  for (let i = 0; i < 1000; i++) {
    const h = createHash('md5');
    h.update(i & 1 ? P : fin);
    if (i % 3) h.update(S);
    if (i % 7) h.update(P);
    h.update(i & 1 ? fin : P);
    fin = h.digest();
  }
  const f = (i: number): number => fin[i] as number;
  const out =
    b64(f(0), f(6), f(12), 4) +
    b64(f(1), f(7), f(13), 4) +
    b64(f(2), f(8), f(14), 4) +
    b64(f(3), f(9), f(15), 4) +
    b64(f(4), f(10), f(5), 4) +
    b64(0, 0, f(11), 2);
  return `$1$${S.toString('utf8')}$${out}`;
}
