// The snippet builder's words, in Portuguese (Brazil) and English. The HotLink's own messages are not
// here: they are the Buy button's (`hotlinkProblemIn` from the package), so both say the same thing.

/**
 * The Buy button's default label in each of its languages (src/button/labels.ts, `buy`): the label
 * the builder offers until the producer writes their own. test/site/builder-words.test.ts keeps the two equal.
 */
export const DEFAULT_LABELS = { 'pt-BR': 'Comprar agora', en: 'Buy now', es: 'Comprar ahora' };

export const WORDS = {
  'pt-BR': {
    title: 'Monte o código do seu site',
    lead:
      'Cole o link de pagamento do seu produto, escolha como o botão vai ficar e copie as duas partes para o seu site: ' +
      'a primeira no cabeçalho (<code>&lt;head&gt;</code>) de todas as páginas, a segunda onde o botão vai aparecer. ' +
      'No WordPress: um plugin de cabeçalho e um bloco <em>HTML personalizado</em>.',
    buttonLegend: 'O botão de compra',
    hotlink: 'Seu HotLink de pagamento direto',
    hotlinkEmpty:
      'Cole o HotLink de pagamento direto do produto: ele começa com https://pay.hotmart.com/ e fica na Hotmart, em Produtos › Meus produtos, nos links do produto.',
    hotlinkOk: 'Link de pagamento certo: o botão leva até ele, com o código do afiliado.',
    hotlinkCompleted: (url) => `Faltava o https:// no começo; usamos ${url}. `,
    offer: 'Código da oferta',
    optional: '(opcional)',
    label: 'Texto do botão',
    price: 'Preço',
    currency: 'Moeda',
    lang: 'Idioma do botão',
    langs: { 'pt-BR': 'Português', en: 'Inglês', es: 'Espanhol' },
    mode: 'O pagamento abre',
    modes: { redirect: 'nesta aba', 'new-tab': 'numa nova aba', overlay: 'numa janela sobre a página' },
    variant: 'Cor',
    variants: { green: 'verde', orange: 'laranja', black: 'preto', outline: 'só o contorno' },
    size: 'Tamanho',
    sizes: { sm: 'pequeno', md: 'médio', lg: 'grande' },
    scriptLegend: 'O script (todas as páginas)',
    cookieDays: 'O afiliado fica com o crédito por',
    cookieDaysOptions: { 60: '60 dias', 90: '90 dias', 180: '180 dias', forever: 'o máximo possível (400 dias)' },
    attribution: 'Dois afiliados? O crédito fica com',
    attributions: { 'last-click': 'o último', 'first-click': 'o primeiro' },
    consent: 'Permissão para guardar o cookie',
    consents: {
      granted: 'não pergunto: guardar na hora',
      pending: 'meu aviso de cookies chama HotLinks.consent(true)',
      google: 'Google Consent Mode (ad_storage)',
      tcf: 'uma ferramenta de consentimento IAB TCF (__tcfapi)',
    },
    consentHints: {
      granted: 'O cookie é gravado assim que alguém chega pelo link de um afiliado.',
      pending:
        'Nada é gravado até o seu aviso de cookies chamar HotLinks.consent(true) (false apaga o cookie). Mesmo assim, o código chega aos links de pagamento da mesma página.',
      google: 'Segue o Google Consent Mode v2 da página: o cookie é gravado enquanto ad_storage estiver liberado (granted).',
      tcf: 'Segue a sua ferramenta de consentimento IAB TCF v2.2 (__tcfapi): o cookie é gravado quando a finalidade 1 tem consentimento, ou onde a GDPR não se aplica.',
    },
    crossDomain: 'Seus outros sites',
    crossDomainHint: '(opcional: o código acompanha o visitante até lá)',
    crossDomainPlaceholder: 'loja.exemplo.com.br, *.meu-curso.com.br',
    notHosts: (list) => `Não é o nome de um site: ${list} (escreva loja.exemplo.com.br, ou *.exemplo.com.br para todos os subdomínios; sem https://)`,
    live: 'Seu botão, ao vivo',
    liveNote: 'É o botão de verdade, do mesmo script que o seu site vai carregar: o texto e o preço aparecem como vão aparecer lá.',
    head: 'No <code>&lt;head&gt;</code> de todas as páginas',
    button: 'Onde o botão vai aparecer',
    copy: (part) => `Copiar a parte ${part}`,
    copied: (part) => `Parte ${part} copiada: agora cole no seu site.`,
    selected: 'Selecionado: aperte Ctrl+C (⌘C no Mac) para copiar.',
    hotlinkFirst: '(primeiro o seu HotLink)',
    files: (version) =>
      `Os arquivos vêm do jsDelivr, fixos na versão <span id="version">${version}</span>, com <code>integrity</code>: ` +
      'o navegador recusa qualquer arquivo que não seja o publicado. Para conferir, abra uma página do seu site com ' +
      '<code>?a=O95340038V&amp;hotlinks_debug=1</code> no fim do endereço e toque na aba <strong>HL</strong>, na borda esquerda: ' +
      'ela mostra o código capturado e para onde o botão leva.',
    missingSri: 'Os dados da versão (sri.json) não carregaram: recarregue a página.',
  },
  en: {
    title: 'Build your snippet',
    lead:
      "Paste your product's payment link, choose how the button looks, and copy the two parts into your site: " +
      'the first into the <code>&lt;head&gt;</code> of every page, the second where the button goes. ' +
      'On WordPress: a header plugin, and a <em>Custom HTML</em> block.',
    buttonLegend: 'The Buy button',
    hotlink: 'Your Direct Payment HotLink',
    hotlinkEmpty:
      "Paste your product's Direct Payment HotLink: it starts with https://pay.hotmart.com/, and you find it in Hotmart under Products › My products, in the product's links.",
    hotlinkOk: 'A checkout link: the button leads there, with the affiliate code added.',
    hotlinkCompleted: (url) => `It had no https:// at the start; we use ${url}. `,
    offer: 'Offer code',
    optional: '(optional)',
    label: 'Label',
    price: 'Price',
    currency: 'Currency',
    lang: "Button's language",
    langs: { 'pt-BR': 'Portuguese (Brazil)', en: 'English', es: 'Spanish' },
    mode: 'Checkout opens in',
    modes: { redirect: 'this tab', 'new-tab': 'a new tab', overlay: 'a window over the page' },
    variant: 'Colour',
    variants: { green: 'green', orange: 'orange', black: 'black', outline: 'outline' },
    size: 'Size',
    sizes: { sm: 'small', md: 'medium', lg: 'large' },
    scriptLegend: 'The script (every page)',
    cookieDays: 'The affiliate keeps the credit for',
    cookieDaysOptions: { 60: '60 days', 90: '90 days', 180: '180 days', forever: 'as long as possible (400 days)' },
    attribution: 'Two affiliates? The credit goes to',
    attributions: { 'last-click': 'the last one', 'first-click': 'the first one' },
    consent: 'Consent to store the cookie',
    consents: {
      granted: 'not asked: store it at once',
      pending: 'my banner calls HotLinks.consent(true)',
      google: 'Google Consent Mode (ad_storage)',
      tcf: 'an IAB TCF consent tool (__tcfapi)',
    },
    consentHints: {
      granted: 'The cookie is written as soon as a visitor arrives through an affiliate link.',
      pending:
        'Nothing is written until your consent banner calls HotLinks.consent(true) (false deletes it). The code still reaches checkout links on the same page.',
      google: 'Follows Google Consent Mode v2 on the page: the cookie is written while ad_storage is granted.',
      tcf: 'Follows your IAB TCF v2.2 consent tool (__tcfapi): the cookie is written once purpose 1 has consent, or where GDPR does not apply.',
    },
    crossDomain: 'Your other sites',
    crossDomainHint: '(optional: the code follows visitors there)',
    crossDomainPlaceholder: 'shop.example.com, *.my-course.com',
    notHosts: (list) => `Not a host name: ${list} (write shop.example.com, or *.example.com for every subdomain; no https://)`,
    live: 'Your button, live',
    liveNote: 'The real button, from the same script your site will load: its label and price show as they will there.',
    head: 'In the <code>&lt;head&gt;</code> of every page',
    button: 'Where the button goes',
    copy: (part) => `Copy part ${part}`,
    copied: (part) => `Part ${part} copied: paste it into your site.`,
    selected: 'Selected: press Ctrl+C (⌘C) to copy.',
    hotlinkFirst: '(your HotLink first)',
    files: (version) =>
      `The files come from jsDelivr, pinned to <span id="version">${version}</span>, with <code>integrity</code>: ` +
      'the browser refuses anything but the published files. To check, open a page of your site with ' +
      '<code>?a=O95340038V&amp;hotlinks_debug=1</code> added to its address and tap the <strong>HL</strong> tab at the left edge: ' +
      'it shows the captured code and where the button leads.',
    missingSri: "This version's data (sri.json) did not load: reload the page.",
  },
};
