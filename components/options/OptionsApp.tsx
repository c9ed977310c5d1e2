import { useEffect, useState } from 'preact/hooks';
import { readManagedConfig, type ManagedConfig } from '../../utils/settings/managed';
import { ConnectionForm } from './ConnectionForm';
import { PowerToolsSection } from './PowerToolsSection';
import { SitesSection } from './SitesSection';
import { TransferSection } from './TransferSection';

export function OptionsApp() {
  const [managed, setManaged] = useState<ManagedConfig | null>(null);

  useEffect(() => {
    void readManagedConfig().then(setManaged);
  }, []);

  // Forms wait for the policy, so a locked field never shows the user's value first.
  if (!managed) return <main class="options" aria-busy="true" />;
  return (
    <main class="options">
      <h1>Convoso Callbacks settings</h1>
      {managed.problems.length > 0 ? (
        <div class="card notice" role="note">
          <p>Some of your administrator’s settings could not be used:</p>
          <ul>
            {managed.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ConnectionForm managed={managed} />
      <PowerToolsSection />
      <SitesSection />
      <TransferSection managed={managed} />
    </main>
  );
}
