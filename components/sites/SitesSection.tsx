import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { addSite, checkNewSite, grantSiteAccess, removeSite, setSiteMode } from '../../utils/sites/actions';
import { isBuiltInSite } from '../../utils/sites/built-in';
import { askBackgroundToSyncSites } from '../../utils/sites/ask-sync';
import { SITE_STATUS_TEXT, siteStatuses, type SiteStatus } from '../../utils/sites/registration';
import { SITE_MODE_LABELS, type Site, type SiteMode } from '../../utils/sites/schema';
import { readSites, watchSites } from '../../utils/sites/store';
import { Field, inputValue, StatusLine, type Status } from '../core/Field';
import { RulesEditor } from './RulesEditor';

const MODES = Object.keys(SITE_MODE_LABELS) as SiteMode[];

export function SitesSection() {
  const [sites, setSites] = useState<Site[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<Record<string, SiteStatus>>({});
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>(null);
  const [open, setOpen] = useState<string | null>(null);
  // Rule editors stay mounted once opened, so closing a panel never throws away unsaved rules.
  const [mounted, setMounted] = useState<ReadonlySet<string>>(new Set());
  // A second Enter while the browser's prompt is open must not ask again.
  const adding = useRef(false);
  const title = useRef<HTMLHeadingElement>(null);

  async function refreshStatuses(list: Site[]) {
    setStatuses(await siteStatuses(list));
  }

  /**
   * Statuses of the stored list, for changes the list does not show: access
   * granted or revoked, scripts registered. watchSites cannot cover these: a
   * mode change stores the list before it registers the script.
   */
  const recheckStatuses = () => readSites().then((read) => refreshStatuses(read.sites));

  useEffect(() => {
    void (async () => {
      // Only reads: the background owns registrations and the policy, so opening this page changes nothing.
      const read = await readSites();
      setSites(read.sites);
      setProblems(read.problems);
      await refreshStatuses(read.sites);
    })();
    const stop = watchSites((read) => {
      setSites(read.sites);
      setProblems(read.problems);
      void refreshStatuses(read.sites);
    });
    // Access granted or revoked in the browser's own settings.
    const onPermissions = () => void recheckStatuses();
    try {
      browser.permissions.onAdded.addListener(onPermissions);
      browser.permissions.onRemoved.addListener(onPermissions);
    } catch {
      // Not every browser (or test double) has these events; the list refreshes on every change anyway.
    }
    return () => {
      stop();
      try {
        browser.permissions.onAdded.removeListener(onPermissions);
        browser.permissions.onRemoved.removeListener(onPermissions);
      } catch {
        // See above.
      }
    };
  }, []);

  /** Reports an action. The list itself follows through watchSites; the statuses are read again once the action is over. */
  async function after(result: { ok: true } | { ok: false; message: string }, success: string) {
    setStatus(result.ok ? { kind: 'ok', message: success } : { kind: 'error', message: result.message });
    await recheckStatuses();
  }

  async function onAdd(event: Event) {
    event.preventDefault();
    if (adding.current) return;
    // Checked before asking the browser, so a typo never shows a permission prompt.
    const checked = checkNewSite(sites, input);
    if (!checked.ok) {
      setInputError(checked.message);
      document.getElementById('new-site')?.focus();
      return;
    }
    setInputError(undefined);
    setStatus({ kind: 'busy', message: `Asking the browser for access to ${checked.pattern}…` });
    adding.current = true;
    const result = await addSite(sites, input).finally(() => (adding.current = false));
    if (!result.ok) {
      setInputError(result.message);
      setStatus({ kind: 'error', message: result.message });
      return;
    }
    setInput('');
    await after(result, `Added ${checked.pattern}.`);
  }

  const inactive = sites.filter((s) => statuses[s.id] === 'no-access');

  return (
    <section class="card" aria-labelledby="sites-title">
      <h2 id="sites-title" ref={title} tabIndex={-1}>
        CRM sites
      </h2>
      <p class="hint">
        Lead badges run on these sites. Convoso’s own admin and agent pages are built in. Add your CRM and the browser asks
        you once for access to it.
      </p>
      {problems.length > 0 ? (
        <div class="notice notice--inline" role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>Any change to the list (adding a site, switching a mode) stores it again without them.</p>
        </div>
      ) : null}

      <form class="add-site" onSubmit={onAdd} noValidate>
        <Field
          id="new-site"
          label="Site address or match pattern"
          hint="e.g. crm.example.com, https://crm.example.com/leads/1 or *://*.example.com/*"
          error={inputError}
        >
          {(aria) => (
            <div class="with-button">
              <input
                {...aria}
                inputMode="url"
                spellcheck={false}
                autoComplete="off"
                value={input}
                onInput={(e) => setInput(inputValue(e))}
              />
              <button type="submit">Add site</button>
            </div>
          )}
        </Field>
      </form>

      {inactive.length > 1 ? (
        <button
          type="button"
          class="secondary"
          onClick={() => void grantSiteAccess(inactive.map((s) => s.pattern)).then((r) => after(r, 'Access granted.'))}
        >
          Grant access to all {inactive.length} inactive sites
        </button>
      ) : null}

      <ul class="site-list" aria-label="CRM sites">
        {sites.map((site) => {
          const builtIn = isBuiltInSite(site);
          const siteStatus = statuses[site.id];
          const rulesOpen = open === site.id;
          return (
            <li key={site.id} class="site">
              <div class="site-head">
                <span class="site-pattern">{site.pattern}</span>
                {builtIn ? <span class="tag">Built in</span> : null}
                {site.managed ? <span class="tag tag--locked">Set by your administrator</span> : null}
                <span class={`site-status site-status--${siteStatus ?? 'unknown'}`}>
                  {siteStatus ? SITE_STATUS_TEXT[siteStatus] : 'Checking…'}
                </span>
              </div>
              <div class="site-controls">
                <label for={`mode-${site.id}`}>Mode</label>
                <select
                  id={`mode-${site.id}`}
                  aria-label={`Mode for ${site.pattern}`}
                  value={site.mode}
                  disabled={site.managed}
                  onChange={(e) => {
                    const mode = inputValue(e) as SiteMode;
                    void setSiteMode(site.id, mode).then((r) => after(r, `${site.pattern}: ${SITE_MODE_LABELS[mode]}.`));
                  }}
                >
                  {MODES.map((m) => (
                    <option key={m} value={m}>
                      {SITE_MODE_LABELS[m]}
                    </option>
                  ))}
                </select>
                {siteStatus === 'no-access' ? (
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Grant access to ${site.pattern}`}
                    onClick={() => void grantSiteAccess([site.pattern]).then((r) => after(r, `Access to ${site.pattern} granted.`))}
                  >
                    Grant access
                  </button>
                ) : null}
                {siteStatus === 'not-registered' ? (
                  <button
                    type="button"
                    class="secondary"
                    aria-label={`Try again to register the page script for ${site.pattern}`}
                    onClick={() => void askBackgroundToSyncSites().then(() => after({ ok: true }, `Checked ${site.pattern} again.`))}
                  >
                    Try again
                  </button>
                ) : null}
                <button
                  type="button"
                  class="secondary"
                  aria-expanded={rulesOpen}
                  aria-controls={`rules-panel-${site.id}`}
                  aria-label={`Lead detection rules for ${site.pattern} (${site.rules.length})`}
                  onClick={() => {
                    setMounted((all) => new Set(all).add(site.id));
                    setOpen(rulesOpen ? null : site.id);
                  }}
                >
                  Rules ({site.rules.length})
                </button>
                {builtIn || site.managed ? null : (
                  <button
                    type="button"
                    class="secondary danger"
                    aria-label={`Remove ${site.pattern}`}
                    onClick={() =>
                      void removeSite(site.id).then(async (r) => {
                        await after(r, `Removed ${site.pattern}.`);
                        // The button went with its row: keep the keyboard focus in this section.
                        if (r.ok) title.current?.focus();
                      })
                    }
                  >
                    Remove
                  </button>
                )}
              </div>
              {mounted.has(site.id) ? (
                <div id={`rules-panel-${site.id}`} hidden={!rulesOpen}>
                  <RulesEditor site={site} locked={site.managed === true} />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      <StatusLine status={status} id="sites-status" />
    </section>
  );
}
