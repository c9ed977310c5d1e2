import { normalizeSitePattern } from '../core/hosts/match-pattern';
import { publicSuffixProblem } from '../core/hosts/public-suffix';

/**
 * The checks every new site goes through, whoever brings it (Add site, an import,
 * the policy): a match pattern of one site, never a whole public suffix.
 *
 * crm.example.com   -> https://crm.example.com/*
 * *://*.com/*       -> refused: every .com site
 */
export function checkSitePattern(input: string): { ok: true; pattern: string } | { ok: false; message: string; pattern?: string } {
  const normalized = normalizeSitePattern(input);
  if (!normalized.ok) return normalized;
  const suffix = publicSuffixProblem(normalized.pattern);
  // The pattern it would have been, so a report can name it.
  return suffix ? { ok: false, message: suffix, pattern: normalized.pattern } : normalized;
}
