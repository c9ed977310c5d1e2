import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POSITION,
  POSITIONS_KEY,
  clampPosition,
  parsePosition,
  parsePositions,
  positionFor,
  savePosition,
  withPosition,
  type PositionStore,
} from './position';

function memoryStore(initial: Record<string, unknown> = {}): PositionStore & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (key) => (key in data ? { [key]: data[key] } : {}),
    set: async (items) => void Object.assign(data, items),
  };
}

describe('parsePosition', () => {
  it.each([
    [{ right: 10, bottom: 20 }, { right: 10, bottom: 20 }],
    [{ right: 0, bottom: 0, extra: 'x' }, { right: 0, bottom: 0 }],
  ])('accepts %j', (input, expected) => expect(parsePosition(input)).toEqual(expected));

  it.each([null, undefined, 'x', 5, [], {}, { right: -1, bottom: 0 }, { right: 1, bottom: '2' }, { right: NaN, bottom: 1 }, { right: 1, bottom: Infinity }, { right: 1e9, bottom: 1 }])(
    'refuses %j',
    (input) => expect(parsePosition(input)).toBeNull(),
  );
});

describe('parsePositions', () => {
  it('keeps good entries and drops bad ones', () => {
    expect(parsePositions({ 'https://a.example': { right: 1, bottom: 2 }, 'https://b.example': { right: 'x' } })).toEqual({
      'https://a.example': { right: 1, bottom: 2 },
    });
  });
  it.each([null, 'text', [1, 2], 42])('treats %j as empty', (input) => expect(parsePositions(input)).toEqual({}));
});

describe('withPosition', () => {
  it('moves the updated site to the end and drops the oldest beyond the cap', () => {
    const all = { a: { right: 1, bottom: 1 }, b: { right: 2, bottom: 2 }, c: { right: 3, bottom: 3 } };
    const next = withPosition(all, 'a', { right: 9, bottom: 9 }, 3);
    expect(Object.keys(next)).toEqual(['b', 'c', 'a']);
    const capped = withPosition(next, 'd', { right: 4, bottom: 4 }, 3);
    expect(Object.keys(capped)).toEqual(['c', 'a', 'd']);
  });
});

describe('clampPosition', () => {
  const viewport = { width: 1000, height: 800 };
  const size = { width: 200, height: 40 };
  it.each([
    [{ right: 16, bottom: 16 }, { right: 16, bottom: 16 }],
    [{ right: -50, bottom: -3 }, { right: 4, bottom: 4 }],
    [{ right: 5000, bottom: 5000 }, { right: 796, bottom: 756 }],
    [{ right: 10.6, bottom: 20.2 }, { right: 11, bottom: 20 }],
  ])('%j -> %j', (pos, expected) => expect(clampPosition(pos, viewport, size)).toEqual(expected));

  it('keeps the margin when the badge is wider than the window', () => {
    expect(clampPosition({ right: 50, bottom: 50 }, { width: 100, height: 30 }, size)).toEqual({ right: 4, bottom: 4 });
  });
});

describe('positionFor / savePosition', () => {
  it('round-trips per origin', async () => {
    const store = memoryStore();
    await savePosition(store, 'https://crm.example', { right: 40, bottom: 60 });
    await savePosition(store, 'https://other.example', { right: 1, bottom: 2 });
    expect(positionFor(store.data[POSITIONS_KEY], 'https://crm.example')).toEqual({ right: 40, bottom: 60 });
    expect(positionFor(store.data[POSITIONS_KEY], 'https://other.example')).toEqual({ right: 1, bottom: 2 });
    expect(positionFor(store.data[POSITIONS_KEY], 'https://new.example')).toEqual(DEFAULT_POSITION);
  });

  it('falls back to the default on corrupted or missing storage and repairs it on save', async () => {
    const store = memoryStore({ [POSITIONS_KEY]: 'garbage' });
    expect(positionFor(store.data[POSITIONS_KEY], 'https://crm.example')).toEqual(DEFAULT_POSITION);
    expect(positionFor(undefined, 'https://crm.example')).toEqual(DEFAULT_POSITION);
    await savePosition(store, 'https://crm.example', { right: 5, bottom: 6 });
    expect(store.data[POSITIONS_KEY]).toEqual({ 'https://crm.example': { right: 5, bottom: 6 } });
  });

  it('never throws when storage fails', async () => {
    const broken: PositionStore = {
      get: () => Promise.reject(new Error('gone')),
      set: () => Promise.reject(new Error('gone')),
    };
    await expect(savePosition(broken, 'https://crm.example', { right: 1, bottom: 1 })).resolves.toBeUndefined();
  });
});
