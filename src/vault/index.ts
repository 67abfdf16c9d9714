// Ansible vault: reading vaulted files and values.
export { decryptVault, isVaulted, VAULT_HEADER, type VaultSecret } from './vault.js';
export { encryptVault } from './encrypt.js';
export { readPasswordSource, parseVaultId } from './secrets.js';
