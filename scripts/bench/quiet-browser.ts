// A Chromium with the extension loaded, driven over the DevTools pipe and attached
// to nothing by itself: `npm run bench` times page loads in it.
//
// Why not puppeteer here: a driver attaches to every new page before it runs
// (the page waits for it), enables its domains there, and then talks to it while
// it loads. On a page that is parsed in a few milliseconds that work lands just
// where the badge's answer does, and the runs measured it. Here a page loads with
// no debugger session at all; the bench attaches afterwards, reads the page's
// timeline, and detaches. Users' tabs have no debugger either.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export interface CdpEvent {
  method: string;
  params: Record<string, any>;
  sessionId?: string;
}

export interface QuietBrowser {
  extensionId: string;
  send<T = any>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  /** Every protocol event, of any session; gives back a function that stops listening. */
  onEvent(listener: (event: CdpEvent) => void): () => void;
  /** Attaches to `targetId` just long enough to evaluate `expression` (awaited), and gives its value. */
  evaluate<T>(targetId: string, expression: string): Promise<T>;
  /**
   * Evaluates `expression` in the extension's service worker. Tries again with the
   * worker then running if it went away meanwhile: just after start-up Chrome was
   * seen to replace the first worker while a session was attaching to it.
   */
  inWorker<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

// As the real-browser tests run it (tests/harness/chromium.ts), and as a tab a user looks
// at: never throttled as a background or hidden one (a headless tab opened over the
// protocol may count as either).
const FLAGS = [
  '--headless',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
  '--disable-breakpad',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

export async function launchQuietBrowser(opts: { chromiumPath: string; extensionDir: string }): Promise<QuietBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'convoso-bench-'));
  // Chromium refuses to start as root with its sandbox (CI containers run as root).
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(
    opts.chromiumPath,
    [
      ...FLAGS,
      ...sandbox,
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${opts.extensionDir}`,
      `--load-extension=${opts.extensionDir}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;

  let nextId = 0;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; method: string }>();
  const listeners = new Set<(event: CdpEvent) => void>();
  let gone: Error | null = null;
  const failAll = (error: Error) => {
    gone ??= error;
    for (const waiter of pending.values()) waiter.reject(new Error(`${waiter.method}: ${error.message}`));
    pending.clear();
  };

  // Messages are JSON, each ended by a NUL byte (JSON escapes any NUL inside). A
  // character cut between two chunks is kept whole by the decoder.
  const decoder = new StringDecoder('utf8');
  let buffered = '';
  fromBrowser.on('data', (chunk: Buffer) => {
    buffered += decoder.write(chunk);
    let end: number;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const text = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      let message: any;
      try {
        message = JSON.parse(text);
      } catch {
        continue;
      }
      if (typeof message.id === 'number') {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(`${waiter.method}: ${message.error.message}`));
        else waiter?.resolve(message.result);
      } else {
        for (const listener of listeners) listener(message as CdpEvent);
      }
    }
  });
  // A browser that could not start ('error', no 'exit') or exited settles everything waiting.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      failAll(error);
      resolve();
    });
  });
  void exited.then(() => failAll(new Error('the browser exited')));
  toBrowser.on('error', (error) => failAll(error));
  fromBrowser.on('error', (error) => failAll(error));

  const send = <T = any>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (gone) return reject(new Error(`${method}: ${gone.message}`));
      const id = ++nextId;
      pending.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId && { sessionId }) })}\0`);
    });

  const close = async () => {
    child.kill();
    const stopped = await Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 5000))]);
    if (!stopped) child.kill('SIGKILL');
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  };

  const evaluate = async <T>(targetId: string, expression: string): Promise<T> => {
    const { sessionId } = await send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    // A target that goes away meanwhile (a worker Chrome restarts) never answers: fail instead.
    let stopListening = () => {};
    const gone = new Promise<never>((_, reject) => {
      const listener = (e: CdpEvent) => {
        if ((e.method === 'Inspector.targetCrashed' && e.sessionId === sessionId) || (e.method === 'Target.detachedFromTarget' && e.params.sessionId === sessionId)) {
          reject(new Error(`evaluate: the target went away (${e.method})`));
        }
      };
      listeners.add(listener);
      stopListening = () => listeners.delete(listener);
    });
    try {
      const evaluated = send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
      const { result, exceptionDetails } = await Promise.race([evaluated, gone]);
      if (exceptionDetails) throw new Error(`evaluate: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    } finally {
      stopListening();
      await send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
  };

  const findWorker = async (): Promise<{ targetId: string; url: string }> => {
    for (let i = 0; i < 100; i++) {
      const { targetInfos } = await send<{ targetInfos: { type: string; url: string; targetId: string }[] }>('Target.getTargets');
      const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
      if (worker) return worker;
      // Stopped (not just starting): a new tab's events wake it, as a page would.
      if (i === 20) {
        const { targetId } = await send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
        await send('Target.closeTarget', { targetId });
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('The extension’s service worker did not start.');
  };

  try {
    // Attaching to the worker in its first moments was seen to make Chrome drop it
    // for good (the target "crashed", and no later event started it again).
    await findWorker();
    await new Promise((r) => setTimeout(r, 1500));
    const first = await findWorker();
    return {
      extensionId: new URL(first.url).host,
      send,
      onEvent(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      evaluate,
      async inWorker<T>(expression: string): Promise<T> {
        for (let attempt = 1; ; attempt++) {
          try {
            return await evaluate<T>((await findWorker()).targetId, expression);
          } catch (error) {
            if (attempt >= 5 || !/went away/.test(String(error))) throw error;
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
