// Puts `<omise-signup>` elements on the page as a merchant would, configured from the query
// string: ?widgets=2&card=optional&description=Gold%20plan&locale=th&keys=true&timeout=1500.
// The card fields are in the card frame (card-frame-url), or inline with ?isolation=inline.
const params = new URLSearchParams(location.search);
const env = window.e2eEnv;
const main = document.querySelector('main');
const count = Number(params.get('widgets') ?? '1');

for (let i = 1; i <= count; i++) {
  const region = document.createElement('section');
  region.setAttribute('aria-labelledby', `signup-${i}-title`);
  const title = document.createElement('h2');
  title.id = `signup-${i}-title`;
  title.textContent = `Signup ${i}`;
  const widget = document.createElement('omise-signup');
  widget.className = 'signup-host';
  widget.setAttribute('endpoint', env.endpoint);
  for (const name of ['card', 'description', 'locale']) {
    const value = params.get(name);
    if (value !== null) widget.setAttribute(name, value);
  }
  if (params.get('isolation') === 'inline') widget.setAttribute('card-isolation', 'inline');
  else widget.setAttribute('card-frame-url', env.cardFrameUrl);
  if (params.get('timeout')) widget.setAttribute('token-timeout-ms', params.get('timeout'));
  if (params.get('keys') === 'true') {
    widget.setAttribute('public-key', env.publicKey);
    widget.setAttribute('omise-js-url', env.omiseJsUrl);
  }
  region.append(title, widget);
  main.append(region);
}
