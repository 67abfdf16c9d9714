// community.general's yaml stdout callback (plugins/callback/yaml.py, in Debian's ansible for
// 2.14): the default callback with results as YAML — `changed=…` as a header, stdout_lines and
// stderr_lines omitted beside stdout and stderr, multi-line strings as literal blocks, each
// line indented by two spaces.
import { dumpYaml } from '../template/index.js';
import { DefaultCallback, clean } from './default.js';

const HIDDEN_BELOW_VVV = ['invocation', 'diff'];

/** yaml.py's _dump_results on a result as the callbacks get it (TaskResult.clean_copy). */
export function yamlResults(data: Map<string, unknown>, noLog: boolean, verbosity: number, isDebug = false): string {
  const shown = clean(data, noLog, isDebug);
  if (verbosity < 3) for (const k of HIDDEN_BELOW_VVV) shown.delete(k);
  shown.delete('exception');
  let dumped = '';
  for (const k of ['changed', 'skipped']) {
    if (!shown.has(k)) continue;
    dumped += `${k}=${String(shown.get(k)).toLowerCase()} `;
    shown.delete(k);
  }
  for (const k of ['stdout', 'stderr'])
    if (shown.has(k) && shown.has(`${k}_lines`)) shown.set(`${k}_lines`, '<omitted>');
  if (shown.size)
    dumped += `\n${dumpYaml(shown, { flowStyle: false, indent: 2, width: 1000, explicitStart: false, sortKeys: true, literalMultiline: true })}`;
  return dumped.split('\n').join('\n  ').replace(/\s+$/, '');
}

export class YamlCallback extends DefaultCallback {
  protected override dump(data: Map<string, unknown>, noLog: boolean, _verboseAlways = false, isDebug = false): string {
    return yamlResults(data, noLog, this.verbosity, isDebug);
  }

  protected override pretty(data: Map<string, unknown>, noLog: boolean, isDebug = false): string {
    return yamlResults(data, noLog, this.verbosity, isDebug);
  }
}
