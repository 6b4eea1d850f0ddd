/**
 * Following the site's consent tool (`consent: 'google' | 'tcf'`). The ESM package imports
 * `consent-tools.ts`; the drop-ins load it as their companion `hotlinks-consent.js`, only on sites
 * that use a consent tool. Until it arrives the attribution stays in memory, as it would while the
 * tool has not answered: it reads the commands already on the page, so none is missed.
 */
import { companion } from '../dropin/companions.js';

/** What the visitor has answered: `waiting` while the site's consent tool or banner has not. */
export type ConsentState = 'granted' | 'refused' | 'waiting';
import * as tools from './consent-tools.js';

export function followConsentTool(tool: string, decide: (granted: boolean, final: boolean) => void): void {
  if (tool != 'google' && tool != 'tcf') return;
  companion('hotlinks-consent.js', 'the consent tool is not followed: nothing is stored', DROPIN || tools, (loaded) => loaded[tool](decide));
}
