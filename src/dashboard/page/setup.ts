/**
 * The empty dashboard: what to paste where, with this server's own addresses, so that visits and
 * sales start to arrive. Also the one-line notice for a dashboard with visits and no sale.
 */
import { h, uniqueId } from './dom.js';
import type { View } from './view.js';

/** Loopback and private-network hosts: Hotmart and visitors' browsers cannot reach them. */
const LOCAL = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|10(\.\d{1,3}){3}|192\.168(\.\d{1,3}){2}|172\.(1[6-9]|2\d|3[01])(\.\d{1,3}){2})$/;

/** A value to paste, with a button that copies it. */
function pasteable(value: string, { m }: View): HTMLElement {
  const button = h('button', { type: 'button', class: 'copy' }, m.empty.copy);
  button.addEventListener('click', () => {
    navigator.clipboard?.writeText(value).then(
      () => {
        button.textContent = m.empty.copied;
        setTimeout(() => (button.textContent = m.empty.copy), 2000);
      },
      () => {}, // no clipboard here (an http page, a refusal): the value stays there to select
    );
  });
  return h('div', { class: 'paste' }, h('code', null, value), button);
}

export function setup(from: string, to: string, view: View): HTMLElement {
  const { m, f } = view;
  const heading = uniqueId('setup');
  const attribute = `data-collect="${view.collectUrl}"`;
  const host = new URL(view.collectUrl).hostname;
  const step = (name: string, title: string, ...body: (Node | string | null)[]) =>
    h('li', { 'data-step': name }, h('h3', null, title), ...body);
  return h(
    'section',
    { 'aria-labelledby': heading, class: 'setup' },
    h('h2', { id: heading }, m.empty.heading),
    h('p', { class: 'intro' }, m.empty.lead(f.day(from), f.day(to))),
    LOCAL.test(host) ? h('p', { class: 'alert', 'data-alert': 'local' }, m.empty.local(host)) : null,
    h(
      'ol',
      { class: 'steps' },
      step(
        'collect',
        m.empty.collectHeading,
        h('p', null, m.empty.collectText),
        pasteable(attribute, view),
        h('p', { class: 'example' }, m.empty.exampleText, ' ', h('code', null, `<script src="…/hotlinks.js" ${attribute} defer></script>`)),
      ),
      step('webhook', m.empty.webhookHeading, h('p', null, m.empty.webhookText), pasteable(view.webhookUrl, view)),
      step('hottok', m.empty.hottokHeading, h('p', { 'data-hottok': view.hottokConfigured ? 'configured' : 'missing' }, view.hottokConfigured ? m.empty.hottokConfigured : m.empty.hottokMissing)),
    ),
  );
}

export const noSalesNotice = (view: View) => h('p', { class: 'alert', 'data-alert': 'no-sales' }, view.m.noSales(view.webhookUrl));
