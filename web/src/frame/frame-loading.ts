/**
 * When the card frame starts loading: the one place that decides it.
 *
 * Now: as soon as the widget renders its card section, which is when the widget is on the page
 * (`<omise-signup>` connected, or `mount()` called), so the fields are ready by the time the
 * shopper has typed an email. The frame then loads its script, greets the widget, gets its
 * settings and renders; Omise.js loads when the shopper first focuses the form.
 */
export function loadCardFrame(iframe: HTMLIFrameElement, src: string): void {
  iframe.src = src;
}
