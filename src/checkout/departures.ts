/**
 * The visitor leaving for checkout: a click on a checkout link or the submission of a checkout form
 * (after decorating it) is announced with the cancelable `hotlink-checkout` event; a cancelled one
 * stays on the page. Links to the producer's other sites are decorated here too, but announce nothing.
 */
import { LINKS, type LinkDecorator } from './decorate-links.js';

export function watchDepartures(
  decorator: LinkDecorator,
  isCheckout: (url: string) => boolean,
  begin: (url: string, source: Element) => boolean,
): void {
  const onDeparture = (event: Event) => {
    const el = (event.target as Element).closest?.(event.type == 'submit' ? 'form[action]' : LINKS);
    const url = el && decorator.element(el);
    if (url && isCheckout(url) && !begin(url, el)) event.preventDefault();
  };
  document.addEventListener('click', onDeparture, true);
  document.addEventListener('submit', onDeparture, true);
}
