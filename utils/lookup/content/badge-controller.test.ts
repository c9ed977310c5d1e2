// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { LeadReply, LeadSummary } from '../lookup-messages';
import { stubBackground, type BackgroundStub } from '../../../tests/support/send-stub';
import { createBadgeController, type BadgeController } from './badge-controller';
import { HOST_TAG } from './shadow-host';

// When the badge says "Looking up…": not while an answer asked for before the page
// was parsed may still come within moments (a cached lead: drawing first took the
// main thread just as it came in), but at once when another lead's badge is on screen.

const summary = (leadId: string, total: number): LeadSummary => ({
  leadId,
  total,
  shown: total,
  urgency: 'upcoming',
  next: null,
  overdue: 0,
  callbacks: [],
});

/** One answer per lead, each settled when the test says. */
function pendingAnswers() {
  const waiting = new Map<string, (reply: LeadReply) => void>();
  const background: BackgroundStub = vi.fn(async (request) => {
    if (request.type !== 'lead-summary') return { ok: false, error: { kind: 'refused', message: 'not in this test' } };
    return new Promise((resolve) => waiting.set(request.leadId, resolve));
  });
  const answer = async (leadId: string, reply: LeadReply) => {
    waiting.get(leadId)!(reply);
    // The reply's promise chain: send, the early answer, the draw.
    await vi.advanceTimersByTimeAsync(0);
  };
  return { background, answer };
}

/** What the badge says, read through a shadow root made open for the test. */
const badgeText = () => (document.querySelector(HOST_TAG)?.shadowRoot?.querySelector('.badge .row')?.textContent ?? '').replace(/\s+/g, ' ').trim();

let ctx: ContentScriptContext;
let badge: BadgeController;
beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    return attach.call(this, { ...init, mode: 'open' });
  });
  ctx = new ContentScriptContext('content');
  badge = createBadgeController(ctx);
});
afterEach(() => {
  ctx.notifyInvalidated();
  document.querySelectorAll(HOST_TAG).forEach((el) => el.remove());
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the badge controller’s first draw', () => {
  it('draws an early answer that comes within 100 ms once, without "Looking up…" first', async () => {
    const { background, answer } = pendingAnswers();
    stubBackground(background);
    badge.prefetch('11');
    badge.show('11');
    await vi.advanceTimersByTimeAsync(90);
    expect(document.querySelector(HOST_TAG)).toBeNull();
    await answer('11', { ok: true, summary: summary('11', 3), asOf: 0 });
    expect(badgeText()).toMatch(/^3 callbacks/);
    // One question: the early one.
    expect(background).toHaveBeenCalledTimes(1);
  });

  it('says "Looking up…" once 100 ms have passed without an answer, then the answer', async () => {
    const { background, answer } = pendingAnswers();
    stubBackground(background);
    badge.prefetch('12');
    badge.show('12');
    await vi.advanceTimersByTimeAsync(100);
    expect(badgeText()).toMatch(/^Looking up callbacks/);
    await answer('12', { ok: true, summary: summary('12', 1), asOf: 0 });
    expect(badgeText()).toMatch(/^1 callback\b/);
  });

  it('replaces another lead’s badge with "Looking up…" at once', async () => {
    const { background, answer } = pendingAnswers();
    stubBackground(background);
    badge.show('13');
    await answer('13', { ok: true, summary: summary('13', 2), asOf: 0 });
    expect(badgeText()).toMatch(/^2 callbacks/);
    badge.show('14');
    await vi.advanceTimersByTimeAsync(0);
    expect(badgeText()).toMatch(/^Looking up callbacks/);
    expect(badgeText()).not.toMatch(/2 callbacks/);
    await answer('14', { ok: true, summary: summary('14', 4), asOf: 0 });
    expect(badgeText()).toMatch(/^4 callbacks/);
  });

  it('says "Looking up…" at once when the early answer was "no answer", and asks again a moment later', async () => {
    const { background, answer } = pendingAnswers();
    stubBackground(background);
    badge.prefetch('15');
    badge.show('15');
    await answer('15', { ok: false, error: { kind: 'internal', message: 'The extension did not answer. Try again.' } });
    expect(badgeText()).toMatch(/^Looking up callbacks/);
    await vi.advanceTimersByTimeAsync(1000);
    expect(background).toHaveBeenCalledTimes(2);
    await answer('15', { ok: true, summary: summary('15', 5), asOf: 0 });
    expect(badgeText()).toMatch(/^5 callbacks/);
  });
});
