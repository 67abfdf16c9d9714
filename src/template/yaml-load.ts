// from_yaml / from_yaml_all: the loader's YAML 1.1 reading, errors as TemplateError.
import { parseYaml } from '../util/index.js';
import { RunbookError } from '../util/index.js';
import { TemplateError } from './errors.js';

function asTemplateError(err: unknown): never {
  if (err instanceof RunbookError) throw new TemplateError('ValueError', err.message);
  throw err;
}

export function loadYamlText(text: string): unknown {
  try {
    return parseYaml(text).documents[0] ?? null;
  } catch (err) {
    return asTemplateError(err);
  }
}

export function loadYamlAll(text: string): unknown[] {
  try {
    return parseYaml(text).documents;
  } catch (err) {
    return asTemplateError(err);
  }
}
