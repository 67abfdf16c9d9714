// An INI value as Ansible's ini plugin reads it: ast.literal_eval when the text is a Python
// literal (42, True, [1, 2], "a b"), the text itself otherwise.
import { literalEval } from '../template/index.js';

export function literalValue(text: string): unknown {
  try {
    return literalEval(text, { jsonNames: false });
  } catch {
    return text;
  }
}
