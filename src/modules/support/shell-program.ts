// A module's shell program as one function, defined and then called: it `return`s where a
// script would `exit`, so the same text runs under `sh -c` (local connection, exec channels)
// and in an SSH connection's pooled shell itself (ExecOptions.inShell) — there without the
// subshell every other command gets, a fork of the shell less per task on the host.
//
// In a kept shell what a program assigns would stay: every later command's subshell — `raw`,
// whose command Ansible runs in a fresh login shell — would see `d`, `p` or `l` set where it
// expects them unset. So the lower-case names a program assigns are `local` to its function
// (dash, bash, busybox ash and mksh have `local`; a name the program does not assign keeps
// whatever the shell had). Upper-case names are the environment's, or state meant to last
// (file-magic.ts's RB_MAGIC), and functions a program defines are named rb_*.

/** Names assigned as `x=`, read by `read [-r] x y …`, or looped over by `for x in`. */
const ASSIGN = /(?:^|[\s;&|(){}!])([a-z_][a-z0-9_]*)=/g;
const READ = /\bread\s+(?:-[a-z]+\s+)*((?:[a-z_][a-z0-9_]*[ \t]*)+)/g;
const FOR = /\bfor\s+([a-z_][a-z0-9_]*)\s+in\b/g;

/** The lower-case variables a program's text assigns, in order of first appearance. */
export function assignedNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(ASSIGN)) names.add(m[1] ?? '');
  for (const m of text.matchAll(READ)) for (const n of (m[1] ?? '').split(/\s+/)) if (n) names.add(n);
  for (const m of text.matchAll(FOR)) names.add(m[1] ?? '');
  names.delete('');
  return [...names];
}

/**
 * The program; `body` must return (never exit), and leave the shell's options, umask, traps,
 * working directory and descriptors 0–2 as it found them. What it assigns is local (above).
 */
export function shellProgram(name: string, body: string[]): string {
  const text = body.filter(Boolean).join('\n');
  const locals = assignedNames(text);
  return `${name}() {\n${locals.length ? `local ${locals.join(' ')}\n` : ''}${text}\n}\n${name}`;
}
