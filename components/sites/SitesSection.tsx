import { useRef, useState } from 'preact/hooks';
import type { HostAccess } from '../../utils/core/hosts/host-access';
import { grantSiteAccess, type SiteActionResult } from '../../utils/sites/actions';
import type { Status } from '../core/Field';
import { AddSiteForm } from './AddSiteForm';
import { SiteRow } from './SiteRow';
import { useSites } from './use-sites';

function StoredProblems(props: { problems: readonly string[] }) {
  if (props.problems.length === 0) return null;
  return (
    <div class="notice notice--inline" role="alert">
      <ul>
        {props.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      <p>The stored list is kept as it is until you change it here: any change (adding a site, switching a mode) stores it again without them.</p>
    </div>
  );
}

/**
 * CRM sites: where the badge runs, with each site's mode and lead rules. `hosts`:
 * access given back on removal; `allowInlineChips` false: the administrator's
 * policy turned inline chips off.
 */
export function SitesSection(props: { hosts: HostAccess; allowInlineChips?: boolean }) {
  const { sites, problems, statuses, recheck } = useSites();
  const [status, setStatus] = useState<Status>(null);
  const [open, setOpen] = useState<string | null>(null);
  const title = useRef<HTMLHeadingElement>(null);

  /** Reports an action. The list itself follows through watchSites; the statuses are read again once the action is over. */
  async function after(result: SiteActionResult, success: string, focusTitle = false) {
    setStatus(result.ok ? { kind: 'ok', message: success } : { kind: 'error', message: result.message });
    await recheck();
    if (focusTitle) title.current?.focus();
  }

  const inactive = sites.filter((s) => statuses[s.id] === 'no-access');
  return (
    <section class="card" aria-labelledby="sites-title">
      <h3 id="sites-title" ref={title} tabIndex={-1}>
        CRM sites
      </h3>
      <p class="hint">
        Lead badges run on these sites. Convoso’s own admin and agent pages are built in. Add your CRM and the browser asks you once for
        access to it.
      </p>
      <StoredProblems problems={problems} />
      <AddSiteForm sites={sites} status={status} onStatus={setStatus} onAdded={recheck} />
      {inactive.length > 1 ? (
        <button type="button" class="secondary" onClick={() => void grantSiteAccess(inactive.map((s) => s.pattern)).then((r) => after(r, 'Access granted.'))}>
          Grant access to all {inactive.length} inactive sites
        </button>
      ) : null}
      <ul class="site-list" aria-label="CRM sites">
        {sites.map((site) => (
          <SiteRow
            key={site.id}
            site={site}
            status={statuses[site.id]}
            hosts={props.hosts}
            allowInline={props.allowInlineChips !== false}
            rulesOpen={open === site.id}
            onToggleRules={() => setOpen(open === site.id ? null : site.id)}
            after={after}
          />
        ))}
      </ul>
    </section>
  );
}
