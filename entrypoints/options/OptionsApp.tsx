import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiCard } from '../../components/connection/ApiCard';
import { ConnectionCard } from '../../components/connection/ConnectionCard';
import { useConnection } from '../../components/connection/use-connection';
import { TransferSection } from '../../components/core/TransferSection';
import { PowerToolsSection } from '../../components/reminders/PowerToolsSection';
import { SitesSection } from '../../components/sites/SitesSection';
import { apiHostUser } from '../../utils/connection/api-origin';
import { parseConnectionPolicy } from '../../utils/connection/connection-policy';
import { createHostAccess } from '../../utils/core/hosts/host-access';
import { parseTrafficPolicy } from '../../utils/core/storage/traffic-policy';
import { savedSearchesSetting } from '../../utils/search/saved-searches-setting';
import { parseSitesPolicy } from '../../utils/sites/sites-policy';
import { sitesHostUser } from '../../utils/sites/sites-in-use';
import { useDeepLink } from './deep-link';
import { PolicyLimits } from './PolicyLimits';
import { transferParts } from './transfer-parts';
import { usePolicy } from './use-policy';

function Notices(props: { policyProblems: string[]; unreadable: string[] }) {
  return (
    <>
      {props.policyProblems.length > 0 ? (
        <div class="card notice" role="note">
          <p>Some of your administrator’s settings could not be used:</p>
          <ul>
            {props.policyProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.unreadable.length > 0 ? (
        <div class="card notice" role="alert">
          <p>Some saved settings could not be read:</p>
          <ul>
            {props.unreadable.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>They are kept as they are until you choose to replace them where they are used.</p>
        </div>
      ) : null}
    </>
  );
}

/** Settings that no section of this page shows, but that cannot be read: the saved searches (the popup's). */
function useUnreadableElsewhere(): string[] {
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    const read = () => void savedSearchesSetting.get().then((r) => setProblems(r.problem ? [r.problem] : []));
    read();
    return savedSearchesSetting.watch(read);
  }, []);
  return problems;
}

/**
 * The options page: the agent's settings first (their connection, the toolbar
 * count and reminders), then what an administrator sets up once (the API, CRM
 * sites and their rules, export and import). It composes the features'
 * sections and hands each what it needs of the others.
 */
export function OptionsApp() {
  const values = usePolicy();
  const policy = useMemo(
    () => ({ connection: parseConnectionPolicy(values ?? {}), sites: parseSitesPolicy(values ?? {}), traffic: parseTrafficPolicy(values ?? {}) }),
    [values],
  );
  const connection = useConnection(policy.connection);
  const hosts = useMemo(() => createHostAccess([apiHostUser, sitesHostUser]), []);
  const parts = useMemo(() => transferParts(policy.connection), [policy.connection]);
  const unreadable = useUnreadableElsewhere();
  useDeepLink();

  return (
    <main class="options">
      <h1>Convoso Callbacks settings</h1>
      <Notices policyProblems={[...policy.connection.problems, ...policy.sites.problems, ...policy.traffic.problems]} unreadable={unreadable} />
      <ConnectionCard connection={connection} policy={policy.connection} />
      <PowerToolsSection userId={connection.state.saved ? connection.state.saved.userId : null} policy={policy.traffic} />
      <section class="admin" aria-labelledby="admin-title">
        <h2 id="admin-title">Administrator</h2>
        <p class="hint">Set up once for the whole team, here or by your administrator’s browser policy; shared as a settings file.</p>
        <PolicyLimits policy={policy.traffic} />
        <ApiCard connection={connection} policy={policy.connection} />
        <SitesSection hosts={hosts} allowInlineChips={policy.traffic.allowInlineChips} />
        <TransferSection parts={parts} />
      </section>
    </main>
  );
}
