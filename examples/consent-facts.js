// Demo only: what HotLinks knows, with the debug panel's facts (the same as ?hotlinks_debug=1),
// shown again as soon as the visitor answers the banner. HotLinks itself only knows "granted" or
// "pending"; the banner's answer (consent.js keeps it in localStorage) tells "declined" from "not asked yet".
import { showFacts } from './facts.js';

const answer = () => localStorage.getItem('consent:affiliate-cookie');
const update = showFacts(document.getElementById('facts'), (facts) =>
  facts.map(([key, label, value]) =>
    key == 'consent' && value != 'granted' && answer() == 'denied'
      ? [key, label, 'declined: nothing is written to this device (HotLinks.consent(false))']
      : [key, label, value],
  ),
);
// consent.js, loaded first, has called HotLinks.consent() by the time these run.
for (const id of ['consent-accept', 'consent-decline']) document.getElementById(id).addEventListener('click', update);
