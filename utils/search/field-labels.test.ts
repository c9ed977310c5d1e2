import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-labels';

describe('fieldLabel', () => {
  it.each([
    ['directory_name', 'List name'],
    ['class', 'Highlight'],
    ['user', 'User ID'],
    ['callback_seen', 'Seen'],
    ['campaign_type', 'Campaign type'],
    ['dnc_flag', 'Dnc flag'],
    ['customerId', 'Customer ID'],
    ['external_lead_id', 'External lead ID'],
    ['__proto__', 'Proto'],
    ['constructor', 'Constructor'],
    ['___', '___'],
  ])('%s reads "%s"', (name, label) => {
    expect(fieldLabel(name)).toBe(label);
  });
});
