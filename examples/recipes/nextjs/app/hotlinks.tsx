'use client';
// Runs in the browser when this module loads: HotLinks starts, and <hotlink-buy-button> is
// registered. Imports run first, then init(), before any button's first render (a microtask later),
// so the buttons use these settings. On the server nothing starts: the module is only rendered.
import { init } from 'hotlinks-embed';
import 'hotlinks-embed/define';

if (typeof window !== 'undefined') {
  init({ cookieDays: 90, collect: '/api/hotlinks' });
}

/** Put once in the root layout: it renders nothing, and brings this module to every page. */
export function HotLinks() {
  return null;
}
