// A project without JSX that uses every entry point, compiled against the packed package by
// test/package/typings.test.ts: it compiles as it is (the JSX typings for React and Preact are no
// error where neither is installed), and each line after a `@ts-expect-error` fails without it.
import { checkoutUrl, getAttribution, init, type Report } from 'hotlinks-embed';
import { defineBuyButton } from 'hotlinks-embed/define';
import { attributionCookie, resolveServerOptions } from 'hotlinks-embed/server';
import 'hotlinks-embed/hotlinks-capture.js';

init({ cookieDays: 90, forward: ['utm_source', 'sck'] });
export const url: string = checkoutUrl('https://pay.hotmart.com/A72242240H', { off: 'wlvonm69' });
export const affiliate: string | null | undefined = getAttribution()?.affiliate;
export const visit: string | undefined = getAttribution()?.visit;
export const report = (event: Report) => event.checkoutUrl;

defineBuyButton('buy-now');
const button = document.querySelector('hotlink-buy-button');
if (button) button.variant = 'orange';
// @ts-expect-error variant ("purple" is none of the variants)
if (button) button.variant = 'purple';

// The drop-in script's global: the page's queue before the script, as the README writes it ...
(window.HotLinks = window.HotLinks || []).push(['consent', true]);
window.HotLinks?.push(['consent', true], ['clear']);
// @ts-expect-error 'nope' (not a command)
window.HotLinks?.push(['nope']);
// @ts-expect-error getAttribution (the queue runs the page's commands only)
window.HotLinks?.push(['getAttribution']);
// ... and the running script after it.
const running = window.HotLinks;
if (running && !Array.isArray(running)) {
  running.consent(true);
  // @ts-expect-error 'yes' (consent takes a boolean)
  running.consent('yes');
}

export const cookie: string | null = attributionCookie(
  { url: 'https://www.shop.example/?a=O95340038V' },
  resolveServerOptions({ cookieDomain: 'shop.example' }),
);
// @ts-expect-error cookieDays (a number of days or "forever")
resolveServerOptions({ cookieDomain: 'shop.example', cookieDays: '90' });
