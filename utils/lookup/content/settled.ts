/**
 * A promise whose value can be read at once when it is already in: code that
 * would otherwise draw a "waiting" state first (and await a settled promise)
 * can draw the answer directly.
 */
export interface Settling<T> {
  readonly promise: Promise<T>;
  /** The value once the promise has fulfilled; undefined before (or if it rejected). */
  readonly value: T | undefined;
}

export function settling<T>(promise: Promise<T>): Settling<T> {
  const out: { promise: Promise<T>; value: T | undefined } = { promise, value: undefined };
  promise.then(
    (value) => {
      out.value = value;
    },
    () => undefined,
  );
  return out;
}
