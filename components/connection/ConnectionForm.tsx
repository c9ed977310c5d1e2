import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { send } from '../../utils/core/messaging/send';
import type { testConnection } from '../../utils/connection/connection-messages';
import type { ManagedConfig } from '../../utils/core/storage/managed';
import { forgetToken } from '../../utils/connection/read-connection';
import {
  BaseUrlSchema,
  DEFAULT_BASE_URL,
  TimeZoneSchema,
  TokenSchema,
  UserIdSchema,
  type RequestMethod,
  type TokenStorage,
} from '../../utils/connection/schemas';
import { localTokenSetting, sessionTokenSetting, tokenStorageSetting } from '../../utils/connection/settings';
import { browserTimeZone, timeZoneNames } from '../../utils/core/time/time-zone';
import { extraApiOrigin } from '../../utils/sites/actions';
import { readConnectionForm, saveConnection, type ConnectionFormState } from '../../utils/connection/save-connection';
import { Field, inputValue, StatusLine, type Status } from '../core/Field';

type FieldName = 'token' | 'baseUrl' | 'userId' | 'timeZone';
/** What the saved settings fill in when they are read, unless the user changed it first. */
type EditableField = FieldName | 'where' | 'method';
type Errors = Partial<Record<FieldName, string>>;

type Saved = Pick<ConnectionFormState, 'hasToken' | 'hint' | 'where' | 'problems'>;

const WHERE: Array<{ value: TokenStorage; label: string; sentence: string }> = [
  {
    value: 'local',
    label: 'On this device',
    sentence: 'Kept in this browser profile until you forget it, so you enter it once.',
  },
  {
    value: 'session',
    label: 'Only until the browser closes',
    sentence: 'Kept in memory only; you enter it again after restarting the browser.',
  },
];


function firstIssue(result: v.SafeParseResult<v.GenericSchema>): string | undefined {
  return result.success ? undefined : result.issues[0].message;
}

export function ConnectionForm(props: {
  managed: ManagedConfig;
  /** The policy as it will be once read (OptionsApp shows the form before); saving waits for it. */
  policy?: Promise<ManagedConfig>;
}) {
  const { managed } = props;
  const [token, setToken] = useState('');
  const [showToken, setShowToken] = useState(false);
  const [where, setWhere] = useState<TokenStorage>('local');
  const [baseUrl, setBaseUrl] = useState(DEFAULT_BASE_URL);
  const [method, setMethod] = useState<RequestMethod>('GET');
  const [userId, setUserId] = useState('');
  /** What the field shows: the saved zone, or this browser's while none is saved. */
  const [timeZone, setTimeZone] = useState(() => browserTimeZone());
  const [saved, setSaved] = useState<Saved | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [testStatus, setTestStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);
  // A ref as well as state: a second click before the re-render must not start a second save or test.
  const inFlight = useRef({ save: false, test: false });
  // An administrator's API host outside the manifest still needs the user's grant once.
  const managedExtra = managed.baseUrl ? extraApiOrigin(managed.baseUrl) : null;
  const [managedHostGranted, setManagedHostGranted] = useState<boolean | null>(null);
  const refs = {
    token: useRef<HTMLInputElement>(null),
    baseUrl: useRef<HTMLInputElement>(null),
    userId: useRef<HTMLInputElement>(null),
    timeZone: useRef<HTMLInputElement>(null),
  };
  // Built once: about 400 names, the same for the page's life.
  const zoneNames = useMemo(() => timeZoneNames(), []);

  // Fields the user changed before the saved values were read (a slow first read on a
  // busy machine): the read fills the others and leaves what was typed.
  const edited = useRef(new Set<EditableField>());
  const edit = <T,>(field: EditableField, set: (value: T) => void, value: T) => {
    edited.current.add(field);
    set(value);
  };
  const keep = (field: EditableField, apply: () => void) => {
    if (!edited.current.has(field)) apply();
  };

  async function loadSaved(): Promise<ConnectionFormState> {
    const state = await readConnectionForm();
    setSaved({ hasToken: state.hasToken, hint: state.hint, where: state.where, problems: state.problems });
    return state;
  }

  useEffect(() => {
    void (async () => {
      const state = await loadSaved();
      keep('where', () => setWhere(state.where));
      keep('baseUrl', () => setBaseUrl(state.baseUrl));
      keep('method', () => setMethod(state.method));
      keep('userId', () => setUserId(state.userId));
      keep('timeZone', () => setTimeZone(state.timeZone || browserTimeZone()));
    })();
    // The token can change elsewhere: another options tab, or the session ending.
    const stops = [localTokenSetting, sessionTokenSetting, tokenStorageSetting].map((s) => s.watch(() => void loadSaved()));
    return () => stops.forEach((stop) => stop());
  }, []);

  // The policy may arrive after the form shows.
  useEffect(() => {
    if (!managedExtra) return;
    void browser.permissions
      .contains({ origins: [managedExtra] })
      .catch(() => false)
      .then(setManagedHostGranted);
  }, [managedExtra]);

  // A policy value always shows, whatever the form held.
  const shownBaseUrl = managed.baseUrl ?? baseUrl;
  const shownMethod = managed.method ?? method;
  const shownTimeZone = managed.timeZone ?? timeZone;

  function validate(): { errors: Errors; token?: string; baseUrl: string; userId: string; timeZone: string } {
    const found: Errors = {};
    const t = token.trim() === '' ? undefined : v.safeParse(TokenSchema, token);
    if (t && !t.success) found.token = firstIssue(t);
    const b = v.safeParse(BaseUrlSchema, shownBaseUrl);
    if (!b.success) found.baseUrl = firstIssue(b);
    const u = v.safeParse(UserIdSchema, userId.trim());
    if (!u.success) found.userId = firstIssue(u);
    const z = v.safeParse(TimeZoneSchema, shownTimeZone);
    if (!z.success) found.timeZone = firstIssue(z);
    return {
      errors: found,
      token: t?.success ? t.output : undefined,
      baseUrl: b.success ? b.output : shownBaseUrl,
      userId: u.success ? u.output : userId,
      timeZone: z.success ? z.output : shownTimeZone,
    };
  }

  function showErrors(found: Errors): boolean {
    setErrors(found);
    const first = (['token', 'baseUrl', 'userId', 'timeZone'] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
    return first !== undefined;
  }

  /** Must run before any other await of a click: the prompt needs the click. */
  async function askForHost(url: string): Promise<boolean> {
    const origin = extraApiOrigin(url);
    if (!origin) return true;
    try {
      return await browser.permissions.request({ origins: [origin] });
    } catch {
      return false;
    }
  }

  async function onGrantManagedHost() {
    const granted = await askForHost(managed.baseUrl!);
    setManagedHostGranted(granted);
    setStatus(
      granted
        ? { kind: 'ok', message: `Access to ${new URL(managed.baseUrl!).host} granted.` }
        : { kind: 'error', message: `The browser did not grant access to ${new URL(managed.baseUrl!).host}; the extension cannot reach the API.` },
    );
  }

  async function onSave(event: Event) {
    event.preventDefault();
    if (inFlight.current.save) return;
    const checked = validate();
    if (showErrors(checked.errors)) {
      setStatus({ kind: 'error', message: 'Nothing was saved: correct the marked fields.' });
      return;
    }
    inFlight.current.save = true;
    setBusy(true);
    setStatus({ kind: 'busy', message: 'Saving…' });
    try {
      // A managed address is the policy's to save; its access is granted with the button beside it.
      if (!managed.baseUrl && !(await askForHost(checked.baseUrl))) {
        showErrors({ baseUrl: `The browser did not grant access to ${new URL(checked.baseUrl).host}, so nothing was saved.` });
        setStatus({ kind: 'error', message: 'Nothing was saved: access to the API address was not granted.' });
        return;
      }
      // Asked after the host prompt, which needs the click: what the policy sets is never written.
      const policy = props.policy ? await props.policy : managed;
      await saveConnection(
        { token: checked.token, where, baseUrl: checked.baseUrl, method: shownMethod, userId: checked.userId, timeZone: checked.timeZone },
        policy,
      );
      setToken('');
      setShowToken(false);
      setBaseUrl(checked.baseUrl);
      setUserId(checked.userId);
      setTimeZone(checked.timeZone || browserTimeZone());
      await loadSaved();
      setStatus({ kind: 'ok', message: 'Saved.' });
    } catch (error) {
      setStatus({
        kind: 'error',
        message: `Could not save (${error instanceof Error ? error.message : String(error)}). Your entries are still in the form.`,
      });
    } finally {
      inFlight.current.save = false;
      setBusy(false);
    }
  }

  async function onTest() {
    if (inFlight.current.test) return;
    const checked = validate();
    const found: Errors = { token: checked.errors.token, baseUrl: checked.errors.baseUrl };
    if (showErrors(found)) {
      setTestStatus({ kind: 'error', message: 'Correct the marked fields to test them.' });
      return;
    }
    inFlight.current.test = true;
    setTesting(true);
    setTestStatus({ kind: 'busy', message: 'Testing the connection…' });
    try {
      if (!(await askForHost(checked.baseUrl))) {
        setTestStatus({ kind: 'error', message: `The browser did not grant access to ${new URL(checked.baseUrl).host}.` });
        return;
      }
      if (managed.baseUrl) setManagedHostGranted(true);
      const reply = await send<typeof testConnection>({ type: 'test-connection', token: checked.token, baseUrl: checked.baseUrl, method: shownMethod });
      if (reply.ok) {
        const count = `${reply.totalAtLeast ? 'at least ' : ''}${reply.total.toLocaleString('en-US')} ${reply.total === 1 ? 'callback' : 'callbacks'}`;
        setTestStatus({ kind: 'ok', message: `Connected. The account has ${count}.` });
      } else {
        setTestStatus({ kind: 'error', message: reply.error.message });
        // A refused token (403, 5001, "Invalid token", "Insufficient permissions") is the token field's problem.
        if (reply.error.kind === 'auth') showErrors({ token: 'Convoso did not accept this token. Check it, or ask your administrator for one that may search callbacks.' });
      }
    } finally {
      inFlight.current.test = false;
      setTesting(false);
    }
  }

  async function onForget() {
    await forgetToken();
    setToken('');
    await loadSaved();
    // The Forget button is now disabled and would drop the keyboard focus; the next step is a new token.
    refs.token.current?.focus();
    setStatus({ kind: 'ok', message: 'The token was forgotten.' });
    setTestStatus(null);
  }

  const tokenHintText = saved?.hasToken
    ? `The saved token is kept ${saved.where === 'session' ? 'until the browser closes' : 'on this device'}. Leave this empty to keep it, or enter a new one to replace it.`
    : 'Your Convoso API token, as your administrator gave it to you.';

  return (
    <form class="card" onSubmit={onSave} noValidate aria-labelledby="connection-title">
      <h2 id="connection-title">Token and connection</h2>
      {saved && saved.problems.length > 0 ? (
        <div class="notice notice--inline" role="alert" id="stored-problems">
          <p>Some saved settings could not be read, so defaults are shown instead:</p>
          <ul>
            {saved.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>Check the values below and press Save to store them again.</p>
        </div>
      ) : null}
      <p class="token-state" id="token-state">
        {saved ? (saved.hasToken ? `Token saved: ${saved.hint}` : 'No token saved') : ''}
      </p>

      <Field id="token" label="API token" hint={tokenHintText} error={errors.token}>
        {(aria) => (
          <div class="with-button">
            {/* One element either way, so focus and the typed text stay put. */}
            <input
              {...aria}
              ref={refs.token}
              {...(showToken ? { type: 'text' as const } : { type: 'password' as const })}
              autoComplete="off"
              spellcheck={false}
              value={token}
              onInput={(e) => setToken(inputValue(e))}
            />
            <button type="button" class="secondary" aria-pressed={showToken} onClick={() => setShowToken(!showToken)}>
              {showToken ? 'Hide token' : 'Show token'}
            </button>
          </div>
        )}
      </Field>

      <fieldset class="choices">
        <legend>Where the token is kept</legend>
        {WHERE.map((w) => (
          <div class="choice" key={w.value}>
            <input
              type="radio"
              id={`where-${w.value}`}
              name="where"
              value={w.value}
              checked={where === w.value}
              aria-describedby={`where-${w.value}-hint`}
              onChange={() => edit('where', setWhere, w.value)}
            />
            <label for={`where-${w.value}`}>{w.label}</label>
            <p class="hint" id={`where-${w.value}-hint`}>
              {w.sentence}
            </p>
          </div>
        ))}
      </fieldset>

      <Field
        id="base-url"
        label="API base URL"
        hint="https://api.convoso.com/v1 unless Convoso gave you another. Another host needs your permission; plain http only for localhost."
        locked={managed.baseUrl ? 'Set by your administrator.' : undefined}
        error={errors.baseUrl}
      >
        {(aria) => (
          <input
            {...aria}
            ref={refs.baseUrl}
            type="url"
            inputMode="url"
            spellcheck={false}
            value={shownBaseUrl}
            disabled={managed.baseUrl !== undefined}
            onInput={(e) => edit('baseUrl', setBaseUrl, inputValue(e))}
          />
        )}
      </Field>
      {managed.baseUrl && managedHostGranted === false ? (
        <div class="with-button grant-host">
          <p class="error" id="managed-host-access">
            The browser has not granted access to {new URL(managed.baseUrl).host} yet, so the extension cannot reach the API.
          </p>
          <button type="button" class="secondary" aria-describedby="managed-host-access" onClick={() => void onGrantManagedHost()}>
            Grant access
          </button>
        </div>
      ) : null}

      <Field
        id="method"
        label="Request method"
        hint="POST keeps the token out of addresses and server logs."
        locked={managed.method ? 'Set by your administrator.' : undefined}
      >
        {(aria) => (
          <select
            {...aria}
            value={shownMethod}
            disabled={managed.method !== undefined}
            onChange={(e) => edit('method', setMethod, inputValue(e) as RequestMethod)}
          >
            <option value="GET">GET</option>
            <option value="POST">POST</option>
          </select>
        )}
      </Field>

      <Field id="user-id" label="Convoso user ID" hint="Your own agent user ID, for “my callbacks”. Optional." error={errors.userId}>
        {(aria) => (
          <input
            {...aria}
            ref={refs.userId}
            inputMode="numeric"
            autoComplete="off"
            value={userId}
            onInput={(e) => edit('userId', setUserId, inputValue(e))}
          />
        )}
      </Field>

      <Field
        id="time-zone"
        label="Account time zone"
        hint={
          <>
            The time zone your Convoso account writes callback times in; “in 2 h” and “overdue” are counted on its clock. Convoso’s
            default is Pacific time (America/Los_Angeles); your Convoso administrator can see the account’s zone in Convoso’s account
            settings. Type to search, e.g. “New_York”. This browser is in {browserTimeZone()}.
          </>
        }
        locked={managed.timeZone ? `Set by your administrator: ${managed.timeZone}.` : undefined}
        error={errors.timeZone}
      >
        {(aria) => (
          <>
            <input
              {...aria}
              ref={refs.timeZone}
              list="time-zone-names"
              autoComplete="off"
              spellcheck={false}
              value={shownTimeZone}
              disabled={managed.timeZone !== undefined}
              onInput={(e) => edit('timeZone', setTimeZone, inputValue(e))}
            />
            <datalist id="time-zone-names">
              {zoneNames.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </>
        )}
      </Field>

      <div class="actions">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus. */}
        <button type="submit" aria-disabled={busy}>
          Save
        </button>
        <button type="button" class="secondary" aria-disabled={testing} onClick={() => void onTest()}>
          Test connection
        </button>
        <button type="button" class="secondary danger" disabled={!saved?.hasToken} onClick={() => void onForget()}>
          Forget token
        </button>
      </div>
      <StatusLine status={status} id="connection-status" />
      <StatusLine status={testStatus} id="test-status" />
    </form>
  );
}
