/**
 * The visitor leaving for checkout: a click (a middle-click too) on a checkout link or the
 * submission of a checkout form (after decorating it) is announced with the cancelable
 * `hotlinks-checkout` event; a cancelled one stays on the page. Links inside other components'
 * shadow roots count. A form goes where its submit button says (`formaction`), when it says so.
 * Links to the producer's other sites are decorated here too, but announce nothing.
 */
import { closest, listen } from '../page/dom.js';
import { LINKS, type LinkDecorator, eventTarget } from './decorate-links.js';

export function watchDepartures(
  decorator: LinkDecorator,
  isCheckout: (url: string) => boolean,
  begin: (url: string, source: Element) => boolean,
): void {
  const onDeparture = (event: Event) => {
    // Only the middle button opens a link: a right-click's `auxclick` is the context menu.
    if (event.type == 'auxclick' && (event as MouseEvent).button != 1) return;
    const submitter = (event as SubmitEvent).submitter;
    const el =
      event.type == 'submit'
        ? submitter?.hasAttribute('formaction')
          ? submitter
          : (eventTarget(event) as Element)
        : closest(eventTarget(event), LINKS);
    const url = el && decorator.element(el);
    if (url && isCheckout(url) && !begin(url, el)) event.preventDefault();
  };
  for (const type of ['click', 'auxclick', 'submit']) listen(document, type, onDeparture, true);
}
