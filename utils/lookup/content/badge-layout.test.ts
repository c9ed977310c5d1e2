import { describe, expect, it } from 'vitest';
import { BADGE_LINE_HEIGHT, BADGE_WIDTH, PANEL_GAP, PANEL_MAX_HEIGHT } from '../frame-port';
import { UNMEASURED, frameBox, panelHeight, panelSide } from './badge-layout';

const WINDOW = { width: 1280, height: 800 };

describe('the badge frame’s box (issue 20, item 10: its size never depends on what it says)', () => {
  it('collapsed: the fixed line at the remembered place', () => {
    expect(frameBox({ right: 16, bottom: 16 }, WINDOW, null)).toEqual({ right: 16, bottom: 16, width: BADGE_WIDTH, height: BADGE_LINE_HEIGHT });
  });

  it('a place remembered from a bigger window is kept inside this one', () => {
    expect(frameBox({ right: 5000, bottom: 5000 }, WINDOW, null)).toEqual({
      right: WINDOW.width - BADGE_WIDTH - 4,
      bottom: WINDOW.height - BADGE_LINE_HEIGHT - 4,
      width: BADGE_WIDTH,
      height: BADGE_LINE_HEIGHT,
    });
  });

  it('before the window is measured nothing is clamped', () => {
    expect(frameBox({ right: 5000, bottom: 16 }, UNMEASURED, null)).toMatchObject({ right: 5000, bottom: 16 });
    expect(frameBox({ right: 16, bottom: 16 }, UNMEASURED, { side: 'up' })).toMatchObject({ height: BADGE_LINE_HEIGHT });
  });

  it('open above a low badge: the frame grows up, the line stays put', () => {
    const extra = PANEL_GAP + PANEL_MAX_HEIGHT;
    expect(frameBox({ right: 16, bottom: 16 }, WINDOW, { side: 'up' })).toEqual({ right: 16, bottom: 16, width: BADGE_WIDTH, height: BADGE_LINE_HEIGHT + extra });
  });

  it('open below a high badge: the frame grows down, the line stays put', () => {
    const extra = PANEL_GAP + PANEL_MAX_HEIGHT;
    expect(frameBox({ right: 16, bottom: 700 }, WINDOW, { side: 'down' })).toEqual({ right: 16, bottom: 700 - extra, width: BADGE_WIDTH, height: BADGE_LINE_HEIGHT + extra });
  });

  it('the panel goes where there is room, and is at most 60 % of the window', () => {
    expect(panelSide({ right: 16, bottom: 16 }, WINDOW)).toBe('up');
    expect(panelSide({ right: 16, bottom: 500 }, WINDOW)).toBe('down');
    expect(panelHeight({ width: 1024, height: 600 })).toBe(360);
    expect(panelHeight(WINDOW)).toBe(PANEL_MAX_HEIGHT);
  });

  it('a narrow window gets a narrower frame', () => {
    expect(frameBox({ right: 4, bottom: 4 }, { width: 300, height: 600 }, null).width).toBe(292);
  });
});
