// Small shared pieces: user-facing errors, Python floats, and YAML as Ansible reads it.
export { RunbookError, OptionsError, formatLocation, appearsIn, type SourceLocation } from './errors.js';
export { PyFloat } from './pyfloat.js';
export {
  parseYaml,
  parseYamlValue,
  type ParsedYaml,
  type YamlPositions,
  type YamlOptions,
  type VaultDecryptor,
} from './yaml.js';
export { resolvesToNonString, PY_BOOL, PY_FLOAT, PY_INT, PY_NULL, PY_TIMESTAMP } from './yaml-resolve.js';
export { shellQuote, splitShellWords } from './shell-words.js';
export { redact } from './redact.js';
export { VaultFailure, VaultValueError, rememberVaultValue, isVaultValue } from './vault-failure.js';
export { writeFileWhole } from './write-whole.js';
export { expandUser } from './expand-user.js';
export { mergeHash } from './merge-hash.js';
export { PY_SINGLE_ESCAPES, pyBytesRepr, pyStrRepr } from './python-escapes.js';
export { isTruthy } from './truth.js';
export { escapeRegExp, isAscii } from './regexp.js';
export { closest, didYouMean } from './closest.js';
export { fnmatch, fnmatchRegExp } from './fnmatch.js';
export { SIZE_UNITS, bytesToHuman } from './bytes-to-human.js';
export { ConfigParserError, readConfig, type ConfigParser } from './configparser.js';
export { pySplitLines } from './splitlines.js';
export { dirEntriesInOrder } from './dir-entries.js';
export { templateFileFacts, userName } from './file-owner.js';
export { loadedClass } from './yaml-class.js';
export { isJsonText } from './json-text.js';
export { onYamlDatetime, type TimestampFields } from './yaml-timestamp.js';
