import { describe, expect, it } from 'vitest';
import { fieldAria } from './field-aria';

describe('fieldAria', () => {
  it.each([
    ['x', undefined, false, { id: 'x', 'aria-invalid': undefined, 'aria-describedby': undefined }],
    ['x', '', true, { id: 'x', 'aria-invalid': undefined, 'aria-describedby': 'x-hint' }],
    ['x', 'Bad', false, { id: 'x', 'aria-invalid': 'true', 'aria-describedby': 'x-error' }],
    ['search-lead_id', 'Bad', true, { id: 'search-lead_id', 'aria-invalid': 'true', 'aria-describedby': 'search-lead_id-hint search-lead_id-error' }],
  ])('fieldAria(%j, %j, %j)', (id, error, hasHint, expected) => {
    expect(fieldAria(id, error, hasHint)).toEqual(expected);
  });
});
