// The vault and unvault filters (plugins/filter/encryption.py at stable-2.14) on the
// controller's VaultLib, which the caller hands the engine with its other services.
import type { CallContext, FilterFn } from '../environment.js';
import { params } from './args.js';
import { fail } from '../errors.js';
import { typeName } from '../py/values.js';
import { pyStr } from '../py/repr.js';
import { isUndefined, failUndefined } from '../undefined.js';
import { VaultText } from '../vault-text.js';

function vaultLib(ctx: CallContext): NonNullable<NonNullable<CallContext['env']['lookups']>['vault']> {
  return ctx.env.lookups?.vault ?? fail('FilterArgumentError', 'the vault filters need the vault of a run');
}

function secretOf(secret: unknown, what: string): string {
  if (isUndefined(secret)) return failUndefined(secret, true);
  if (typeof secret !== 'string')
    return fail(
      'TypeError',
      `Secret passed is required to be ${what} string, instead we got: <class '${typeName(secret)}'>`,
    );
  return secret;
}

// AnsibleFilterError(msg, orig_exc=e): AnsibleError's message adds ". <orig>"
function failWithOrigin(what: string, err: unknown): never {
  const orig = (err as Error).message;
  return fail('FilterArgumentError', `${what}: ${orig}. ${orig}`);
}

// AnsibleFilterTypeError is a TypeError: Templar reports it as an unexpected templating type error
export const ansibleVaultFilters: Record<string, FilterFn> = {
  vault: (ctx, data, a, k) => {
    const [secret, salt, vaultid, wrapObject] = params(
      'vault',
      [
        ['secret', undefined],
        ['salt', null],
        ['vaultid', 'filter_default'],
        ['wrap_object', false],
      ],
      a,
      k,
    );
    const pass = secretOf(secret, 'a');
    if (isUndefined(data)) return failUndefined(data, true);
    if (typeof data !== 'string')
      return fail('TypeError', `Can only vault strings, instead we got: <class '${typeName(data)}'>`);
    let text: string;
    try {
      // VaultAES256.encrypt: to_bytes(salt), so a number salts as its digits
      text = vaultLib(ctx).encrypt(data, pass, pyStr(vaultid), salt === null ? undefined : pyStr(salt));
    } catch (err) {
      return failWithOrigin('Unable to encrypt', err);
    }
    return wrapObject === true ? new VaultText(text) : text;
  },
  unvault: (ctx, vault, a, k) => {
    const [secret, vaultid] = params(
      'unvault',
      [
        ['secret', undefined],
        ['vaultid', 'filter_default'],
      ],
      a,
      k,
    );
    const pass = secretOf(secret, 'as');
    if (isUndefined(vault)) return failUndefined(vault, true);
    const text = vault instanceof VaultText ? vault.vaulttext : vault;
    if (typeof text !== 'string')
      return fail('TypeError', `Vault should be in the form of a string, instead we got: <class '${typeName(vault)}'>`);
    if (!text.trimStart().startsWith('$ANSIBLE_VAULT;')) return text;
    try {
      return vaultLib(ctx).decrypt(text, pass, pyStr(vaultid));
    } catch (err) {
      return failWithOrigin('Unable to decrypt', err);
    }
  },
};
