import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { StageChip } from '../core/StageChip';
import { ApiText } from './CallbackParts';

describe('API text in the popup and the tab (issue 8, item 6)', () => {
  it('shortens a megabyte name and isolates it in <bdi>', () => {
    const { container } = render(<ApiText value={`\u202E${'x'.repeat(1_000_000)}`} />);
    const bdi = container.querySelector('bdi')!;
    expect(bdi.textContent!.length).toBeLessThanOrEqual(200);
    expect(bdi.textContent!.startsWith('\u202E')).toBe(true);
  });

  it('shortens a stage label', () => {
    const { container } = render(<StageChip stage="unknown" label={'y'.repeat(10_000)} />);
    expect(container.textContent!.length).toBeLessThanOrEqual(60);
  });
});
