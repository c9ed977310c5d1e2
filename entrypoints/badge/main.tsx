import { render } from 'preact';
import { BadgeApp } from '../../components/lookup/BadgeApp';
import { createBadgeModel } from '../../components/lookup/badge-model';
import { badgeBackground } from '../../components/lookup/frame-background';
import { connectToPage } from '../../components/lookup/page-link';
import { readFrameHash } from '../../utils/lookup/frame-port';
import '../../assets/theme.css';
import '../../components/core/stage-chip.css';
import '../../components/lookup/lookup-frames.css';

// The badge, framed in a CRM page by the content script (utils/lookup/content/badge-frame.ts).
// Its lead is asked for first, then the badge is drawn.
const model = createBadgeModel(readFrameHash(location.hash), connectToPage(), badgeBackground);
render(<BadgeApp model={model} />, document.getElementById('app')!);
