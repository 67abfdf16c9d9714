// The cursor's transitions against ansible-playbook: each tree of test/cursor/cases.ts run
// through a HostCursor (a failing task marks the host failed, as the strategy does) must run the
// tasks ansible-playbook 2.14.18 ran, end failed or not as it did, and count the same rescues.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block, Item, Task } from '../playbook/index.js';
import { HostCursor, HostState, isAnyBlockRescuing, type CursorPlay } from './host-cursor.js';
import { asBlocks } from './play-blocks.js';
import { CURSOR_CASES, playbookOf, type Tree } from '../../test/cursor/cases.js';

interface Recorded {
  name: string;
  input_sha256: string;
  ran: string[];
  failed: number;
  rescued: number;
}
const recorded = JSON.parse(readFileSync(new URL('../../test/cursor/cases.json', import.meta.url), 'utf8')) as {
  recorded_with: string;
  cases: Recorded[];
};

const origin = { file: 'play.yml' };

function items(tree: Tree | undefined, parent: Block | undefined): Item[] {
  return (tree ?? []).map((e): Item => {
    if (typeof e === 'string')
      return {
        kind: 'task',
        action: 'debug',
        args: new Map(),
        keywords: new Map([['name', e]]),
        origin,
        parent,
        role: undefined,
      } satisfies Task;
    const block: Block = {
      kind: 'block',
      block: [],
      rescue: [],
      always: [],
      keywords: new Map(),
      origin,
      parent,
      role: undefined,
    };
    block.block.push(...items(e.block, block));
    block.rescue.push(...items(e.rescue, block));
    block.always.push(...items(e.always, block));
    return block;
  });
}

const play: CursorPlay = { gather: () => false, handlers: () => [], isNotified: () => false };

describe('HostCursor, against ansible-playbook 2.14.18', () => {
  it('has a recording of every case, made from its current tree', () => {
    expect(recorded.recorded_with).toMatch(/^ansible-playbook \[core 2\.14\.18\]/);
    expect(recorded.cases.map((c) => c.name)).toEqual(CURSOR_CASES.map((c) => c.name));
    for (const c of CURSOR_CASES) {
      const want = recorded.cases.find((r) => r.name === c.name);
      expect(want?.input_sha256, `${c.name}: npx tsx scripts/record-cursor-cases.ts`).toBe(
        createHash('sha256').update(playbookOf(c)).digest('hex'),
      );
    }
  });

  it.each(CURSOR_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const want = recorded.cases.find((r) => r.name === c.name) as Recorded;
    const empty = { block: [], rescue: [], always: [] };
    const cursor = new HostCursor(
      'localhost',
      new HostState([empty, ...asBlocks(items(c.tasks, undefined), origin)]),
      play,
    );
    const ran: string[] = [];
    let rescued = 0;
    for (let item = cursor.next(); item; item = cursor.next()) {
      const name = String(item.keywords.get('name'));
      ran.push(name);
      if (!c.fails.includes(name)) continue;
      if (isAnyBlockRescuing(cursor.current)) rescued++;
      cursor.fail();
    }
    expect({ ran, failed: cursor.failed ? 1 : 0, rescued }).toEqual({
      ran: want.ran,
      failed: want.failed,
      rescued: want.rescued,
    });
  });
});
