import { useEffect, useState } from 'preact/hooks';
import { readManagedConfig, type ManagedConfig } from '../../utils/core/storage/managed';
import { ConnectionForm } from '../../components/connection/ConnectionForm';
import { PowerToolsSection } from '../../components/reminders/PowerToolsSection';
import { SitesSection } from '../../components/sites/SitesSection';
import { TransferSection } from '../../components/core/TransferSection';

/** Until the policy is read: nothing locked. */
const NO_POLICY: ManagedConfig = { problems: [] };

export function OptionsApp() {
  // Chromium can take seconds to answer storage.managed right after it starts: the
  // forms show at once and lock what the policy sets when it arrives. The background
  // has already copied the policy's values into storage, so the fields show them
  // meanwhile; Save and import wait for the policy itself before writing anything.
  const [policy] = useState(readManagedConfig);
  const [managed, setManaged] = useState<ManagedConfig | null>(null);

  useEffect(() => {
    void policy.then(setManaged);
  }, [policy]);

  return (
    <main class="options">
      <h1>Convoso Callbacks settings</h1>
      {managed && managed.problems.length > 0 ? (
        <div class="card notice" role="note">
          <p>Some of your administrator’s settings could not be used:</p>
          <ul>
            {managed.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ConnectionForm managed={managed ?? NO_POLICY} policy={policy} />
      <PowerToolsSection />
      <SitesSection />
      <TransferSection managed={managed ?? NO_POLICY} policy={policy} />
    </main>
  );
}
