import { useEffect, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { send } from '../../utils/messaging/send';
import type { ManagedConfig } from '../../utils/settings/managed';
import { forgetToken, readConnection, saveToken, tokenHint } from '../../utils/settings/connection';
import {
  BaseUrlSchema,
  DEFAULT_BASE_URL,
  TokenSchema,
  UserIdSchema,
  type RequestMethod,
  type TokenStorage,
} from '../../utils/settings/schemas';
import {
  baseUrlSetting,
  localTokenSetting,
  methodSetting,
  sessionTokenSetting,
  tokenStorageSetting,
  userIdSetting,
} from '../../utils/settings/settings';
import { originPattern } from '../../utils/sites/match-pattern';
import { Field, inputValue, StatusLine, type Status } from './Field';

type FieldName = 'token' | 'baseUrl' | 'userId';
type Errors = Partial<Record<FieldName, string>>;

interface Saved {
  hasToken: boolean;
  hint: string;
  where: TokenStorage;
}

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

const DEFAULT_ORIGIN = originPattern(DEFAULT_BASE_URL);

/** The host permission a base URL needs beyond the manifest's, if any. */
function extraOrigin(baseUrl: string): string | null {
  const origin = originPattern(baseUrl);
  return origin && origin !== DEFAULT_ORIGIN ? origin : null;
}

function firstIssue(result: v.SafeParseResult<v.GenericSchema>): string | undefined {
  return result.success ? undefined : result.issues[0].message;
}

export function ConnectionForm(props: { managed: ManagedConfig }) {
  const { managed } = props;
  const [token, setToken] = useState('');
  const [showToken, setShowToken] = useState(false);
  const [where, setWhere] = useState<TokenStorage>('local');
  const [baseUrl, setBaseUrl] = useState(DEFAULT_BASE_URL);
  const [method, setMethod] = useState<RequestMethod>('GET');
  const [userId, setUserId] = useState('');
  const [saved, setSaved] = useState<Saved | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [testStatus, setTestStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const refs = { token: useRef<HTMLInputElement>(null), baseUrl: useRef<HTMLInputElement>(null), userId: useRef<HTMLInputElement>(null) };

  async function loadSaved(): Promise<Saved> {
    const connection = await readConnection();
    const next = { hasToken: connection.token !== '', hint: tokenHint(connection.token), where: connection.tokenStorage };
    setSaved(next);
    return next;
  }

  useEffect(() => {
    void (async () => {
      const [current, connection, user] = await Promise.all([loadSaved(), readConnection(), userIdSetting.get()]);
      setWhere(current.where);
      setBaseUrl(connection.baseUrl);
      setMethod(connection.method);
      setUserId(user.value);
    })();
    // The token can change elsewhere: another options tab, or the session ending.
    const stops = [localTokenSetting, sessionTokenSetting, tokenStorageSetting].map((s) => s.watch(() => void loadSaved()));
    return () => stops.forEach((stop) => stop());
  }, []);

  // A policy value always shows, whatever the form held.
  const shownBaseUrl = managed.baseUrl ?? baseUrl;
  const shownMethod = managed.method ?? method;

  function validate(): { errors: Errors; token?: string; baseUrl: string; userId: string } {
    const found: Errors = {};
    const t = token.trim() === '' ? undefined : v.safeParse(TokenSchema, token);
    if (t && !t.success) found.token = firstIssue(t);
    const b = v.safeParse(BaseUrlSchema, shownBaseUrl);
    if (!b.success) found.baseUrl = firstIssue(b);
    const u = v.safeParse(UserIdSchema, userId.trim());
    if (!u.success) found.userId = firstIssue(u);
    return {
      errors: found,
      token: t?.success ? t.output : undefined,
      baseUrl: b.success ? b.output : shownBaseUrl,
      userId: u.success ? u.output : userId,
    };
  }

  function showErrors(found: Errors): boolean {
    setErrors(found);
    const first = (['token', 'baseUrl', 'userId'] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
    return first !== undefined;
  }

  /** Must run before any other await of a click: the prompt needs the click. */
  async function askForHost(url: string): Promise<boolean> {
    const origin = managed.baseUrl ? null : extraOrigin(url);
    if (!origin) return true;
    try {
      return await browser.permissions.request({ origins: [origin] });
    } catch {
      return false;
    }
  }

  async function onSave(event: Event) {
    event.preventDefault();
    const checked = validate();
    if (showErrors(checked.errors)) {
      setStatus({ kind: 'error', message: 'Nothing was saved: correct the marked fields.' });
      return;
    }
    setBusy(true);
    setStatus({ kind: 'busy', message: 'Saving…' });
    try {
      if (!(await askForHost(checked.baseUrl))) {
        showErrors({ baseUrl: `The browser did not grant access to ${new URL(checked.baseUrl).host}, so nothing was saved.` });
        setStatus({ kind: 'error', message: 'Nothing was saved: access to the API address was not granted.' });
        return;
      }
      const connection = await readConnection();
      const keep = checked.token ?? (connection.token || undefined);
      if (keep !== undefined) {
        const result = await saveToken(keep, where);
        if (!result.ok) {
          showErrors({ token: result.message });
          setStatus({ kind: 'error', message: 'Nothing was saved: correct the marked fields.' });
          return;
        }
      } else {
        await tokenStorageSetting.set(where);
      }
      if (!managed.baseUrl) await baseUrlSetting.set(checked.baseUrl);
      if (!managed.method) await methodSetting.set(shownMethod);
      await userIdSetting.set(checked.userId);
      setToken('');
      setShowToken(false);
      setBaseUrl(checked.baseUrl);
      await loadSaved();
      setStatus({ kind: 'ok', message: 'Saved.' });
    } catch (error) {
      setStatus({
        kind: 'error',
        message: `Could not save (${error instanceof Error ? error.message : String(error)}). Your entries are still in the form.`,
      });
    } finally {
      setBusy(false);
    }
  }

  async function onTest() {
    const checked = validate();
    const found: Errors = { token: checked.errors.token, baseUrl: checked.errors.baseUrl };
    if (showErrors(found)) {
      setTestStatus({ kind: 'error', message: 'Correct the marked fields to test them.' });
      return;
    }
    setTestStatus({ kind: 'busy', message: 'Testing the connection…' });
    if (!(await askForHost(checked.baseUrl))) {
      setTestStatus({ kind: 'error', message: `The browser did not grant access to ${new URL(checked.baseUrl).host}.` });
      return;
    }
    const reply = await send({ type: 'test-connection', token: checked.token, baseUrl: checked.baseUrl, method: shownMethod });
    if (reply.ok) {
      const total = reply.total.toLocaleString();
      setTestStatus({ kind: 'ok', message: `Connected. The account has ${total} callback${reply.total === 1 ? '' : 's'}.` });
    } else {
      setTestStatus({ kind: 'error', message: reply.error.message });
    }
  }

  async function onForget() {
    await forgetToken();
    setToken('');
    await loadSaved();
    setStatus({ kind: 'ok', message: 'The token was forgotten.' });
    setTestStatus(null);
  }

  const tokenHintText = saved?.hasToken
    ? `The saved token is kept ${saved.where === 'session' ? 'until the browser closes' : 'on this device'}. Leave this empty to keep it, or enter a new one to replace it.`
    : 'Your Convoso API token, as your administrator gave it to you.';

  return (
    <form class="card" onSubmit={onSave} noValidate aria-labelledby="connection-title">
      <h2 id="connection-title">Token and connection</h2>
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
              onChange={() => setWhere(w.value)}
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
            onInput={(e) => setBaseUrl(inputValue(e))}
          />
        )}
      </Field>

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
            onChange={(e) => setMethod(inputValue(e) as RequestMethod)}
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
            onInput={(e) => setUserId(inputValue(e))}
          />
        )}
      </Field>

      <div class="actions">
        <button type="submit" disabled={busy}>
          Save
        </button>
        <button type="button" class="secondary" onClick={() => void onTest()}>
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
