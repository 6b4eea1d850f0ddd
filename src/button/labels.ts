/** The button's own words, in the languages Hotmart sells in. */
export interface Labels {
  /** The default label, when the element has no light-DOM label. */
  buy: string;
  /** Read after the label in `new-tab` mode. */
  newTabHint: string;
  /** The overlay's accessible name and the iframe's title. */
  checkout: string;
  close: string;
  /** The overlay's way out when the checkout refuses to be framed. */
  openInNewTab: string;
}

const labels: Record<'pt-BR' | 'en' | 'es', Labels> = {
  'pt-BR': {
    buy: 'Comprar agora',
    newTabHint: '(abre em nova aba)',
    checkout: 'Pagamento',
    close: 'Fechar',
    openInNewTab: 'Abrir em nova aba',
  },
  en: {
    buy: 'Buy now',
    newTabHint: '(opens in a new tab)',
    checkout: 'Checkout',
    close: 'Close',
    openInNewTab: 'Open in a new tab',
  },
  es: {
    buy: 'Comprar ahora',
    newTabHint: '(se abre en una pestaña nueva)',
    checkout: 'Pago',
    close: 'Cerrar',
    openInNewTab: 'Abrir en una pestaña nueva',
  },
};

export type Language = keyof typeof labels;

/**
 * The supported language for a BCP 47 tag: `pt*` → `pt-BR`, `es*` → `es`, `en*` → `en`.
 * No tag means Portuguese (most producers are Brazilian); any other language gets English.
 */
export function languageOf(tag: string | null | undefined): Language {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return !primary || primary == 'pt' ? 'pt-BR' : primary == 'es' ? 'es' : 'en';
}

export const labelsFor = (language: Language): Labels => labels[language];
