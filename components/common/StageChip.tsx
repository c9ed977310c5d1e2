import type { CallbackStage } from '../../utils/api/model';

// Dependency-light on purpose: the on-page badge imports it too.

export interface StageChipProps {
  stage: CallbackStage;
  /** The word to show; an unknown stage shows the API's own word. */
  label: string;
}

export function StageChip({ stage, label }: StageChipProps) {
  return (
    <span class={`stage-chip stage-chip--${stage}`} data-stage={stage}>
      {label || 'Unknown stage'}
    </span>
  );
}
