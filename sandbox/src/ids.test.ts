import { describe, expect, it } from 'vitest';
import { createIdGenerator } from './ids.ts';

describe('createIdGenerator', () => {
  it('makes Omise-style test ids: prefix, _test_, 19 lowercase base-36 characters', () => {
    const newId = createIdGenerator(() => new Date());
    for (const prefix of ['cust', 'card', 'tokn'] as const) {
      expect(newId(prefix)).toMatch(new RegExp(`^${prefix}_test_[0-9a-z]{19}$`));
    }
  });

  it('sorts in creation order within one millisecond and when the clock steps back', () => {
    let now = Date.parse('2025-03-20T09:12:01Z');
    const newId = createIdGenerator(() => new Date(now));
    const ids = [newId('cust'), newId('cust'), newId('cust')];
    now -= 5000;
    ids.push(newId('cust'));
    now += 60_000;
    ids.push(newId('cust'));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps 19 characters and the order when a frozen clock runs through a millisecond', () => {
    const newId = createIdGenerator(() => new Date(0));
    let wrongLength = 0;
    const tail: string[] = [];
    for (let i = 0; i < 36 ** 4 + 10; i++) {
      const id = newId('tokn');
      if (id.length !== 'tokn_test_'.length + 19) wrongLength++;
      if (i >= 36 ** 4 - 10) tail.push(id);
    }
    expect(wrongLength).toBe(0);
    expect(tail.toSorted()).toEqual(tail);
  });
});
