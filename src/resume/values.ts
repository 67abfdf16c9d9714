// Engine values to JSON and back for the state file: dicts are Maps in the engine and objects
// in the file.
import { PyFloat } from '../util/index.js';

export function toJson(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toJson(x)]));
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof PyFloat) return v.value;
  if (v === undefined) return null;
  return v;
}

export function fromJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromJson);
  if (v !== null && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, fromJson(x)]));
  return v;
}
