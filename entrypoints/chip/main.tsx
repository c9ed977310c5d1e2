import { render } from 'preact';
import { ChipApp } from '../../components/lookup/ChipApp';
import { chipBackground } from '../../components/lookup/frame-background';
import { createLeadAnswer } from '../../components/lookup/lead-answer';
import { readFrameHash } from '../../utils/lookup/frame-port';
import '../../assets/theme.css';
import '../../components/lookup/lookup-frames.css';

// One inline chip, framed beside its lead in a CRM list by the content script
// (utils/lookup/content/chips-controller.ts). Its lead is asked for first, then the chip is drawn.
const answer = createLeadAnswer({ ask: (id, options) => chipBackground.ask(id, options) });
const { leadId } = readFrameHash(location.hash);
if (leadId) answer.show(leadId);
render(<ChipApp answer={answer} openSearchTab={chipBackground.openSearchTab} />, document.getElementById('app')!);
