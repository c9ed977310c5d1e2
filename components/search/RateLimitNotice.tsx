import { useEffect, useState } from 'preact/hooks';
import { rateLimitText, secondsLeft } from '../../utils/search/rate-limit';

/** "Convoso is limiting requests, retrying in N s" with Cancel, counted down each second. */
export function RateLimitNotice(props: { until: number; now?: () => number; onCancel(): void }) {
  const now = props.now ?? Date.now;
  const [at, setAt] = useState(now);
  useEffect(() => {
    const timer = setInterval(() => setAt(now()), 1000);
    return () => clearInterval(timer);
  }, [props.until]);
  return (
    // Announced once when it appears; the countdown itself is not read out every second.
    <div class="error-notice rate-limit-notice" role="alert">
      <p aria-live="off">
        <span class="spinner" aria-hidden="true" />
        <span>{rateLimitText(secondsLeft(props.until, at))}</span>
      </p>
      <div class="notice-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
