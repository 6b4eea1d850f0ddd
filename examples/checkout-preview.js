// Shows the checkout URL the demo stopped, parameter by parameter, and, with the demo's loop server
// (npm start), simulates the sale Hotmart's webhook would then report. Text only: the URL came from
// the address bar, so it is never put into the page as markup. In the language of the page the
// visitor left (`lang`, which demo-checkout.js passes), English or Portuguese.
const WORDS = {
  en: {
    title: 'Checkout preview (demo)',
    nav: 'Examples',
    back: 'Back to the demo',
    heading: 'Checkout preview',
    lead: "The demo's stand-in for Hotmart's checkout. On your site, the visitor would now be on this URL:",
    noUrl: '(no URL given)',
    paramsHeading: 'What Hotmart receives',
    parameter: 'parameter',
    value: 'value',
    meaning: 'what it is',
    meanings: {
      af: 'the affiliate code (data-checkout-param): Hotmart credits this affiliate',
      off: "the offer (the button's offer attribute, or the link's own)",
      checkoutMode: "the checkout's layout (the link's own)",
      sck: "source tag, shown in Hotmart's sales-origin reports",
      src: 'source tag',
      xcod: "this visit's id (data-visit-param): Hotmart's webhook sends it back, so the sale joins the visit that made it",
      utm: 'campaign tag from the landing URL',
    },
    simulateHeading: "Then Hotmart's webhook: simulate the sale",
    simulateIntro:
      "On your site, Hotmart would now take the payment and send its webhook to your npx hotlinks-embed serve, naming this checkout's xcod. " +
      "Here the demo sends one itself, to its own loop server (the hotlinks-embed serve that npm start runs), which has already stored this visit and its departure to checkout.",
    simulated: 'The sale is simulated: nothing is sent to Hotmart, and no Hotmart account is needed.',
    credits: 'Hotmart credits',
    captured: (code) => `the affiliate this checkout carried, ${code}: the sale is credited as captured`,
    none: "no affiliate: the affiliate's credit is lost",
    other: (code) => `another affiliate, ${code}`,
    simulateButton: 'Simulate the Hotmart sale',
    sending: 'Sending…',
    sent: (price, credited, answer) => `Sent: an approved sale of ${price}, crediting ${credited}. The demo's loop server answered ${answer}.`,
    nobody: 'no affiliate',
    noXcod: 'This checkout carries no xcod: the sale will not join a visit.',
    failed: (problem) => `The simulated sale was not sent: ${problem}`,
    dashboardLink: 'Open the dashboard',
    dashboardLogin: (token) => ` (a new tab) and log in with the demo's dashboard token, ${token}, which npm start printed too. The sale is in its credit check.`,
    payload: 'The webhook the demo sent: what Hotmart would send',
  },
  'pt-BR': {
    title: 'Prévia do checkout (demonstração)',
    nav: 'Exemplos',
    back: 'Voltar à demonstração',
    heading: 'Prévia do checkout',
    lead: 'O substituto do checkout da Hotmart nesta demonstração. No seu site, o visitante estaria agora neste endereço:',
    noUrl: '(nenhum endereço recebido)',
    paramsHeading: 'O que a Hotmart recebe',
    parameter: 'parâmetro',
    value: 'valor',
    meaning: 'o que é',
    meanings: {
      af: 'o código do afiliado (data-checkout-param): a Hotmart credita este afiliado',
      off: 'a oferta (o atributo offer do botão, ou a do próprio link)',
      checkoutMode: 'o formato do checkout (o do próprio link)',
      sck: 'marcação de origem, que aparece nos relatórios de origem das vendas da Hotmart',
      src: 'marcação de origem',
      xcod: 'o id desta visita (data-visit-param): o webhook da Hotmart o devolve, e a venda se liga à visita que a trouxe',
      utm: 'marcação de campanha do endereço de chegada',
    },
    simulateHeading: 'Depois, o webhook da Hotmart: simule a venda',
    simulateIntro:
      'No seu site, a Hotmart agora receberia o pagamento e enviaria o webhook dela ao seu npx hotlinks-embed serve, com o xcod deste checkout. ' +
      'Aqui, a própria demonstração envia um ao servidor dela (o hotlinks-embed serve que o npm start roda), que já guardou esta visita e a saída para o checkout.',
    simulated: 'A venda é simulada: nada é enviado à Hotmart, e você não precisa de conta na Hotmart.',
    credits: 'A Hotmart credita',
    captured: (code) => `o afiliado que este checkout levou, ${code}: a venda fica creditada como capturada`,
    none: 'nenhum afiliado: o crédito do afiliado se perde',
    other: (code) => `outro afiliado, ${code}`,
    simulateButton: 'Simular a venda na Hotmart',
    sending: 'Enviando…',
    sent: (price, credited, answer) => `Enviada: uma venda aprovada de ${price}, creditando ${credited}. O servidor da demonstração respondeu ${answer}.`,
    nobody: 'nenhum afiliado',
    noXcod: 'Este checkout não leva xcod: a venda não vai se ligar a nenhuma visita.',
    failed: (problem) => `A venda simulada não foi enviada: ${problem}`,
    dashboardLink: 'Abrir o painel',
    dashboardLogin: (token) => ` (numa nova aba) e entrar com o token do painel da demonstração, ${token}, que o npm start também mostrou. A venda está na conferência de crédito.`,
    payload: 'O webhook que a demonstração enviou: o que a Hotmart enviaria',
  },
};
/** The affiliate "another affiliate" credits (scripts/demo-loop.mjs sends the same). */
const OTHER_AFFILIATE = 'X99887766Y';

const query = new URLSearchParams(location.search);
const language = (query.get('lang') ?? '').toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
const words = WORDS[language];
document.documentElement.lang = language;
document.title = words.title;
for (const element of document.querySelectorAll('[data-words]')) {
  const text = words[element.dataset.words];
  if (typeof text == 'string') element.textContent = text;
}
document.querySelector('nav').setAttribute('aria-label', words.nav);

const element = (name, text, attributes = {}) => Object.assign(document.createElement(name), { textContent: text, ...attributes });

const given = query.get('url');
let url = null;
if (given) {
  document.getElementById('url').textContent = given;
  try {
    url = new URL(given);
  } catch {
    url = null;
  }
  const body = document.getElementById('params');
  for (const [key, value] of url?.searchParams ?? []) {
    const row = body.insertRow();
    row.insertCell().append(element('code', key));
    row.insertCell().append(element('code', value));
    row.insertCell().textContent = words.meanings[key] ?? (key.startsWith('utm_') ? words.meanings.utm : '');
  }
}

/** The demo's loop server, when it runs: where its dashboard is, and its token. */
async function demoLoop() {
  try {
    const answer = await fetch('/demo/loop');
    const facts = answer.ok ? await answer.json() : null;
    return facts?.dashboard ? facts : null;
  } catch {
    return null;
  }
}

const loop = url && (await demoLoop());
if (loop) {
  const section = document.getElementById('simulate');
  const af = url.searchParams.get('af');
  const xcod = url.searchParams.get('xcod');
  const price = Number(query.get('price') ?? 197) || 197;
  const currency = /^[A-Z]{3}$/.test(query.get('currency') ?? '') ? query.get('currency') : 'BRL';
  const money = new Intl.NumberFormat(language, { style: 'currency', currency }).format(price);
  section.querySelector('[data-words="simulateIntro"]').textContent = words.simulateIntro + (xcod ? '' : ' ' + words.noXcod);

  // Whom Hotmart credits: the affiliate this checkout carried (when it carried one), nobody, or another.
  const choices = [...(af ? [['captured', words.captured(af)]] : []), ['none', words.none], ['other', words.other(OTHER_AFFILIATE)]];
  const credited = document.getElementById('credited');
  for (const [index, [value, label]] of choices.entries()) {
    const input = element('input', '', { type: 'radio', name: 'credited', value, id: `credited-${value}`, checked: index == 0 });
    const line = element('div', '');
    line.append(input, ' ', element('label', label, { htmlFor: input.id }));
    credited.append(line);
  }

  const form = document.getElementById('simulate-form');
  const button = document.getElementById('simulate-button');
  const result = document.getElementById('simulate-result');
  const dashboard = document.getElementById('dashboard');
  const payload = document.getElementById('payload');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const choice = new FormData(form).get('credited');
    button.disabled = true;
    result.textContent = words.sending;
    try {
      const answer = await fetch('/demo/simulate-sale', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ checkout: url.href, credited: choice, price, currency }),
      });
      const sent = await answer.json();
      if (!answer.ok) throw new Error(sent.error ?? `${answer.status}`);
      const code = sent.delivery.data.affiliates[0]?.affiliate_code;
      result.textContent = words.sent(money, code ?? words.nobody, `${sent.answer.status} ${sent.answer.body}`);
      const link = element('a', words.dashboardLink, { href: sent.dashboard, target: '_blank', rel: 'noopener' });
      dashboard.replaceChildren(link, words.dashboardLogin(loop.token));
      dashboard.hidden = false;
      payload.querySelector('pre').textContent = JSON.stringify(sent.delivery, null, 2);
      payload.hidden = false;
    } catch (error) {
      result.textContent = words.failed(error.message);
    } finally {
      button.disabled = false;
    }
  });
  section.hidden = false;
}
