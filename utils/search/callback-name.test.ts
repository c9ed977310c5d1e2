import { describe, expect, it } from 'vitest';
import type { Callback } from '../core/api/model';
import { callbackName } from './callback-name';

type Named = Pick<Callback, 'id' | 'leadId' | 'callbackTime'>;
const at = (local: string) => ({ local });

describe('callbackName', () => {
  it.each<[Named, string]>([
    [{ id: '9999', leadId: '424242', callbackTime: at('2025-06-03T15:00:00') }, 'callback 9999'],
    [{ id: '9999', leadId: '', callbackTime: null }, 'callback 9999'],
    [{ id: '', leadId: '424242', callbackTime: at('2025-06-03T15:00:00') }, 'the callback for lead 424242 at Jun 3, 2025, 3:00 PM'],
    [{ id: '', leadId: '424242', callbackTime: null }, 'the callback for lead 424242'],
    [{ id: '', leadId: '', callbackTime: at('2025-06-03T15:00') }, 'the callback at Jun 3, 2025, 3:00 PM'],
    [{ id: '', leadId: '', callbackTime: null }, 'a callback without an ID'],
  ])('%o is %j', (callback, name) => {
    expect(callbackName(callback, 'en-US')).toBe(name);
  });
});
