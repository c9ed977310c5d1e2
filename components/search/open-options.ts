import { browser } from 'wxt/browser';
import { optionsPath, type OptionsField } from '../../utils/search/options-link';

/** The options page, opened on the field to fix when there is one (CONTRACTS §6). */
export function openOptions(field?: OptionsField | null): void {
  if (!field) {
    void browser.runtime.openOptionsPage();
    return;
  }
  // The page focuses the field its address names.
  void browser.tabs.create({ url: browser.runtime.getURL(optionsPath(field) as '/options.html') });
}
