import * as v from 'valibot';
import { ANSWER_SHAPES } from './answer-shapes';

// Switches that make the mock misbehave the ways a real network and a real
// Convoso can. Each toggle is `false` (off), `true` (always) or an options
// object whose `times` limits it to the next N requests it applies to, and
// whose `forMs` limits it to the next N milliseconds (an outage, 503 for a while).

const times = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)));
const forMs = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 3_600_000)));
const toggle = <T extends v.ObjectEntries>(entries: T) =>
  v.union([v.boolean(), v.strictObject({ ...entries, times, forMs })]);

export const FaultsSchema = v.strictObject({
  /** Delay before answering API requests (after recording them). */
  latencyMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(120_000)),
  /** HTTP 429 with an HTML body and `Retry-After` (default '2'). */
  status429: toggle({ retryAfter: v.optional(v.pipe(v.string(), v.maxLength(100))) }),
  /** A load balancer's HTML error page with this status (default 502), with `Retry-After` if given. */
  status5xx: toggle({ status: v.optional(v.picklist([500, 502, 503, 504])), retryAfter: v.optional(v.pipe(v.string(), v.maxLength(100))) }),
  /** A truncated JSON body with HTTP 200. */
  malformedJson: toggle({}),
  /** `{success:false, code, text}` with HTTP 200 instead of the answer (default 6000). */
  successFalse: toggle({ code: v.optional(v.pipe(v.number(), v.integer())), text: v.optional(v.string()) }),
  /** offset/limit/total and ids as JSON numbers, as some public examples show. */
  numbersInsteadOfStrings: toggle({}),
  /** Leaves these fields out of every result (default MISSING_FIELDS_DEFAULT). */
  missingFields: toggle({ fields: v.optional(v.array(v.string())) }),
  /** Destroys the socket without answering. */
  dropConnection: toggle({}),
  /**
   * HTTP 200 with one of the answer shapes of mock-api/answers (`shape`), or with
   * `body` verbatim (a test that needs times relative to now), whatever the token.
   */
  answer: toggle({ shape: v.optional(v.picklist(ANSWER_SHAPES)), body: v.optional(v.unknown()) }),
  /** Refuses a stage filter spelled this way (default PASTDUE) with an error naming the stage. */
  refuseStage: toggle({ spelling: v.optional(v.picklist(['PASTDUE', 'PAST_DUE'])) }),
});

export type Faults = v.InferOutput<typeof FaultsSchema>;
export type ToggleName = Exclude<keyof Faults, 'latencyMs'>;
/** The options of a toggle that is on, `times` and `forMs` aside. */
export type ToggleOptions<K extends ToggleName> = Omit<Exclude<Faults[K], boolean>, 'times' | 'forMs'>;

export const FaultsPatchSchema = v.partial(FaultsSchema);

export const MISSING_FIELDS_DEFAULT = ['class', 'callback_seen', 'status_name', 'directory_name', 'user_name'];

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  status429: false,
  status5xx: false,
  malformedJson: false,
  successFalse: false,
  numbersInsteadOfStrings: false,
  missingFields: false,
  dropConnection: false,
  answer: false,
  refuseStage: false,
};

export class FaultController {
  private state: Faults = structuredClone(NO_FAULTS);
  /** When each toggle set with `forMs` turns off (epoch ms). */
  private until = new Map<ToggleName, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws a ValiError on an unknown switch or a bad value. */
  set(patch: unknown): Faults {
    const parsed = v.parse(FaultsPatchSchema, patch);
    for (const [name, value] of Object.entries(parsed) as [keyof Faults, unknown][]) {
      if (name === 'latencyMs') continue;
      const ms = value && typeof value === 'object' ? (value as { forMs?: number }).forMs : undefined;
      if (ms === undefined) this.until.delete(name);
      else this.until.set(name, this.now() + ms);
    }
    this.state = { ...this.state, ...structuredClone(parsed) };
    return this.snapshot();
  }

  reset(): void {
    this.state = structuredClone(NO_FAULTS);
    this.until.clear();
  }

  snapshot(): Faults {
    return structuredClone(this.state);
  }

  get latencyMs(): number {
    return this.state.latencyMs;
  }

  /**
   * The toggle's options if it is on, counting one use against `times`;
   * null if it is off. Call it only where the fault would apply.
   */
  take<K extends ToggleName>(name: K): ToggleOptions<K> | null {
    const value: boolean | { times?: number; forMs?: number } = this.state[name];
    if (value === false) return null;
    if (value === true) return {} as ToggleOptions<K>;
    const ends = this.until.get(name);
    if (ends !== undefined && this.now() >= ends) {
      this.state = { ...this.state, [name]: false };
      this.until.delete(name);
      return null;
    }
    const { times: left, forMs: _for, ...options } = value;
    if (left !== undefined) {
      if (left <= 0) {
        this.state = { ...this.state, [name]: false };
        return null;
      }
      this.state = { ...this.state, [name]: left === 1 ? false : { ...value, times: left - 1 } };
    }
    return options as ToggleOptions<K>;
  }
}
