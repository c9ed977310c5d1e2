import { render } from 'preact';
import { OptionsApp } from './OptionsApp';
import { readArea, writeArea } from '../../utils/core/storage/sealed';
import '../../assets/theme.css';
import './style.css';
import './form.css';
import '../../components/sites/sites.css';

// Test builds only, as in the background: real-browser tests seed and read the
// sealed settings through an extension page (Firefox's background is no
// service worker to evaluate in). Production builds drop this branch.
if (import.meta.env.MODE === 'test') {
  (globalThis as unknown as Record<string, unknown>).__convosoTestStorage = { read: readArea, write: writeArea };
}

render(<OptionsApp />, document.getElementById('app')!);
