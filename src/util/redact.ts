// Masking secrets (values a vault gave) in text that leaves the run: state files, reports.

/** `text` with every secret (longest first, so one inside another goes whole) masked. */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  const all = [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  for (const s of all) {
    out = out.split(s).join('********');
    // The secret as it appears inside a JSON string (quotes, backslashes, newlines escaped).
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) out = out.split(escaped).join('********');
  }
  return out;
}
