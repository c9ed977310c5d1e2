import { describe, expect, it } from 'vitest';
import { FaultController, NO_FAULTS } from './faults';

describe('FaultController', () => {
  it('starts with every fault off', () => {
    const f = new FaultController();
    expect(f.snapshot()).toEqual(NO_FAULTS);
    expect(f.take('malformedJson')).toBeNull();
  });

  it('keeps a `true` toggle on forever', () => {
    const f = new FaultController();
    f.set({ dropConnection: true });
    for (let i = 0; i < 5; i++) expect(f.take('dropConnection')).toEqual({});
  });

  it('applies a `times` toggle N times, then turns it off', () => {
    const f = new FaultController();
    f.set({ status429: { retryAfter: '7', times: 2 } });
    expect(f.take('status429')).toEqual({ retryAfter: '7' });
    expect(f.snapshot().status429).toEqual({ retryAfter: '7', times: 1 });
    expect(f.take('status429')).toEqual({ retryAfter: '7' });
    expect(f.take('status429')).toBeNull();
    expect(f.snapshot().status429).toBe(false);
  });

  it('applies a `forMs` toggle for that long, then turns it off (an outage, 503 for a while)', () => {
    let now = 1_000;
    const f = new FaultController(() => now);
    f.set({ dropConnection: { forMs: 30_000 }, status5xx: { status: 503, retryAfter: '6', forMs: 60_000 } });
    expect(f.take('dropConnection')).toEqual({});
    expect(f.take('status5xx')).toEqual({ status: 503, retryAfter: '6' });
    now = 31_000;
    expect(f.take('dropConnection')).toBeNull();
    expect(f.snapshot().dropConnection).toBe(false);
    expect(f.take('status5xx')).toEqual({ status: 503, retryAfter: '6' });
    now = 61_000;
    expect(f.take('status5xx')).toBeNull();
  });

  it('a new patch without forMs keeps the toggle on for good', () => {
    let now = 0;
    const f = new FaultController(() => now);
    f.set({ status429: { forMs: 10 } });
    f.set({ status429: { retryAfter: '6' } });
    now = 100;
    expect(f.take('status429')).toEqual({ retryAfter: '6' });
  });

  it('treats times: 0 as off', () => {
    const f = new FaultController();
    f.set({ malformedJson: { times: 0 } });
    expect(f.take('malformedJson')).toBeNull();
  });

  it('merges patches and resets', () => {
    const f = new FaultController();
    f.set({ latencyMs: 50 });
    f.set({ status5xx: { status: 503 } });
    expect(f.snapshot()).toMatchObject({ latencyMs: 50, status5xx: { status: 503 } });
    f.reset();
    expect(f.snapshot()).toEqual(NO_FAULTS);
  });

  it.each([
    [{ latencyMs: -1 }],
    [{ latencyMs: 'slow' }],
    [{ status5xx: { status: 418 } }],
    [{ status429: { times: 1.5 } }],
    [{ dropConnection: { forMs: -1 } }],
    [{ noSuchFault: true }],
    [{ malformedJson: { times: 1, extra: 1 } }],
    ['not an object'],
  ])('refuses %j', (patch) => {
    const f = new FaultController();
    expect(() => f.set(patch)).toThrow();
    expect(f.snapshot()).toEqual(NO_FAULTS);
  });

  it('does not let a caller mutate its state through a snapshot or a patch', () => {
    const f = new FaultController();
    const patch = { missingFields: { fields: ['class'] } };
    f.set(patch);
    patch.missingFields.fields.push('id');
    const snap = f.snapshot();
    (snap.missingFields as { fields: string[] }).fields.push('user');
    expect(f.take('missingFields')).toEqual({ fields: ['class'] });
  });
});
