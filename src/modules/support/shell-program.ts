// A module's shell program as one function, defined and then called: it `return`s where a
// script would `exit`, so the same text runs under `sh -c` (local connection, exec channels)
// and in an SSH connection's pooled shell itself (ExecOptions.inShell) — there without the
// subshell every other command gets, a fork of the shell less per task on the host.

/**
 * The program; `body` must return (never exit), and leave the shell's options, umask, traps,
 * working directory and descriptors 0–2 as it found them. Variables it sets stay behind in a
 * kept shell: each program sets every variable it reads.
 */
export function shellProgram(name: string, body: string[]): string {
  return `${name}() {\n${body.filter(Boolean).join('\n')}\n}\n${name}`;
}
