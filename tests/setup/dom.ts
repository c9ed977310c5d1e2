import { configure } from '@testing-library/preact';

// waitFor and findBy* give up after 1 s by default: on a 2-core machine with both cores
// busy a render can take longer. A generous limit costs nothing when a test passes.
configure({ asyncUtilTimeout: 15_000 });
