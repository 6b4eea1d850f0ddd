/**
 * Following the site's consent tool (`consent: 'google' | 'tcf'`). The ESM package imports
 * `consent-tools.ts`; the drop-ins load it as their companion `hotlinks-consent.js`, only on sites
 * that use a consent tool. Until it arrives the attribution stays in memory, as it would while the
 * tool has not answered: it reads the commands already on the page, so none is missed.
 */
import { loadBeside } from '../companions.js';
import * as tools from './consent-tools.js';

export function followConsentTool(tool: string, decide: (granted: boolean, final: boolean) => void): void {
  if (tool != 'google' && tool != 'tcf') return;
  if (DROPIN) loadBeside<typeof tools>('hotlinks-consent.js', 'the consent tool is not followed, so nothing is stored on this page').then((loaded) => loaded.followConsentTool(tool, decide), () => {});
  else tools.followConsentTool(tool, decide);
}
