// The merchant's own page script: picks the widget's language from ?lang= and reacts to its
// events, the way a real signup page would (redirect, analytics). Bundled by Vite into a hashed
// file, so the page needs no inline script under its CSP.
const widget = document.querySelector('omise-signup');
const welcome = document.getElementById('welcome');

const params = new URLSearchParams(location.search);
const lang = params.get('lang');
if (lang) {
  document.documentElement.lang = lang;
  widget?.setAttribute('locale', lang);
}
// The card fields are in the card frame (another origin) when the proxy names one; ?isolation=inline
// puts them in the page instead, to compare (the page's scripts can read them there).
if (params.get('isolation') === 'inline') widget?.setAttribute('card-isolation', 'inline');

widget?.addEventListener('omise-signup:success', (event) => {
  if (!welcome) return;
  const email = event.detail.email ?? 'you';
  welcome.textContent = `Welcome aboard! We sent a confirmation to ${email}. Your first bag ships this week.`;
  welcome.hidden = false;
});

widget?.addEventListener('omise-signup:error', (event) => {
  // A real page would send this to its error tracking, with the request id for support.
  console.info('signup failed', event.detail.code, event.detail.requestId ?? '');
});
