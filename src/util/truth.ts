// Ansible's boolean() for keyword values (ignore_errors: "yes", no_log: 1, allow_duplicates: …).

export function isTruthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return ['yes', 'on', '1', 'true', 'y', 't'].includes(v.trim().toLowerCase());
  if (typeof v === 'number') return v !== 0;
  if (v instanceof Map) return v.size > 0;
  if (Array.isArray(v)) return v.length > 0;
  return Boolean(v);
}
