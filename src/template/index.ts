// The template engine: Jinja2 with Python value semantics, in plain and Ansible modes.
export { render, evaluate, type TemplateOptions, type TemplateMode, type Vars } from './engine.js';
export {
  template,
  templateText,
  hostVarReader,
  renderTemplateFile,
  markUnsafe,
  markUnsafeDeep,
  setJinja2Native,
  isJinja2Native,
} from './ansible.js';
export { isPossiblyTemplate } from './lexer.js';
export { TemplateError, type TemplateErrorKind } from './errors.js';
export { ansibleTemplateVars, setAnsibleManaged, type TemplateFileFacts } from './template-vars.js';
export { PyFloat, tuple, isTuple, MISSING, typeName, pyTypeRepr } from './py/values.js';
export { pyRepr, pyStr } from './py/repr.js';
export { pyJsonDumps, pyJsonLoads } from './py/json.js';
export { dumpYaml } from './py/yaml-dump.js';
export { strftime } from './py/strftime.js';
export { strptime } from './py/datetime.js';
export { literalEval } from './literal-eval.js';
export { DATA_LOOKUPS } from './lookup-data.js';
export { WITH_LOOP } from './lookups.js';
export { compilePython, pySub } from './py/regex.js';
export type { LoadedTemplate } from './environment.js';
export type { LookupHost } from './lookups.js';
export type { PasswordFiles } from './lookup-password.js';
export { DEFAULT_DELIMITERS, DELIMITER_OPTIONS, type Delimiters } from './lexer.js';
