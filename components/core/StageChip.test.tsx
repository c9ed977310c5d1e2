import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackStage } from '../../utils/core/api/model';
import { StageChip } from './StageChip';

afterEach(cleanup);

describe('StageChip', () => {
  it.each<[CallbackStage, string, string]>([
    ['pending', 'Pending', 'Pending'],
    ['past_due', 'Past due', 'Past due'],
    ['completed', 'Completed', 'Completed'],
    ['dismissed', 'Dismissed', 'Dismissed'],
    ['missed', 'Missed', 'Missed'],
    ['new', 'New', 'New'],
    ['unknown', 'Snoozed', 'Snoozed'],
    ['unknown', '', 'Unknown stage'],
  ])('%s labelled %j reads %s with its colour class', (stage, label, text) => {
    const { container } = render(<StageChip stage={stage} label={label} />);
    const chip = container.firstElementChild!;
    expect(chip.textContent).toBe(text);
    expect(chip.classList.contains(`stage-chip--${stage}`)).toBe(true);
  });

  it('renders markup in a label as text', () => {
    const { container } = render(<StageChip stage="unknown" label="<img src=x onerror=alert(1)>" />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
