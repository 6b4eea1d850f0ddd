/**
 * The overlay: checkout in a modal `<dialog>` inside the button's shadow root. Opened synchronously
 * from the click, so Escape and the close button work from the first instant; the close button
 * holds focus on open, and `onClosed` hands focus back to the Buy button.
 */
import { html } from 'lit';
import type { Labels } from './labels.js';

const close = (event: Event) => (event.currentTarget as Element).closest('dialog')!.close();

// Escape is handled here too, not only by the browser's own `cancel`: the overlay must close on
// Escape wherever focus sits in our document, in every engine.
const onKeydown = (event: KeyboardEvent) => {
  if (event.key != 'Escape') return;
  event.preventDefault();
  close(event);
};

export const overlay = (labels: Labels, onClosed: () => void) =>
  html`<dialog part="dialog" aria-label=${labels.checkout} @keydown=${onKeydown} @close=${onClosed}>
    <div class="bar">
      <a part="new-tab" target="_blank" rel="noopener" @click=${close}>${labels.openInNewTab}</a>
      <button part="close" type="button" @click=${close}>${labels.close}</button>
    </div>
  </dialog>`;

/** Shows `url` in the overlay rendered by `overlay()` and puts focus on its close button. */
export function showOverlay(dialog: HTMLDialogElement, url: string, title: string): void {
  // Made on first open: a page with overlay buttons does not load a frame for each.
  let frame = dialog.querySelector('iframe');
  if (!frame) {
    frame = document.createElement('iframe');
    frame.allow = 'payment';
    frame.src = url;
    dialog.append(frame);
  }
  frame.title = title;
  // Reopening the same checkout keeps what the buyer already typed.
  if (frame.getAttribute('src') != url) frame.src = url;
  dialog.querySelector('a')!.href = url;
  if (!dialog.open) dialog.showModal();
  dialog.querySelector('button')!.focus();
}
