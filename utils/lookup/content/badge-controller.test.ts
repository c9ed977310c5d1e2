// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { quietFrameLoading } from '../../../tests/support/quiet-frames';
import { stubBackground, type BackgroundStub } from '../../../tests/support/send-stub';
import type { FromBadgeFrame, ToBadgeFrame } from '../frame-port';
import { BADGE_LINE_HEIGHT, BADGE_WIDTH } from '../frame-port';
import { createBadgeController, type BadgeController } from './badge-controller';
import { ContentScriptContext } from './context';
import { HOST_TAG } from './shadow-host';

// The page's side of the badge: which lead the frame shows, where and how big it
// is. What the badge says never comes here.

let ctx: ContentScriptContext;
let badge: BadgeController;
let background: BackgroundStub;

/** The badge's iframe, through a shadow root made open for the test. */
const frame = () => document.querySelector(HOST_TAG)?.shadowRoot?.querySelector('iframe') ?? null;

/** Plays the frame: loads it, takes the port it is handed, and gives what it hears and a way to speak. */
async function loadFrame() {
  const iframe = frame()!;
  let port: MessagePort | undefined;
  // happy-dom loads no extension page: the frame's window is played here.
  const frameWindow = { postMessage: (_m: unknown, _o: string, ports: MessagePort[]) => void (port = ports[0]) };
  vi.spyOn(HTMLIFrameElement.prototype, 'contentWindow', 'get').mockReturnValue(frameWindow as never);
  iframe.dispatchEvent(new Event('load'));
  const heard: ToBadgeFrame[] = [];
  port!.onmessage = (m) => heard.push(m.data);
  const say = (m: FromBadgeFrame | Record<string, unknown>) => port!.postMessage(m);
  return { heard, say, settle: () => new Promise((r) => setTimeout(r, 10)) };
}


beforeEach(() => {
  fakeBrowser.reset();
  quietFrameLoading();
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    return attach.call(this, { ...init, mode: 'open' });
  });
  background = vi.fn(async () => ({ ok: true }));
  stubBackground(background);
  ctx = new ContentScriptContext();
  badge = createBadgeController(ctx);
});
afterEach(() => {
  ctx.invalidate();
  document.querySelectorAll(HOST_TAG).forEach((el) => el.remove());
  vi.restoreAllMocks();
});

describe('the badge’s frame, from the page’s side', () => {
  it('a lead named by the address: the background hears of it and the frame loads at once, hidden until detection confirms it', async () => {
    badge.prefetch('424242');
    expect(background).toHaveBeenCalledWith({ type: 'page-lead', leadId: '424242' });
    expect(frame()!.src).toBe(`${fakeBrowser.runtime.getURL('/badge.html')}#424242`);
    expect(frame()!.classList.contains('waiting')).toBe(true);
    const channel = await loadFrame();
    badge.show('424242');
    expect(frame()!.classList.contains('waiting')).toBe(false);
    await channel.settle();
    // The frame draws only once it is told it is on screen.
    expect(channel.heard).toEqual([{ type: 'show' }]);
    expect(background).toHaveBeenCalledTimes(1);
  });

  it('a lead found on the parsed page: the frame is on screen from the start', () => {
    badge.show('5');
    expect(frame()!.src).toBe(`${fakeBrowser.runtime.getURL('/badge.html')}#5/shown`);
    expect(frame()!.classList.contains('waiting')).toBe(false);
    expect(background).toHaveBeenCalledWith({ type: 'page-lead', leadId: '5' });
  });

  it('detection finds another lead than the address: the frame is told, nothing is made again', async () => {
    badge.prefetch('1');
    const iframe = frame();
    const channel = await loadFrame();
    badge.show('2');
    await channel.settle();
    expect(frame()).toBe(iframe);
    expect(channel.heard).toContainEqual({ type: 'lead', leadId: '2' });
  });

  it('no lead, or a site whose rules changed: no frame', () => {
    badge.prefetch('1');
    badge.show(null);
    expect(frame()).toBeNull();
    badge.show('5');
    badge.reset();
    expect(frame()).toBeNull();
  });

  it('has the same size whatever it says, and grows only when opened', async () => {
    badge.show('5');
    expect([frame()!.style.width, frame()!.style.height]).toEqual([`${BADGE_WIDTH}px`, `${BADGE_LINE_HEIGHT}px`]);
    const channel = await loadFrame();
    channel.say({ type: 'open' });
    await channel.settle();
    expect(channel.heard.at(-1)).toMatchObject({ type: 'layout', open: true });
    expect(parseInt(frame()!.style.height)).toBeGreaterThan(BADGE_LINE_HEIGHT);
    // A press anywhere in the page closes it.
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    await channel.settle();
    expect(channel.heard.at(-1)).toEqual({ type: 'layout', open: false, side: 'up' });
    expect(frame()!.style.height).toBe(`${BADGE_LINE_HEIGHT}px`);
  });

  it('moves with a drag and with Alt+arrows, and remembers the place for the site', async () => {
    badge.setPosition({ right: 100, bottom: 100 });
    badge.show('5');
    const channel = await loadFrame();
    channel.say({ type: 'drag', dx: -30, dy: -20 });
    channel.say({ type: 'drag', dx: -50, dy: -40 });
    await channel.settle();
    expect([frame()!.style.right, frame()!.style.bottom]).toEqual(['150px', '140px']);
    expect(background).not.toHaveBeenCalledWith(expect.objectContaining({ type: 'save-badge-position' }));
    channel.say({ type: 'drop' });
    await channel.settle();
    expect(background).toHaveBeenCalledWith({ type: 'save-badge-position', right: 150, bottom: 140 });
    channel.say({ type: 'nudge', dx: 10, dy: 0 });
    await channel.settle();
    expect(background).toHaveBeenLastCalledWith({ type: 'save-badge-position', right: 140, bottom: 140 });
  });

  it('"Hide on this page" removes it until the page shows another address', async () => {
    history.replaceState(null, '', '/crm/lead.html?lead_id=5');
    badge.show('5');
    const channel = await loadFrame();
    channel.say({ type: 'hide' });
    await channel.settle();
    expect(frame()).toBeNull();
    badge.show('5');
    expect(frame()).toBeNull();
    history.replaceState(null, '', '/crm/lead.html?lead_id=6');
    badge.show('6');
    expect(frame()).not.toBeNull();
  });

  it('tells the frame to ask again when the connection changed', async () => {
    badge.show('5');
    const channel = await loadFrame();
    badge.refetch();
    await channel.settle();
    expect(channel.heard).toContainEqual({ type: 'refetch' });
  });

  it('ignores what is not a move or a press from the frame', async () => {
    badge.setPosition({ right: 100, bottom: 100 });
    badge.show('5');
    const channel = await loadFrame();
    channel.say({ type: 'drag', dx: 'far', dy: 1 });
    channel.say({ type: 'summary', text: 'x' });
    await channel.settle();
    expect(frame()!.style.right).toBe('100px');
  });
});
