import { useEffect, useState } from 'preact/hooks';
import { lastAppliedPolicy, readPolicy, watchPolicy, type PolicyValues } from '../../utils/core/storage/managed';

/**
 * The administrator's policy for the options page, without waiting on the
 * browser: the one the background last applied at once, then storage.managed's
 * own answer (Chromium gives it only seconds after it starts), then its changes.
 * null until the first is read: nothing is locked meanwhile.
 */
export function usePolicy(): PolicyValues | null {
  const [values, setValues] = useState<PolicyValues | null>(null);
  useEffect(() => {
    let fresh = false;
    void lastAppliedPolicy().then((applied) => {
      if (!fresh) setValues(applied);
    });
    void readPolicy().then((live) => {
      fresh = true;
      setValues(live);
    });
    return watchPolicy((live) => {
      fresh = true;
      setValues(live);
    });
  }, []);
  return values;
}
