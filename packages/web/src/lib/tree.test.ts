// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { toTaskRow } from './tasks';
import { buildTaskTree, worstLight } from './tree';

const row = (id: string, path: string, progress: number | null, light: string | null) => toTaskRow({ id, path, text: `任务${id}。`, progress, light });

describe('task tree', () => {
  it('nests tasks under their headings and rolls progress and the worst light up', () => {
    const tree = buildTaskTree(
      [row('a', '二/（一）/1', 40, 'green'), row('b', '二/（一）/2', 80, 'red'), row('c', '二/（二）/1', null, 'yellow'), row('d', '三', 10, null)],
      new Map([['二', '工作任务']]),
    );
    expect(tree.map((n) => n.label)).toEqual(['二 工作任务', '三 任务d']);
    const two = tree[0]!;
    expect(two.taskCount).toBe(3);
    expect(two.progress).toBeCloseTo(60);
    expect(two.light).toBe('red');
    expect(two.children.map((c) => [c.label, c.taskCount, c.light])).toEqual([
      ['（一）', 2, 'red'],
      ['（二）', 1, 'yellow'],
    ]);
    expect(two.children[1]!.progress).toBeNull();
  });

  it("prefers the server's roll-up for a heading when it has one", () => {
    const tree = buildTaskTree([row('a', '二/1', 40, null), row('b', '二/2', 80, null)], new Map(), new Map([['二', 70]]));
    expect(tree[0]!.progress).toBe(70);
  });

  it('ranks lights red over yellow over green', () => {
    expect(worstLight(['green', null, 'yellow'])).toBe('yellow');
    expect(worstLight([null, null])).toBeNull();
  });
});
