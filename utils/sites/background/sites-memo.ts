import { browser } from 'wxt/browser';
import type { SiteConfig } from '../sites-messages';
import { siteConfigFor } from './site-config-for';
import { areaName } from '../../core/storage/storage-keys';
import { readSites, SITES_KEY } from '../store';
import type { Site } from '../schema';

// The site list, unsealed once and kept in memory until it changes: every
// content script asks for its configuration, and every lead question is checked
// against its page's mode, so reading (and decrypting) it each time would sit
// in front of every badge.

export interface SitesMemo {
  sites(): Promise<Site[]>;
  /** The configuration of the page `href` (the sender's address, never one a message names). */
  configFor(href: string): Promise<SiteConfig>;
}

export function createSitesMemo(): SitesMemo {
  let current: Promise<Site[]> | null = null;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && areaName(SITES_KEY) in changes) current = null;
  });
  const sites = () => (current ??= readSites().then((read) => read.sites));
  return { sites, configFor: async (href) => siteConfigFor(await sites(), href) };
}
