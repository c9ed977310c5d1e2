import { vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Request } from '../../utils/core/messaging/protocol';

/** The background as a component test plays it: each request the page sends, and what it answers. */
export type BackgroundStub = Mock<(request: Request) => Promise<unknown>>;

/**
 * Answers the page's requests with `background`: the page's real `send` runs and reaches it
 * through the fake browser's runtime.sendMessage. A spy rather than a module mock: the
 * component files share their modules (isolate: false), and a mocked module stays mocked
 * for every file after it. Undone by vi.restoreAllMocks().
 */
export function stubBackground(background: BackgroundStub): void {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((message: unknown) => background(message as Request)) as never);
}
