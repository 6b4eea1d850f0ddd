/** The dashboard's words in Portuguese (Brazil): the same keys as en.ts. */
import type { Messages } from './en.js';

export const ptBR: Messages = {
  product: 'HotLinks',
  title: 'Painel de vendas',
  noscript: 'Este painel precisa de JavaScript para desenhar as tabelas e o gráfico.',
  loading: 'Carregando os números…',

  login: {
    intro: 'Digite o token do painel para ver suas visitas, vendas e o crédito dos afiliados.',
    label: 'Token do painel',
    submit: 'Entrar',
    hint: 'O npx hotlinks-embed serve mostra o token ao iniciar (defina-o com HOTLINKS_DASHBOARD_TOKEN).',
    wrong: 'Esse não é o token deste painel. Confira e tente de novo.',
    crossSite: 'Este formulário só pode ser enviado pela própria página do painel. Abra o painel de novo e entre por lá.',
    malformed: 'O formulário não chegou como um formulário de entrada. Abra o painel de novo e entre por lá.',
  },
  logout: 'Sair',

  range: {
    heading: 'Período',
    presets: 'Períodos rápidos',
    lastDays: (days) => `Últimos ${days} dias`,
    from: 'De',
    to: 'Até',
    apply: 'Mostrar',
    invalid: 'Escolha uma data inicial igual ou anterior à data final.',
    showing: (from, to) => `Mostrando de ${from} a ${to} (dias em UTC).`,
  },
  failed: (status) => `Não foi possível carregar os números (${status}).`,
  retry: 'Tentar de novo',
  sessionEnded: 'Sua sessão terminou.',
  logInAgain: 'Entrar de novo',

  headline: {
    heading: 'Resumo',
    visitsWithCode: 'Visitas com código de afiliado',
    ofVisits: (visits) => `de ${visits} visitas`,
    checkouts: 'Saídas para o checkout',
    perVisit: (rate) => `${rate} das visitas`,
    sales: 'Vendas aprovadas',
    perCheckout: (rate) => `${rate} das saídas`,
    revenue: 'Faturamento',
    netOfRefunds: 'descontados reembolsos e chargebacks',
    noRevenue: 'nenhum ainda',
    refunds: 'Reembolsos e chargebacks',
    refundsLine: (refunds, chargebacks) => `${refunds} reembolsadas · ${chargebacks} com chargeback`,
    creditAlert: (sales, money) => `${sales} vendas perderam o crédito do afiliado, ou foram para outro afiliado (${money}).`,
    creditAlertLink: 'Veja a conferência de crédito',
  },

  chart: {
    heading: 'Visitas, saídas e vendas por dia',
    caption: 'Visitas e saídas na escala da esquerda, vendas na da direita. Os números estão na tabela abaixo do gráfico.',
    tableToggle: 'Os números por dia, em tabela',
    day: 'Dia',
  },

  columns: {
    affiliate: 'Afiliado',
    source: 'Origem (utm_source)',
    campaign: 'Campanha (utm_campaign)',
    visits: 'Visitas',
    checkouts: 'Saídas',
    checkoutRate: 'Saídas por visita',
    sales: 'Vendas',
    saleRate: 'Vendas por saída',
    refunds: 'Reembolsos',
    revenue: (currency) => `Faturamento (${currency})`,
    none: '(nenhuma)',
    sortHint: 'Pressione o nome de uma coluna para ordenar por ela.',
  },
  affiliates: {
    heading: 'Afiliados',
    intro: 'O que fizeram as visitas trazidas pelo link de cada afiliado, da chegada à venda.',
    empty: 'Nenhuma visita com código de afiliado neste período.',
  },
  campaigns: {
    heading: 'Campanhas',
    intro: 'O mesmo funil por utm_source e utm_campaign com que os visitantes chegaram.',
    empty: 'Nenhuma visita neste período.',
  },

  credit: {
    heading: 'Conferência de crédito',
    intro:
      'A Hotmart creditou o afiliado com quem o visitante chegou? Cada venda aprovada é ligada à sua visita pelo parâmetro xcod do checkout e cai em uma destas classes.',
    class: 'Classe',
    sales: 'Vendas',
    revenue: 'Faturamento',
    action: 'O que significa, e o que fazer',
    classes: {
      asCaptured: 'Creditada como capturada',
      lost: 'Afiliado perdido',
      otherAffiliate: 'Outro afiliado creditado',
      hotmartOnly: 'Creditada só pela Hotmart',
      unjoined: 'Sem visita ligada',
    },
    advice: {
      asCaptured: 'A Hotmart creditou o afiliado com quem o visitante chegou. Nada a fazer.',
      lost:
        'O visitante chegou com o código de um afiliado, e a Hotmart não creditou afiliado nenhum. Envie ao suporte da Hotmart os ids das transações listadas abaixo. Se a maioria das vendas cai aqui, a Hotmart não está lendo o código onde o script o coloca: experimente outro data-checkout-param.',
      otherAffiliate:
        'A Hotmart creditou um afiliado diferente daquele cujo link trouxe o visitante, em geral pelo próprio cookie dela, vindo do link de outro afiliado. Confira se o data-attribution (primeiro ou último clique) segue a regra do seu produto na Hotmart; os ids das transações abaixo resolvem a questão com seus afiliados.',
      hotmartOnly: 'A visita não trazia código de afiliado, mas a Hotmart creditou um pelo próprio link dela. Nada a fazer.',
      unjoined:
        'Nenhuma visita registrada aqui corresponde à venda (sem xcod, ou com um que este servidor nunca emitiu): o comprador chegou ao checkout por uma página sem o script, um e-mail ou as páginas da própria Hotmart. Coloque o script em todas as páginas com link para o checkout.',
    },
    listHeading: 'Vendas para conferir',
    listIntro: 'As vendas cujo afiliado foi perdido ou trocado, das mais novas às mais antigas.',
    listShowing: (shown, total) => `As ${shown} mais novas de ${total}.`,
    listEmpty: 'Nenhuma venda perdeu o afiliado neste período.',
    transaction: 'Transação',
    date: 'Aprovada em',
    captured: 'Afiliado capturado',
    credited: 'Afiliado creditado pela Hotmart',
    creditedNone: 'nenhum',
    value: 'Valor',
  },

  empty: {
    heading: 'Nada por aqui ainda',
    lead: (from, to) =>
      `Nenhuma visita e nenhuma venda entre ${from} e ${to}. Se este servidor é novo, três ajustes o ligam ao seu site e à Hotmart.`,
    collectHeading: 'No seu site: envie as visitas para cá',
    collectText: 'Acrescente este atributo à tag script do hotlinks.js em todas as páginas do seu site:',
    exampleText: 'Por exemplo:',
    webhookHeading: 'Na Hotmart: envie as vendas para cá',
    webhookText:
      'Na Hotmart, abra Ferramentas → Webhook (API e notificações) → Cadastrar Webhook. Cole este endereço, escolha a versão 2.0.0 e os eventos de compra (aprovada, completa, reembolsada, chargeback, cancelada):',
    hottokHeading: 'Na Hotmart: o hottok',
    hottokConfigured:
      'A Hotmart mostra o hottok de verificação na aba Autenticação do webhook. Este servidor já tem um hottok: ele precisa ser esse, ou todas as vendas são recusadas.',
    hottokMissing:
      'A Hotmart mostra o hottok de verificação na aba Autenticação do webhook. Copie-o e inicie este servidor com HOTMART_HOTTOK=<esse hottok>: até lá, toda venda que a Hotmart enviar é recusada.',
    local: (host) =>
      `Você abriu este painel em ${host}, que só este computador alcança. Os navegadores dos seus visitantes e a Hotmart precisam de um endereço https público para este servidor, como um atrás do proxy reverso do seu site.`,
    copy: 'Copiar',
    copied: 'Copiado',
  },
  noSales: (url) => `As visitas chegam, mas a Hotmart não enviou nenhuma venda neste período. O webhook está cadastrado na Hotmart com ${url}?`,
};
