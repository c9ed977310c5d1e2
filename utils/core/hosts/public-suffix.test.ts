import { describe, expect, it } from 'vitest';
import { publicSuffixProblem } from './public-suffix';

describe('publicSuffixProblem (issue 8, item 9)', () => {
  it.each([
    '*://*.com/*',
    'https://*.co.uk/*',
    'https://*.github.io/*',
    'https://com/*',
    'https://*.com.au/*',
  ])('refuses %s', (pattern) => {
    expect(publicSuffixProblem(pattern)).toMatch(/covers every site under the public suffix/);
  });

  it.each([
    '*://*.example.com/*',
    'https://crm.example.co.uk/*',
    'https://acme.github.io/*',
    'http://localhost/*',
    'http://127.0.0.1/*',
    'http://[::1]/*',
    'https://crm.internal/*',
  ])('accepts %s', (pattern) => {
    expect(publicSuffixProblem(pattern)).toBeNull();
  });
});
