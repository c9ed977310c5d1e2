import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, input } from './dom';

// happy-dom's events are all synthetic (isTrusted false): count them as a person's here.
const realCheck = input.isTrusted;
beforeEach(() => {
  input.isTrusted = () => true;
});
afterEach(() => {
  input.isTrusted = realCheck;
});

describe('h', () => {
  it('makes strings text, never markup', () => {
    const el = h('p', null, '<img src=x onerror=alert(1)>', 3);
    expect(el.children).toHaveLength(0);
    expect(el.textContent).toBe('<img src=x onerror=alert(1)>3');
  });

  it('attaches functions as listeners and never writes an on… attribute from text', () => {
    const click = vi.fn();
    const el = h('button', { onClick: click, onmouseover: 'alert(1)', ONFOCUS: 'alert(2)' });
    el.click();
    expect(click).toHaveBeenCalledTimes(1);
    expect(el.getAttributeNames()).toEqual([]);
  });

  it.each([
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['https://crm.example.com/lead/1', 'https://crm.example.com/lead/1'],
    ['/search.html?lead_id=1', '/search.html?lead_id=1'],
    ['?lead=1:2', '?lead=1:2'],
  ])('an address attribute %j becomes %j', (value, expected) => {
    expect(h('a', { href: value }).getAttribute('href')).toBe(expected);
  });

  it('keeps ordinary attributes, with aria booleans as "true"', () => {
    const el = h('div', { title: 'javascript: is fine as text', 'aria-expanded': true, hidden: true, class: 'row' });
    expect(el.getAttribute('title')).toBe('javascript: is fine as text');
    expect(el.getAttribute('aria-expanded')).toBe('true');
    expect(el.getAttribute('hidden')).toBe('');
    expect(el.className).toBe('row');
  });

  it("ignores a page script's synthetic events: el.click() does nothing (issue 8, item 2)", () => {
    input.isTrusted = realCheck;
    const click = vi.fn();
    const el = h('button', { onClick: click });
    el.click();
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(click).not.toHaveBeenCalled();
  });
});
