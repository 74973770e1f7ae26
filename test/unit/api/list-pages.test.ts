import { describe, expect, it } from 'vitest';
import { ListPages } from '../../../src-main/core/api/list-pages.js';

describe('ListPages', () => {
  it('computes the list for a first page, cuts later pages of the same question from it, and asks again for another question', () => {
    const lists = new ListPages();
    let computed = 0;
    let size = 25;
    const compute = (): number[] => {
      computed += 1;
      return Array.from({ length: size }, (_, i) => i);
    };
    expect(lists.page('a', { day: 1 }, { offset: 0, limit: 10 }, compute)).toEqual({
      rows: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      total: 25,
    });
    size = 30; // the data changed: later pages still come from the list the first page was cut from
    expect(lists.page('a', { day: 1 }, { offset: 20, limit: 10 }, compute)).toEqual({
      rows: [20, 21, 22, 23, 24],
      total: 25,
    });
    expect(computed).toBe(1);
    expect(lists.page('a', { day: 2 }, { offset: 20, limit: 10 }, compute).total).toBe(30); // another question
    expect(lists.page('a', { day: 2 }, { offset: 0 }, compute).rows).toHaveLength(30); // a first page: afresh
    expect(computed).toBe(3);
    expect(lists.page('b', { day: 2 }, {}, compute).rows).toHaveLength(30); // kept per name
    expect(computed).toBe(4);
  });
});
