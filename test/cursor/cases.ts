// The cursor's transitions as data: a task tree (strings are tasks, objects blocks), the tasks
// that fail on the host, and what ansible-playbook 2.14.18 ran (scripts/record-cursor-cases.ts
// records `ran`, `failed` and `rescued` into cases.json from a playbook built from the same tree).
export type Tree = (string | { block: Tree; rescue?: Tree; always?: Tree })[];

export interface CursorCase {
  name: string;
  tasks: Tree;
  fails: string[];
}

export const CURSOR_CASES: CursorCase[] = [
  { name: 'plain tasks, a failure stops the host', tasks: ['t1', 't2', 't3'], fails: ['t2'] },
  {
    name: 'rescue catches, always runs, the host goes on',
    tasks: [{ block: ['b1', 'b2', 'b3'], rescue: ['r1', 'r2'], always: ['a1'] }, 't4'],
    fails: ['b2'],
  },
  {
    name: 'always without rescue: runs, then the host stops',
    tasks: [{ block: ['b1', 'b2'], always: ['a1', 'a2'] }, 't3'],
    fails: ['b1'],
  },
  {
    name: 'a failing rescue: always runs, the host stops',
    tasks: [{ block: ['b1'], rescue: ['r1', 'r2'], always: ['a1'] }, 't2'],
    fails: ['b1', 'r1'],
  },
  {
    name: 'a failing always after a rescue',
    tasks: [{ block: ['b1'], rescue: ['r1'], always: ['a1', 'a2'] }, 't2'],
    fails: ['b1', 'a1'],
  },
  {
    name: 'no failure: rescue skipped, always runs',
    tasks: [{ block: ['b1'], rescue: ['r1'], always: ['a1'] }, 't2'],
    fails: [],
  },
  {
    name: 'nested: the inner rescue catches',
    tasks: [{ block: ['b1', { block: ['i1', 'i2'], rescue: ['ir1'] }, 'b2'], rescue: ['r1'], always: ['a1'] }],
    fails: ['i1'],
  },
  {
    name: 'nested: no inner rescue, the outer one catches after the inner always',
    tasks: [{ block: [{ block: ['i1', 'i2'], always: ['ia1'] }, 'b2'], rescue: ['r1'], always: ['a1'] }, 't9'],
    fails: ['i1'],
  },
  {
    name: 'nested: the inner rescue fails, the outer rescue catches',
    tasks: [{ block: [{ block: ['i1'], rescue: ['ir1', 'ir2'], always: ['ia1'] }, 'b2'], rescue: ['r1'] }, 't9'],
    fails: ['i1', 'ir1'],
  },
  {
    name: 'a block inside rescue',
    tasks: [{ block: ['b1'], rescue: [{ block: ['rb1', 'rb2'], rescue: ['rr1'] }, 'r2'], always: ['a1'] }, 't9'],
    fails: ['b1', 'rb1'],
  },
  {
    name: 'a block inside always fails',
    tasks: [{ block: ['b1'], always: [{ block: ['ab1', 'ab2'], rescue: ['ar1'] }, 'a2'] }, 't9'],
    fails: ['ab1'],
  },
  {
    name: 'three levels deep, caught at the top',
    tasks: [
      {
        block: [{ block: [{ block: ['x1', 'x2'], always: ['xa'] }, 'y2'], always: ['ya'] }, 'z2'],
        rescue: ['zr'],
        always: ['za'],
      },
      't9',
    ],
    fails: ['x1'],
  },
  {
    name: 'two blocks in a row, the first rescued',
    tasks: [{ block: ['b1'], rescue: ['r1'] }, { block: ['c1'], rescue: ['s1'] }, 't9'],
    fails: ['b1', 'c1'],
  },
  {
    name: 'an empty rescue list is no rescue',
    tasks: [{ block: ['b1', 'b2'], rescue: [], always: ['a1'] }, 't9'],
    fails: ['b1'],
  },
];

function yamlOf(tree: Tree, fails: string[], indent: string): string {
  return tree
    .map((e) => {
      if (typeof e === 'string')
        return `${indent}- name: ${e}\n${indent}  ${fails.includes(e) ? 'fail' : 'debug'}: msg=${e}\n`;
      const part = (k: string, list: Tree | undefined): string =>
        list === undefined
          ? ''
          : list.length
            ? `${indent}  ${k}:\n${yamlOf(list, fails, `${indent}    `)}`
            : `${indent}  ${k}: []\n`;
      return `${indent}- block:\n${yamlOf(e.block, fails, `${indent}    `)}${part('rescue', e.rescue)}${part('always', e.always)}`;
    })
    .join('');
}

/** The playbook a case stands for: debug tasks, fail for the failing ones, one local host. */
export function playbookOf(c: CursorCase): string {
  return `- hosts: localhost\n  gather_facts: false\n  connection: local\n  tasks:\n${yamlOf(c.tasks, c.fails, '    ')}`;
}
