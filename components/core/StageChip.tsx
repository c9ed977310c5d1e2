import type { CallbackStage } from '../../utils/core/api/model';
import { clip } from '../../utils/core/format/clip';

// Shared by the popup's cards and the search tab's table; its colours are in stage-chip.css.

export interface StageChipProps {
  stage: CallbackStage;
  /** The word to show; an unknown stage shows the API's own word. */
  label: string;
}

export function StageChip({ stage, label }: StageChipProps) {
  return (
    <span class={`stage-chip stage-chip--${stage}`} data-stage={stage}>
      {/* The API's word, shortened; isolated in stage-chip.css so a direction override stays inside the chip. */}
      {clip(label, 60) || 'Unknown stage'}
    </span>
  );
}
