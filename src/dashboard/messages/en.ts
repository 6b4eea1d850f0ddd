/**
 * The dashboard's words in English: the login page (rendered by the server) and the page (rendered
 * in the browser). pt-BR.ts has the same keys; a function takes what the sentence names, already
 * formatted for the visitor's locale.
 */
export const en = {
  product: 'HotLinks',
  title: 'Sales dashboard',
  noscript: 'This dashboard needs JavaScript to draw its tables and chart.',
  loading: 'Loading the numbers…',

  login: {
    intro: 'Enter the dashboard token to see your visits, sales and affiliate credit.',
    label: 'Dashboard token',
    submit: 'Log in',
    hint: 'npx hotlinks-embed serve prints the token when it starts (set it with HOTLINKS_DASHBOARD_TOKEN).',
    wrong: 'That is not this dashboard’s token. Check it and try again.',
    crossSite: 'This form can only be sent from the dashboard’s own page. Open the dashboard again and log in there.',
    malformed: 'The form did not arrive as a login form. Open the dashboard again and log in there.',
  },
  logout: 'Log out',

  range: {
    heading: 'Period',
    presets: 'Quick periods',
    lastDays: (days: number) => `Last ${days} days`,
    from: 'From',
    to: 'To',
    apply: 'Show',
    invalid: 'Choose a start date on or before the end date.',
    showing: (from: string, to: string) => `Showing ${from} to ${to} (UTC days).`,
  },
  failed: (status: string) => `The numbers could not be loaded (${status}).`,
  retry: 'Try again',
  sessionEnded: 'Your session has ended.',
  logInAgain: 'Log in again',

  headline: {
    heading: 'At a glance',
    visitsWithCode: 'Visits with an affiliate code',
    ofVisits: (visits: string) => `of ${visits} visits`,
    checkouts: 'Departures to checkout',
    perVisit: (rate: string) => `${rate} of visits`,
    sales: 'Approved sales',
    perCheckout: (rate: string) => `${rate} of departures`,
    revenue: 'Revenue',
    netOfRefunds: 'net of refunds and chargebacks',
    noRevenue: 'none yet',
    refunds: 'Refunds and chargebacks',
    refundsLine: (refunds: string, chargebacks: string) => `${refunds} refunded · ${chargebacks} charged back`,
    creditAlert: (sales: string, money: string) =>
      `${sales} sales lost their affiliate’s credit, or went to another affiliate (${money}).`,
    creditAlertLink: 'See the credit check',
  },

  chart: {
    heading: 'Visits, departures and sales per day',
    caption: 'Visits and departures on the left scale, sales on the right. The numbers are in the table below the chart.',
    tableToggle: 'The numbers per day, as a table',
    day: 'Day',
  },

  columns: {
    affiliate: 'Affiliate',
    source: 'Source (utm_source)',
    campaign: 'Campaign (utm_campaign)',
    visits: 'Visits',
    checkouts: 'Departures',
    checkoutRate: 'Departures per visit',
    sales: 'Sales',
    saleRate: 'Sales per departure',
    refunds: 'Refunds',
    revenue: (currency: string) => `Revenue (${currency})`,
    none: '(none)',
    sortHint: 'Press a column’s name to sort by it.',
  },
  affiliates: {
    heading: 'Affiliates',
    intro: 'What the visits each affiliate’s link brought did, from landing to sale.',
    empty: 'No visit with an affiliate code in this period.',
  },
  campaigns: {
    heading: 'Campaigns',
    intro: 'The same funnel per utm_source and utm_campaign the visitors arrived with.',
    empty: 'No visit in this period.',
  },

  credit: {
    heading: 'Credit check',
    intro:
      'Did Hotmart credit the affiliate the visitor came with? Every approved sale is joined to its visit through the xcod checkout parameter and lands in one of these classes.',
    class: 'Class',
    sales: 'Sales',
    revenue: 'Revenue',
    action: 'What it means, and what to do',
    classes: {
      asCaptured: 'Credited as captured',
      lost: 'Affiliate lost',
      otherAffiliate: 'Another affiliate credited',
      hotmartOnly: 'Credited by Hotmart only',
      unjoined: 'Not joined to a visit',
    },
    advice: {
      asCaptured: 'Hotmart credited the affiliate the visitor came with. Nothing to do.',
      lost:
        'The visitor came with an affiliate’s code, and Hotmart credited no affiliate. Send Hotmart support the transaction ids listed below. If most sales land here, Hotmart is not reading the code where the script puts it: try another data-checkout-param.',
      otherAffiliate:
        'Hotmart credited a different affiliate from the one whose link brought the visitor, usually through its own cookie from another affiliate’s link. Check that data-attribution (first or last click) matches your product’s rule at Hotmart; the transaction ids below settle it with your affiliates.',
      hotmartOnly: 'The visit carried no affiliate code, but Hotmart credited one through its own link. Nothing to do.',
      unjoined:
        'No visit recorded here matches the sale (no xcod, or one this server never issued): the buyer reached checkout from a page without the script, an e-mail or Hotmart’s own pages. Put the script on every page with a link to checkout.',
    },
    listHeading: 'Sales to look at',
    listIntro: 'The sales whose affiliate was lost or replaced, newest first.',
    listShowing: (shown: string, total: string) => `The newest ${shown} of ${total}.`,
    listEmpty: 'No sale lost its affiliate in this period.',
    transaction: 'Transaction',
    date: 'Approved',
    captured: 'Affiliate captured',
    credited: 'Affiliate credited by Hotmart',
    creditedNone: 'none',
    value: 'Value',
  },

  empty: {
    heading: 'Nothing here yet',
    lead: (from: string, to: string) =>
      `No visit and no sale between ${from} and ${to}. If this server is new, three settings connect it to your site and to Hotmart.`,
    collectHeading: 'On your site: send visits here',
    collectText: 'Add this attribute to the hotlinks.js script tag on every page of your site:',
    exampleText: 'For example:',
    webhookHeading: 'At Hotmart: send sales here',
    webhookText:
      'In Hotmart, open Tools → Webhook (API and notifications) → Register webhook. Paste this URL, choose version 2.0.0 and the purchase events (approved, complete, refunded, chargeback, canceled):',
    hottokHeading: 'At Hotmart: the hottok',
    hottokConfigured:
      'Hotmart shows its verification hottok on the webhook’s Authentication tab. This server already has a hottok: it must be that one, or every sale is refused.',
    hottokMissing:
      'Hotmart shows its verification hottok on the webhook’s Authentication tab. Copy it and start this server with HOTMART_HOTTOK=<that hottok>: until then every sale Hotmart sends is refused.',
    local: (host: string) =>
      `You opened this dashboard at ${host}, which only this computer can reach. Your visitors’ browsers and Hotmart need a public https address for this server, such as one behind your site’s reverse proxy.`,
    copy: 'Copy',
    copied: 'Copied',
  },
  noSales: (url: string) =>
    `Visits arrive, but Hotmart sent no sale in this period. Is the webhook registered at Hotmart with ${url}?`,
};

export type Messages = typeof en;
