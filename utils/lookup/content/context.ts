import { browser } from 'wxt/browser';

/** What the content script's parts need of their context: everything they set up goes when it is invalidated. */
export interface PageContext {
  /** The extension was updated, reloaded or removed: this copy of the script is an orphan and must stop. */
  readonly isInvalid: boolean;
  onInvalidated(callback: () => void): () => void;
  setTimeout(handler: () => void, timeout?: number): unknown;
  setInterval(handler: () => void, timeout?: number): unknown;
  requestAnimationFrame(callback: () => void): unknown;
  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void;
}

/**
 * The content script's context, in place of WXT's own (the build resolves
 * `wxt/utils/content-script-context` here, build-plugins/own-content-script-context.ts).
 * WXT's announces every start with an event on the page's document (a page can
 * hear it, and learn this extension's ID; a page can send it, and stop the
 * script) and watches the address through another event the page can hear.
 * This one keeps to the script's own world: an AbortController, and timers and
 * listeners tied to it. The constructor's arguments are WXT's (the entry passes them).
 */
export class ContentScriptContext implements PageContext {
  readonly #stop = new AbortController();

  constructor(
    readonly name = 'content',
    readonly options?: unknown,
  ) {}

  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  get isInvalid(): boolean {
    // An orphan (the extension was reloaded or updated) has lost its runtime for good.
    let orphaned: boolean;
    try {
      orphaned = !browser.runtime?.id;
    } catch {
      orphaned = true;
    }
    if (orphaned) this.invalidate();
    return this.signal.aborted;
  }

  /** Stops everything tied to this context. */
  invalidate(): void {
    this.#stop.abort();
  }

  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => !this.isInvalid && handler(), timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => !this.isInvalid && handler(), timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  requestAnimationFrame(callback: () => void): number {
    const id = requestAnimationFrame(() => !this.isInvalid && callback());
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }
}
