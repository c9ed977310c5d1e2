import { afterAll } from 'vitest';
import { closeSpareBrowsers } from './browser-pool';

// Tests of one file hand their browser on to the next (browser-pool.ts); the last one closes it.
afterAll(closeSpareBrowsers);
