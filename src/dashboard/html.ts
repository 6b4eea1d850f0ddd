/**
 * The two pages the server writes: the login form, and the dashboard's shell, which the page's
 * script (page/main.ts) fills from `api/summary`. Both load only this module's own assets, by paths
 * relative to the dashboard's address, and carry no inline script or style.
 */
import type { Choice } from './language.js';
import { catalogues } from './language.js';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(choice: Choice, body: string, head = ''): string {
  const m = catalogues[choice.language];
  return (
    `<!doctype html><html lang="${choice.language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">` +
    `<title>${escape(`${m.title} · ${m.product}`)}</title>` +
    `<link rel="icon" href="assets/icon.svg" type="image/svg+xml"><link rel="stylesheet" href="assets/dashboard.css">${head}</head>` +
    `<body>${body}</body></html>`
  );
}

/** The login form; `problem` is a sentence saying why the last attempt was refused. */
export function loginPage(choice: Choice, problem?: string): string {
  const m = catalogues[choice.language];
  const error = problem ? `<p class="problem" id="problem" role="alert">${escape(problem)}</p>` : '';
  const described = problem ? ' aria-describedby="problem token-hint"' : ' aria-describedby="token-hint"';
  return page(
    choice,
    `<main class="login"><h1><span class="brand">${escape(m.product)}</span> ${escape(m.title)}</h1>` +
      `<p>${escape(m.login.intro)}</p>${error}` +
      `<form method="post" action="login"><label for="token">${escape(m.login.label)}</label>` +
      `<input id="token" name="token" type="password" autocomplete="current-password" required autofocus${described}>` +
      `<p class="hint" id="token-hint">${escape(m.login.hint)}</p>` +
      `<button type="submit">${escape(m.login.submit)}</button></form></main>`,
  );
}

/** What the page's script needs from the server: where things are and what the visitor reads. */
export interface ShellFacts {
  collectUrl: string;
  webhookUrl: string;
  hottokConfigured: boolean;
}

export function dashboardShell(choice: Choice, facts: ShellFacts): string {
  const m = catalogues[choice.language];
  const data = {
    locale: choice.locale,
    'collect-url': facts.collectUrl,
    'webhook-url': facts.webhookUrl,
    hottok: facts.hottokConfigured ? 'configured' : 'missing',
  };
  const attributes = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${escape(value)}"`)
    .join('');
  return page(
    choice,
    `<div id="dashboard"${attributes}><noscript><p class="problem">${escape(m.noscript)}</p></noscript>` +
      `<p class="loading">${escape(m.loading)}</p></div>`,
    `<link rel="modulepreload" href="assets/chart.js"><link rel="modulepreload" href="assets/${choice.language}.js">` +
      `<script type="module" src="assets/dashboard.js"></script>`,
  );
}
