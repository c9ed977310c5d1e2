import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import type { ApiError } from '../api/errors';
import { STORAGE_KEYS } from '../storage/storage-keys';
import { failed, inFlightLimit, OPEN_HOST, succeeded, type HostState } from './host-backoff';

// Each API host's backoff, kept in storage.session as well as in memory: a
// service worker that Chrome stops and starts again (after 30 s idle) must
// not forget that Convoso asked to wait, nor send its next request early.

const time = v.pipe(v.number(), v.finite(), v.minValue(0));
const StoredSchema = v.record(
  v.pipe(v.string(), v.maxLength(300)),
  v.object({ pausedUntil: time, streak: v.pipe(v.number(), v.integer(), v.minValue(0)), failedSentAt: time, ramp: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
);

export interface HostStates {
  /** Resolves once the stored states are read (at once after the first time). */
  loaded(): Promise<void>;
  get(host: string): HostState;
  limit(host: string): number;
  failed(host: string, sentAt: number, outcome?: { error: ApiError; retryAfterMs?: number }): HostState;
  succeeded(host: string, sentAt: number): void;
  /** The error that last paused `host`, for requests that end without being sent. */
  lastError(host: string): ApiError | undefined;
  /** The latest pause still running, over every host, or null. */
  pausedUntil(now: number): number | null;
  onChange(cb: () => void): void;
}

export function createHostStates(): HostStates {
  const item = storage.defineItem<unknown>(STORAGE_KEYS.trafficHosts);
  const states = new Map<string, HostState>();
  const errors = new Map<string, ApiError>();
  const listeners: (() => void)[] = [];
  let loading: Promise<void> | null = null;

  const save = () => {
    const open = [...states].filter(([, s]) => s.streak > 0 || s.pausedUntil > Date.now() || s.ramp > 0);
    void item.setValue(Object.fromEntries(open)).catch(() => undefined);
  };
  const set = (host: string, next: HostState) => {
    if (states.get(host) === next) return next;
    states.set(host, next);
    save();
    for (const cb of listeners) cb();
    return next;
  };
  const get = (host: string) => states.get(host) ?? OPEN_HOST;

  return {
    loaded: () =>
      (loading ??= item.getValue().then(
        (stored) => {
          const parsed = v.safeParse(StoredSchema, stored);
          // What this worker learned since it started is newer than what was stored.
          if (parsed.success) for (const [host, state] of Object.entries(parsed.output)) if (!states.has(host)) states.set(host, state);
        },
        () => undefined,
      )),
    get,
    limit: (host) => inFlightLimit(get(host)),
    failed(host, sentAt, outcome) {
      if (outcome) errors.set(host, outcome.error);
      const retryAfterMs = outcome?.retryAfterMs;
      return set(host, failed(get(host), { now: Date.now(), sentAt, random: Math.random, ...(retryAfterMs !== undefined && { retryAfterMs }) }));
    },
    succeeded(host, sentAt) {
      set(host, succeeded(get(host), sentAt));
    },
    lastError: (host) => errors.get(host),
    pausedUntil(now) {
      let until = 0;
      for (const s of states.values()) until = Math.max(until, s.pausedUntil);
      return until > now ? until : null;
    },
    onChange: (cb) => void listeners.push(cb),
  };
}
