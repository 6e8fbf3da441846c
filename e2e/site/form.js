// The widget inside the merchant's own form: only its endpoint and card frame come from the test stack.
const widget = document.querySelector('omise-signup');
widget.setAttribute('endpoint', window.e2eEnv.endpoint);
if (new URLSearchParams(location.search).get('isolation') === 'inline') widget.setAttribute('card-isolation', 'inline');
else widget.setAttribute('card-frame-url', window.e2eEnv.cardFrameUrl);
