import { describe, expect, it } from 'vitest';
import { settling } from './settled';

describe('settling', () => {
  it('has no value before the promise fulfils, and the value after', async () => {
    let resolve!: (v: string) => void;
    const s = settling(new Promise<string>((r) => (resolve = r)));
    expect(s.value).toBeUndefined();
    resolve('answer');
    await s.promise;
    expect(s.value).toBe('answer');
  });

  it('has the value of an already fulfilled promise once a microtask has run', async () => {
    const s = settling(Promise.resolve(42));
    expect(s.value).toBeUndefined();
    await Promise.resolve();
    expect(s.value).toBe(42);
  });

  it('never has a value for a rejected promise, and leaves the rejection to the promise', async () => {
    const s = settling(Promise.reject(new Error('no')));
    await expect(s.promise).rejects.toThrow('no');
    expect(s.value).toBeUndefined();
  });
});
