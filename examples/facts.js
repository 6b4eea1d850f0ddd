// Demo only: what HotLinks knows on this page, in a <dl>, with the debug panel's facts (the same as
// ?hotlinks_debug=1). Shown again at once after every change (the `hotlinks-change` event: a
// capture, `HotLinks.clear()`, `consent()`) and whenever the page calls `update()`. Nothing here is
// needed on your site.
import { debugFacts } from '/dist/hotlinks-debug.js';

/**
 * Fills `container` with the facts; `adjust(facts)` may reword them (each is `[key, label, value]`). Returns `update()`, which shows
 * them again once the Buy buttons have re-rendered (the "checkout" fact is read from a button).
 */
export function showFacts(container, adjust = (facts) => facts) {
  const list = container.appendChild(document.createElement('dl'));
  const render = () =>
    list.replaceChildren(
      ...adjust(debugFacts()).flatMap(([key, label, value]) => {
        const detail = Object.assign(document.createElement('dd'), { textContent: value });
        detail.dataset.fact = key;
        return [Object.assign(document.createElement('dt'), { textContent: label }), detail];
      }),
    );
  // A microtask, then the buttons' own updates: Lit renders in microtasks, so no timer is needed.
  const update = () =>
    Promise.resolve()
      .then(() => Promise.all([...document.querySelectorAll('hotlink-buy-button')].map((button) => button.updateComplete)))
      .then(render);
  document.addEventListener('hotlinks-change', update);
  customElements.whenDefined('hotlink-buy-button').then(update);
  render();
  return update;
}
