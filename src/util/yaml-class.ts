// type(value).__name__'s class as Ansible's messages print it (`<class '…'>`) for what its loader
// gave: the AnsibleLoader's Ansible* classes for YAML, json.loads' plain ones for JSON text.
import { PyFloat } from './pyfloat.js';

export function loadedClass(v: unknown, json = false): string {
  const cls = (name: string): string => `<class '${name}'>`;
  const loaded = (name: string, plain: string): string => cls(json ? plain : `ansible.parsing.yaml.objects.${name}`);
  if (v === null || v === undefined) return cls('NoneType');
  if (typeof v === 'boolean') return cls('bool');
  if (v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v))) return cls('float');
  if (typeof v === 'number' || typeof v === 'bigint') return cls('int');
  if (typeof v === 'string') return loaded('AnsibleUnicode', 'str');
  if (Array.isArray(v)) return loaded('AnsibleSequence', 'list');
  if (v instanceof Map) return loaded('AnsibleMapping', 'dict');
  if (v instanceof Date) return cls('datetime.date');
  return cls('object');
}
