// Variables files (`-e @vars.yml`, vars_files, include_vars): YAML or JSON whose top level
// must be a mapping, as Ansible requires.
import { RunbookError } from '../util/index.js';
import type { Loader } from './types.js';

/** Reads a vars file into a Map; an empty file is an empty mapping. */
export function loadVarsFile(loader: Loader, path: string): Map<unknown, unknown> {
  const value = loader.readYaml(path).documents[0] ?? null;
  if (value === null) return new Map();
  if (!(value instanceof Map)) {
    throw new RunbookError(
      `vars file ${path} must contain a dictionary of variables, not a ${Array.isArray(value) ? 'list' : 'scalar'}`,
      { file: path, line: 1 },
    );
  }
  return value;
}
