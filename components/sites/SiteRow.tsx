import { useState } from 'preact/hooks';
import type { HostAccess } from '../../utils/core/hosts/host-access';
import { grantSiteAccess, removeSite, setSiteMode, type SiteActionResult } from '../../utils/sites/actions';
import { askBackgroundToSyncSites } from '../../utils/sites/ask-sync';
import { isBuiltInSite } from '../../utils/sites/built-in';
import { SITE_STATUS_TEXT, type SiteStatus } from '../../utils/sites/registration';
import { SITE_MODE_LABELS, type Site, type SiteMode } from '../../utils/sites/schema';
import { inputValue } from '../core/Field';
import { RulesEditor } from './RulesEditor';

const MODES = Object.keys(SITE_MODE_LABELS) as SiteMode[];

export interface SiteRowProps {
  site: Site;
  status: SiteStatus | undefined;
  hosts: HostAccess;
  /** false: the administrator's policy turned inline chips off (sites set to them show the badge). */
  allowInline: boolean;
  rulesOpen: boolean;
  onToggleRules: () => void;
  /** Reports an action's outcome; `focusTitle` when the row itself went away. */
  after: (result: SiteActionResult, success: string, focusTitle?: boolean) => Promise<void>;
}

/** One site: its status, mode, access, rules and removal. */
export function SiteRow(props: SiteRowProps) {
  const { site, status, after } = props;
  const builtIn = isBuiltInSite(site);
  // Rule editors stay mounted once opened, so closing a panel never throws away unsaved rules.
  const [mounted, setMounted] = useState(false);
  const chipsOff = !props.allowInline;
  const modeReason = `mode-${site.id}-policy`;
  return (
    <li class="site">
      <div class="site-head">
        <span class="site-pattern">{site.pattern}</span>
        {builtIn ? <span class="tag">Built in</span> : null}
        {site.managed ? <span class="tag tag--locked">Set by your administrator</span> : null}
        <span class={`site-status site-status--${status ?? 'unknown'}`}>{status ? SITE_STATUS_TEXT[status] : 'Checking…'}</span>
      </div>
      <div class="site-controls">
        <label for={`mode-${site.id}`}>Mode</label>
        <select
          id={`mode-${site.id}`}
          aria-label={`Mode for ${site.pattern}`}
          value={site.mode}
          disabled={site.managed}
          aria-describedby={chipsOff ? modeReason : undefined}
          onChange={(e) => {
            const mode = inputValue(e) as SiteMode;
            void setSiteMode(site.id, mode).then((r) => after(r, `${site.pattern}: ${SITE_MODE_LABELS[mode]}.`));
          }}
        >
          {MODES.map((m) => (
            <option key={m} value={m} disabled={m === 'inline' && chipsOff}>
              {SITE_MODE_LABELS[m]}
            </option>
          ))}
        </select>
        {status === 'no-access' ? (
          <button
            type="button"
            class="secondary"
            aria-label={`Grant access to ${site.pattern}`}
            onClick={() => void grantSiteAccess([site.pattern]).then((r) => after(r, `Access to ${site.pattern} granted.`))}
          >
            Grant access
          </button>
        ) : null}
        {status === 'not-registered' ? (
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
          aria-expanded={props.rulesOpen}
          aria-controls={`rules-panel-${site.id}`}
          aria-label={`Lead detection rules for ${site.pattern} (${site.rules.length})`}
          onClick={() => {
            setMounted(true);
            props.onToggleRules();
          }}
        >
          Rules ({site.rules.length})
        </button>
        {builtIn || site.managed ? null : (
          <button
            type="button"
            class="secondary danger"
            aria-label={`Remove ${site.pattern}`}
            // The button goes with its row: the keyboard focus stays in the section.
            onClick={() => void removeSite(site.id, props.hosts).then((r) => after(r, `Removed ${site.pattern}.`, r.ok))}
          >
            Remove
          </button>
        )}
      </div>
      {chipsOff ? (
        <p class="hint hint--locked" id={modeReason}>
          {site.mode === 'inline' ? 'Shows the badge instead: inline chips are turned off by your administrator.' : 'Inline chips are turned off by your administrator.'}
        </p>
      ) : null}
      {mounted || props.rulesOpen ? (
        <div id={`rules-panel-${site.id}`} hidden={!props.rulesOpen}>
          <RulesEditor site={site} locked={site.managed === true} />
        </div>
      ) : null}
    </li>
  );
}
