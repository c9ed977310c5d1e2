import type { RefObject } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/** Whether `el`'s content spills out of its box either way. */
export const overflows = (el: HTMLElement) => el.scrollWidth > el.clientWidth + 0.5 || el.scrollHeight > el.clientHeight + 0.5;

/**
 * Which of `count` wordings, longest first, to show in `ref`'s fixed box: the
 * first that fits it, measured before the frame is painted. Text is shortened,
 * never cut. `key` names the wordings: new words start again from the longest.
 */
export function useFit(ref: RefObject<HTMLElement | null>, key: string, count: number): number {
  const [state, setState] = useState({ key, level: 0 });
  const level = state.key === key ? state.level : 0;
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && level < count - 1 && overflows(el)) setState({ key, level: level + 1 });
  });
  return level;
}
