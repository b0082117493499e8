// The dashboard's top-of-list selection equals sorting everything, names included.
import { fc, test as propTest } from '@fast-check/vitest';
import { expect } from 'vitest';
import { firstInOrder } from '../../electron/services/health';

propTest.prop([fc.array(fc.record({ p: fc.integer({ min: 0, max: 5 }), name: fc.string({ maxLength: 3 }) }), { maxLength: 80 }), fc.integer({ min: 1, max: 60 })])(
  'takes the same first n as a full sort by priority, then name',
  (items, n) => {
    const order = (a: (typeof items)[number], b: (typeof items)[number]) => b.p - a.p;
    const tie = (a: (typeof items)[number], b: (typeof items)[number]) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const expected = [...items].sort((a, b) => order(a, b) || tie(a, b)).slice(0, n);
    const got = firstInOrder([...items], n, order, tie);
    expect(got.map((x) => [x.p, x.name])).toEqual(expected.map((x) => [x.p, x.name]));
  },
);
