/**
 * Which catalogue and which locale a visitor gets, from their `Accept-Language`: Portuguese for any
 * `pt` (Brazil's words, the visitor's own region for numbers and dates), English for any `en`. With
 * no header at all, Portuguese (the producers this is for are mostly Brazilian); with only other
 * languages listed, English.
 */
import { en, type Messages } from './messages/en.js';
import { ptBR } from './messages/pt-BR.js';

export type Language = 'pt-BR' | 'en';

export const catalogues: Record<Language, Messages> = { 'pt-BR': ptBR, en };

export interface Choice {
  language: Language;
  /** A BCP 47 tag Intl formats with: the visitor's own (`en-GB`, `pt-PT`) when it is valid, else the language's. */
  locale: string;
}

/** The tag as Intl writes it, when Intl knows how to format for it. */
function usable(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && Intl.NumberFormat.supportedLocalesOf([canonical]).length ? canonical : undefined;
  } catch {
    return undefined;
  }
}

export function negotiate(acceptLanguage: string | null | undefined): Choice {
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, order) => {
      const [tag, ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter(({ tag, q }) => tag && tag != '*' && q > 0 && q <= 1)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  if (!ranges.length) return { language: 'pt-BR', locale: 'pt-BR' };
  for (const { tag } of ranges) {
    const primary = tag.split('-')[0].toLowerCase();
    if (primary == 'pt') return { language: 'pt-BR', locale: (tag.includes('-') && usable(tag)) || 'pt-BR' };
    if (primary == 'en') return { language: 'en', locale: usable(tag) ?? 'en' };
  }
  return { language: 'en', locale: 'en' };
}
